import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { QueueSort } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { HubDatabase, ServiceRequestsTable, UsersTable } from '../../db/schema.js';
import type { CaseInternalNotesTable, WorkflowCaseColumns, WorkflowTables } from './tables.js';

/** The workflow's SQL on cases, their internal notes and the staff who handle them. */

export type WorkflowCaseRow = ServiceRequestsTable & WorkflowCaseColumns;
export type InternalNoteRow = CaseInternalNotesTable;
type Db = HubDatabase & WorkflowTables;

const tables = (db: HubDb) => db.withTables<WorkflowTables>();

/** Filters of the staff queue; every list is "any of", dates are ISO UTC text. */
export interface QueueFilter {
  readonly serviceCodes?: readonly string[];
  readonly statuses?: readonly ('open' | 'closed')[];
  readonly detailedStatuses?: readonly string[];
  readonly channels?: readonly string[];
  /** A user id, or null for "nobody". */
  readonly assigneeId?: string | null;
  /** requested_at <= this (at least this old). */
  readonly requestedAtOrBefore?: string;
  /** requested_at >= this (at most this old). */
  readonly requestedAtOrAfter?: string;
  /** Sites of the kiosks that filed the cases. */
  readonly offices?: readonly string[];
  /** Past the service's promised time while still open, or not; with each service's cutoff. */
  readonly sla?: { readonly breached: boolean; readonly cutoffs: readonly SlaCutoff[] };
}

/** A service's cases requested before `requestedBefore` are past their promised time if still open. */
export interface SlaCutoff {
  readonly serviceCode: string;
  readonly requestedBefore: string;
}

