import { EventEmitter } from 'node:events';
import type { OutboxItem, RequestsRepository } from '../store/requests-repository.js';
import type { SubmitOutcome } from '../sync/hub-client.js';
import type { BatchOutcome } from './hub-calls.js';

/** Items per batch POST when a backlog exists (the hub takes up to MAX_BATCH_ITEMS). */
export const DEFAULT_BATCH_SIZE = 50;
/** A batch stops growing past this many bytes of JSON, well under the hub's batch body limit. */
export const MAX_BATCH_BYTES = 256 * 1024;

export interface SenderOptions {
  readonly baseMs: number;
  readonly capMs: number;
  readonly random?: () => number;
  /** Items per batch; 1 turns batching off. */
  readonly batchSize?: number;
  /** Sends several items in one call; without it every item goes alone. */
  readonly submitBatch?: (items: readonly OutboxItem[]) => Promise<BatchOutcome>;
  /** The clock the pause after a failure is measured on (the repository's, in tests). */
  readonly now?: () => number;
  /** 'manual': no timers; the caller drives `runOnce()` (model tests on an injected clock). */
  readonly scheduling?: 'timers' | 'manual';
}

/** Full jitter (platform.md): random(0, min(cap, base * 2^attempt)). */
export function backoffMs(attempt: number, options: SenderOptions): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

export interface SenderEvents {
  acked: [requestId: number];
  connectivity: [online: boolean];
  /** A row was dead-lettered: the dead-letter sync reports it. */
  dead: [outboxId: number];
}

/**
 * Sends the outbox to the hub, oldest first, forever: one item alone, a backlog in batches. A row
 * is only ever marked acked after the hub answered 2xx for it; anything else keeps it (retry) or
 * dead-letters it (refused). After a retryable failure the whole queue pauses for that backoff
 * (the hub is down for every row, so trying the next one at once would only hammer it).
 * `kick()` wakes it early (a new request was filed, a fix arrived).
 */
