import type { HubDb } from '../../db/database.js';
import type { NotificationChannel, NotificationOutboxTable, NotificationTables } from './tables.js';

/** The only SQL on notification_outbox. */

export type OutboxRow = NotificationOutboxTable;

const tables = (db: HubDb) => db.withTables<NotificationTables>();

/** Inserts unless the tenant already has a row with the same dedupe key; true when inserted. */
export async function insertOutboxRow(db: HubDb, row: OutboxRow): Promise<boolean> {
  const result = await tables(db)
    .insertInto('notification_outbox')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listDueRows(db: HubDb, channels: readonly NotificationChannel[], now: string, limit: number): Promise<OutboxRow[]> {
  if (channels.length === 0) return [];
  return tables(db)
    .selectFrom('notification_outbox')
    .selectAll()
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where('channel', 'in', [...channels])
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Claims a row for one attempt: counts the attempt and pushes its next try past the lease, but
 * only if nobody else claimed it since it was read (another hub process on the same database).
 */
export async function claimRow(db: HubDb, row: Pick<OutboxRow, 'id' | 'attempts' | 'next_attempt_at'>, leaseUntil: string): Promise<boolean> {
  const result = await tables(db)
    .updateTable('notification_outbox')
    .set({ attempts: row.attempts + 1, next_attempt_at: leaseUntil })
    .where('id', '=', row.id)
    .where('state', '=', 'pending')
    .where('attempts', '=', row.attempts)
    .where('next_attempt_at', '=', row.next_attempt_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markSent(db: HubDb, id: string, at: string): Promise<void> {
  await tables(db).updateTable('notification_outbox').set({ state: 'sent', sent_at: at, last_error: null }).where('id', '=', id).execute();
}

export async function markFailed(db: HubDb, id: string, error: string, nextAttemptAt: string | null): Promise<void> {
  await tables(db)
    .updateTable('notification_outbox')
    .set(nextAttemptAt === null ? { state: 'dead', last_error: error } : { last_error: error, next_attempt_at: nextAttemptAt })
    .where('id', '=', id)
    .execute();
}

export async function markCancelled(db: HubDb, id: string): Promise<void> {
  await tables(db).updateTable('notification_outbox').set({ state: 'cancelled', recipient: '', subject: '', body: '' }).where('id', '=', id).execute();
}

/** Consent recorded for each of the given cases (absent: no preference row at all). */
export async function consentOf(db: HubDb, tenantId: string, requestIds: readonly string[]): Promise<Map<string, boolean>> {
  if (requestIds.length === 0) return new Map();
  const rows = await tables(db)
    .selectFrom('case_contact_preferences')
    .select(['request_id', 'consent'])
    .where('tenant_id', '=', tenantId)
    .where('request_id', 'in', [...requestIds])
    .execute();
  return new Map(rows.map((r) => [r.request_id, Number(r.consent) === 1]));
}

/** Personal parts of a case's notifications go; pending ones are cancelled (nobody to send them to). */
export async function scrubCaseNotifications(db: HubDb, tenantId: string, requestIds: readonly string[]): Promise<void> {
  if (requestIds.length === 0) return;
  const base = () => tables(db).updateTable('notification_outbox').where('tenant_id', '=', tenantId).where('request_id', 'in', [...requestIds]);
  await base().where('state', '=', 'pending').set({ state: 'cancelled' }).execute();
  await base().set({ recipient: '', subject: '', body: '' }).execute();
}

export interface NotificationSummary {
  readonly kind: string;
  readonly channel: string;
  readonly state: string;
  readonly created_at: string;
  readonly sent_at: string | null;
  readonly request_id: string | null;
  readonly recipient: string;
  readonly body: string;
}

export async function listCaseNotifications(db: HubDb, tenantId: string, requestIds: readonly string[]): Promise<NotificationSummary[]> {
  if (requestIds.length === 0) return [];
  return tables(db)
    .selectFrom('notification_outbox')
    .select(['kind', 'channel', 'state', 'created_at', 'sent_at', 'request_id', 'recipient', 'body'])
    .where('tenant_id', '=', tenantId)
    .where('request_id', 'in', [...requestIds])
    .orderBy('created_at')
    .execute();
}
