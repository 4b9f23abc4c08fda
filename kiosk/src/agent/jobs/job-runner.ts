import type { JobStateReport, KioskJob } from '@kiosk/shared';
import type { Log } from '../log.js';
import { DoorbellClient } from './doorbell-client.js';
import { execute, refusal } from './executors.js';
import type { JobCapabilities } from './executors.js';
import type { JobStore } from './job-store.js';

/** The hub calls the runner needs (HubClient has them). */
export interface JobHub {
  fetchJobs(): Promise<KioskJob[]>;
  reportJobState(jobId: string, report: JobStateReport): Promise<'accepted' | 'conflict'>;
  doorbellConnection(): { url: string; headers: Record<string, string> };
}

export interface JobRunnerOptions {
  readonly store: JobStore;
  readonly hub: JobHub;
  readonly capabilities: JobCapabilities;
  /** Disruptive jobs wait while this is true. */
  readonly sessionActive: () => boolean;
  readonly log: Log;
  /** Polling fallback when the doorbell is down or a ring was lost (default 60 s). */
  readonly pollMs?: number;
  /** Doorbell reconnect backoff; false: poll only. */
  readonly doorbell?: { readonly baseMs: number; readonly capMs: number } | false;
  /** The hub rang "config": the configuration sync should look now. */
  readonly onConfigRing?: () => void;
  /** The hub rang "content": the content updater should look now. */
  readonly onContentRing?: () => void;
  readonly onRevoked?: () => void;
}

export const JOB_RUNNER_DEFAULTS = { pollMs: 60_000, doorbell: { baseMs: 1_000, capMs: 60_000 } } as const;

/**
 * Runs the hub's jobs for this kiosk, each at most once: the job id is committed to the kiosk
 * store before the job runs, the hub is told "in progress" (a cancelled job stops there), the
 * outcome is committed, then reported until the hub takes it. A job that was running when the
 * agent died is reported failed ('interrupted') and never re-run. One pass at a time.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  /** A disruptive job is waiting for the session to end. */
  private held = false;
  private readonly doorbell: DoorbellClient | null;

  constructor(private readonly options: JobRunnerOptions) {
    const backoff = options.doorbell ?? JOB_RUNNER_DEFAULTS.doorbell;
    this.doorbell =
      backoff === false
        ? null
        : new DoorbellClient({
            connection: () => options.hub.doorbellConnection(),
            ...backoff,
            log: options.log,
            // Back after a drop (a hub restart, the network): rings sent meanwhile were lost, so
            // jobs, configuration and content all look now instead of at their next periodic check.
            onConnected: (reconnected) => {
              this.kick();
              if (!reconnected) return;
              options.onConfigRing?.();
              options.onContentRing?.();
            },
            onRing: (ring) => {
              if (ring === 'jobs') this.kick();
              else if (ring === 'config') options.onConfigRing?.();
              else options.onContentRing?.();
            },
            onRevoked: () => {
              this.stop();
              options.onRevoked?.();
            },
          });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const interrupted = this.options.store.failInterrupted();
    if (interrupted > 0) this.options.log('jobs interrupted by a restart reported failed', { count: interrupted });
    this.kick();
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? JOB_RUNNER_DEFAULTS.pollMs);
    this.timer.unref();
    this.doorbell?.start();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.doorbell?.stop();
  }

  /** Resolves when the pass in progress (if any) has ended; for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.pass !== null) await this.pass;
  }

  doorbellConnected(): boolean {
    return this.doorbell?.isConnected() ?? false;
  }

  /** Poll now (after a ring, a reconnect, or the session ending with a job held). */
  kick(): void {
    if (this.stopped) return;
    if (this.pass !== null) {
      this.again = true;
      return;
    }
    this.pass = this.loop().finally(() => (this.pass = null));
  }

  /** The renderer said a session began or ended: held disruptive jobs may run now. */
  sessionChanged(active: boolean): void {
    if (!active && this.held) this.kick();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.runPass();
      } catch (error) {
        this.options.log('job pass failed', { error: error instanceof Error ? error.message : String(error) });
      }
    } while (this.again && !this.stopped);
  }

  private async runPass(): Promise<void> {
    const { store, hub, capabilities, log } = this.options;
    await this.flushReports();
    let jobs: KioskJob[];
    try {
      jobs = await hub.fetchJobs();
    } catch (error) {
      log('job poll failed; will poll again', { error: error instanceof Error ? error.message : String(error) });
      return;
    }
    this.held = false;
    for (const job of jobs) {
      if (this.stopped) return;
      if (store.has(job.id)) continue;
      const type = job.type.slice(0, 40);
      const why = refusal(job, capabilities, this.options.sessionActive());
      if (why !== null) {
        store.refuse(job.id, job.type, why);
        log('job rejected', { jobId: job.id, type, why });
        continue;
      }
      if (job.disruptive && this.options.sessionActive()) {
        this.held = true;
        continue;
      }
      if (!store.claim(job.id, job.type)) continue;
      let answer: 'accepted' | 'conflict';
      try {
        answer = await hub.reportJobState(job.id, { state: 'in-progress' });
      } catch (error) {
        // Nothing ran: give the claim back so the next poll can try again.
        store.release(job.id);
        log('job start not confirmed; will retry', { jobId: job.id, error: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (answer === 'conflict') {
        store.release(job.id);
        log('job no longer wanted (cancelled or expired); not run', { jobId: job.id, type });
        continue;
      }
      log('job started', { jobId: job.id, type });
      const execution = await execute(job, capabilities);
      store.finish(job.id, execution.outcome, execution.result, execution.error);
      log('job finished', { jobId: job.id, type, outcome: execution.outcome, error: execution.error });
    }
    await this.flushReports();
  }

  /** Final states the hub has not taken yet, oldest first; stops at the first network failure. */
  private async flushReports(): Promise<void> {
    for (const finished of this.options.store.unreported()) {
      const report: JobStateReport = {
        state: finished.outcome,
        ...(finished.result === null ? {} : { result: finished.result }),
        ...(finished.error === null ? {} : { error: finished.error.slice(0, 500) }),
      };
      try {
        const answer = await this.options.hub.reportJobState(finished.jobId, report);
        if (answer === 'conflict') this.options.log('job report refused by the hub (already final there)', { jobId: finished.jobId });
        this.options.store.markReported(finished.jobId);
      } catch {
        return;
      }
    }
  }
}
