import type { HubDb } from '../../db/database.js';
import { badRequest, forbidden } from '../../http/problems.js';
import { secretContexts } from '../../security/secret-box.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { SessionUser } from '../auth/service.js';
import type { ForwardingOutboxView, ForwardingSettingsInput, ForwardingSettingsView } from './contract.js';
import { findSettings, listOutbox, upsertSettings } from './repository.js';

/** Characters of the CRM's api_key the console may show, to tell keys apart. */
export const API_KEY_HINT_CHARS = 4;
/** Rows the outbox view lists, newest first. */
export const OUTBOX_VIEW_LIMIT = 200;

/** Forwarding points the municipality's cases at another system: an admin decision. */
function requireAdmin(user: SessionUser): void {
  if (user.role !== 'admin') throw forbidden('forbidden-role', 'only an admin may see or change case forwarding');
}

function hint(apiKey: string): string {
  return apiKey.length <= API_KEY_HINT_CHARS * 2 ? '…' : `…${apiKey.slice(-API_KEY_HINT_CHARS)}`;
}

/** What the error names when the stored api_key cannot be opened: never the value. */
export const API_KEY_WHAT = 'CRM api_key';

/** The CRM's api_key, opened; a SecretUnreadableError (503 secret-unreadable) when no key of the ring fits. */
export function openApiKey(secrets: SecretBox, tenantId: string, sealed: string): string {
  return secrets.open(sealed, secretContexts.forwardingApiKey(tenantId), API_KEY_WHAT);
}

/**
 * The api_key is stored sealed (security/secret-box.ts, bound to the municipality); the console
 * only ever sees its hint, computed from the opened value.
 */
export async function readForwardingSettings(db: HubDb, secrets: SecretBox, user: SessionUser): Promise<ForwardingSettingsView> {
  requireAdmin(user);
  const row = await findSettings(db, user.tenantId);
  if (row === undefined) return { configured: false, baseUrl: null, jurisdictionId: null, apiKeyHint: null, format: 'json', enabled: false, enabledAt: null };
  return {
    configured: true,
    baseUrl: row.base_url,
    jurisdictionId: row.jurisdiction_id,
    apiKeyHint: hint(openApiKey(secrets, user.tenantId, row.api_key)),
    format: row.format,
    enabled: row.enabled === 1,
    enabledAt: row.enabled_at,
  };
}

/** A new api_key is sealed; an unchanged one is kept as stored, never opened here. */
export async function saveForwardingSettings(db: HubDb, secrets: SecretBox, user: SessionUser, input: ForwardingSettingsInput, now: Date): Promise<ForwardingSettingsView> {
  requireAdmin(user);
  const existing = await findSettings(db, user.tenantId);
  const apiKey = input.apiKey !== undefined ? secrets.seal(input.apiKey, secretContexts.forwardingApiKey(user.tenantId)) : existing?.api_key;
  if (apiKey === undefined) throw badRequest('api-key-missing', 'the first settings must include the CRM api_key');
  const wasEnabled = existing?.enabled === 1;
  // Only cases filed from the moment forwarding is (re)switched on are forwarded.
  const enabledAt = input.enabled ? (wasEnabled ? (existing?.enabled_at ?? now.toISOString()) : now.toISOString()) : null;
  await upsertSettings(db, {
    tenant_id: user.tenantId,
    base_url: input.baseUrl,
    jurisdiction_id: input.jurisdictionId,
    api_key: apiKey,
    format: input.format,
    enabled: input.enabled ? 1 : 0,
    enabled_at: enabledAt,
    updated_at: now.toISOString(),
  });
  return readForwardingSettings(db, secrets, user);
}

export async function readForwardingOutbox(db: HubDb, user: SessionUser): Promise<ForwardingOutboxView> {
  requireAdmin(user);
  const rows = await listOutbox(db, user.tenantId, OUTBOX_VIEW_LIMIT);
  return {
    items: rows.map((r) => ({
      requestId: r.request_id,
      state: r.state,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastErrorCode: r.last_error_code,
      lastErrorDetail: r.last_error_detail,
      externalId: r.external_id,
    })),
  };
}
