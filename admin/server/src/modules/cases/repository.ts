import type { Insertable } from 'kysely';
import type { HubDb } from '../../db/database.js';
import type { ServiceRequestsTable } from '../../db/schema.js';
import { nextCounterValue } from '../../db/counters.js';

export type CaseRow = ServiceRequestsTable;
export type NewCaseRow = Insertable<ServiceRequestsTable>;

const CASE_COUNTER = 'service_request';

/**
 * Next value of a tenant's case counter. The UPDATE takes the row lock, so concurrent creators
 * on PostgreSQL queue here until the transaction ends: ids never repeat or skip on rollback.
 */
export async function nextCaseNumber(db: HubDb, tenantId: string): Promise<number> {
  return nextCounterValue(db, tenantId, CASE_COUNTER);
}

export async function insertCase(db: HubDb, row: NewCaseRow): Promise<void> {
  await db.insertInto('service_requests').values(row).execute();
}

export async function findCaseById(db: HubDb, tenantId: string, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('service_requests').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findCaseByLocalReference(
  db: HubDb,
  tenantId: string,
  localReference: string,
): Promise<CaseRow | undefined> {
  return db
    .selectFrom('service_requests')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('local_reference', '=', localReference)
    .executeTakeFirst();
}

/** The case a kiosk already filed with this reference or this sequence number, if any. */
export async function findDeviceCase(
  db: HubDb,
  deviceId: string,
  localReference: string,
  sequence: number,
): Promise<CaseRow | undefined> {
  return db
    .selectFrom('service_requests')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where((eb) => eb.or([eb('local_reference', '=', localReference), eb('device_sequence', '=', sequence)]))
    .executeTakeFirst();
}

export interface CaseSummaryRow {
  id: string;
  local_reference: string | null;
  service_code: string;
  status: 'open' | 'closed';
  detailed_status: string;
  channel: string;
  requested_at: string;
}

/** Newest first; columns chosen so no personal data can reach a list. */
export async function listLatestCases(db: HubDb, tenantId: string, limit: number): Promise<CaseSummaryRow[]> {
  return db
    .selectFrom('service_requests')
    .select(['id', 'local_reference', 'service_code', 'status', 'detailed_status', 'channel', 'requested_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
