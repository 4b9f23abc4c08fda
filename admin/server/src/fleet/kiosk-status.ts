import type { Heartbeat, KioskStatusName, KioskStatusReason } from '@kiosk/shared';

/** The fleet view's verdict on one kiosk (DESIGN.md section 6). */
export type KioskStatus = KioskStatusName;

export interface KioskStatusPolicy {
  /** How often kiosks are told to report. */
  readonly heartbeatIntervalMs: number;
  /** Unreachable after this many missed heartbeats. */
  readonly missedForUnreachable: number;
  /** Offline (an alert) after this long without a heartbeat. */
  readonly offlineAfterMs: number;
  /** An outbox this deep, or this old, is a backlog worth a visit. */
  readonly backlogDepth: number;
  readonly backlogAgeSeconds: number;
  /** Clock skew past this breaks receipts' times: platform.md says alert at 2 minutes. */
  readonly maxSkewMs: number;
  /**
   * Hysteresis of the offline alert: once raised, it clears only after this many consecutive
   * heartbeats (no gap long enough to be unreachable)...
   */
  readonly clearAfterHeartbeats: number;
  /** ...or after the kiosk has been back without such a gap for this long, whichever comes first. */
  readonly clearAfterMs: number;
}

export const DEFAULT_STATUS_POLICY: KioskStatusPolicy = {
  heartbeatIntervalMs: 30_000,
  missedForUnreachable: 3,
  offlineAfterMs: 15 * 60_000,
  backlogDepth: 20,
  backlogAgeSeconds: 15 * 60,
  maxSkewMs: 2 * 60_000,
  clearAfterHeartbeats: 3,
  clearAfterMs: 10 * 60_000,
};

export interface KioskStatusVerdict {
  readonly status: KioskStatus;
  /** Why, in machine words the console translates: `paper-low`, `printer-offline`, `outbox-backlog`... */
  readonly reasons: readonly KioskStatusReason[];
}

/** What the heartbeat alone cannot say, looked up by the caller (fleet/overview/verdicts.ts). */
export interface KioskStatusFacts {
  /** When the content bundle the kiosk reports running stops being valid; null or absent if unknown. */
  readonly contentExpiresAt?: string | null;
}

/**
 * Pure: from the latest heartbeat (or none) and the time now, what a fleet operator should see.
 * Reachability first (a silent kiosk's last report is stale), then device and sync problems.
 */
export function kioskStatus(
  latest: { receivedAt: string; skewMs: number; heartbeat: Heartbeat } | undefined,
  now: Date,
  policy: KioskStatusPolicy = DEFAULT_STATUS_POLICY,
  facts: KioskStatusFacts = {},
): KioskStatusVerdict {
  if (latest === undefined) return { status: 'offline', reasons: ['never-reported'] };
  const silentMs = now.getTime() - Date.parse(latest.receivedAt);
  if (silentMs >= policy.offlineAfterMs) return { status: 'offline', reasons: ['no-heartbeat'] };
  if (silentMs >= policy.heartbeatIntervalMs * policy.missedForUnreachable) return { status: 'unreachable', reasons: ['missed-heartbeats'] };

  const reasons: KioskStatusReason[] = [];
  const { printer, scanner } = latest.heartbeat.devices;
  if (printer.state === 'offline' || printer.state === 'error') reasons.push(printer.reason === 'paper-end' ? 'paper-out' : 'printer-offline');
  else if (printer.reason === 'paper-near-end') reasons.push('paper-low');
  if (scanner.state === 'error') reasons.push('scanner-missing');
  const { outbox } = latest.heartbeat;
  if (outbox.depth >= policy.backlogDepth || (outbox.oldestAgeSeconds ?? 0) >= policy.backlogAgeSeconds) reasons.push('outbox-backlog');
  if (outbox.dead > 0) reasons.push('dead-letters');
  if (Math.abs(latest.skewMs) > policy.maxSkewMs) reasons.push('clock-skew');
  if (latest.heartbeat.shell?.state === 'out-of-service') reasons.push('out-of-service');
  // The bundle it runs is past its expiry: its answers and procedures may be out of date.
  const expiresAt = facts.contentExpiresAt ?? null;
  if (expiresAt !== null && Date.parse(expiresAt) <= now.getTime()) reasons.push('content-expired');
  // Deliberate, but a kiosk in maintenance serves no one: the operator must see it is not online.
  if (latest.heartbeat.maintenance) reasons.push('maintenance');
  return { status: reasons.length > 0 ? 'degraded' : 'online', reasons };
}

/** A run of heartbeats with no gap long enough to count as unreachable, ending now. */
export interface RecoveryStreak {
  readonly heartbeats: number;
  /** From the first heartbeat of the run to now. */
  readonly spanMs: number;
}

/**
 * Pure: how long the kiosk has been steadily back. `receivedNewestFirst` are heartbeat receive
 * times (ISO), newest first; a gap of missedForUnreachable intervals (or silence now) breaks the run.
 */
export function recoveryStreak(receivedNewestFirst: readonly string[], now: Date, policy: KioskStatusPolicy = DEFAULT_STATUS_POLICY): RecoveryStreak {
  const gapMs = policy.heartbeatIntervalMs * policy.missedForUnreachable;
  let previous = now.getTime();
  let heartbeats = 0;
  for (const received of receivedNewestFirst) {
    const at = Date.parse(received);
    if (previous - at >= gapMs) break;
    heartbeats += 1;
    previous = at;
  }
  return { heartbeats, spanMs: heartbeats === 0 ? 0 : now.getTime() - previous };
}

export type OfflineAlertDecision = 'raise' | 'clear' | 'keep';

/**
 * Pure: the offline alert with hysteresis, so a kiosk on a flaky line does not page anyone
 * every few minutes. Raised after offlineAfterMs of silence; once raised, one or two heartbeats
 * are not enough to clear it: only a steady streak (clearAfterHeartbeats, or clearAfterMs) is.
 * @param lastSeenAt the latest heartbeat, or when the kiosk was registered if it never reported.
 * @param streak the recovery streak counted from heartbeats received after the alert was raised.
 */
export function offlineAlertDecision(
  input: { readonly raised: boolean; readonly lastSeenAt: string; readonly streak: RecoveryStreak },
  now: Date,
  policy: KioskStatusPolicy = DEFAULT_STATUS_POLICY,
): OfflineAlertDecision {
  if (!input.raised) return now.getTime() - Date.parse(input.lastSeenAt) >= policy.offlineAfterMs ? 'raise' : 'keep';
  const steady = input.streak.heartbeats >= policy.clearAfterHeartbeats || (input.streak.heartbeats > 0 && input.streak.spanMs >= policy.clearAfterMs);
  return steady ? 'clear' : 'keep';
}
