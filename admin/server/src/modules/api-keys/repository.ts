import type { HubDb } from '../../db/database.js';
import type { ApiKeysTable } from '../../db/schema.js';

export type ApiKeyRow = ApiKeysTable;

export async function findActiveApiKeyByHash(db: HubDb, keyHash: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function findApiKeyByLabel(db: HubDb, tenantId: string, label: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).where('label', '=', label).executeTakeFirst();
}

export async function insertApiKey(db: HubDb, row: ApiKeyRow): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}
