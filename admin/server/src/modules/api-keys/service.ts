import type { HubDb } from '../../db/database.js';
import { forbidden } from '../../http/problems.js';
import { randomId, randomToken, sha256Hex } from '../../security/tokens.js';
import { findActiveApiKeyByHash, insertApiKey } from './repository.js';
import type { ApiKeyRow } from './repository.js';

/** Open311 clients' channels; `kiosk` is reserved for the fleet API. */
export const API_KEY_CHANNELS = ['web', 'phone', 'counter', 'app'] as const;
export type ApiKeyChannel = (typeof API_KEY_CHANNELS)[number];

export async function createApiKey(
  db: HubDb,
  tenantId: string,
  label: string,
  channel: ApiKeyChannel,
  now = new Date(),
): Promise<{ id: string; key: string }> {
  const key = randomToken();
  const row: ApiKeyRow = {
    id: randomId('key'),
    tenant_id: tenantId,
    key_hash: sha256Hex(key),
    label,
    channel,
    created_at: now.toISOString(),
    revoked_at: null,
  };
  await insertApiKey(db, row);
  return { id: row.id, key };
}

/** Open311: a missing, unknown, revoked or other-municipality key is 403. */
export async function requireApiKey(db: HubDb, tenantId: string, key: string | undefined): Promise<ApiKeyRow> {
  if (key === undefined || key === '') throw forbidden('api-key-missing', 'api_key is required');
  const row = await findActiveApiKeyByHash(db, sha256Hex(key));
  if (row === undefined || row.tenant_id !== tenantId) throw forbidden('api-key-invalid', 'api_key is not valid');
  return row;
}
