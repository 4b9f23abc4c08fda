import type { HubDb } from '../../db/database.js';
import type { DeadLetterRow, DeadLetterTables } from './tables.js';

/** The only SQL on `fleet_dead_letters`. Rows are inserted and updated, never deleted. */

const tables = (db: HubDb) => db.withTables<DeadLetterTables>();

export async function findDeviceDeadLetter(db: HubDb, deviceId: string, localReference: string): Promise<DeadLetterRow | undefined> {
  return tables(db).selectFrom('fleet_dead_letters').selectAll().where('device_id', '=', deviceId).where('local_reference', '=', localReference).executeTakeFirst();
}

/** `site` (not null) keeps only dead letters of that site's kiosks: a staff member scoped to one site. */
export async function findTenantDeadLetter(db: HubDb, tenantId: string, id: string, site: string | null = null): Promise<DeadLetterRow | undefined> {
  let query = tables(db).selectFrom('fleet_dead_letters').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (site !== null) query = query.where('device_id', 'in', (eb) => eb.selectFrom('devices').select('devices.id').where('devices.site', '=', site));
  return query.executeTakeFirst();
}

export async function insertDeadLetter(db: HubDb, row: DeadLetterRow): Promise<void> {
  await tables(db).insertInto('fleet_dead_letters').values(row).execute();
}

export async function updateDeadLetter(db: HubDb, id: string, change: Partial<Omit<DeadLetterRow, 'id' | 'tenant_id' | 'device_id' | 'local_reference'>>): Promise<void> {
  await tables(db).updateTable('fleet_dead_letters').set(change).where('id', '=', id).execute();
}

/**
 * Takes the row's lock for the rest of the transaction (a no-op write, portable unlike SELECT ...
 * FOR UPDATE): two staff members (or staff and the kiosk) acting at once are serialised.
 */
export async function lockDeadLetter(db: HubDb, tenantId: string, id: string, site: string | null = null): Promise<boolean> {
  let update = tables(db)
    .updateTable('fleet_dead_letters')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id);
  if (site !== null) update = update.where('device_id', 'in', (eb) => eb.selectFrom('devices').select('devices.id').where('devices.site', '=', site));
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listTenantDeadLetters(db: HubDb, tenantId: string, state: DeadLetterRow['state'] | undefined, limit: number, site: string | null = null): Promise<DeadLetterRow[]> {
  let query = tables(db).selectFrom('fleet_dead_letters').selectAll().where('tenant_id', '=', tenantId);
  if (site !== null) query = query.where('device_id', 'in', (eb) => eb.selectFrom('devices').select('devices.id').where('devices.site', '=', site));
  if (state !== undefined) query = query.where('state', '=', state);
  return query.orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function listDeviceFixes(db: HubDb, deviceId: string, limit: number): Promise<DeadLetterRow[]> {
  return tables(db)
    .selectFrom('fleet_dead_letters')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('state', '=', 'resend-requested')
    .orderBy('outbox_id')
    .limit(limit)
    .execute();
}
