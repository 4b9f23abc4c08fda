import type { HubDb } from '../../db/database.js';
import { HubProblem, badRequest, notFound } from '../../http/problems.js';
import { randomId } from '../../security/tokens.js';
import { changeCaseStatus } from '../cases/service.js';
import { latestCaseAuditAt } from './audit-repository.js';
import { recordAudit } from './audit.js';
import type { Actor } from './audit.js';
import { findStaffUser, findWorkflowCase, insertInternalNote, lockCase, repointDuplicates, updateWorkflowColumns } from './case-repository.js';
import type { WorkflowCaseRow } from './case-repository.js';
import { resolveCaseId } from './case-queries.js';
import type { MergeBody, StatusChangeBody } from './contract.js';
import { CASE_WRITERS, requireRole } from './roles.js';
import { MERGED_DETAILED_STATUS, openOrClosed } from './statuses.js';

/**
 * The write side of the staff workflow. Every change runs in one transaction that first takes
 * the case's row lock, then changes it, then appends its audit row: the change and its trail
 * commit together or not at all. Each returns the hub id of the case it changed.
 */

/** Where a change's time comes from; tests may pass a fixed clock. */
export type Clock = () => Date;
const systemClock: Clock = () => new Date();

type Change = (trx: HubDb, row: WorkflowCaseRow, at: Date) => Promise<void>;

/**
 * The change's time, read once the locks are held and never earlier than the case's last
 * change: concurrent changes then get times in the order they were applied, so the history's
 * last entry is the case's current state and each audit row follows the one before it.
 */
async function changeTime(trx: HubDb, tenantId: string, rows: readonly WorkflowCaseRow[], clock: Clock): Promise<Date> {
  let at = clock().getTime();
  for (const row of rows) {
    const latestAudit = await latestCaseAuditAt(trx, tenantId, row.id);
    for (const earlier of [row.updated_at, latestAudit]) {
      if (earlier !== undefined) at = Math.max(at, Date.parse(earlier) + 1);
    }
  }
  return new Date(at);
}

async function changeLockedCases(
  db: HubDb,
  actor: Actor,
  ids: readonly string[],
  clock: Clock,
  change: (trx: HubDb, rows: WorkflowCaseRow[], at: Date) => Promise<void>,
): Promise<void> {
  requireRole(actor.user, CASE_WRITERS, 'change cases');
  await db.transaction().execute(async (trx) => {
    // Locks in id order, so two merges of the same pair in opposite directions cannot deadlock.
    for (const id of [...ids].sort()) {
      if (!(await lockCase(trx, actor.user.tenantId, id))) throw notFound('unknown-request', 'no request has this id or reference');
    }
    const rows: WorkflowCaseRow[] = [];
    for (const id of ids) {
      const row = await findWorkflowCase(trx, actor.user.tenantId, id);
      if (row === undefined) throw notFound('unknown-request', 'no request has this id or reference');
      rows.push(row);
    }
    await change(trx, rows, await changeTime(trx, actor.user.tenantId, rows, clock));
  });
}

async function changeCase(db: HubDb, actor: Actor, idOrReference: string, clock: Clock, change: Change): Promise<string> {
  requireRole(actor.user, CASE_WRITERS, 'change cases');
  const id = await resolveCaseId(db, actor.user.tenantId, idOrReference);
  await changeLockedCases(db, actor, [id], clock, async (trx, [row], at) => {
    if (row !== undefined) await change(trx, row, at);
  });
  return id;
}

function refuseMerged(row: WorkflowCaseRow): void {
  if (row.merged_into_id !== null) {
    throw new HubProblem(409, 'case-merged', `case ${row.id} was merged into case ${row.merged_into_id}; work on that case instead`);
  }
}

async function addNote(trx: HubDb, actor: Actor, caseId: string, body: string, at: Date): Promise<string> {
  const id = randomId('note');
  await insertInternalNote(trx, { id, tenant_id: actor.user.tenantId, request_id: caseId, author_id: actor.user.userId, body, created_at: at.toISOString() });
  return id;
}

/** Refuses (400) an assignee who is not an enabled case handler of the actor's municipality. */
export async function requireAssignable(db: HubDb, actor: Actor, assigneeId: string | null): Promise<void> {
  if (assigneeId === null) return;
  const assignee = await findStaffUser(db, assigneeId);
  if (assignee === undefined || assignee.tenant_id !== actor.user.tenantId || assignee.disabled_at !== null || !CASE_WRITERS.has(assignee.role)) {
    throw badRequest('invalid-assignee', 'the assignee must be an enabled caseworker or admin of your municipality');
  }
}

/** Assigns a case to a case handler of the same municipality, or to nobody (null). */
export async function assignCase(db: HubDb, actor: Actor, idOrReference: string, assigneeId: string | null, clock: Clock = systemClock): Promise<string> {
  await requireAssignable(db, actor, assigneeId);
  return changeCase(db, actor, idOrReference, clock, async (trx, row, now) => {
    if (row.assignee_id === assigneeId) return;
    // Not a public change, so updated_at (Open311's sync cursor) stays as it is.
    await updateWorkflowColumns(trx, actor.user.tenantId, row.id, { assignee_id: assigneeId });
    await recordAudit(trx, actor, { action: 'case.assign', targetType: 'case', targetId: row.id, details: { from: row.assignee_id, to: assigneeId }, at: now });
  });
}

