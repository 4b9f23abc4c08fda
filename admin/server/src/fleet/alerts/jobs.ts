import type { HubDb } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { PeriodicJobs } from '../../jobs/periodic.js';
import type { KioskStatusPolicy } from '../kiosk-status.js';
import { deliverDueWebhooks } from './delivery.js';
import { sweepAlerts } from './evaluator.js';

/** How often due webhook deliveries are sent (retries wait their own backoff on top). */
export const ALERT_DELIVERY_INTERVAL_MS = 10_000;

/** The alert sweep (at the offline alerts' pace) and the webhook outbox, on the fleet's timers. */
export function addAlertJobs(jobs: PeriodicJobs, db: HubDb, now: () => Date, options: { sweepIntervalMs: number; policy: KioskStatusPolicy; secrets: SecretBox }): void {
  const worthLogging = (result: object) => Object.values(result).some((v) => v !== 0);
  jobs.add('fleet-alert-rules', options.sweepIntervalMs, () => sweepAlerts(db, now(), options.policy), { worthLogging });
  jobs.add('fleet-alert-webhooks', ALERT_DELIVERY_INTERVAL_MS, () => deliverDueWebhooks(db, now(), { secrets: options.secrets }), { worthLogging });
}
