import type { HubDb } from '../db/database.js';
import { requireApiKey } from '../modules/api-keys/service.js';
import type { ApiKeyRow } from '../modules/api-keys/repository.js';
import { changeCaseStatus, findCase } from '../modules/cases/service.js';
import { notifyCaseStatusChanged } from '../modules/notifications/case-notifications.js';
import type { Tenant } from '../modules/tenants/service.js';
import { resolveJurisdiction } from '../modules/tenants/service.js';
import { latestCaseAuditAt } from '../modules/workflow/audit-repository.js';
import { recordAudit } from '../modules/workflow/audit.js';
import type { Actor } from '../modules/workflow/audit.js';
import { findWorkflowCase, lockCase } from '../modules/workflow/case-repository.js';
import { SETTABLE_DETAILED_STATUSES, openOrClosed } from '../modules/workflow/statuses.js';
import type { DetailedStatus } from '../modules/workflow/statuses.js';
import { Open311Errors } from './errors.js';
import type { Open311Issue } from './errors.js';
import { FIELD_LIMITS, readDescription, singleField } from './form.js';
import type { RawForm } from './form.js';
import { latestUpdate } from './updates-repository.js';
import type { UpdateRow } from './updates-repository.js';

/**
 * POST servicerequestupdates (FixMyStreet's extension): a third party with an api_key adds a
 * public update to a case: a status (open|closed, or one of FixMyStreet's status names), an
 * optional finer `external_status_code` (a detailed status) and a public note (`description`).
 * Contact fields FixMyStreet also posts (email, names) are ignored: the hub does not store who
 * wrote an update, only which key did (in the audit log).
 */

/** FixMyStreet's update statuses -> our detailed status; plain open/closed are resolved against the case. */
export const FIXMYSTREET_STATUSES: Readonly<Record<string, DetailedStatus>> = {
  investigating: 'in-progress',
  in_progress: 'in-progress',
  action_scheduled: 'planned',
  fixed: 'resolved',
  not_councils_responsibility: 'rejected',
  no_further_action: 'rejected',
  internal_referral: 'rejected',
};

export interface UpdateForm {
  readonly jurisdictionId: string | undefined;
  readonly apiKey: string | undefined;
  readonly serviceRequestId: string | undefined;
  readonly status: string | undefined;
  readonly externalStatusCode: string | undefined;
  readonly description: string | null;
  readonly issues: readonly Open311Issue[];
}

export function readUpdateForm(form: RawForm): UpdateForm {
  const issues: Open311Issue[] = [];
  const serviceRequestId = singleField(form, 'service_request_id');
  if (serviceRequestId === undefined || serviceRequestId.length > FIELD_LIMITS.short) {
    issues.push({ key: 'field-invalid', details: { name: 'service_request_id' } });
  }
  const status = singleField(form, 'status')?.toLowerCase();
  if (status === undefined) issues.push({ key: 'field-invalid', details: { name: 'status' } });
  return {
    jurisdictionId: singleField(form, 'jurisdiction_id'),
    apiKey: singleField(form, 'api_key'),
    serviceRequestId,
    status,
    externalStatusCode: singleField(form, 'external_status_code') ?? singleField(form, 'detailed_status'),
    description: readDescription(form, issues),
    issues,
  };
}

const STATUS_NAMES = ['open', 'closed', ...Object.keys(FIXMYSTREET_STATUSES)];

