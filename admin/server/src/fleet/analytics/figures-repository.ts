import type { HubDb } from '../../db/database.js';
import type { IntakeTables } from './tables.js';

/** SQL behind the console's figures: kiosks, their summed usage counts (also per hour), and cases filed in a range. */

const tables = (db: HubDb) => db.withTables<IntakeTables>();

export interface KioskRow {
  readonly id: string;
  readonly label: string;
  readonly site: string | null;
}

/** Every kiosk the municipality ever enrolled (a revoked one still has figures in the past). */
export async function listKiosks(db: HubDb, tenantId: string): Promise<KioskRow[]> {
  return db.selectFrom('devices').select(['id', 'label', 'site']).where('tenant_id', '=', tenantId).orderBy('label').orderBy('id').execute();
}

export interface DeviceCountRow {
  readonly deviceId: string;
  readonly type: string;
  readonly journey: string;
  readonly step: string;
  readonly reason: string;
  readonly locale: string;
  readonly modes: string;
  readonly detail: string;
  readonly count: number;
}

/** Usage counts between two days (inclusive, the kiosks' own days), per kiosk; `deviceIds` null = all. */
export async function countsPerKiosk(db: HubDb, tenantId: string, from: string, to: string, deviceIds: readonly string[] | null): Promise<DeviceCountRow[]> {
  if (deviceIds !== null && deviceIds.length === 0) return [];
  let query = tables(db)
    .selectFrom('analytics_counts')
    .select(['device_id', 'type', 'journey', 'step', 'reason', 'locale', 'modes', 'detail'])
    .select((eb) => eb.fn.sum<number | string>('count').as('total'))
    .where('tenant_id', '=', tenantId)
    .where('day', '>=', from)
    .where('day', '<=', to);
  if (deviceIds !== null) query = query.where('device_id', 'in', [...deviceIds]);
  const rows = await query.groupBy(['device_id', 'type', 'journey', 'step', 'reason', 'locale', 'modes', 'detail']).execute();
  return rows.map((r) => ({ deviceId: r.device_id, type: r.type, journey: r.journey, step: r.step, reason: r.reason, locale: r.locale, modes: r.modes, detail: r.detail, count: Number(r.total) }));
}

export interface StartedHourRow {
  readonly deviceId: string;
  /** The kiosk's UTC day and hour; hour UNKNOWN_HOUR (-1) for day-only counts. */
  readonly day: string;
  readonly hour: number;
  readonly count: number;
}

/**
 * Journeys started per kiosk, UTC day and UTC hour, for UTC days between `fromDay` and `toDay`
 * (inclusive; the caller widens the range by a day each side and keeps what falls in its local days).
 */
export async function journeysStartedPerHour(db: HubDb, tenantId: string, fromDay: string, toDay: string, deviceIds: readonly string[] | null): Promise<StartedHourRow[]> {
  if (deviceIds !== null && deviceIds.length === 0) return [];
  let query = tables(db)
    .selectFrom('analytics_counts')
    .select(['device_id', 'day', 'hour'])
    .select((eb) => eb.fn.sum<number | string>('count').as('total'))
    .where('tenant_id', '=', tenantId)
    .where('type', '=', 'journey.started')
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay);
  if (deviceIds !== null) query = query.where('device_id', 'in', [...deviceIds]);
  const rows = await query.groupBy(['device_id', 'day', 'hour']).execute();
  return rows.map((r) => ({ deviceId: r.device_id, day: r.day, hour: Number(r.hour), count: Number(r.total) }));
}

export interface FiledCaseRow {
  readonly channel: string;
  readonly device_id: string | null;
  readonly requested_at: string;
}

/** Cases filed in [fromIso, toIso); with `deviceIds`, only those filed by these kiosks. */
export async function casesFiled(db: HubDb, tenantId: string, fromIso: string, toIso: string, deviceIds: readonly string[] | null): Promise<FiledCaseRow[]> {
  if (deviceIds !== null && deviceIds.length === 0) return [];
  let query = db
    .selectFrom('service_requests')
    .select(['channel', 'device_id', 'requested_at'])
    .where('tenant_id', '=', tenantId)
    .where('requested_at', '>=', fromIso)
    .where('requested_at', '<', toIso);
  if (deviceIds !== null) query = query.where('device_id', 'in', [...deviceIds]);
  return query.execute();
}

/** Ids of every case these kiosks filed (the site filter of the closing-time figures). */
export async function caseIdsFiledBy(db: HubDb, tenantId: string, deviceIds: readonly string[]): Promise<Set<string>> {
  if (deviceIds.length === 0) return new Set();
  const rows = await db.selectFrom('service_requests').select('id').where('tenant_id', '=', tenantId).where('device_id', 'in', [...deviceIds]).execute();
  return new Set(rows.map((r) => r.id));
}
