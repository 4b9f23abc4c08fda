import { DEFAULT_STATUS_POLICY } from '../kiosk-status.js';
import type { KioskStatusPolicy } from '../kiosk-status.js';

/**
 * The fleet's background checks, with named defaults. `loadFleetSettings` takes the environment as
 * an argument (the hub reads process.env in one place only, index.ts).
 */

/** Heartbeat history older than this is deleted (the latest row per kiosk always stays). */
export const DEFAULT_HEARTBEAT_HISTORY_DAYS = 30;
/** How often the offline alerts are re-evaluated: well under the heartbeat interval's multiples. */
export const DEFAULT_ALERT_INTERVAL_MS = 30_000;
/** How often running rollouts are judged and moved on. */
export const DEFAULT_ROLLOUT_INTERVAL_MS = 30_000;
export const DEFAULT_RETENTION_INTERVAL_MS = 60 * 60_000;

export interface FleetSettings {
  readonly status: KioskStatusPolicy;
  readonly heartbeatHistoryDays: number;
  readonly alertIntervalMs: number;
  readonly rolloutIntervalMs: number;
  readonly retentionIntervalMs: number;
}

export const DEFAULT_FLEET_SETTINGS: FleetSettings = {
  status: DEFAULT_STATUS_POLICY,
  heartbeatHistoryDays: DEFAULT_HEARTBEAT_HISTORY_DAYS,
  alertIntervalMs: DEFAULT_ALERT_INTERVAL_MS,
  rolloutIntervalMs: DEFAULT_ROLLOUT_INTERVAL_MS,
  retentionIntervalMs: DEFAULT_RETENTION_INTERVAL_MS,
};

type Env = Readonly<Record<string, string | undefined>>;

function positive(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return parsed;
}

/**
 * FLEET_HEARTBEAT_INTERVAL_MS (what kiosks are told to use: HEARTBEAT_MS on the agent),
 * FLEET_OFFLINE_AFTER_MS, FLEET_ALERT_CLEAR_HEARTBEATS, FLEET_ALERT_CLEAR_MS, FLEET_HEARTBEAT_HISTORY_DAYS.
 */
export function loadFleetSettings(env: Env): FleetSettings {
  const base = DEFAULT_STATUS_POLICY;
  return {
    ...DEFAULT_FLEET_SETTINGS,
    status: {
      ...base,
      heartbeatIntervalMs: positive(env, 'FLEET_HEARTBEAT_INTERVAL_MS', base.heartbeatIntervalMs),
      offlineAfterMs: positive(env, 'FLEET_OFFLINE_AFTER_MS', base.offlineAfterMs),
      clearAfterHeartbeats: positive(env, 'FLEET_ALERT_CLEAR_HEARTBEATS', base.clearAfterHeartbeats),
      clearAfterMs: positive(env, 'FLEET_ALERT_CLEAR_MS', base.clearAfterMs),
    },
    heartbeatHistoryDays: positive(env, 'FLEET_HEARTBEAT_HISTORY_DAYS', DEFAULT_HEARTBEAT_HISTORY_DAYS),
  };
}
