import type { HubDb } from '../../db/database.js';
import type { AuditLogTable, WorkflowTables } from './tables.js';

/** The audit log: the only SQL on `audit_log`. Insert and select only: the log is append-only. */

export type AuditRow = AuditLogTable;

const tables = (db: HubDb) => db.withTables<WorkflowTables>();

export async function insertAuditRow(db: HubDb, row: AuditRow): Promise<void> {
  await tables(db).insertInto('audit_log').values(row).execute();
}

export interface AuditQuery {
  readonly targetType?: string;
  readonly targetId?: string;
  readonly actor?: string;
  /** Matches the action and every action under it: 'user' finds 'user.create'. */
  readonly action?: string;
  /** ISO days, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly offset: number;
}

/** Newest first. */
export async function listAuditRows(db: HubDb, tenantId: string, query: AuditQuery): Promise<AuditRow[]> {
  let select = tables(db).selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
  if (query.targetType !== undefined) select = select.where('target_type', '=', query.targetType);
  if (query.targetId !== undefined) select = select.where('target_id', '=', query.targetId);
  if (query.actor !== undefined) select = select.where('actor_name', '=', query.actor);
  if (query.action !== undefined) {
    const action = query.action;
    select = select.where((eb) => eb.or([eb('action', '=', action), eb('action', 'like', `${action.replace(/[%_\\]/g, '')}.%`)]));
  }
  if (query.from !== undefined) select = select.where('created_at', '>=', `${query.from}T00:00:00.000Z`);
  if (query.to !== undefined) select = select.where('created_at', '<', new Date(Date.parse(`${query.to}T00:00:00.000Z`) + 86_400_000).toISOString());
  return select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute();
}

/** One case's trail, oldest first. */
export async function listCaseAuditRows(db: HubDb, tenantId: string, caseId: string): Promise<AuditRow[]> {
  return tables(db)
    .selectFrom('audit_log')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('target_type', '=', 'case')
    .where('target_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The latest audit time of a case, or undefined when it has none. */
export async function latestCaseAuditAt(db: HubDb, tenantId: string, caseId: string): Promise<string | undefined> {
  const row = await tables(db)
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('created_at').as('latest'))
    .where('tenant_id', '=', tenantId)
    .where('target_type', '=', 'case')
    .where('target_id', '=', caseId)
    .executeTakeFirst();
  return row?.latest ?? undefined;
}
