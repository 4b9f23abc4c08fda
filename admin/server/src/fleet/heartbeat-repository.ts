import { randomUUID } from 'node:crypto';
import { HeartbeatSchema } from '@kiosk/shared';
import type { Heartbeat } from '@kiosk/shared';
import type { HubDb } from '../db/database.js';
import type { HeartbeatTables } from './heartbeat-tables.js';

const tables = (db: HubDb) => db.withTables<HeartbeatTables>();

export interface LatestHeartbeat {
  readonly deviceId: string;
  readonly receivedAt: string;
  readonly skewMs: number;
  readonly heartbeat: Heartbeat;
}

/** Parsed again on the way out: a row an older agent sent gets today's defaults (config, disk...). */
const parseBody = (body: string): Heartbeat => HeartbeatSchema.parse(JSON.parse(body));

/**
 * skew_ms is a 32-bit integer column: a kiosk whose clock lost its battery (1970, or years ahead)
 * must still be recorded, so the skew is clamped to about 24 days either way (any of that is an alert).
 */
export const MAX_RECORDED_SKEW_MS = 2_147_483_647;

/** Latest row replaced and history appended in one transaction. */
export async function recordHeartbeat(db: HubDb, input: { deviceId: string; tenantId: string; receivedAt: Date; heartbeat: Heartbeat }): Promise<number> {
  const rawSkewMs = Date.parse(input.heartbeat.sentAt) - input.receivedAt.getTime();
  const skewMs = Math.max(-MAX_RECORDED_SKEW_MS, Math.min(MAX_RECORDED_SKEW_MS, rawSkewMs));
  const body = JSON.stringify(input.heartbeat);
  const receivedAt = input.receivedAt.toISOString();
  await tables(db).transaction().execute(async (trx) => {
    await trx
      .insertInto('device_heartbeats_latest')
      .values({ device_id: input.deviceId, tenant_id: input.tenantId, received_at: receivedAt, sent_at: input.heartbeat.sentAt, skew_ms: skewMs, body })
      .onConflict((oc) => oc.column('device_id').doUpdateSet({ received_at: receivedAt, sent_at: input.heartbeat.sentAt, skew_ms: skewMs, body }))
      .execute();
    await trx.insertInto('device_heartbeat_history').values({ id: randomUUID(), device_id: input.deviceId, tenant_id: input.tenantId, received_at: receivedAt, body }).execute();
  });
  return skewMs;
}

export async function latestHeartbeat(db: HubDb, deviceId: string): Promise<LatestHeartbeat | undefined> {
  const row = await tables(db).selectFrom('device_heartbeats_latest').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
  if (row === undefined) return undefined;
  return { deviceId: row.device_id, receivedAt: row.received_at, skewMs: Number(row.skew_ms), heartbeat: parseBody(row.body) };
}

/** The latest heartbeat of several kiosks at once (rollout rings), keyed by device id. */
export async function latestHeartbeats(db: HubDb, deviceIds: readonly string[]): Promise<Map<string, LatestHeartbeat>> {
  const found = new Map<string, LatestHeartbeat>();
  if (deviceIds.length === 0) return found;
  const rows = await tables(db).selectFrom('device_heartbeats_latest').selectAll().where('device_id', 'in', [...deviceIds]).execute();
  for (const row of rows) found.set(row.device_id, { deviceId: row.device_id, receivedAt: row.received_at, skewMs: Number(row.skew_ms), heartbeat: parseBody(row.body) });
  return found;
}

/** Receive times of one kiosk's heartbeats after `since`, newest first (at most `limit`). */
export async function heartbeatTimesSince(db: HubDb, deviceId: string, since: string, limit: number): Promise<string[]> {
  const rows = await tables(db)
    .selectFrom('device_heartbeat_history')
    .select('received_at')
    .where('device_id', '=', deviceId)
    .where('received_at', '>', since)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.received_at);
}

/** Retention: history rows received before `before` go; the latest row per kiosk always stays. */
export async function deleteHeartbeatHistoryBefore(db: HubDb, before: Date): Promise<number> {
  const result = await tables(db).deleteFrom('device_heartbeat_history').where('received_at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
