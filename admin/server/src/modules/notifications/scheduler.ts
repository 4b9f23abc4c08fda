import type { HubDb } from '../../db/database.js';
import { createEmailTransport } from './email-transport.js';
import { runNotificationOutbox } from './outbox.js';
import type { OutboxRunResult } from './outbox.js';
import { DEFAULT_RETENTION_OPTIONS, runRetention } from './retention.js';
import type { RetentionOptions, RetentionRun } from './retention.js';
import type { NotificationSettings } from './settings.js';
import { createSmsWebhookTransport } from './sms-transport.js';
import type { NotificationTransports } from './transport.js';

/** How often the outbox is looked at; a retry is never sent earlier than its backoff says. */
export const DEFAULT_OUTBOX_INTERVAL_MS = 5_000;
/** Retention runs this often (and once at start). */
export const DEFAULT_RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** The part of pino the jobs use. They log counts and error codes only, never a message or an address. */
export interface JobLogger {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

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
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  function loop(job: 'outbox' | 'retention', intervalMs: number, run: () => Promise<OutboxRunResult | RetentionRun>): void {
    const tick = async () => {
      try {
        const result = await run();
        const worthLogging = job === 'retention' || (result as OutboxRunResult).sent + (result as OutboxRunResult).dead + (result as OutboxRunResult).retrying > 0;
        if (worthLogging) options.logger?.info({ job, ...result }, `${job} run finished`);
        options.onRun?.(job, result);
      } catch (error) {
        const e = error as { name?: string; code?: string };
        options.logger?.error({ job, error: { type: e.name, code: e.code } }, `${job} run failed; it will run again`);
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

  loop('outbox', options.outboxIntervalMs ?? DEFAULT_OUTBOX_INTERVAL_MS, () => runNotificationOutbox(db, transports, now(), settings.outbox));
  loop('retention', options.retentionIntervalMs ?? DEFAULT_RETENTION_INTERVAL_MS, () => runRetention(db, now(), options.retention ?? DEFAULT_RETENTION_OPTIONS));

  return {
    transports,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...running]);
      await Promise.all(Object.values(transports).map((t) => t.close()));
    },
  };
}
