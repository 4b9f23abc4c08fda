import type { HubDb } from '../../db/database.js';
import type { RolloutDeviceRow, RolloutRow } from './rollout-repository.js';
import type { DeviceConfigTables } from './tables.js';

/** The SQL content rollouts need beyond rollout-repository.ts (same tables, content rows only). */

const tables = (db: HubDb) => db.withTables<DeviceConfigTables>();

/** The municipality's newest content rollout: it decides what its kiosks are served. */
export async function latestContentRollout(db: HubDb, tenantId: string): Promise<RolloutRow | undefined> {
  return tables(db)
    .selectFrom('fleet_rollouts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'content')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findRolloutDevice(db: HubDb, rolloutId: string, deviceId: string): Promise<RolloutDeviceRow | undefined> {
  return tables(db).selectFrom('fleet_rollout_devices').selectAll().where('rollout_id', '=', rolloutId).where('device_id', '=', deviceId).executeTakeFirst();
}

/** Moves the held version on, only if nobody did since it was read; false means "someone else re-issued". */
export async function replaceHeldBundleVersion(db: HubDb, rolloutId: string, expected: number, next: number): Promise<boolean> {
  const result = await tables(db).updateTable('fleet_rollouts').set({ held_bundle_version: next }).where('id', '=', rolloutId).where('held_bundle_version', '=', expected).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** On abort every kiosk the rollout reached (all rings so far, not only the current one) goes back. */
export async function markReachedRestored(db: HubDb, rolloutId: string): Promise<number> {
  const result = await tables(db).updateTable('fleet_rollout_devices').set({ state: 'restored' }).where('rollout_id', '=', rolloutId).where('state', '=', 'applied').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** At completion: content published while the rollout ran went out with it, so that is what it rolled out. */
export async function setContentRevision(db: HubDb, rolloutId: string, revision: number): Promise<void> {
  await tables(db).updateTable('fleet_rollouts').set({ content_revision: revision }).where('id', '=', rolloutId).execute();
}