/** The detailed status the update asks for, given the case's current one; pushes a 400 issue if none fits. */
function targetStatus(form: UpdateForm, current: string, issues: Open311Issue[]): DetailedStatus | null {
  const status = form.status ?? '';
  const mapped = FIXMYSTREET_STATUSES[status];
  if (mapped === undefined && status !== 'open' && status !== 'closed') {
    issues.push({ key: 'value-not-allowed', details: { name: 'status', allowed: STATUS_NAMES.join(', ') } });
    return null;
  }
  const side = mapped === undefined ? (status as 'open' | 'closed') : openOrClosed(mapped);
  if (form.externalStatusCode !== undefined) {
    const wanted = SETTABLE_DETAILED_STATUSES.find((s) => s === form.externalStatusCode);
    if (wanted === undefined || openOrClosed(wanted) !== side) {
      const allowed = SETTABLE_DETAILED_STATUSES.filter((s) => openOrClosed(s) === side).join(', ');
      issues.push({ key: 'value-not-allowed', details: { name: 'external_status_code', allowed } });
      return null;
    }
    return wanted;
  }
  if (mapped !== undefined) return mapped;
  // A plain open/closed that matches the case keeps its finer state (a note-only update).
  const currentStatus = SETTABLE_DETAILED_STATUSES.find((s) => s === current);
  if (currentStatus !== undefined && openOrClosed(currentStatus) === side) return currentStatus;
  return side === 'open' ? 'in-progress' : 'resolved';
}

export interface PostedUpdate {
  readonly tenant: Tenant;
  readonly update: UpdateRow;
}

function apiKeyActor(key: ApiKeyRow, ip: string | null): Actor {
  // Not a console user: the key's id and label identify who acted in the audit trail.
  return { user: { userId: key.id, tenantId: key.tenant_id, username: `api-key:${key.label}`, role: 'caseworker' }, ip };
}

/**
 * Checks in Open311's order (jurisdiction, key 403, form 400, case 404), then changes the case
 * under its row lock, queues the citizen's notification and writes the audit row, all in one
 * transaction. `statusBaseUrl` is where the public status page lives (for the notification).
 */
export async function postRequestUpdate(db: HubDb, raw: RawForm, statusBaseUrl: string, ip: string | null, now = new Date()): Promise<PostedUpdate> {
  const form = readUpdateForm(raw);
  const tenant = await resolveJurisdiction(db, form.jurisdictionId);
  const key = await requireApiKey(db, tenant.id, form.apiKey);
  if (form.issues.length > 0 || form.serviceRequestId === undefined) throw new Open311Errors(400, form.issues);
  const found = await findCase(db, tenant.id, form.serviceRequestId);
  const issues: Open311Issue[] = [];
  const target = targetStatus(form, found.detailed_status, issues);
  if (target === null) throw new Open311Errors(400, issues);
  if (target === found.detailed_status && form.description === null) {
    // Nothing would change: no new status and no note to publish.
    throw new Open311Errors(400, [{ key: 'field-invalid', details: { name: 'description' } }]);
  }

  const update = await db.transaction().execute(async (trx) => {
    if (!(await lockCase(trx, tenant.id, found.id))) throw new Open311Errors(404, [{ key: 'unknown-request' }]);
    const row = await findWorkflowCase(trx, tenant.id, found.id);
    if (row === undefined) throw new Open311Errors(404, [{ key: 'unknown-request' }]);
    // A merged duplicate is closed for good; updates belong on the case it was merged into.
    if (row.merged_into_id !== null) throw new Open311Errors(400, [{ key: 'field-invalid', details: { name: 'service_request_id' } }]);
    // Never earlier than the case's last change, so the history stays in the order it happened.
    const latestAudit = await latestCaseAuditAt(trx, tenant.id, row.id);
    const at = new Date(Math.max(now.getTime(), Date.parse(row.updated_at) + 1, latestAudit === undefined ? 0 : Date.parse(latestAudit) + 1));
    await changeCaseStatus(trx, tenant.id, row.id, { status: openOrClosed(target), detailedStatus: target, publicNote: form.description, at });
    await notifyCaseStatusChanged(trx, tenant.id, row.id, statusBaseUrl, at);
    await recordAudit(trx, apiKeyActor(key, ip), {
      action: 'case.status',
      targetType: 'case',
      targetId: row.id,
      details: { from: row.detailed_status, to: target, publicNote: form.description !== null, via: 'open311-update' },
      at,
    });
    const written = await latestUpdate(trx, tenant.id, row.id);
    if (written === undefined) throw new Error('the status change wrote no history entry');
    return written;
  });
  return { tenant, update };
}
