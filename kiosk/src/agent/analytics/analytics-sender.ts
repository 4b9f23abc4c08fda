import type { AnalyticsBatch } from '@kiosk/shared';
import type { AnalyticsStore } from './analytics-store.js';

type Log = (message: string, fields?: Record<string, unknown>) => void;

/**
 * Sends the stored counts to the hub every `intervalMs` (and on `flush()`), batch by batch until
 * none is left or the hub fails; a failed batch is resent, with the same id, next time.
 */
export class AnalyticsSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly store: AnalyticsStore,
    private readonly send: (batch: AnalyticsBatch) => Promise<void>,
    private readonly intervalMs: number,
    private readonly log: Log = () => {},
  ) {}

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sends what is waiting; resolves with the number of batches the hub accepted. */
  flush(): Promise<number> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    let sent = 0;
    for (let batch = this.store.nextBatch(); batch !== null; batch = this.store.nextBatch()) {
      try {
        await this.send(batch);
      } catch (error) {
        this.log('analytics: hub did not take the batch, keeping it', { rows: batch.counts.length, error: (error as Error).message });
        return sent;
      }
      this.store.acknowledge(batch.batchId);
      sent += 1;
    }
    return sent;
  }
}
