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

/**
 * A municipality's rollouts, newest first. With `site` (a staff member scoped to one site): only
 * rollouts whose every kiosk is at that site, so nobody sees or stops a change to another site.
 */
export async function tenantRolloutIds(db: HubDb, tenantId: string, limit: number, site: string | null = null): Promise<string[]> {
  let query = tables(db).selectFrom('fleet_rollouts').select('id').where('tenant_id', '=', tenantId);
  if (site !== null) {
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('fleet_rollout_devices as rd')
            .select('rd.device_id')
            .whereRef('rd.rollout_id', '=', 'fleet_rollouts.id')
            .where('rd.device_id', 'not in', eb.selectFrom('devices').select('devices.id').where('devices.site', '=', site)),
        ),
      ),
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Whether any kiosk of the rollout is not at `site` (or has no site). */
export async function rolloutLeavesSite(db: HubDb, rolloutId: string, site: string): Promise<boolean> {
  const row = await tables(db)
    .selectFrom('fleet_rollout_devices')
    .select('device_id')
    .where('rollout_id', '=', rolloutId)
    .where('device_id', 'not in', (eb) => eb.selectFrom('devices').select('devices.id').where('devices.site', '=', site))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A new rollout's row and its kiosks' rows (every kiosk waiting in its ring), config or content
 * alike; the running ring is the first one with a kiosk in it.
 */
export function newRolloutRows(start: {
  readonly id: string;
  readonly tenantId: string;
  readonly kind: RolloutRow['kind'];
  readonly plan: unknown;
  readonly rings: readonly (readonly string[])[];
  readonly createdBy: string;
  readonly at: string;
  readonly heldBundleVersion?: number;
  readonly contentRevision?: number;
}): { row: RolloutRow; devices: RolloutDeviceRow[] } {
  const row: RolloutRow = {
    id: start.id,
    tenant_id: start.tenantId,
    kind: start.kind,
    state: 'running',
    plan: JSON.stringify(start.plan),
    current_ring: start.rings.findIndex((ring) => ring.length > 0),
    ring_started_at: start.at,
    abort_reason: null,
    created_by: start.createdBy,
    created_at: start.at,
    updated_at: start.at,
    held_bundle_version: start.heldBundleVersion ?? null,
    content_revision: start.contentRevision ?? null,
  };
  const devices = start.rings.flatMap((members, ring) =>
    members.map((deviceId): RolloutDeviceRow => ({ rollout_id: start.id, device_id: deviceId, ring, state: 'waiting', previous_version: null, target_version: null })),
  );
  return { row, devices };
}
