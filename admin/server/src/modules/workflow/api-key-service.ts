import type { HubDb } from '../../db/database.js';
import { HubProblem, notFound } from '../../http/problems.js';
import type { SessionUser } from '../auth/service.js';
import { createApiKey } from '../api-keys/service.js';
import type { ApiKeyChannel } from '../api-keys/service.js';
import { findApiKeyByLabel } from '../api-keys/repository.js';
import { recordAudit } from './audit.js';
import type { Actor } from './audit.js';
import { findTenantApiKey, listTenantApiKeys, revokeApiKeyRow } from './api-key-repository.js';
import type { ApiKeyListRow } from './api-key-repository.js';
import type { ApiKeySummary } from './contract.js';
import { KEY_ADMINS, requireRole } from './roles.js';

/** Open311 API keys for third-party clients, managed from the console: create (shown once), list, revoke. */

function summary(row: ApiKeyListRow): ApiKeySummary {
  return { id: row.id, label: row.label, channel: row.channel, createdAt: row.created_at, revokedAt: row.revoked_at };
}

export async function listApiKeys(db: HubDb, user: SessionUser): Promise<ApiKeySummary[]> {
  requireRole(user, KEY_ADMINS, 'manage API keys');
  return (await listTenantApiKeys(db, user.tenantId)).map(summary);
}

/** The key is in this answer and nowhere else: only its sha256 is stored. */
export async function issueApiKey(
  db: HubDb,
  actor: Actor,
  label: string,
  channel: ApiKeyChannel,
  now = new Date(),
): Promise<ApiKeySummary & { key: string }> {
  requireRole(actor.user, KEY_ADMINS, 'manage API keys');
  return db.transaction().execute(async (trx) => {
    // Labels name keys in the console and in the audit trail, so they must tell keys apart.
    if ((await findApiKeyByLabel(trx, actor.user.tenantId, label)) !== undefined) {
      throw new HubProblem(409, 'label-taken', 'another API key already has this label; choose another');
    }
    const created = await createApiKey(trx, actor.user.tenantId, label, channel, now);
    await recordAudit(trx, actor, { action: 'api-key.create', targetType: 'api-key', targetId: created.id, details: { channel }, at: now });
    return { id: created.id, label, channel, createdAt: now.toISOString(), revokedAt: null, key: created.key };
  });
}

/** Revokes a key of the user's municipality; revoking a revoked key changes nothing and says so by its date. */
export async function revokeApiKey(db: HubDb, actor: Actor, id: string, now = new Date()): Promise<ApiKeySummary> {
  requireRole(actor.user, KEY_ADMINS, 'manage API keys');
  return db.transaction().execute(async (trx) => {
    if ((await findTenantApiKey(trx, actor.user.tenantId, id)) === undefined) throw notFound('unknown-api-key', 'no API key of your municipality has this id');
    if (await revokeApiKeyRow(trx, actor.user.tenantId, id, now.toISOString())) {
      await recordAudit(trx, actor, { action: 'api-key.revoke', targetType: 'api-key', targetId: id, details: {}, at: now });
    }
    const row = await findTenantApiKey(trx, actor.user.tenantId, id);
    if (row === undefined) throw new Error(`API key ${id} vanished while it was revoked`);
    return summary(row);
  });
}
