import type { HubDb } from '../../db/database.js';
import type { NotificationTables, ServiceSlaTable } from './tables.js';

/** SQL for the transparency figures: SLA per service and the closing history of recent cases. */

const tables = (db: HubDb) => db.withTables<NotificationTables>();

export interface ClosedCaseEvent {
  readonly id: string;
  readonly service_code: string;
  readonly requested_at: string;
  readonly status: 'open' | 'closed';
  readonly created_at: string;
}

/**
 * Every history row of the tenant's closed cases touched since `since` (a case closed after `since`
 * was necessarily updated after it), grouped by case, oldest first.
 */
export async function listClosedCaseEvents(db: HubDb, tenantId: string, since: string): Promise<ClosedCaseEvent[]> {
  return tables(db)
    .selectFrom('service_requests as r')
    .innerJoin('service_request_history as h', (join) => join.onRef('h.tenant_id', '=', 'r.tenant_id').onRef('h.request_id', '=', 'r.id'))
    .select(['r.id', 'r.service_code', 'r.requested_at', 'h.status', 'h.created_at'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.status', '=', 'closed')
    .where('r.updated_at', '>=', since)
    .orderBy('r.id')
    .orderBy('h.created_at')
    .orderBy('h.id')
    .execute();
}

export async function listServiceSla(db: HubDb, tenantId: string): Promise<ServiceSlaTable[]> {
  return tables(db).selectFrom('service_sla').selectAll().where('tenant_id', '=', tenantId).execute();
}

export async function upsertServiceSla(db: HubDb, row: ServiceSlaTable): Promise<void> {
  await tables(db)
    .insertInto('service_sla')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'service_code']).doUpdateSet({ sla_days: row.sla_days, updated_at: row.updated_at }))
    .execute();
}

export async function insertServiceSlaIfMissing(db: HubDb, row: ServiceSlaTable): Promise<void> {
  await tables(db).insertInto('service_sla').values(row).onConflict((oc) => oc.doNothing()).execute();
}
