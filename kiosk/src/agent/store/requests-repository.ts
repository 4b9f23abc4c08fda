import { createHash, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { canonicalJson, mintReference, type CaseSubmission, type ReceiptOutcome, type RequestDraft } from '@kiosk/shared';
import type { AgentDatabase } from './database.js';
import { ENCRYPTED_PREFIX, OutboxKeyError, isEncrypted, loadOutboxKey, type PayloadCipher } from './payload-crypto.js';

const KEY_ID_META = 'outbox_key_id';

/** Where the outbox key lives when the caller names none: a folder beside the database file, never in it. */
export function defaultKeyFileFor(db: AgentDatabase): string {
  return join(dirname(db.name), 'keys', 'outbox.key');
}

/**
 * Opens the key for this store. A key may be created only while nothing is encrypted yet; after
 * that, a missing key file or a different key is an OutboxKeyError naming the file: the pending
 * requests stay in the database, untouched, until the right key is restored.
 */
export function openOutboxCipher(db: AgentDatabase, keyFile: string): PayloadCipher {
  const recorded = db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY_ID_META) as { value: string } | undefined;
  const encrypted = db.prepare(`SELECT COUNT(*) AS n FROM requests WHERE payload LIKE '${ENCRYPTED_PREFIX}%'`).get() as { n: number };
  const cipher = loadOutboxKey(keyFile, recorded === undefined && encrypted.n === 0);
  if (recorded !== undefined && recorded.value !== cipher.keyId) {
    throw new OutboxKeyError(`the outbox key file ${keyFile} holds key ${cipher.keyId}, but this store was encrypted with key ${recorded.value}: restore the right key file (the requests are kept)`);
  }
  if (recorded === undefined) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(KEY_ID_META, cipher.keyId);
  return cipher;
}

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
 * What the citizen typed is stored encrypted (payload-crypto.ts) until the hub acknowledges it,
 * then dropped.
 */
export class RequestsRepository {
  private readonly cipher: PayloadCipher;

  constructor(
    private readonly db: AgentDatabase,
    private readonly issuer: string,
    private readonly now: () => Date = () => new Date(),
    cipher?: PayloadCipher,
  ) {
    // Deleted and overwritten content is zeroed in the file, not left in free space.
    db.pragma('secure_delete = ON');
    this.cipher = cipher ?? openOutboxCipher(db, defaultKeyFileFor(db));
    this.sealPlaintextPayloads();
  }

  /** The store's underlying database, for the outbox's other tables (outbox/dead-letter-store.ts). */
  get database(): AgentDatabase {
    return this.db;
  }

  /** Associated data binding a ciphertext to its request: moved onto another row, it fails to open. */
  private static aad(reference: string): string {
    return `request ${reference}`;
  }

  sealPayload(reference: string, submission: CaseSubmission): string {
    return this.cipher.encrypt(canonicalJson(submission), RequestsRepository.aad(reference));
  }

  openPayload(reference: string, stored: string): CaseSubmission {
    if (!isEncrypted(stored)) throw new OutboxKeyError(`request ${reference} holds a payload in an unknown format`);
    return JSON.parse(this.cipher.decrypt(stored, RequestsRepository.aad(reference))) as CaseSubmission;
  }

  /**
   * Rows written in plaintext by an agent before encryption existed are sealed on first start, in
   * one transaction; then the WAL is checkpointed and truncated so the old plaintext pages leave
   * the disk too (secure_delete zeroes the space they occupied in the main file).
   */
  private sealPlaintextPayloads(): void {
    const rows = this.db
      .prepare(`SELECT id, reference, payload FROM requests WHERE payload IS NOT NULL AND payload NOT LIKE '${ENCRYPTED_PREFIX}%'`)
      .all() as Array<{ id: number; reference: string; payload: string }>;
    if (rows.length === 0) return;
    const update = this.db.prepare('UPDATE requests SET payload = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const row of rows) update.run(this.cipher.encrypt(row.payload, RequestsRepository.aad(row.reference)), row.id);
    }).immediate();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

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
      // The hash is of the plaintext (what the hub fingerprints); the row keeps only ciphertext.
      const payload = canonicalJson(submission);
      const info = this.db
        .prepare('INSERT INTO requests (reference, sequence, service_code, locale, created_at, payload, draft_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(reference, sequence, draft.serviceCode, draft.locale, createdAt, this.sealPayload(reference, submission), draftId);
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

  /** Runs `work` in one transaction (nested writes become savepoints): one commit for many rows. */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Claimed rows the sender did not get to send (the hub went away mid-run): due again, unchanged. */
  releaseClaimed(items: readonly OutboxItem[]): void {
    const release = this.db.prepare("UPDATE outbox SET state = 'pending' WHERE id = ? AND state = 'inflight'");
    this.db.transaction(() => {
      for (const item of items) release.run(item.outboxId);
    })();
  }

  /** After a crash, rows that were in flight are sent again with the same key. */
  resetInflight(): number {
    return this.db.prepare("UPDATE outbox SET state = 'pending' WHERE state = 'inflight'").run().changes;
  }

  /** The oldest pending item that is due, marked inflight; null when nothing is due. */
  claimNextDue(): OutboxItem | null {
    return this.claimDue(1)[0] ?? null;
  }

  /**
   * Up to `limit` due items, oldest first, marked inflight in one transaction. A payload that
   * cannot be opened (wrong key) throws OutboxKeyError and the transaction rolls back: the rows
   * stay pending, untouched.
   */
  claimDue(limit: number): OutboxItem[] {
    return this.db.transaction((): OutboxItem[] => {
      const rows = this.db
        .prepare(
          `SELECT o.id AS outboxId, o.request_id AS requestId, r.reference, o.idempotency_key AS idempotencyKey,
                  o.attempts, r.payload
             FROM outbox o JOIN requests r ON r.id = o.request_id
            WHERE o.state = 'pending' AND o.next_attempt_at <= ?
            ORDER BY o.id LIMIT ?`,
        )
        .all(this.now().getTime(), Math.max(1, limit)) as Array<Omit<OutboxItem, 'submission'> & { payload: string | null }>;
      const inflight = this.db.prepare("UPDATE outbox SET state = 'inflight' WHERE id = ?");
      return rows.map(({ payload, ...item }) => {
        if (payload === null) throw new OutboxKeyError(`request ${item.reference} is pending but holds no payload`);
        const submission = this.openPayload(item.reference, payload);
        inflight.run(item.outboxId);
        return { ...item, submission };
      });
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

  /**
   * A refusal that retrying cannot fix: kept (never deleted, payload still sealed) for an operator
   * to inspect, fix and resend; reported to the hub by the dead-letter sync, and kept in history.
   */
  markDead(item: OutboxItem, error: string, status: number | null = null): void {
    const at = this.now().toISOString();
    const message = error.slice(0, 500);
    this.db.transaction(() => {
      this.db
        .prepare("UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ?, dead_status = ?, dead_at = ?, dead_reported_at = NULL WHERE id = ?")
        .run(message, status, at, item.outboxId);
      this.db
        .prepare("INSERT INTO outbox_history (outbox_id, at, event, idempotency_key, status, error) VALUES (?, ?, 'dead', ?, ?, ?)")
        .run(item.outboxId, at, item.idempotencyKey, status, message);
    })();
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
