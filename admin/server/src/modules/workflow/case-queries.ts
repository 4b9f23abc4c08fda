import type { HubDb } from '../../db/database.js';
import { negotiateLocale } from '../../http/locale.js';
import type { SessionUser } from '../auth/service.js';
import { serviceNames, tenantLocale } from '../catalog/service.js';
import { caseHistories, findCase } from '../cases/service.js';
import { requireTenant } from '../tenants/service.js';
import { caseAuditTrail, parseDetails } from './audit.js';
import { listServiceSla } from '../notifications/figures-repository.js';
import { countQueue, findWorkflowCase, listDuplicateIds, listInternalNotes, listOffices, officeOfDevice, searchQueue, usernamesOf } from './case-repository.js';
import type { QueueFilter, QueueRow, SlaCutoff } from './case-repository.js';
import type { CaseDetail, CaseQueue, CaseQueueQuery, QueueCase, QueueFilterOptions } from './contract.js';
import { CASE_READERS, CASE_WRITERS, requireRole, seesPersonalData } from './roles.js';

/** The read side of the staff workflow: the queue and one case with its whole history. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** service code -> promised days to close, for the municipality's services that promise one. */
async function slaDays(db: HubDb, tenantId: string): Promise<Map<string, number>> {
  return new Map((await listServiceSla(db, tenantId)).map((row) => [row.service_code, Number(row.sla_days)]));
}

function slaCutoffs(days: Map<string, number>, now: Date): SlaCutoff[] {
  return [...days].map(([serviceCode, d]) => ({ serviceCode, requestedBefore: new Date(now.getTime() - d * DAY_MS).toISOString() }));
}

function queueFilter(user: SessionUser, query: CaseQueueQuery, sla: Map<string, number>, now: Date): QueueFilter {
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
    ...(query.office !== undefined && { offices: query.office }),
    ...(query.sla !== undefined && { sla: { breached: query.sla === 'breached', cutoffs: slaCutoffs(sla, now) } }),
  };
}

interface QueueContext {
  readonly names: Map<string, string>;
  readonly users: Map<string, string>;
  readonly sla: Map<string, number>;
  readonly now: Date;
}

function toQueueCase(row: QueueRow, { names, users, sla, now }: QueueContext): QueueCase {
  const days = sla.get(row.service_code);
  const due = days === undefined ? null : new Date(Date.parse(row.requested_at) + days * DAY_MS);
  return {
    id: row.id,
    localReference: row.local_reference,
    serviceCode: row.service_code,
    serviceName: names.get(row.service_code) ?? row.service_code,
    status: row.status,
    detailedStatus: row.detailed_status,
    channel: row.channel,
    office: row.office,
    requestedAt: row.requested_at,
    updatedAt: row.updated_at,
    expectedAt: row.expected_at,
    slaDueAt: due === null ? null : due.toISOString(),
    // Same rule as the queue's `sla=breached` filter (requested strictly before the cutoff).
    slaBreached: due !== null && row.status === 'open' && due.getTime() < now.getTime(),
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
  const sla = await slaDays(db, user.tenantId);
  const filter = queueFilter(user, query, sla, now);
  const [rows, total, names] = await Promise.all([
    searchQueue(db, user.tenantId, filter, { limit: query.page_size, offset: (query.page - 1) * query.page_size, sort: query.sort }),
    countQueue(db, user.tenantId, filter),
    namesFor(db, user.tenantId, wish),
  ]);
  const users = await usernamesOf(db, user.tenantId, rows.flatMap((r) => (r.assignee_id === null ? [] : [r.assignee_id])));
  const context = { names, users, sla, now };
  return { cases: rows.map((row) => toQueueCase(row, context)), page: query.page, pageSize: query.page_size, total };
}

/** What the queue's service and office filters offer, services by their name in the wished language. */
export async function queueFilterOptions(db: HubDb, user: SessionUser, wish: LocaleWish): Promise<QueueFilterOptions> {
  requireRole(user, CASE_READERS, 'read cases');
  const [names, offices] = await Promise.all([namesFor(db, user.tenantId, wish), listOffices(db, user.tenantId)]);
  const services = [...names].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
  return { services, offices };
}

/** The hub id of a case given by id or kiosk reference, in the user's municipality only (404 otherwise). */
export async function resolveCaseId(db: HubDb, tenantId: string, idOrReference: string): Promise<string> {
  return (await findCase(db, tenantId, idOrReference)).id;
}

/** One case for the console, without the citizen's words and contact (see personal-data.ts). */
export async function caseDetail(db: HubDb, user: SessionUser, idOrReference: string, wish: LocaleWish, now = new Date()): Promise<CaseDetail> {
  requireRole(user, CASE_READERS, 'read cases');
  const id = await resolveCaseId(db, user.tenantId, idOrReference);
  const row = await findWorkflowCase(db, user.tenantId, id);
  if (row === undefined) throw new Error(`case ${id} vanished while it was read`);
  const [names, histories, notes, audit, duplicates, sla, office] = await Promise.all([
    namesFor(db, user.tenantId, wish),
    caseHistories(db, user.tenantId, [id]),
    listInternalNotes(db, user.tenantId, id),
    caseAuditTrail(db, user.tenantId, id),
    listDuplicateIds(db, user.tenantId, id),
    slaDays(db, user.tenantId),
    row.device_id === null ? null : officeOfDevice(db, user.tenantId, row.device_id),
  ]);
  const users = await usernamesOf(db, user.tenantId, [...notes.map((n) => n.author_id), ...(row.assignee_id === null ? [] : [row.assignee_id])]);
  return {
    ...toQueueCase({ ...row, office }, { names, users, sla, now }),
    statusNotes: row.status_notes,
    location: { address: row.address_string, addressId: row.address_id, lat: row.lat, long: row.long, officeLocation: row.office_location === 1 },
    attributes: JSON.parse(row.attributes) as Record<string, string | string[]>,
    mediaUrl: row.media_url,
    locale: row.locale,
    duplicates,
    mayRevealPersonalData: seesPersonalData(user),
    mayChange: CASE_WRITERS.has(user.role),
    publicHistory: (histories.get(id) ?? []).map((h) => ({ status: h.status, detailedStatus: h.detailed_status, publicNote: h.public_note, at: h.created_at })),
    internalNotes: notes.map((n) => ({ id: n.id, author: users.get(n.author_id) ?? n.author_id, body: n.body, at: n.created_at })),
    events: audit.map((a) => ({ action: a.action, actor: a.actor_name, details: parseDetails(a), at: a.created_at })),
  };
}
