import type { AlertCondition, KioskStatusReason } from '@kiosk/shared';
import type { JudgedKiosk } from '../overview/verdicts.js';

/**
 * Pure: whether a rule's condition holds for one kiosk, and since when. Device conditions are
 * read from the fleet's own verdict (overview/verdicts.ts, kiosk-status.ts), so an alert pages
 * exactly when the console shows the reason. While a kiosk is silent its last report is stale:
 * device conditions are then 'unknown' and change nothing (silence is the 'offline' condition's
 * business), instead of resolving a paper-low alert and paging again when the kiosk is back.
 */

export interface KioskAlertFacts {
  readonly judged: JudgedKiosk;
  /** When the fleet's offline alert (hysteresis: config/offline-alerts.ts) went up; null if not raised. */
  readonly offlineRaisedAt: string | null;
  /** When the hub received the oldest unanswered staff call of this kiosk; null if none. */
  readonly oldestOpenStaffCallAt: string | null;
}

export interface RuleCondition {
  readonly condition: AlertCondition;
  /** outbox-backlog only: a depth; null = the fleet's backlog policy. */
  readonly threshold: number | null;
}

export type Observation = { readonly holds: true; readonly since: string } | { readonly holds: false } | { readonly holds: 'unknown' };

/** Which status reasons mean the condition holds. An empty printer is also a paper problem. */
const REASONS: Readonly<Record<Exclude<AlertCondition, 'offline' | 'staff-call'>, readonly KioskStatusReason[]>> = {
  'paper-low': ['paper-low', 'paper-out'],
  'printer-offline': ['printer-offline'],
  'scanner-missing': ['scanner-missing'],
  'outbox-backlog': ['outbox-backlog'],
  'clock-skew': ['clock-skew'],
  'content-expired': ['content-expired'],
};

const since = (at: string | null): Observation => (at === null ? { holds: false } : { holds: true, since: at });

export function observe(rule: RuleCondition, facts: KioskAlertFacts): Observation {
  if (rule.condition === 'offline') return since(facts.offlineRaisedAt);
  if (rule.condition === 'staff-call') return since(facts.oldestOpenStaffCallAt);
  const { verdict, heartbeat, device } = facts.judged;
  const receivedAt = device.latest?.receivedAt ?? null;
  if (heartbeat === null || receivedAt === null) return { holds: false };
  if (verdict.status === 'unreachable' || verdict.status === 'offline') return { holds: 'unknown' };
  if (rule.condition === 'outbox-backlog' && rule.threshold !== null) return since(heartbeat.outbox.depth >= rule.threshold ? receivedAt : null);
  const wanted = REASONS[rule.condition];
  return since(verdict.reasons.some((reason) => wanted.includes(reason)) ? receivedAt : null);
}

export type AlertStep = 'none' | 'start-pending' | 'open-new' | 'open' | 'drop-pending' | 'resolve' | 'keep';

export interface LiveAlert {
  readonly state: 'pending' | 'open' | 'acknowledged';
  /** When the condition was first seen holding. */
  readonly since: string;
}

/**
 * Pure: what happens to one (rule, kiosk) pair. `live` is its alert not yet resolved, if any.
 * The alert opens once the condition has held `minutes`, and resolves when it clears.
 */
export function alertStep(live: LiveAlert | undefined, observation: Observation, minutes: number, now: Date): AlertStep {
  const longEnough = (from: string) => now.getTime() - Date.parse(from) >= minutes * 60_000;
  if (observation.holds === 'unknown') return live === undefined ? 'none' : 'keep';
  if (observation.holds === false) {
    if (live === undefined) return 'none';
    return live.state === 'pending' ? 'drop-pending' : 'resolve';
  }
  if (live === undefined) return longEnough(observation.since) ? 'open-new' : 'start-pending';
  if (live.state === 'pending') return longEnough(live.since) ? 'open' : 'keep';
  return 'keep';
}
