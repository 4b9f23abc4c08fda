import type { HubDb } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { FetchLike } from './client.js';
import { runForwardingOutbox } from './outbox.js';
import { DEFAULT_FORWARDING_INTERVALS, DEFAULT_FORWARDING_POLICY } from './settings.js';
import type { ForwardingPolicy } from './settings.js';
import { runForwardingSync } from './sync.js';
import { createPeriodicJobs, type JobLogger } from '../../jobs/periodic.js';

export interface ForwardingJobSettings {
  /** The hub's key ring: the CRM api_key is stored sealed. */
  readonly secrets: SecretBox;
  readonly outboxIntervalMs?: number;
  readonly syncIntervalMs?: number;
  readonly policy?: ForwardingPolicy;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  /** The public status page base (`${PUBLIC_BASE_URL}/status`), for citizens' notifications of mirrored changes. */
  readonly statusPageBaseUrl?: string;
  /** Counts and error types only: never a case's contents. */
  readonly logger?: JobLogger;
}

/**
 * The hub's timers for forwarding. Each loop plans its next run only after the last one ended,
 * so runs never overlap in one process (several processes are safe: rows are claimed).
 */
export function startForwardingJobs(db: HubDb, settings: ForwardingJobSettings): { stop(): Promise<void> } {
  const now = settings.now ?? (() => new Date());
  const fetchImpl = settings.fetch ?? fetch;
  const policy = settings.policy ?? DEFAULT_FORWARDING_POLICY;
  const jobs = createPeriodicJobs(settings.logger);
  // A run that moved nothing (every count 0) is not worth a log line.
  const worthLogging = (result: object) => Object.values(result).some((v) => v !== 0);
  jobs.add('forwarding-outbox', settings.outboxIntervalMs ?? DEFAULT_FORWARDING_INTERVALS.outboxMs, () => runForwardingOutbox(db, settings.secrets, now(), fetchImpl, { policy }), { worthLogging });
  jobs.add(
    'forwarding-sync',
    settings.syncIntervalMs ?? DEFAULT_FORWARDING_INTERVALS.syncMs,
    () => runForwardingSync(db, settings.secrets, now(), fetchImpl, { policy, ...(settings.statusPageBaseUrl === undefined ? {} : { statusPageBaseUrl: settings.statusPageBaseUrl }) }),
    { worthLogging },
  );

  return { stop: () => jobs.stop() };
}
