import { CaseSubmissionSchema, canonicalJson } from '@kiosk/shared';
import type { CaseSubmission, DeadLetterCorrection, DeadLetterDetail, DeadLetterState, DeadLetterSummary } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { HubProblem, badRequest, notFound } from '../../http/problems.js';
import { siteScopeOf } from '../../modules/auth/scope.js';
import type { SessionUser } from '../../modules/auth/service.js';
import { recordAudit } from '../../modules/workflow/audit.js';
import type { Actor } from '../../modules/workflow/audit.js';
import { requireRole, type StaffRole } from '../../modules/workflow/roles.js';
import { randomId } from '../../security/tokens.js';
import { findTenantDeadLetter, listTenantDeadLetters, lockDeadLetter, updateDeadLetter } from './repository.js';
import type { DeadLetterRow } from './tables.js';

/**
 * Dead letters hold what the citizen wrote: only admins and fleet operators (who fix kiosks'
 * refused requests) see them, and every look at one, fix and resend is audited.
 */
export const DEAD_LETTER_STAFF: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'operator']);
export const DEAD_LETTER_LIST_LIMIT = 200;

function summary(row: DeadLetterRow): DeadLetterSummary {
  return {
    id: row.id,
    deviceId: row.device_id,
    localReference: row.local_reference,
    serviceCode: row.service_code,
    statusCode: row.status_code,
    error: row.error,
    state: row.state,
    corrected: row.corrected_submission !== null,
    reports: row.reports,
    reportedAt: row.reported_at,
    updatedAt: row.updated_at,
    resentAt: row.resent_at,
  };
}

function detail(row: DeadLetterRow): DeadLetterDetail {
  return {
    ...summary(row),
    submission: JSON.parse(row.submission) as CaseSubmission,
    correctedSubmission: row.corrected_submission === null ? null : (JSON.parse(row.corrected_submission) as CaseSubmission),
  };
}

async function audit(db: HubDb, actor: Actor, action: string, id: string, details: Record<string, string | number | boolean | null>, at: Date): Promise<void> {
  await recordAudit(db, actor, { action, targetType: 'dead-letter', targetId: id, details, at });
}

export async function listDeadLetters(db: HubDb, user: SessionUser, state: DeadLetterState | undefined): Promise<DeadLetterSummary[]> {
  requireRole(user, DEAD_LETTER_STAFF, 'see dead-lettered kiosk requests');
  return (await listTenantDeadLetters(db, user.tenantId, state, DEAD_LETTER_LIST_LIMIT, siteScopeOf(user))).map(summary);
}

export async function readDeadLetter(db: HubDb, actor: Actor, id: string, now = new Date()): Promise<DeadLetterDetail> {
  requireRole(actor.user, DEAD_LETTER_STAFF, 'see dead-lettered kiosk requests');
  // Another site's dead letter (a staff member scoped to one site) is as unknown as a missing one.
  const row = await findTenantDeadLetter(db, actor.user.tenantId, id, siteScopeOf(actor.user));
  if (row === undefined) throw notFound('unknown-dead-letter', 'no dead letter of your municipality has this id');
  await audit(db, actor, 'dead-letter.view', id, {}, now);
  return detail(row);
}

/** Runs `change` on the locked row; a resent dead letter is closed (a new refusal reopens it). */
async function changeOpen(db: HubDb, actor: Actor, id: string, change: (trx: HubDb, row: DeadLetterRow) => Promise<void>): Promise<DeadLetterDetail> {
  requireRole(actor.user, DEAD_LETTER_STAFF, 'fix or resend dead-lettered kiosk requests');
  return db.transaction().execute(async (trx) => {
    if (!(await lockDeadLetter(trx, actor.user.tenantId, id, siteScopeOf(actor.user)))) throw notFound('unknown-dead-letter', 'no dead letter of your municipality has this id');
    const row = await findTenantDeadLetter(trx, actor.user.tenantId, id);
    if (row === undefined) throw notFound('unknown-dead-letter', 'no dead letter of your municipality has this id');
    if (row.state === 'resent') throw new HubProblem(409, 'already-resent', 'the kiosk already resent this request; if the hub refuses it again it reappears here');
    await change(trx, row);
    const after = await findTenantDeadLetter(trx, actor.user.tenantId, id);
    if (after === undefined) throw new Error(`dead letter ${id} vanished while it was changed`);
    return detail(after);
  });
}

/**
 * Staff correct the fields that made the hub refuse the request. The reference, sequence and
 * filing time stay the kiosk's. A correction made after a resend was requested replaces that
 * fix (new fix id), so the kiosk always sends the latest version.
 */
export async function fixDeadLetter(db: HubDb, actor: Actor, id: string, correction: DeadLetterCorrection, now = new Date()): Promise<DeadLetterDetail> {
  return changeOpen(db, actor, id, async (trx, row) => {
    const base = JSON.parse(row.corrected_submission ?? row.submission) as CaseSubmission;
    const { contact, ...fields } = correction;
    const merged: Record<string, unknown> = { ...base, ...fields };
    if (contact === null) delete merged['contact'];
    else if (contact !== undefined) merged['contact'] = contact;
    const parsed = CaseSubmissionSchema.safeParse(merged);
    if (!parsed.success) throw badRequest('invalid', `the corrected request is invalid (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
    const at = now.toISOString();
    const fixId = row.state === 'resend-requested' ? randomId('fix') : row.fix_id;
    await updateDeadLetter(trx, id, { corrected_submission: canonicalJson(parsed.data), fix_id: fixId, updated_at: at });
    // Field names only: the audit log never holds what a person typed.
    await audit(trx, actor, 'dead-letter.fix', id, { fields: Object.keys(correction).sort().join(',') }, now);
  });
}

/** Asks the kiosk to send the request again (corrected if fixed, as it was otherwise). */
export async function resendDeadLetter(db: HubDb, actor: Actor, id: string, now = new Date()): Promise<DeadLetterDetail> {
  return changeOpen(db, actor, id, async (trx, row) => {
    await updateDeadLetter(trx, id, { state: 'resend-requested', fix_id: randomId('fix'), updated_at: now.toISOString() });
    await audit(trx, actor, 'dead-letter.resend', id, { corrected: row.corrected_submission !== null }, now);
  });
}