function slaBreached(eb: ExpressionBuilder<Db, 'service_requests'>, cutoffs: readonly SlaCutoff[]): Expression<SqlBool> {
  if (cutoffs.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.and([
    eb('status', '=', 'open'),
    eb.or(cutoffs.map((c) => eb.and([eb('service_code', '=', c.serviceCode), eb('requested_at', '<', c.requestedBefore)]))),
  ]);
}

function queueConditions(eb: ExpressionBuilder<Db, 'service_requests'>, tenantId: string, filter: QueueFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [eb('tenant_id', '=', tenantId)];
  if (filter.serviceCodes !== undefined) conditions.push(eb('service_code', 'in', [...filter.serviceCodes]));
  if (filter.statuses !== undefined) conditions.push(eb('status', 'in', [...filter.statuses]));
  if (filter.detailedStatuses !== undefined) conditions.push(eb('detailed_status', 'in', [...filter.detailedStatuses]));
  if (filter.channels !== undefined) conditions.push(eb('channel', 'in', [...filter.channels] as ServiceRequestsTable['channel'][]));
  if (filter.assigneeId === null) conditions.push(eb('assignee_id', 'is', null));
  else if (filter.assigneeId !== undefined) conditions.push(eb('assignee_id', '=', filter.assigneeId));
  if (filter.requestedAtOrBefore !== undefined) conditions.push(eb('requested_at', '<=', filter.requestedAtOrBefore));
  if (filter.requestedAtOrAfter !== undefined) conditions.push(eb('requested_at', '>=', filter.requestedAtOrAfter));
  if (filter.offices !== undefined) {
    const offices = [...filter.offices];
    // A subquery rather than a join: the queue's columns stay unambiguous and the page unchanged.
    conditions.push(
      eb('device_id', 'in', eb.selectFrom('devices').select('devices.id').where('devices.tenant_id', '=', tenantId).where('devices.site', 'in', offices)),
    );
  }
  if (filter.sla !== undefined) {
    const breached = slaBreached(eb, filter.sla.cutoffs);
    conditions.push(filter.sla.breached ? breached : eb.not(breached));
  }
  return eb.and(conditions);
}

/** The queue's columns: chosen so no personal data can reach a list. */
const QUEUE_COLUMNS = [
  'id',
  'local_reference',
  'service_code',
  'status',
  'detailed_status',
  'channel',
  'requested_at',
  'updated_at',
  'expected_at',
  'assignee_id',
  'merged_into_id',
] as const;

export type QueueRow = Pick<WorkflowCaseRow, (typeof QUEUE_COLUMNS)[number]> & { office: string | null };

type QueueColumn = 'requested_at' | 'updated_at' | 'expected_at' | 'id';
const EXPECTED_DATE_LAST = sql<number>`case when expected_at is null then 1 else 0 end`;

/** Each sort ends on the id, so a page boundary never splits or repeats a case. */
const ORDERINGS: Record<QueueSort, readonly (readonly [QueueColumn | typeof EXPECTED_DATE_LAST, 'asc' | 'desc'])[]> = {
  newest: [['requested_at', 'desc'], ['id', 'desc']],
  oldest: [['requested_at', 'asc'], ['id', 'asc']],
  updated: [['updated_at', 'desc'], ['id', 'desc']],
  // Cases with a date first (SQLite and PostgreSQL put NULLs at opposite ends), soonest first.
  expected: [[EXPECTED_DATE_LAST, 'asc'], ['expected_at', 'asc'], ['id', 'asc']],
};

export async function searchQueue(
  db: HubDb,
  tenantId: string,
  filter: QueueFilter,
  page: { limit: number; offset: number; sort: QueueSort },
): Promise<QueueRow[]> {
  let query = tables(db)
    .selectFrom('service_requests')
    .select(QUEUE_COLUMNS)
    .select((eb) => eb.selectFrom('devices').select('devices.site').whereRef('devices.id', '=', 'service_requests.device_id').as('office'))
    .where((eb) => queueConditions(eb, tenantId, filter));
  for (const [expression, direction] of ORDERINGS[page.sort]) query = query.orderBy(expression, direction);
  return query.limit(page.limit).offset(page.offset).execute();
}

/** The site of the kiosk that filed a case, or null. */
export async function officeOfDevice(db: HubDb, tenantId: string, deviceId: string): Promise<string | null> {
  const row = await db.selectFrom('devices').select('site').where('tenant_id', '=', tenantId).where('id', '=', deviceId).executeTakeFirst();
  return row?.site ?? null;
}

/** The sites of the municipality's kiosks, for the queue's office filter. */
export async function listOffices(db: HubDb, tenantId: string): Promise<string[]> {
  const rows = await db.selectFrom('devices').select('site').distinct().where('tenant_id', '=', tenantId).where('site', 'is not', null).orderBy('site').execute();
  return rows.flatMap((r) => (r.site === null ? [] : [r.site]));
}

/** The personal columns of one case: read only by the audited reveal. */
export async function findPersonalColumns(db: HubDb, tenantId: string, id: string) {
  return db
    .selectFrom('service_requests')
    .select(['description', 'first_name', 'last_name', 'email', 'phone'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function countQueue(db: HubDb, tenantId: string, filter: QueueFilter): Promise<number> {
  const row = await tables(db)
    .selectFrom('service_requests')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where((eb) => queueConditions(eb, tenantId, filter))
    .executeTakeFirstOrThrow();
  // PostgreSQL returns count(*) as a bigint string, SQLite as a number.
  return Number(row.n);
}

/**
 * Takes the case's row lock for the rest of the transaction (a no-op write: portable, unlike
 * SELECT ... FOR UPDATE), so two caseworkers acting at once are serialised and each audit row's
 * "from" is what the change really replaced. Returns false when the case does not exist.
 */
export async function lockCase(db: HubDb, tenantId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('service_requests')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findWorkflowCase(db: HubDb, tenantId: string, id: string): Promise<WorkflowCaseRow | undefined> {
  return tables(db).selectFrom('service_requests').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function updateWorkflowColumns(
  db: HubDb,
  tenantId: string,
  id: string,
  change: Partial<WorkflowCaseColumns> & { updated_at?: string },
): Promise<void> {
  await tables(db).updateTable('service_requests').set(change).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Ids of the cases merged into this one, oldest first. */
export async function listDuplicateIds(db: HubDb, tenantId: string, keptId: string): Promise<string[]> {
  const rows = await tables(db)
    .selectFrom('service_requests')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('merged_into_id', '=', keptId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertInternalNote(db: HubDb, row: InternalNoteRow): Promise<void> {
  await tables(db).insertInto('case_internal_notes').values(row).execute();
}

export async function listInternalNotes(db: HubDb, tenantId: string, requestId: string): Promise<InternalNoteRow[]> {
  return tables(db)
    .selectFrom('case_internal_notes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type StaffRow = Pick<UsersTable, 'id' | 'tenant_id' | 'username' | 'role' | 'disabled_at'>;

export async function findStaffUser(db: HubDb, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('users').select(['id', 'tenant_id', 'username', 'role', 'disabled_at']).where('id', '=', id).executeTakeFirst();
}

/** Enabled users of a tenant with one of the roles, by username. */
export async function listStaff(db: HubDb, tenantId: string, roles: readonly UsersTable['role'][]): Promise<StaffRow[]> {
  if (roles.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'tenant_id', 'username', 'role', 'disabled_at'])
    .where('tenant_id', '=', tenantId)
    .where('role', 'in', [...roles])
    .where('disabled_at', 'is', null)
    .orderBy('username')
    .execute();
}

/** user id -> username for the given ids (a tenant's own users only). */
export async function usernamesOf(db: HubDb, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username']).where('tenant_id', '=', tenantId).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}

/** Points the duplicates of `fromId` at `toId` (merging a case that already had duplicates). */
export async function repointDuplicates(db: HubDb, tenantId: string, fromId: string, toId: string): Promise<number> {
  const result = await tables(db)
    .updateTable('service_requests')
    .set({ merged_into_id: toId })
    .where('tenant_id', '=', tenantId)
    .where('merged_into_id', '=', fromId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
