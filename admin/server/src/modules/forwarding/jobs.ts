import type { HubDb } from '../../db/database.js';
import type { FetchLike } from './client.js';
import { runForwardingOutbox } from './outbox.js';
import { DEFAULT_FORWARDING_INTERVALS, DEFAULT_FORWARDING_POLICY } from './settings.js';
import type { ForwardingPolicy } from './settings.js';
import { runForwardingSync } from './sync.js';

export interface ForwardingJobSettings {
  readonly outboxIntervalMs?: number;
  readonly syncIntervalMs?: number;
  readonly policy?: ForwardingPolicy;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  /** The public status page base (`${PUBLIC_BASE_URL}/status`), for citizens' notifications of mirrored changes. */
  readonly statusPageBaseUrl?: string;
  /** Counts and error types only: never a case's contents. */
  readonly logger?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/**
 * The hub's timers for forwarding. Each loop plans its next run only after the last one ended,
 * so runs never overlap in one process (several processes are safe: rows are claimed).
 */
export function startForwardingJobs(db: HubDb, settings: ForwardingJobSettings = {}): { stop(): Promise<void> } {
  const now = settings.now ?? (() => new Date());
  const fetchImpl = settings.fetch ?? fetch;
  const policy = settings.policy ?? DEFAULT_FORWARDING_POLICY;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  function loop(job: string, intervalMs: number, run: () => Promise<object>): void {
    const tick = async () => {
      try {
        const result = await run();
        if (Object.values(result).some((v) => v !== 0)) settings.logger?.info({ job, ...result }, `${job} run finished`);
      } catch (error) {
        const e = error as { name?: string; code?: string };
        settings.logger?.error({ job, error: { type: e.name, code: e.code } }, `${job} run failed; it will run again`);
      }
    };
    const schedule = (delay: number) => {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        const pass = tick().finally(() => {
          running.delete(pass);
          schedule(intervalMs);
        });
        running.add(pass);
      }, delay);
      timers.add(timer);
    };
    schedule(0);
  }

  loop('forwarding-outbox', settings.outboxIntervalMs ?? DEFAULT_FORWARDING_INTERVALS.outboxMs, () => runForwardingOutbox(db, now(), fetchImpl, { policy }));
  loop('forwarding-sync', settings.syncIntervalMs ?? DEFAULT_FORWARDING_INTERVALS.syncMs, () =>
    runForwardingSync(db, now(), fetchImpl, { policy, ...(settings.statusPageBaseUrl === undefined ? {} : { statusPageBaseUrl: settings.statusPageBaseUrl }) }),
  );

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
