import type { HubDb } from '../../db/database.js';
import { negotiateLocale } from '../../http/locale.js';
import type { SessionUser } from '../auth/service.js';
import { serviceNames, tenantLocale } from '../catalog/service.js';
import { caseHistories, findCase } from '../cases/service.js';
import { requireTenant } from '../tenants/service.js';
import { caseAuditTrail, parseDetails } from './audit.js';
import { countQueue, findWorkflowCase, listDuplicateIds, listInternalNotes, searchQueue, usernamesOf } from './case-repository.js';
import type { QueueFilter, QueueRow, WorkflowCaseRow } from './case-repository.js';
import type { CaseDetail, CaseQueue, CaseQueueQuery, QueueCase } from './contract.js';
import { CASE_READERS, requireRole, seesPersonalData } from './roles.js';

/** The read side of the staff workflow: the queue and one case with its whole history. */

const DAY_MS = 24 * 60 * 60 * 1000;

function queueFilter(user: SessionUser, query: CaseQueueQuery, now: Date): QueueFilter {
  const assignee = query.assignee === undefined ? undefined : query.assignee === 'me' ? user.userId : query.assignee === 'none' ? null : query.assignee;
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  return {
    ...(query.service !== undefined && { serviceCodes: query.service }),
    ...(query.status !== undefined && { statuses: query.status }),
    ...(query.detailed_status !== undefined && { detailedStatuses: query.detailed_status }),
    ...(query.channel !== undefined && { channels: query.channel }),
    ...(assignee !== undefined && { assigneeId: assignee }),
    ...(query.min_age_days !== undefined && { requestedAtOrBefore: daysAgo(query.min_age_days) }),
    ...(query.max_age_days !== undefined && { requestedAtOrAfter: daysAgo(query.max_age_days) }),
  };
}

function toQueueCase(row: QueueRow, names: Map<string, string>, users: Map<string, string>): QueueCase {
  return {
    id: row.id,
    localReference: row.local_reference,
    serviceCode: row.service_code,
    serviceName: names.get(row.service_code) ?? row.service_code,
    status: row.status,
    detailedStatus: row.detailed_status,
    channel: row.channel,
    requestedAt: row.requested_at,
    updatedAt: row.updated_at,
    expectedAt: row.expected_at,
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, username: users.get(row.assignee_id) ?? row.assignee_id },
    mergedInto: row.merged_into_id,
  };
}

/** What the console asked for: `locale=` wins over Accept-Language, then the municipality's language. */
export interface LocaleWish {
  readonly explicit: string | undefined;
  readonly acceptLanguage: string | undefined;
}

async function namesFor(db: HubDb, tenantId: string, wish: LocaleWish) {
  const tenant = await requireTenant(db, tenantId);
  const fallback = tenantLocale(tenant.default_locale);
  return serviceNames(db, tenantId, negotiateLocale(wish.explicit, wish.acceptLanguage, fallback), fallback);
}

export async function listQueue(db: HubDb, user: SessionUser, query: CaseQueueQuery, wish: LocaleWish, now = new Date()): Promise<CaseQueue> {
  requireRole(user, CASE_READERS, 'read cases');
  const filter = queueFilter(user, query, now);
  const [rows, total, names] = await Promise.all([
    searchQueue(db, user.tenantId, filter, { limit: query.page_size, offset: (query.page - 1) * query.page_size, oldestFirst: query.sort === 'oldest' }),
    countQueue(db, user.tenantId, filter),
    namesFor(db, user.tenantId, wish),
  ]);
  const users = await usernamesOf(db, user.tenantId, rows.flatMap((r) => (r.assignee_id === null ? [] : [r.assignee_id])));
  return { cases: rows.map((row) => toQueueCase(row, names, users)), page: query.page, pageSize: query.page_size, total };
}

/** The hub id of a case given by id or kiosk reference, in the user's municipality only (404 otherwise). */
export async function resolveCaseId(db: HubDb, tenantId: string, idOrReference: string): Promise<string> {
  return (await findCase(db, tenantId, idOrReference)).id;
}

function personalPart(row: WorkflowCaseRow): NonNullable<CaseDetail['personal']> {
  return { description: row.description, firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone };
}

export async function caseDetail(db: HubDb, user: SessionUser, idOrReference: string, wish: LocaleWish): Promise<CaseDetail> {
  requireRole(user, CASE_READERS, 'read cases');
  const id = await resolveCaseId(db, user.tenantId, idOrReference);
  const row = await findWorkflowCase(db, user.tenantId, id);
  if (row === undefined) throw new Error(`case ${id} vanished while it was read`);
  const [names, histories, notes, audit, duplicates] = await Promise.all([
    namesFor(db, user.tenantId, wish),
    caseHistories(db, user.tenantId, [id]),
    listInternalNotes(db, user.tenantId, id),
    caseAuditTrail(db, user.tenantId, id),
    listDuplicateIds(db, user.tenantId, id),
  ]);
  const users = await usernamesOf(db, user.tenantId, [...notes.map((n) => n.author_id), ...(row.assignee_id === null ? [] : [row.assignee_id])]);
  return {
    ...toQueueCase(row, names, users),
    statusNotes: row.status_notes,
    location: { address: row.address_string, addressId: row.address_id, lat: row.lat, long: row.long, officeLocation: row.office_location === 1 },
    attributes: JSON.parse(row.attributes) as Record<string, string | string[]>,
    mediaUrl: row.media_url,
    locale: row.locale,
    duplicates,
    personal: seesPersonalData(user) ? personalPart(row) : null,
    publicHistory: (histories.get(id) ?? []).map((h) => ({ status: h.status, detailedStatus: h.detailed_status, publicNote: h.public_note, at: h.created_at })),
    internalNotes: notes.map((n) => ({ id: n.id, author: users.get(n.author_id) ?? n.author_id, body: n.body, at: n.created_at })),
    events: audit.map((a) => ({ action: a.action, actor: a.actor_name, details: parseDetails(a), at: a.created_at })),
  };
}
