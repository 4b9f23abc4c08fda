import { EventEmitter } from 'node:events';
import type { DeadLetterFix, DeadLetterFixApplied, DeadLetterReport } from '@kiosk/shared';
import type { DeadLetterStore } from './dead-letter-store.js';

/** Dead letters reported per sync round; the rest follow in the next round. */
export const REPORTS_PER_ROUND = 50;

export interface DeadLetterHub {
  reportDeadLetter(report: DeadLetterReport): Promise<string>;
  fetchFixes(): Promise<DeadLetterFix[]>;
  confirmFix(id: string, applied: DeadLetterFixApplied): Promise<'confirmed' | 'stale'>;
}

export interface DeadLetterSyncEvents {
  /** A fix was applied: the row is pending again (the sender should wake). */
  fixed: [outboxId: number];
}

/**
 * Keeps the hub and the kiosk agreeing on dead letters: reports rows the hub has not heard of
 * (with the submission, so staff can see it), then polls for fixes staff made, applies each to its
 * row and confirms it. Runs every `pollMs` and whenever kicked (a row died, the hub came back).
 * Failures are logged and retried next round: nothing here loses or deletes a row.
 */
export class DeadLetterSync extends EventEmitter<DeadLetterSyncEvents> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly store: DeadLetterStore,
    private readonly hub: DeadLetterHub,
    private readonly pollMs: number,
    private readonly log: (message: string, fields?: Record<string, unknown>) => void = () => {},
  ) {
    super();
  }

  start(): void {
    this.kick();
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    void this.syncOnce();
  }

  /** One round: report, then fetch and apply fixes. Resolves when done (tests await it). */
  syncOnce(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.syncOnce();
      }
    });
    return this.running;
  }

  private async round(): Promise<void> {
    try {
      await this.report();
      await this.applyFixes();
    } catch (error) {
      this.log('dead letters: sync with the hub failed; will try again', { error: (error as Error).message });
    }
  }

  private async report(): Promise<void> {
    for (const dead of this.store.unreported(REPORTS_PER_ROUND)) {
      const { reference, ...report } = dead;
      const hubId = await this.hub.reportDeadLetter(report);
      this.store.markReported(report.outboxId, report.idempotencyKey, hubId);
      this.log('dead letters: reported to the hub', { reference, status: report.statusCode });
    }
  }

  private async applyFixes(): Promise<void> {
    for (const fix of await this.hub.fetchFixes()) {
      const result = this.store.applyFix(fix);
      if (result.kind === 'refused') {
        this.log('dead letters: a fix from the hub does not fit its row; left as it is', { outboxId: fix.outboxId, reason: result.reason });
        continue;
      }
      if (result.kind === 'applied') {
        this.log('dead letters: fix applied, the request is queued again', { outboxId: fix.outboxId, reference: fix.submission.localReference });
        this.emit('fixed', fix.outboxId);
      }
      await this.hub.confirmFix(fix.id, { fixId: fix.fixId, idempotencyKey: result.idempotencyKey });
    }
  }
}
