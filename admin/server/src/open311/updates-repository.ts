import type { HubDb } from '../db/database.js';
import type { CaseExtraTables, ServiceRequestHistoryTable } from '../modules/cases/history-tables.js';

/**
 * The read behind GET servicerequestupdates: public status-history entries of a tenant in a time
 * window. Only the history table's public columns are read (never the case's personal fields).
 * Meant to move into modules/cases/history-repository.ts (see the hand-over report).
 */

export type UpdateRow = ServiceRequestHistoryTable;

export interface UpdateWindow {
  /** Inclusive, ISO UTC. */
  readonly from: string;
  /** Inclusive, ISO UTC. */
  readonly to: string;
  readonly requestIds?: readonly string[];
  readonly limit: number;
  readonly offset: number;
}

/**
 * Oldest first (a sync client walks forward). The entry a case was created with is not an update:
 * it is the only one stamped with the case's own requested_at (later changes are always later).
 */
export async function listUpdates(db: HubDb, tenantId: string, window: UpdateWindow): Promise<UpdateRow[]> {
  let query = db
    .withTables<CaseExtraTables>()
    .selectFrom('service_request_history as h')
    .innerJoin('service_requests as r', (join) => join.onRef('r.tenant_id', '=', 'h.tenant_id').onRef('r.id', '=', 'h.request_id'))
    .selectAll('h')
    .where('h.tenant_id', '=', tenantId)
    .where('h.created_at', '>=', window.from)
    .where('h.created_at', '<=', window.to)
    .whereRef('h.created_at', '<>', 'r.requested_at');
  if (window.requestIds !== undefined) query = query.where('h.request_id', 'in', [...window.requestIds]);
  return query.orderBy('h.created_at').orderBy('h.id').limit(window.limit).offset(window.offset).execute();
}

/** The newest history entry of one case (the one a change just wrote, under the case's lock). */
export async function latestUpdate(db: HubDb, tenantId: string, requestId: string): Promise<UpdateRow | undefined> {
  return db
    .withTables<CaseExtraTables>()
    .selectFrom('service_request_history')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('request_id', '=', requestId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
