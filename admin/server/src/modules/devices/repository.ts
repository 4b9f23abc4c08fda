import type { HubDb } from '../../db/database.js';
import type { DevicesTable } from '../../db/schema.js';

export type DeviceRow = DevicesTable;

export async function findDevice(db: HubDb, id: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDeviceByLabel(db: HubDb, tenantId: string, label: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('tenant_id', '=', tenantId).where('label', '=', label).executeTakeFirst();
}

export async function issuerTaken(db: HubDb, issuer: string): Promise<boolean> {
  const row = await db.selectFrom('devices').select('id').where('issuer', '=', issuer).executeTakeFirst();
  return row !== undefined;
}

export async function insertDevice(db: HubDb, device: DeviceRow): Promise<void> {
  await db.insertInto('devices').values(device).execute();
}

export async function updateDeviceSecret(db: HubDb, id: string, secretHash: string): Promise<void> {
  await db.updateTable('devices').set({ secret_hash: secretHash }).where('id', '=', id).execute();
}

export async function revokeDevice(db: HubDb, id: string, at: Date): Promise<void> {
  await db.updateTable('devices').set({ revoked_at: at.toISOString() }).where('id', '=', id).execute();
}

/** A municipality's kiosks (of one site when `site` is given), newest first (revoked ones too: the console shows them greyed). */
export async function listTenantDevices(db: HubDb, tenantId: string, site: string | null = null): Promise<DeviceRow[]> {
  let query = db.selectFrom('devices').selectAll().where('tenant_id', '=', tenantId);
  if (site !== null) query = query.where('site', '=', site);
  return query.orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Sets revoked_at once; true when this call revoked it (false: unknown, other tenant or already revoked). */
export async function revokeTenantDevice(db: HubDb, tenantId: string, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('devices')
    .set({ revoked_at: at.toISOString() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
