import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, type CaseSubmission, type DeadLetterFix, type DeadLetterReport } from '@kiosk/shared';
import type { RequestsRepository } from '../store/requests-repository.js';

/** A dead-lettered row waiting to be reported to the hub. */
export interface UnreportedDeadLetter extends DeadLetterReport {
  readonly reference: string;
}

export interface HistoryEntry {
  readonly at: string;
  readonly event: 'dead' | 'fixed';
  readonly idempotencyKey: string;
  readonly status: number | null;
  readonly error: string | null;
}

export type FixResult =
  | { readonly kind: 'applied'; readonly idempotencyKey: string }
  /** Seen before (its confirmation got lost): nothing changes, confirm again. */
  | { readonly kind: 'already-applied'; readonly idempotencyKey: string }
  /** Not applicable: the row is not dead here, or the fix would change its reference. */
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * The kiosk side of dead letters, on the store's tables (migration 0003): which dead rows the hub
 * has not heard of, and applying a console fix to a row. Rows are never deleted; a fixed row gets
 * a new payload (sealed like any other), a NEW Idempotency-Key (the payload changed, the old key's
 * answer is the refusal), state pending and attempts 0, and its past stays in outbox_history.
 */
export class DeadLetterStore {
  constructor(
    private readonly repository: RequestsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get db() {
    return this.repository.database;
  }

  unreported(limit: number): UnreportedDeadLetter[] {
    const rows = this.db
      .prepare(
        `SELECT o.id AS outboxId, o.idempotency_key AS idempotencyKey, o.dead_status AS statusCode, o.last_error AS error,
                o.dead_at AS deadAt, r.reference, r.payload
           FROM outbox o JOIN requests r ON r.id = o.request_id
          WHERE o.state = 'dead' AND o.dead_reported_at IS NULL AND r.payload IS NOT NULL
          ORDER BY o.id LIMIT ?`,
      )
      .all(limit) as Array<{ outboxId: number; idempotencyKey: string; statusCode: number | null; error: string | null; deadAt: string | null; reference: string; payload: string }>;
    return rows.map((row) => ({
      outboxId: row.outboxId,
      idempotencyKey: row.idempotencyKey,
      // Rows dead-lettered before migration 0003 have no status: 422 is what they can only have been.
      statusCode: row.statusCode ?? 422,
      error: row.error ?? 'refused by the hub',
      deadAt: row.deadAt ?? this.now().toISOString(),
      reference: row.reference,
      submission: this.repository.openPayload(row.reference, row.payload),
    }));
  }

  /** The hub has this report; only if the row is still the dead attempt we reported. */
  markReported(outboxId: number, idempotencyKey: string, hubId: string): void {
    this.db
      .prepare("UPDATE outbox SET dead_reported_at = ?, hub_dead_letter_id = ? WHERE id = ? AND idempotency_key = ? AND state = 'dead'")
      .run(this.now().toISOString(), hubId, outboxId, idempotencyKey);
  }

  applyFix(fix: DeadLetterFix): FixResult {
    return this.db.transaction((): FixResult => {
      const row = this.db
        .prepare(
          `SELECT o.id, o.request_id AS requestId, o.state, o.idempotency_key AS idempotencyKey, o.dead_status AS status,
                  o.last_error AS error, o.applied_fix_id AS appliedFixId, r.reference, r.sequence
             FROM outbox o JOIN requests r ON r.id = o.request_id WHERE o.id = ?`,
        )
        .get(fix.outboxId) as
        | { id: number; requestId: number; state: string; idempotencyKey: string; status: number | null; error: string | null; appliedFixId: string | null; reference: string; sequence: number }
        | undefined;
      if (row === undefined) return { kind: 'refused', reason: 'no outbox row has this id' };
      if (row.appliedFixId === fix.fixId) return { kind: 'already-applied', idempotencyKey: row.idempotencyKey };
      if (row.state !== 'dead') return { kind: 'refused', reason: `the row is ${row.state}, not dead` };
      if (fix.submission.localReference !== row.reference || fix.submission.sequence !== row.sequence) {
        return { kind: 'refused', reason: 'a fix may not change the reference or the sequence' };
      }
      const at = this.now().toISOString();
      const submission: CaseSubmission = fix.submission;
      const idempotencyKey = randomUUID();
      this.db
        .prepare("INSERT INTO outbox_history (outbox_id, at, event, idempotency_key, status, error) VALUES (?, ?, 'fixed', ?, ?, ?)")
        .run(row.id, at, row.idempotencyKey, row.status, row.error);
      this.db
        .prepare('UPDATE requests SET payload = ?, service_code = ?, locale = ? WHERE id = ?')
        .run(this.repository.sealPayload(row.reference, submission), submission.serviceCode, submission.locale, row.requestId);
      this.db
        .prepare(
          `UPDATE outbox SET idempotency_key = ?, payload_hash = ?, state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL,
                  dead_status = NULL, dead_at = NULL, dead_reported_at = NULL, applied_fix_id = ? WHERE id = ?`,
        )
        .run(idempotencyKey, createHash('sha256').update(canonicalJson(submission)).digest('hex'), this.now().getTime(), fix.fixId, row.id);
      return { kind: 'applied', idempotencyKey };
    }).immediate();
  }

  history(outboxId: number): HistoryEntry[] {
    return this.db
      .prepare('SELECT at, event, idempotency_key AS idempotencyKey, status, error FROM outbox_history WHERE outbox_id = ? ORDER BY id')
      .all(outboxId) as HistoryEntry[];
  }
}