export class OutboxSender extends EventEmitter<SenderEvents> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private online: boolean | null = null;
  private pausedUntil = 0;
  private batchUnsupported = false;

  constructor(
    private readonly repository: RequestsRepository,
    private readonly submit: (item: OutboxItem) => Promise<SubmitOutcome>,
    private readonly options: SenderOptions,
    private readonly log: (message: string, fields?: Record<string, unknown>) => void = () => {},
  ) {
    super();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  start(): void {
    const reset = this.repository.resetInflight();
    if (reset > 0) this.log('outbox: re-sending requests that were in flight at the last stop', { count: reset });
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Wakes the sender now, even during a pause: a new filing is worth one early try. */
  kick(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pausedUntil = 0;
    if (!this.running) void this.runOnce();
  }

  isOnline(): boolean {
    return this.online === true;
  }

  /** Milliseconds until the sender will try again (null: nothing pending), the pause included. */
  msUntilNextTry(): number | null {
    const due = this.repository.msUntilNextDue();
    return due === null ? null : Math.max(due, this.pausedUntil - this.now());
  }

  /** Sends everything that is due now, then schedules the next wake-up (unless manual). */
  runOnce(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.emit('connectivity', online);
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.now() >= this.pausedUntil) {
      let items: OutboxItem[];
      try {
        items = this.repository.claimDue(this.batchingOn() ? (this.options.batchSize ?? DEFAULT_BATCH_SIZE) : 1);
      } catch (error) {
        // A payload that cannot be opened (wrong key): nothing was claimed; say so, try later.
        this.log('outbox: cannot read the pending requests; they are kept', { error: (error as Error).message });
        this.pause(this.options.capMs);
        return;
      }
      if (items.length === 0) return;
      const batch = this.withinBytes(items);
      if (batch.length < items.length) this.repository.releaseClaimed(items.slice(batch.length));
      const keepGoing = batch.length > 1 ? await this.sendBatch(batch) : await this.sendEach(batch);
      if (!keepGoing) return;
    }
  }

  private batchingOn(): boolean {
    return this.options.submitBatch !== undefined && (this.options.batchSize ?? DEFAULT_BATCH_SIZE) > 1 && !this.batchUnsupported;
  }

  /** The longest prefix under MAX_BATCH_BYTES (at least one item). */
  private withinBytes(items: OutboxItem[]): OutboxItem[] {
    let bytes = 0;
    for (let i = 0; i < items.length; i += 1) {
      bytes += JSON.stringify(items[i]?.submission).length + 64;
      if (bytes > MAX_BATCH_BYTES && i > 0) return items.slice(0, i);
    }
    return items;
  }

  /** False when the hub is not answering: the rest waits for the pause. */
  private async sendEach(items: readonly OutboxItem[]): Promise<boolean> {
    for (let i = 0; i < items.length; i += 1) {
      const item = items[i] as OutboxItem;
      const outcome = await this.submit(item);
      this.apply(item, outcome);
      if (outcome.kind === 'retry') {
        this.repository.releaseClaimed(items.slice(i + 1));
        return false;
      }
    }
    return true;
  }

  private async sendBatch(items: readonly OutboxItem[]): Promise<boolean> {
    const submitBatch = this.options.submitBatch;
    if (submitBatch === undefined) return this.sendEach(items);
    const result = await submitBatch(items);
    if (result.kind === 'unsupported') {
      // An older hub without the batch route (or one that refused the batch as a whole): every
      // item still gets its own answer from the single route. Until this agent restarts.
      this.batchUnsupported = true;
      this.log('outbox: the hub does not take batches; sending one by one', { status: result.status });
      return this.sendEach(items);
    }
    if (result.kind === 'retry') {
      for (const item of items) this.apply(item, result, false);
      this.log('outbox: batch will be retried', { count: items.length, error: result.error });
      return false;
    }
    let keepGoing = true;
    // One transaction for the whole batch's answers: one fsync instead of one per request. The
    // 'acked' events go out only after it committed.
    const acked: number[] = [];
    this.repository.atomically(() => {
      for (const item of items) {
        const outcome = result.outcomes.get(item.idempotencyKey) ?? { kind: 'retry', error: 'the hub did not answer for this item', retryAfterMs: null };
        this.apply(item, outcome, true, acked);
        if (outcome.kind === 'retry') keepGoing = false;
      }
    });
    for (const requestId of acked) this.emit('acked', requestId);
    return keepGoing;
  }

  private pause(delayMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + delayMs);
  }

  /**
   * `logRetry` false: the caller logs one line for a whole batch. `ackedInto`: collect acked
   * request ids for the caller to announce after its transaction commits.
   */
  private apply(item: OutboxItem, outcome: SubmitOutcome, logRetry = true, ackedInto?: number[]): void {
    switch (outcome.kind) {
      case 'acked':
        this.repository.markAcked(item, outcome.serverId);
        this.setOnline(true);
        if (ackedInto) ackedInto.push(item.requestId);
        else this.emit('acked', item.requestId);
        return;
      case 'in-flight':
        this.setOnline(true);
        this.repository.markRetry(item, this.options.baseMs, 'hub still processing this request', false);
        return;
      case 'retry': {
        this.setOnline(false);
        const delay = outcome.retryAfterMs ?? backoffMs(item.attempts, this.options);
        this.repository.markRetry(item, delay, outcome.error);
        this.pause(delay);
        if (logRetry) this.log('outbox: will retry', { reference: item.reference, attempt: item.attempts + 1, delayMs: delay, error: outcome.error });
        return;
      }
      case 'refused':
        this.setOnline(true);
        this.repository.markDead(item, outcome.error, outcome.status);
        this.log('outbox: request refused by the hub and kept as dead-lettered for an operator', { reference: item.reference, status: outcome.status, error: outcome.error });
        this.emit('dead', item.outboxId);
        return;
    }
  }

  private schedule(): void {
    if (this.stopped || this.options.scheduling === 'manual') return;
    const wait = this.msUntilNextTry();
    if (wait === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce();
    }, Math.max(wait, 10));
    this.timer.unref();
  }
}
