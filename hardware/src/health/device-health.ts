import type { DeviceHealth, DeviceState } from '@kiosk/shared';

/**
 * The health of one device over time. Each device reports its condition whenever it learns
 * something (a status reply, a scan, an unplug); the tracker turns that into the `DeviceHealth`
 * the agent sends in heartbeats. No hysteresis here: a transition takes effect on the first
 * report (the hub applies its own hysteresis to alerts). `since` is the moment the current state
 * began, kept while the state stays the same, even if the reason within it changes.
 */

/** What a device knows about itself right now. */
export interface DeviceCondition {
  readonly state: DeviceState;
  /** Machine-readable, e.g. `paper-near-end`, `cover-open`, `unreachable`, `disconnected`; null when ok. */
  readonly reason: string | null;
}

export type DeviceHealthListener = (health: DeviceHealth, previous: DeviceHealth) => void;

/** How bad each state is, for summing several devices up. */
export const STATE_SEVERITY: Readonly<Record<DeviceState, number>> = { ok: 0, warning: 1, offline: 2, error: 3 };

export interface DeviceHealthTrackerOptions {
  readonly now?: () => Date;
  /** What is known before the first report: by default the device is offline, reason `not-checked`. */
  readonly initial?: DeviceCondition;
}

export const NOT_CHECKED: DeviceCondition = { state: 'offline', reason: 'not-checked' };

export class DeviceHealthTracker {
  private health: DeviceHealth;
  private readonly listeners = new Set<DeviceHealthListener>();
  private readonly now: () => Date;

  constructor(options: DeviceHealthTrackerOptions = {}) {
    this.now = options.now ?? (() => new Date());
    const initial = options.initial ?? NOT_CHECKED;
    this.health = { state: initial.state, reason: initial.reason, since: this.now().toISOString() };
  }

  current(): DeviceHealth {
    return this.health;
  }

  /** Records the device's condition; returns the health, unchanged (same object) if nothing changed. */
  report(condition: DeviceCondition): DeviceHealth {
    const previous = this.health;
    if (previous.state === condition.state && previous.reason === condition.reason) return previous;
    const since = previous.state === condition.state ? previous.since : this.now().toISOString();
    this.health = { state: condition.state, reason: condition.reason, since };
    for (const listener of this.listeners) listener(this.health, previous);
    return this.health;
  }

  /** Calls `listener` on every change of state or reason; returns the unsubscribe function. */
  onChange(listener: DeviceHealthListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The worst of several devices' healths (e.g. for a kiosk's "degraded" flag); null for none. */
export function worstHealth(healths: readonly DeviceHealth[]): DeviceHealth | null {
  let worst: DeviceHealth | null = null;
  for (const health of healths) {
    if (worst === null || STATE_SEVERITY[health.state] > STATE_SEVERITY[worst.state]) worst = health;
  }
  return worst;
}
