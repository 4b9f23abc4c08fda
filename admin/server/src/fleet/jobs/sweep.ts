import type { HubDb } from '../../db/database.js';
import { createPeriodicJobs } from '../../jobs/periodic.js';
import type { JobLogger } from '../../jobs/periodic.js';
import { expireJobs, runningJobs, transitionJob } from './repository.js';

/** How often the hub looks for overdue jobs. */
export const DEFAULT_JOB_SWEEP_INTERVAL_MS = 30_000;

/**
 * Overdue jobs: not started before `expires_at` -> expired; started but not finished within
 * `timeout_seconds` -> timed out. Conditional updates, so several hub processes may sweep at once.
 */
export async function sweepJobs(db: HubDb, now: Date): Promise<{ expired: number; timedOut: number }> {
  const at = now.toISOString();
  const expired = (await expireJobs(db, at)).length;
  let timedOut = 0;
  for (const job of await runningJobs(db)) {
    const startedAt = Date.parse(job.started_at ?? job.created_at);
    if (startedAt + job.timeout_seconds * 1000 > now.getTime()) continue;
    if (await transitionJob(db, job.id, ['in-progress'], { state: 'timed-out', finished_at: at, error: 'timed-out' })) timedOut += 1;
  }
  return { expired, timedOut };
}

export function startFleetJobSweeps(db: HubDb, options: { logger?: JobLogger; intervalMs?: number; now?: () => Date } = {}): { stop(): Promise<void> } {
  const jobs = createPeriodicJobs(options.logger);
  const now = options.now ?? (() => new Date());
  jobs.add('fleet-job-sweep', options.intervalMs ?? DEFAULT_JOB_SWEEP_INTERVAL_MS, () => sweepJobs(db, now()), {
    worthLogging: (result) => result.expired + result.timedOut > 0,
  });
  return { stop: () => jobs.stop() };
}
