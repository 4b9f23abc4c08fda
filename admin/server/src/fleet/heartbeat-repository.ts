import { randomUUID } from 'node:crypto';
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

/** Latest row replaced and history appended in one transaction. */
export async function recordHeartbeat(db: HubDb, input: { deviceId: string; tenantId: string; receivedAt: Date; heartbeat: Heartbeat }): Promise<number> {
  const skewMs = Date.parse(input.heartbeat.sentAt) - input.receivedAt.getTime();
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
  return { deviceId: row.device_id, receivedAt: row.received_at, skewMs: Number(row.skew_ms), heartbeat: JSON.parse(row.body) as Heartbeat };
}
