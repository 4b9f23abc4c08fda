import { randomUUID } from 'node:crypto';
import type { AnalyticsBatch, AnalyticsCount, Landmark, StaffCall } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import { UNKNOWN_HOUR, type IntakeTables } from './tables.js';

const tables = (db: HubDb) => db.withTables<IntakeTables>();

/**
 * Adds a kiosk's batch of counts, once: the batch id is claimed in the same transaction, so a
 * resend after a lost answer is a replay that counts nothing twice.
 */
export async function addAnalyticsBatch(db: HubDb, device: { id: string; tenantId: string }, batch: AnalyticsBatch, now: Date): Promise<{ accepted: number; replayed: boolean }> {
  try {
    return await db.transaction().execute(async (trx) => {
      const t = tables(trx);
      const seen = await t.selectFrom('analytics_batches').select('batch_id').where('device_id', '=', device.id).where('batch_id', '=', batch.batchId).executeTakeFirst();
      if (seen !== undefined) return { accepted: 0, replayed: true };
      await t.insertInto('analytics_batches').values({ device_id: device.id, batch_id: batch.batchId, received_at: now.toISOString() }).execute();
      for (const { hour, ...row } of batch.counts) {
        await t
          .insertInto('analytics_counts')
          .values({ tenant_id: device.tenantId, device_id: device.id, hour: hour ?? UNKNOWN_HOUR, ...row })
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'device_id', 'day', 'hour', 'type', 'journey', 'step', 'reason', 'locale', 'modes', 'detail']).doUpdateSet((eb) => ({ count: eb('analytics_counts.count', '+', row.count) })),
          )
          .execute();
      }
      return { accepted: batch.counts.length, replayed: false };
    });
  } catch (error) {
    // The same batch raced itself (two deliveries at once): the other one counts it.
    if (isUniqueViolation(error)) return { accepted: 0, replayed: true };
    throw error;
  }
}

/** Summed counts of a municipality between two days (inclusive), for the console's figures. */
export async function analyticsCounts(db: HubDb, tenantId: string, from: string, to: string): Promise<Array<Omit<AnalyticsCount, 'day'>>> {
  const rows = await tables(db)
    .selectFrom('analytics_counts')
    .select(['type', 'journey', 'step', 'reason', 'locale', 'modes', 'detail'])
    .select((eb) => eb.fn.sum<number | string>('count').as('total'))
    .where('tenant_id', '=', tenantId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['type', 'journey', 'step', 'reason', 'locale', 'modes', 'detail'])
    .orderBy('type')
    .execute();
  return rows.map(({ total, ...row }) => ({ ...row, type: row.type as AnalyticsCount['type'], reason: row.reason as AnalyticsCount['reason'], locale: row.locale as AnalyticsCount['locale'], count: Number(total) }));
}

export interface StaffCallRow {
  readonly id: string;
  readonly deviceId: string;
  readonly screen: string;
  readonly calledAt: string;
  readonly acknowledgedAt: string | null;
}

/** Records a staff call once per (device, callId): a retried report answers with the same row. */
export async function recordStaffCall(db: HubDb, device: { id: string; tenantId: string }, call: StaffCall, now: Date): Promise<StaffCallRow> {
  const t = tables(db);
  const existing = await t.selectFrom('kiosk_staff_calls').selectAll().where('device_id', '=', device.id).where('call_id', '=', call.callId).executeTakeFirst();
  if (existing === undefined) {
    try {
      await t
        .insertInto('kiosk_staff_calls')
        .values({ id: randomUUID(), tenant_id: device.tenantId, device_id: device.id, call_id: call.callId, screen: call.screen, called_at: new Date(call.calledAt).toISOString(), received_at: now.toISOString(), acknowledged_at: null, acknowledged_by: null })
        .execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const row = await t.selectFrom('kiosk_staff_calls').selectAll().where('device_id', '=', device.id).where('call_id', '=', call.callId).executeTakeFirstOrThrow();
  return toView(row);
}

function toView(row: IntakeTables['kiosk_staff_calls']): StaffCallRow {
  return { id: row.id, deviceId: row.device_id, screen: row.screen, calledAt: row.called_at, acknowledgedAt: row.acknowledged_at };
}

/** Open calls of a municipality, oldest first: what the console shows until someone answers. */
/** The ids of a tenant's kiosks at `site`: staff scoped to one site see only their kiosks' calls. */
const kiosksAtSite = (db: HubDb, tenantId: string, site: string) =>
  db.selectFrom('devices').select('devices.id').where('devices.tenant_id', '=', tenantId).where('devices.site', '=', site);

/** A tenant's open staff calls, oldest first; with `site`, only those of the kiosks at that site. */
export async function openStaffCalls(db: HubDb, tenantId: string, site: string | null = null): Promise<StaffCallRow[]> {
  let query = tables(db).selectFrom('kiosk_staff_calls').selectAll().where('tenant_id', '=', tenantId).where('acknowledged_at', 'is', null);
  if (site !== null) query = query.where('device_id', 'in', kiosksAtSite(db, tenantId, site));
  return (await query.orderBy('called_at').execute()).map(toView);
}

/** Marks a call answered; false when no open call of this tenant (and of `site`'s kiosks, when given) has the id. */
export async function acknowledgeStaffCall(db: HubDb, tenantId: string, id: string, by: string, now: Date, site: string | null = null): Promise<boolean> {
  let update = tables(db)
    .updateTable('kiosk_staff_calls')
    .set({ acknowledged_at: now.toISOString(), acknowledged_by: by })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null);
  if (site !== null) update = update.where('device_id', 'in', kiosksAtSite(db, tenantId, site));
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A tenant's landmarks in `locale` where translated, else in `fallback`, in display order. */
export async function listLandmarks(db: HubDb, tenantId: string, locale: string, fallback: string): Promise<Landmark[]> {
  const rows = await tables(db)
    .selectFrom('tenant_landmarks')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('locale', 'in', locale === fallback ? [locale] : [locale, fallback])
    .orderBy('position')
    .execute();
  const best = new Map<string, IntakeTables['tenant_landmarks']>();
  for (const row of rows) {
    const current = best.get(row.id);
    if (current === undefined || (row.locale === locale && current.locale !== locale)) best.set(row.id, row);
  }
  return [...best.values()].map((row) => ({ id: row.id, name: row.name, addressString: row.address_string, lat: row.lat, long: row.long }));
}

/** Looks a landmark up by id (any language): the hub trusts its own coordinates, not the kiosk's. */
export async function findLandmark(db: HubDb, tenantId: string, id: string): Promise<IntakeTables['tenant_landmarks'] | undefined> {
  return tables(db).selectFrom('tenant_landmarks').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}
