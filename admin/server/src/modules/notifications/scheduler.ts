import type { HubDb } from '../../db/database.js';
import { createEmailTransport } from './email-transport.js';
import { runNotificationOutbox } from './outbox.js';
import type { OutboxRunResult } from './outbox.js';
import { DEFAULT_RETENTION_OPTIONS, runRetention } from './retention.js';
import type { RetentionOptions, RetentionRun } from './retention.js';
import type { NotificationSettings } from './settings.js';
import { createSmsWebhookTransport } from './sms-transport.js';
import type { NotificationTransports } from './transport.js';
import { createPeriodicJobs, type JobLogger } from '../../jobs/periodic.js';

/** How often the outbox is looked at; a retry is never sent earlier than its backoff says. */
export const DEFAULT_OUTBOX_INTERVAL_MS = 5_000;
/** Retention runs this often (and once at start). */
export const DEFAULT_RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

export type { JobLogger };

export interface NotificationJobsOptions {
  readonly outboxIntervalMs?: number;
  readonly retentionIntervalMs?: number;
  readonly retention?: RetentionOptions;
  readonly logger?: JobLogger;
  readonly now?: () => Date;
  /** Called after each run (tests await it instead of sleeping). */
  readonly onRun?: (job: 'outbox' | 'retention', result: OutboxRunResult | RetentionRun) => void;
}

export interface NotificationJobs {
  readonly transports: NotificationTransports;
  /** Stops both loops after the run in progress, and closes the transports. */
  stop(): Promise<void>;
}

export function createTransports(settings: NotificationSettings): NotificationTransports {
  return {
    ...(settings.smtp === null ? {} : { email: createEmailTransport(settings.smtp) }),
    ...(settings.sms === null ? {} : { sms: createSmsWebhookTransport(settings.sms) }),
  };
}

/**
 * The hub's scheduler for this module: the outbox every few seconds, retention daily. Each loop
 * waits for its run to finish before planning the next, so runs never overlap in one process.
 */
export function startNotificationJobs(db: HubDb, settings: NotificationSettings, options: NotificationJobsOptions = {}): NotificationJobs {
  const transports = createTransports(settings);
  const now = options.now ?? (() => new Date());
  const jobs = createPeriodicJobs(options.logger);
  jobs.add('outbox', options.outboxIntervalMs ?? DEFAULT_OUTBOX_INTERVAL_MS, () => runNotificationOutbox(db, transports, now(), settings.outbox), {
    // An idle outbox every few seconds is not news.
    worthLogging: (result) => result.sent + result.dead + result.retrying > 0,
    onRun: (result) => options.onRun?.('outbox', result),
  });
  jobs.add('retention', options.retentionIntervalMs ?? DEFAULT_RETENTION_INTERVAL_MS, () => runRetention(db, now(), options.retention ?? DEFAULT_RETENTION_OPTIONS), {
    onRun: (result) => options.onRun?.('retention', result),
  });

  return {
    transports,
    async stop() {
      await jobs.stop();
      await Promise.all(Object.values(transports).map((t) => t.close()));
    },
  };
}
