import type { BulkChangeBody, BulkResult } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { HubProblem } from '../../http/problems.js';
import { randomId } from '../../security/tokens.js';
import type { Actor } from './audit.js';
import { assignCase, changeStatus, requireAssignable } from './case-changes.js';
import type { Clock, StatusChangeFollowUp } from './case-changes.js';
import { CASE_WRITERS, requireRole } from './roles.js';

/**
 * One change applied to many cases through the same code as a change of one case, each case in
 * its own transaction: a case that refuses (merged, unknown, already in that state) is reported
 * and the others still change. Every audit row carries the bulk change's id.
 */
export async function bulkChange(
  db: HubDb,
  actor: Actor,
  body: BulkChangeBody,
  followUp: StatusChangeFollowUp,
  clock: Clock = () => new Date(),
): Promise<BulkResult> {
  requireRole(actor.user, CASE_WRITERS, 'change cases');
  const { change } = body;
  // A wrong assignee is wrong for every case: refuse the whole request rather than each case.
  if (change.kind === 'assign') await requireAssignable(db, actor, change.assigneeId);
  const bulkId = randomId('bulk');
  const tagged: Actor = { ...actor, bulkId };
  const results: BulkResult['results'] = [];
  // One after the other: the cases' row locks are then never held crosswise by one request.
  for (const id of body.ids) {
    try {
      if (change.kind === 'assign') await assignCase(db, tagged, id, change.assigneeId, clock);
      else {
        const status = { detailedStatus: change.detailedStatus, ...(change.publicNote !== undefined && { publicNote: change.publicNote }) };
        await changeStatus(db, tagged, id, status, clock, followUp);
      }
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof HubProblem)) throw error;
      results.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return { bulkId, results };
}
