import type { HubDb } from '../../db/database.js';
import type { IdempotencyKeysTable } from '../../db/schema.js';

export type IdempotencyRow = IdempotencyKeysTable;

export async function findIdempotencyKey(db: HubDb, deviceId: string, key: string): Promise<IdempotencyRow | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('device_id', '=', deviceId).where('key', '=', key).executeTakeFirst();
}

/** Claims the key; a concurrent claim of the same (device, key) fails with a unique violation. */
export async function claimIdempotencyKey(
  db: HubDb,
  row: Pick<IdempotencyRow, 'tenant_id' | 'device_id' | 'key' | 'fingerprint' | 'created_at'>,
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({ ...row, state: 'processing', status_code: null, response_body: null })
    .execute();
}

export async function completeIdempotencyKey(
  db: HubDb,
  deviceId: string,
  key: string,
  statusCode: number,
  responseBody: string,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', status_code: statusCode, response_body: responseBody })
    .where('device_id', '=', deviceId)
    .where('key', '=', key)
    .execute();
}
