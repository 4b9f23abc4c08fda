import type { HubDb } from '../../db/database.js';
import type { ApiKeysTable } from '../../db/schema.js';

/** Listing and revoking Open311 API keys (creation and checks live in ../api-keys). Never selects the hash. */

export type ApiKeyListRow = Pick<ApiKeysTable, 'id' | 'tenant_id' | 'label' | 'channel' | 'created_at' | 'revoked_at'>;
const COLUMNS = ['id', 'tenant_id', 'label', 'channel', 'created_at', 'revoked_at'] as const;

export async function listTenantApiKeys(db: HubDb, tenantId: string): Promise<ApiKeyListRow[]> {
  return db.selectFrom('api_keys').select(COLUMNS).where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
}

export async function findTenantApiKey(db: HubDb, tenantId: string, id: string): Promise<ApiKeyListRow | undefined> {
  return db.selectFrom('api_keys').select(COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Revokes a live key; returns false when it was already revoked (a concurrent revoke won). */
export async function revokeApiKeyRow(db: HubDb, tenantId: string, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
