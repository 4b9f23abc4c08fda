import type { HubDb } from '../../db/database.js';
import { heartbeatTimesSince } from '../heartbeat-repository.js';
import type { HeartbeatTables } from '../heartbeat-tables.js';
import { offlineAlertDecision, recoveryStreak } from '../kiosk-status.js';
import type { KioskStatusPolicy } from '../kiosk-status.js';
import type { DeviceConfigTables } from './tables.js';

/**
 * The offline alert per kiosk, persisted (device_offline_alerts) so its hysteresis survives a hub
 * restart. The decision itself is pure (kiosk-status.ts); this reads the facts and writes the verdict.
 */

const tables = (db: HubDb) => db.withTables<DeviceConfigTables & HeartbeatTables>();

export interface OfflineAlertRun {
  readonly raised: number;
  readonly cleared: number;
}

export async function evaluateOfflineAlerts(db: HubDb, now: Date, policy: KioskStatusPolicy): Promise<OfflineAlertRun> {
  const rows = await tables(db)
    .selectFrom('devices')
    .leftJoin('device_heartbeats_latest as latest', 'latest.device_id', 'devices.id')
    .leftJoin('device_offline_alerts as alert', 'alert.device_id', 'devices.id')
    .select(['devices.id', 'devices.tenant_id', 'devices.created_at', 'latest.received_at', 'alert.state', 'alert.raised_at'])
    .where('devices.revoked_at', 'is', null)
    .execute();
  let raised = 0;
  let cleared = 0;
  for (const row of rows) {
    const isRaised = row.state === 'raised';
    // Only heartbeats after the alert went up count towards clearing it.
    const times = isRaised && row.raised_at !== null ? await heartbeatTimesSince(db, row.id, row.raised_at, Math.max(policy.clearAfterHeartbeats, 1) * 4) : [];
    const decision = offlineAlertDecision({ raised: isRaised, lastSeenAt: row.received_at ?? row.created_at, streak: recoveryStreak(times, now, policy) }, now, policy);
    const at = now.toISOString();
    if (decision === 'raise') {
      await tables(db)
        .insertInto('device_offline_alerts')
        .values({ device_id: row.id, tenant_id: row.tenant_id, state: 'raised', raised_at: at, cleared_at: null })
        .onConflict((oc) => oc.column('device_id').doUpdateSet({ state: 'raised', raised_at: at, cleared_at: null }))
        .execute();
      raised += 1;
    } else if (decision === 'clear') {
      await tables(db).updateTable('device_offline_alerts').set({ state: 'cleared', cleared_at: at }).where('device_id', '=', row.id).execute();
      cleared += 1;
    }
  }
  return { raised, cleared };
}

export interface OfflineAlert {
  readonly deviceId: string;
  readonly state: 'raised' | 'cleared';
  readonly raisedAt: string;
  readonly clearedAt: string | null;
}

export async function offlineAlertOf(db: HubDb, deviceId: string): Promise<OfflineAlert | undefined> {
  const row = await tables(db).selectFrom('device_offline_alerts').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
  return row === undefined ? undefined : { deviceId: row.device_id, state: row.state, raisedAt: row.raised_at, clearedAt: row.cleared_at };
}

/** Raised alerts of one municipality, oldest first (the console's "needs a visit" list). */
/** `site` (not null): only that site's kiosks, for a staff member scoped to one site. */
export async function raisedOfflineAlerts(db: HubDb, tenantId: string, site: string | null = null): Promise<OfflineAlert[]> {
  let query = tables(db).selectFrom('device_offline_alerts').selectAll().where('tenant_id', '=', tenantId).where('state', '=', 'raised');
  if (site !== null) query = query.where('device_id', 'in', (eb) => eb.selectFrom('devices').select('devices.id').where('devices.site', '=', site));
  const rows = await query.orderBy('raised_at').execute();
  return rows.map((row) => ({ deviceId: row.device_id, state: row.state, raisedAt: row.raised_at, clearedAt: row.cleared_at }));
}
