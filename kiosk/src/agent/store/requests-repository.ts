import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, mintReference, type CaseSubmission, type ReceiptOutcome, type RequestDraft } from '@kiosk/shared';
import type { AgentDatabase } from './database.js';

export interface StoredRequest {
  readonly id: number;
  readonly reference: string;
  readonly sequence: number;
  readonly idempotencyKey: string;
  /** True when this draft had been filed before: nothing new was stored. */
  readonly replayed: boolean;
  /** What the printer said about the receipt the first time (null: not printed yet, or interrupted). */
  readonly receipt: ReceiptOutcome | null;
}

export interface OutboxItem {
  readonly outboxId: number;
  readonly requestId: number;
  readonly reference: string;
  readonly idempotencyKey: string;
  readonly attempts: number;
  readonly submission: CaseSubmission;
}

export interface OutboxFigures {
  readonly depth: number;
  readonly oldestAgeSeconds: number | null;
  readonly dead: number;
}

/**
 * The only code that writes requests and their outbox rows. Filing is ONE transaction: next
 * sequence, reference, request row, outbox row. The citizen is told "filed" only after it commits.
 */
export class RequestsRepository {
  constructor(
    private readonly db: AgentDatabase,
    private readonly issuer: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  file(draft: RequestDraft): StoredRequest {
    return this.db.transaction((): StoredRequest => {
      const earlier = this.findByDraftId(draft.draftId);
      if (earlier) return earlier;
      const row = this.db.prepare("SELECT value FROM meta WHERE key = 'next_sequence'").get() as { value: string } | undefined;
      const sequence = row ? Number(row.value) : 1;
      const reference = mintReference(this.issuer, sequence).display;
      const createdAt = this.now().toISOString();
      const { draftId, ...content } = draft;
      const submission: CaseSubmission = { ...content, localReference: reference, sequence, submittedAt: createdAt };
      const payload = canonicalJson(submission);
      const info = this.db
        .prepare('INSERT INTO requests (reference, sequence, service_code, locale, created_at, payload, draft_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(reference, sequence, draft.serviceCode, draft.locale, createdAt, payload, draftId);
      const requestId = Number(info.lastInsertRowid);
      const idempotencyKey = randomUUID();
      this.db
        .prepare("INSERT INTO outbox (request_id, idempotency_key, payload_hash, state, next_attempt_at) VALUES (?, ?, ?, 'pending', ?)")
        .run(requestId, idempotencyKey, createHash('sha256').update(payload).digest('hex'), this.now().getTime());
      this.db
        .prepare("INSERT INTO meta (key, value) VALUES ('next_sequence', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .run(String(sequence + 1));
      return { id: requestId, reference, sequence, idempotencyKey, replayed: false, receipt: null };
    }).immediate();
  }

  private findByDraftId(draftId: string): StoredRequest | null {
    const row = this.db
      .prepare(
        `SELECT r.id, r.reference, r.sequence, o.idempotency_key AS idempotencyKey, r.receipt_state, r.receipt_reason, r.receipt_warning
           FROM requests r JOIN outbox o ON o.request_id = r.id WHERE r.draft_id = ?`,
      )
      .get(draftId) as
      | { id: number; reference: string; sequence: number; idempotencyKey: string; receipt_state: ReceiptOutcome['state'] | null; receipt_reason: string | null; receipt_warning: string | null }
      | undefined;
    if (!row) return null;
    const receipt = row.receipt_state === null ? null : { state: row.receipt_state, reason: row.receipt_reason, warning: row.receipt_warning };
    return { id: row.id, reference: row.reference, sequence: row.sequence, idempotencyKey: row.idempotencyKey, replayed: true, receipt };
  }

  /** Keeps what the printer said, so a retried call can be answered without printing again. */
  recordReceipt(requestId: number, outcome: ReceiptOutcome): void {
    this.db
      .prepare('UPDATE requests SET receipt_state = ?, receipt_reason = ?, receipt_warning = ? WHERE id = ?')
      .run(outcome.state, outcome.reason, outcome.warning, requestId);
  }

  /** After a crash, rows that were in flight are sent again with the same key. */
  resetInflight(): number {
    return this.db.prepare("UPDATE outbox SET state = 'pending' WHERE state = 'inflight'").run().changes;
  }

  /** The oldest pending item that is due, marked inflight; null when nothing is due. */
  claimNextDue(): OutboxItem | null {
    return this.db.transaction((): OutboxItem | null => {
      const row = this.db
        .prepare(
          `SELECT o.id AS outboxId, o.request_id AS requestId, r.reference, o.idempotency_key AS idempotencyKey,
                  o.attempts, r.payload
             FROM outbox o JOIN requests r ON r.id = o.request_id
            WHERE o.state = 'pending' AND o.next_attempt_at <= ?
            ORDER BY o.id LIMIT 1`,
        )
        .get(this.now().getTime()) as (Omit<OutboxItem, 'submission'> & { payload: string }) | undefined;
      if (!row) return null;
      this.db.prepare("UPDATE outbox SET state = 'inflight' WHERE id = ?").run(row.outboxId);
      const { payload, ...item } = row;
      return { ...item, submission: JSON.parse(payload) as CaseSubmission };
    }).immediate();
  }

  /** Milliseconds until the next pending item is due (0 if one is due now), or null if none pending. */
  msUntilNextDue(): number | null {
    const row = this.db.prepare("SELECT MIN(next_attempt_at) AS due FROM outbox WHERE state = 'pending'").get() as { due: number | null };
    return row.due === null ? null : Math.max(0, row.due - this.now().getTime());
  }

  /** The hub has the case: record its id and drop the personal data, in one transaction. */
  markAcked(item: OutboxItem, serverId: string): void {
    this.db.transaction(() => {
      this.db.prepare("UPDATE outbox SET state = 'acked', acked_at = ?, last_error = NULL WHERE id = ?").run(this.now().toISOString(), item.outboxId);
      this.db.prepare('UPDATE requests SET server_id = ?, payload = NULL WHERE id = ?').run(serverId, item.requestId);
    })();
  }

  /** Try again later: attempts + 1 and the next due time. */
  markRetry(item: OutboxItem, delayMs: number, error: string, countAttempt = true): void {
    this.db
      .prepare("UPDATE outbox SET state = 'pending', attempts = attempts + ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
      .run(countAttempt ? 1 : 0, this.now().getTime() + delayMs, error.slice(0, 500), item.outboxId);
  }

  /** A refusal that retrying cannot fix: kept (never deleted) for an operator to inspect and resend. */
  markDead(item: OutboxItem, error: string): void {
    this.db
      .prepare("UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ? WHERE id = ?")
      .run(error.slice(0, 500), item.outboxId);
  }

  isAcked(requestId: number): boolean {
    const row = this.db.prepare('SELECT state FROM outbox WHERE request_id = ?').get(requestId) as { state: string } | undefined;
    return row?.state === 'acked';
  }

  figures(): OutboxFigures {
    const row = this.db
      .prepare(
        `SELECT SUM(CASE WHEN o.state IN ('pending', 'inflight') THEN 1 ELSE 0 END) AS depth,
                SUM(CASE WHEN o.state = 'dead' THEN 1 ELSE 0 END) AS dead,
                MIN(CASE WHEN o.state IN ('pending', 'inflight') THEN r.created_at END) AS oldest
           FROM outbox o JOIN requests r ON r.id = o.request_id`,
      )
      .get() as { depth: number | null; dead: number | null; oldest: string | null };
    return {
      depth: row.depth ?? 0,
      dead: row.dead ?? 0,
      oldestAgeSeconds: row.oldest ? Math.max(0, (this.now().getTime() - Date.parse(row.oldest)) / 1000) : null,
    };
  }
}