/** Called inside the status change's transaction when the public status changed (e.g. to notify). */
export type StatusChangeFollowUp = (trx: HubDb, tenantId: string, caseId: string, at: Date) => Promise<void>;

/** A new detailed status (and so open/closed), with an optional public note and internal note. */
export async function changeStatus(
  db: HubDb,
  actor: Actor,
  idOrReference: string,
  body: StatusChangeBody,
  clock: Clock = systemClock,
  followUp: StatusChangeFollowUp = async () => {},
): Promise<string> {
  return changeCase(db, actor, idOrReference, clock, async (trx, row, now) => {
    refuseMerged(row);
    const statusChanges = row.detailed_status !== body.detailedStatus;
    if (!statusChanges && body.publicNote === undefined && body.internalNote === undefined) {
      throw badRequest('no-change', `the case is already ${body.detailedStatus}; send a note or another status`);
    }
    if (statusChanges || body.publicNote !== undefined) {
      await changeCaseStatus(trx, actor.user.tenantId, row.id, {
        status: openOrClosed(body.detailedStatus),
        detailedStatus: body.detailedStatus,
        publicNote: body.publicNote ?? null,
        at: now,
      });
      await followUp(trx, actor.user.tenantId, row.id, now);
    }
    const noteId = body.internalNote === undefined ? null : await addNote(trx, actor, row.id, body.internalNote, now);
    await recordAudit(trx, actor, {
      action: 'case.status',
      targetType: 'case',
      targetId: row.id,
      details: { from: row.detailed_status, to: body.detailedStatus, publicNote: body.publicNote !== undefined, internalNote: noteId },
      at: now,
    });
  });
}

/** Sets or clears when staff expect to finish (Open311 expected_datetime). */
export async function setExpected(db: HubDb, actor: Actor, idOrReference: string, expectedAt: string | null, clock: Clock = systemClock): Promise<string> {
  const expected = expectedAt === null ? null : new Date(expectedAt).toISOString();
  return changeCase(db, actor, idOrReference, clock, async (trx, row, now) => {
    refuseMerged(row);
    if (row.expected_at === expected) return;
    // Citizens see the expected date, so Open311 sync clients must see the change.
    await updateWorkflowColumns(trx, actor.user.tenantId, row.id, { expected_at: expected, updated_at: now.toISOString() });
    await recordAudit(trx, actor, { action: 'case.expected', targetType: 'case', targetId: row.id, details: { from: row.expected_at, to: expected }, at: now });
  });
}

export async function addInternalNote(db: HubDb, actor: Actor, idOrReference: string, body: string, clock: Clock = systemClock): Promise<string> {
  return changeCase(db, actor, idOrReference, clock, async (trx, row, now) => {
    const noteId = await addNote(trx, actor, row.id, body, now);
    await recordAudit(trx, actor, { action: 'case.note', targetType: 'case', targetId: row.id, details: { note: noteId }, at: now });
  });
}

/**
 * Merges a duplicate into the case that stays: the duplicate is closed as `duplicate`, points at
 * the kept case, and keeps its own history; its own duplicates move to the kept case.
 */
export async function mergeCase(db: HubDb, actor: Actor, duplicateIdOrReference: string, body: MergeBody, clock: Clock = systemClock): Promise<string> {
  requireRole(actor.user, CASE_WRITERS, 'change cases');
  const duplicateId = await resolveCaseId(db, actor.user.tenantId, duplicateIdOrReference);
  const keptId = await resolveCaseId(db, actor.user.tenantId, body.into);
  if (duplicateId === keptId) throw badRequest('merge-into-itself', 'a case cannot be merged into itself');
  await changeLockedCases(db, actor, [duplicateId, keptId], clock, async (trx, [duplicate, kept], now) => {
    if (duplicate === undefined || kept === undefined) return;
    refuseMerged(duplicate);
    if (kept.merged_into_id !== null) {
      throw new HubProblem(409, 'target-merged', `case ${kept.id} was itself merged into case ${kept.merged_into_id}; merge into that case`);
    }
    await changeCaseStatus(trx, actor.user.tenantId, duplicate.id, {
      status: openOrClosed(MERGED_DETAILED_STATUS),
      detailedStatus: MERGED_DETAILED_STATUS,
      publicNote: body.publicNote ?? null,
      at: now,
    });
    await updateWorkflowColumns(trx, actor.user.tenantId, duplicate.id, { merged_into_id: kept.id });
    const moved = await repointDuplicates(trx, actor.user.tenantId, duplicate.id, kept.id);
    const noteId = body.internalNote === undefined ? null : await addNote(trx, actor, duplicate.id, body.internalNote, now);
    await recordAudit(trx, actor, {
      action: 'case.merge',
      targetType: 'case',
      targetId: duplicate.id,
      details: { into: kept.id, from: duplicate.detailed_status, movedDuplicates: moved, publicNote: body.publicNote !== undefined, internalNote: noteId },
      at: now,
    });
    await recordAudit(trx, actor, { action: 'case.merge-received', targetType: 'case', targetId: kept.id, details: { duplicate: duplicate.id }, at: now });
  });
  return duplicateId;
}
