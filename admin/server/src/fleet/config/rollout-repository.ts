import type { HubDb } from '../../db/database.js';
import type { DeviceConfigTables } from './tables.js';

/** The only SQL on fleet_rollouts and fleet_rollout_devices. */

const tables = (db: HubDb) => db.withTables<DeviceConfigTables>();

export type RolloutRow = DeviceConfigTables['fleet_rollouts'];
export type RolloutDeviceRow = DeviceConfigTables['fleet_rollout_devices'];

export async function insertRollout(db: HubDb, row: RolloutRow, devices: readonly RolloutDeviceRow[]): Promise<void> {
  await tables(db).insertInto('fleet_rollouts').values(row).execute();
  // In slices: one statement per thousand kiosks keeps under every driver's parameter limit.
  for (let i = 0; i < devices.length; i += 1000) await tables(db).insertInto('fleet_rollout_devices').values(devices.slice(i, i + 1000)).execute();
}

export async function findRollout(db: HubDb, id: string): Promise<RolloutRow | undefined> {
  return tables(db).selectFrom('fleet_rollouts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function runningRolloutIds(db: HubDb): Promise<string[]> {
  const rows = await tables(db).selectFrom('fleet_rollouts').select('id').where('state', '=', 'running').orderBy('created_at').execute();
  return rows.map((r) => r.id);
}

export async function rolloutDevices(db: HubDb, rolloutId: string, ring?: number): Promise<RolloutDeviceRow[]> {
  let query = tables(db).selectFrom('fleet_rollout_devices').selectAll().where('rollout_id', '=', rolloutId);
  if (ring !== undefined) query = query.where('ring', '=', ring);
  return query.orderBy('ring').orderBy('device_id').execute();
}

export async function updateRolloutDevice(
  db: HubDb,
  rolloutId: string,
  deviceId: string,
  set: Partial<Pick<RolloutDeviceRow, 'state' | 'previous_version' | 'target_version'>>,
): Promise<void> {
  await tables(db).updateTable('fleet_rollout_devices').set(set).where('rollout_id', '=', rolloutId).where('device_id', '=', deviceId).execute();
}

/**
 * Moves a running rollout on, only if nobody else did since it was read (two hub processes running
 * the advance step at once): false means "lost the race", and the caller rolls its transaction back.
 */
export async function updateRunningRollout(
  db: HubDb,
  id: string,
  expectedRing: number,
  set: Partial<Pick<RolloutRow, 'state' | 'current_ring' | 'ring_started_at' | 'abort_reason' | 'updated_at'>>,
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('fleet_rollouts')
    .set(set)
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('current_ring', '=', expectedRing)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
