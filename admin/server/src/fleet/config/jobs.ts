import type { HubDb } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import { createPeriodicJobs, type JobLogger } from '../../jobs/periodic.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { deleteHeartbeatHistoryBefore } from '../heartbeat-repository.js';
import { evaluateOfflineAlerts } from './offline-alerts.js';
import { addAlertJobs } from '../alerts/jobs.js';
import { advanceRollouts } from './rollout-service.js';
import { DEFAULT_FLEET_SETTINGS } from './settings.js';
import type { FleetSettings } from './settings.js';

const DAY_MS = 24 * 60 * 60_000;

/** Retention of the heartbeat history: one statement, older than N days. */
export async function runHeartbeatRetention(db: HubDb, now: Date, days: number): Promise<{ deleted: number }> {
  return { deleted: await deleteHeartbeatHistoryBefore(db, new Date(now.getTime() - days * DAY_MS)) };
}

/**
 * The fleet's timers: offline alerts, heartbeat history retention, rollout rings. Each runs again
 * only after its previous run ended (jobs/periodic.ts).
 */
export function startFleetJobs(db: HubDb, bus: FleetBus, options: { secrets: SecretBox; settings?: FleetSettings; logger?: JobLogger; now?: () => Date }): { stop(): Promise<void> } {
  const settings = options.settings ?? DEFAULT_FLEET_SETTINGS;
  const now = options.now ?? (() => new Date());
  const jobs = createPeriodicJobs(options.logger);
  const worthLogging = (result: object) => Object.values(result).some((v) => v !== 0);
  jobs.add('fleet-offline-alerts', settings.alertIntervalMs, () => evaluateOfflineAlerts(db, now(), settings.status), { worthLogging });
  jobs.add('fleet-heartbeat-retention', settings.retentionIntervalMs, () => runHeartbeatRetention(db, now(), settings.heartbeatHistoryDays), { worthLogging });
  jobs.add('fleet-rollouts', settings.rolloutIntervalMs, () => advanceRollouts(db, bus, options.secrets, now(), settings.status), { worthLogging });
  addAlertJobs(jobs, db, now, { sweepIntervalMs: settings.alertIntervalMs, policy: settings.status, secrets: options.secrets });
  return { stop: () => jobs.stop() };
}
