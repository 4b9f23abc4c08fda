import type { HubDb } from '../../db/database.js';
import type { UserRow } from '../auth/repository.js';

export async function listTenantUsers(db: HubDb, tenantId: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).orderBy('username').execute();
}

export async function findTenantUser(db: HubDb, tenantId: string, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Admins of the tenant who can still sign in, other than `exceptId`. */
export async function countOtherActiveAdmins(db: HubDb, tenantId: string, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
