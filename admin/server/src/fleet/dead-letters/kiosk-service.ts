import { canonicalJson } from '@kiosk/shared';
import type { CaseSubmission, DeadLetterFix, DeadLetterFixApplied, DeadLetterReport } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import { HubProblem, notFound } from '../../http/problems.js';
import type { AuthenticatedDevice } from '../../modules/devices/service.js';
import { randomId } from '../../security/tokens.js';
import { findDeviceDeadLetter, findTenantDeadLetter, insertDeadLetter, listDeviceFixes, lockDeadLetter, updateDeadLetter } from './repository.js';

/** Fixes handed to a kiosk per poll; the rest follow at the next poll. */
export const FIXES_PER_POLL = 50;

/**
 * A kiosk reports a dead-lettered row. Idempotent per (device, reference, key): the same report
 * again changes nothing. A report for a row that was resent under a NEW key (the fix was refused
 * too) reopens the dead letter with the new error, counting the reports.
 */
export async function reportDeadLetter(db: HubDb, device: AuthenticatedDevice, report: DeadLetterReport, now = new Date()): Promise<{ id: string; state: string }> {
  const at = now.toISOString();
  const values = {
    outbox_id: report.outboxId,
    service_code: report.submission.serviceCode,
    idempotency_key: report.idempotencyKey,
    status_code: report.statusCode,
    error: report.error,
    submission: canonicalJson(report.submission),
  };
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await findDeviceDeadLetter(trx, device.id, report.submission.localReference);
      if (existing === undefined) {
        const id = randomId('dl');
        await insertDeadLetter(trx, {
          id,
          tenant_id: device.tenantId,
          device_id: device.id,
          local_reference: report.submission.localReference,
          ...values,
          corrected_submission: null,
          state: 'open',
          fix_id: null,
          reports: 1,
          reported_at: at,
          updated_at: at,
          resent_at: null,
        });
        return { id, state: 'open' };
      }
      if (existing.idempotency_key === report.idempotencyKey) return { id: existing.id, state: existing.state };
      await lockDeadLetter(trx, device.tenantId, existing.id);
      // The corrected submission is now what the kiosk sent: it becomes the base of the next fix.
      await updateDeadLetter(trx, existing.id, { ...values, corrected_submission: null, state: 'open', fix_id: null, reports: existing.reports + 1, reported_at: at, updated_at: at });
      return { id: existing.id, state: 'open' };
    });
  } catch (error) {
    // The same report raced itself (a retry while the first was committing): the row exists now.
    if (!isUniqueViolation(error)) throw error;
    const row = await findDeviceDeadLetter(db, device.id, report.submission.localReference);
    if (row === undefined) throw error;
    return { id: row.id, state: row.state };
  }
}

/** What staff asked this kiosk to resend, with the submission to send (corrected, or as it was). */
export async function pendingFixes(db: HubDb, device: AuthenticatedDevice): Promise<DeadLetterFix[]> {
  const rows = await listDeviceFixes(db, device.id, FIXES_PER_POLL);
  return rows.map((row) => ({
    id: row.id,
    outboxId: row.outbox_id,
    fixId: row.fix_id ?? '',
    submission: JSON.parse(row.corrected_submission ?? row.submission) as CaseSubmission,
  }));
}

/**
 * The kiosk applied a fix to its row and queued it under a new key: the dead letter is resent.
 * (The new key is not stored: if the resend is refused too, its report carries that key and so
 * reopens this dead letter instead of reading as a replay.)
 * Confirming the same fix again is answered the same (the kiosk may not have heard the first
 * answer); confirming a fix that was replaced or withdrawn is 409 stale-fix.
 */
export async function confirmFixApplied(db: HubDb, device: AuthenticatedDevice, id: string, applied: DeadLetterFixApplied, now = new Date()): Promise<{ id: string; state: string }> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockDeadLetter(trx, device.tenantId, id))) throw notFound('unknown-dead-letter', 'no dead letter of this kiosk has this id');
    const row = await findTenantDeadLetter(trx, device.tenantId, id);
    if (row === undefined || row.device_id !== device.id) throw notFound('unknown-dead-letter', 'no dead letter of this kiosk has this id');
    if (row.fix_id !== applied.fixId) throw new HubProblem(409, 'stale-fix', 'this fix was replaced or withdrawn; poll the fixes again');
    if (row.state === 'resent') return { id, state: row.state };
    if (row.state !== 'resend-requested') throw new HubProblem(409, 'stale-fix', 'this dead letter is not waiting for a resend');
    const at = now.toISOString();
    await updateDeadLetter(trx, id, { state: 'resent', resent_at: at, updated_at: at });
    return { id, state: 'resent' };
  });
}
