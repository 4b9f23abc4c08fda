import type { HubDb } from '../../db/database.js';
import type { CaseRow } from './repository.js';

/**
 * A query over a tenant's cases. Dates are ISO 8601 UTC text, the form they are stored in, so
 * text comparison is time comparison. `ids`/`references`, when given, replace every other
 * filter (Open311: service_request_id overrides the rest).
 */
export interface CaseSearch {
  readonly ids?: readonly string[];
  readonly references?: readonly string[];
  readonly serviceCodes?: readonly string[];
  readonly statuses?: readonly ('open' | 'closed')[];
  readonly detailedStatuses?: readonly string[];
  readonly channels?: readonly string[];
  /** requested_at >= this. */
  readonly requestedFrom?: string;
  /** requested_at <= this. */
  readonly requestedTo?: string;
  /** updated_at > this. */
  readonly updatedAfter?: string;
  /** updated_at < this. */
  readonly updatedBefore?: string;
  readonly limit: number;
  readonly offset: number;
}

/** Newest first (requested_at, then id), so pages are stable while cases keep arriving. */
export async function searchCaseRows(db: HubDb, tenantId: string, search: CaseSearch): Promise<CaseRow[]> {
  let query = db.selectFrom('service_requests').selectAll().where('tenant_id', '=', tenantId);
  if (search.ids !== undefined || search.references !== undefined) {
    const ids = [...(search.ids ?? [])];
    const references = [...(search.references ?? [])];
    query = query.where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('id', 'in', ids)] : []),
        ...(references.length > 0 ? [eb('local_reference', 'in', references)] : []),
        // Nothing to match: an always-false condition keeps the SQL valid.
        ...(ids.length === 0 && references.length === 0 ? [eb('id', 'is', null)] : []),
      ]),
    );
  } else {
    if (search.serviceCodes !== undefined) query = query.where('service_code', 'in', [...search.serviceCodes]);
    if (search.statuses !== undefined) query = query.where('status', 'in', [...search.statuses]);
    if (search.detailedStatuses !== undefined) query = query.where('detailed_status', 'in', [...search.detailedStatuses]);
    if (search.channels !== undefined) query = query.where('channel', 'in', [...search.channels] as CaseRow['channel'][]);
    if (search.requestedFrom !== undefined) query = query.where('requested_at', '>=', search.requestedFrom);
    if (search.requestedTo !== undefined) query = query.where('requested_at', '<=', search.requestedTo);
    if (search.updatedAfter !== undefined) query = query.where('updated_at', '>', search.updatedAfter);
    if (search.updatedBefore !== undefined) query = query.where('updated_at', '<', search.updatedBefore);
  }
  return query.orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(search.limit).offset(search.offset).execute();
}

export async function updateCaseStatus(
  db: HubDb,
  tenantId: string,
  id: string,
  change: { status: 'open' | 'closed'; detailed_status: string; status_notes: string | null; updated_at: string },
): Promise<number> {
  const result = await db.updateTable('service_requests').set(change).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
