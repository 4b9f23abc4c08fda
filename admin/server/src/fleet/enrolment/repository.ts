import type { HubDb } from '../../db/database.js';
import type { EnrolmentRow, EnrolmentTables } from './tables.js';

/** The only SQL on `enrolments`. */

const tables = (db: HubDb) => db.withTables<EnrolmentTables>();

export async function insertEnrolment(db: HubDb, row: EnrolmentRow): Promise<void> {
  await tables(db).insertInto('enrolments').values(row).execute();
}

export async function codeHashTaken(db: HubDb, codeHash: string): Promise<boolean> {
  const row = await tables(db).selectFrom('enrolments').select('id').where('code_hash', '=', codeHash).executeTakeFirst();
  return row !== undefined;
}

export async function findEnrolment(db: HubDb, id: string): Promise<EnrolmentRow | undefined> {
  return tables(db).selectFrom('enrolments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findEnrolmentByCodeHash(db: HubDb, codeHash: string): Promise<EnrolmentRow | undefined> {
  return tables(db).selectFrom('enrolments').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

export async function listPendingEnrolments(db: HubDb, now: Date): Promise<EnrolmentRow[]> {
  return tables(db)
    .selectFrom('enrolments')
    .selectAll()
    .where('state', '=', 'pending')
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function notePoll(db: HubDb, id: string, at: Date, intervalSeconds: number): Promise<void> {
  await tables(db).updateTable('enrolments').set({ last_polled_at: at.toISOString(), interval_seconds: intervalSeconds }).where('id', '=', id).execute();
}

/**
 * pending -> approved | rejected, only if still pending: of two admins deciding the same code at
 * once, exactly one wins (the row lock serialises them on PostgreSQL; SQLite serialises writers).
 */
export async function decideEnrolment(
  db: HubDb,
  id: string,
  decision: { state: 'approved' | 'rejected'; tenantId: string; deviceId: string | null; decidedBy: string; at: Date },
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('enrolments')
    .set({ state: decision.state, tenant_id: decision.tenantId, device_id: decision.deviceId, decided_by: decision.decidedBy, decided_at: decision.at.toISOString() })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
