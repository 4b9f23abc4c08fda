import { EventEmitter } from 'node:events';
import type { OutboxItem, RequestsRepository } from '../store/requests-repository.js';
import type { SubmitOutcome } from '../sync/hub-client.js';

export interface SenderOptions {
  readonly baseMs: number;
  readonly capMs: number;
  readonly random?: () => number;
}

/** Full jitter (platform.md): random(0, min(cap, base * 2^attempt)). */
export function backoffMs(attempt: number, options: SenderOptions): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

export interface SenderEvents {
  acked: [requestId: number];
  connectivity: [online: boolean];
}

/**
 * Sends the outbox to the hub, oldest first, one at a time, forever. A row is only ever marked
 * acked after the hub answered 2xx; anything else keeps it (retry) or dead-letters it (refused).
 * `kick()` wakes it early (a new request was filed).
 */
export class OutboxSender extends EventEmitter<SenderEvents> {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;
  private online: boolean | null = null;

  constructor(
    private readonly repository: RequestsRepository,
    private readonly submit: (item: OutboxItem) => Promise<SubmitOutcome>,
    private readonly options: SenderOptions,
    private readonly log: (message: string, fields?: Record<string, unknown>) => void = () => {},
  ) {
    super();
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

  kick(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) void this.drain();
  }

  isOnline(): boolean {
    return this.online === true;
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.emit('connectivity', online);
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let item = this.repository.claimNextDue(); item && !this.stopped; item = this.repository.claimNextDue()) {
        const outcome = await this.submit(item);
        this.apply(item, outcome);
        if (outcome.kind === 'retry') break; // the hub is not answering: wait before the next row
      }
    } finally {
      this.running = false;
    }
    this.schedule();
  }

  private apply(item: OutboxItem, outcome: SubmitOutcome): void {
    switch (outcome.kind) {
      case 'acked':
        this.repository.markAcked(item, outcome.serverId);
        this.setOnline(true);
        this.emit('acked', item.requestId);
        return;
      case 'in-flight':
        this.setOnline(true);
        this.repository.markRetry(item, this.options.baseMs, 'hub still processing this request', false);
        return;
      case 'retry': {
        this.setOnline(false);
        const delay = outcome.retryAfterMs ?? backoffMs(item.attempts, this.options);
        this.repository.markRetry(item, delay, outcome.error);
        this.log('outbox: will retry', { reference: item.reference, attempt: item.attempts + 1, delayMs: delay, error: outcome.error });
        return;
      }
      case 'refused':
        this.setOnline(true);
        this.repository.markDead(item, outcome.error);
        this.log('outbox: request refused by the hub and kept as dead-lettered for an operator', { reference: item.reference, status: outcome.status, error: outcome.error });
        return;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    const wait = this.repository.msUntilNextDue();
    if (wait === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, Math.max(wait, 10));
    this.timer.unref();
  }
}
