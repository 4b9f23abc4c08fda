import type { HubDb } from '../../db/database.js';
import type { TenantsTable } from '../../db/schema.js';

export type TenantRow = TenantsTable;

export async function findTenantByJurisdiction(db: HubDb, jurisdictionId: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('jurisdiction_id', '=', jurisdictionId).executeTakeFirst();
}

export async function findTenantById(db: HubDb, id: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** At most `limit` tenants: enough to tell "exactly one" from "several". */
export async function listTenants(db: HubDb, limit: number): Promise<TenantRow[]> {
  return db.selectFrom('tenants').selectAll().orderBy('id').limit(limit).execute();
}

export async function insertTenant(db: HubDb, tenant: TenantRow): Promise<void> {
  await db.insertInto('tenants').values(tenant).execute();
}
