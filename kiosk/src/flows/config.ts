/**
 * Session timing. Every number here is named so a deployment (or a test with a simulated clock)
 * can change it; the floors come from WCAG 2.2.1 and EN 301 549 (accessibility.md, item 12).
 */
export interface SessionTimers {
  /** Quiet time before the "are you still there?" warning. */
  readonly idleMs: number;
  /** How long the warning waits for one touch before the session resets. */
  readonly warningMs: number;
  /** How many times one touch may extend a warned session. */
  readonly maxExtensions: number;
  /** How long the thank-you screen stays before the kiosk returns to attract. */
  readonly goodbyeMs: number;
  /** How long the optional "how did it go?" question waits before moving on to goodbye. */
  readonly satisfactionMs: number;
}

/** WCAG 2.2.1: at least 20 seconds to answer a timeout warning. */
export const MIN_WARNING_MS = 20_000;
/** WCAG 2.2.1: the citizen may extend at least ten times. */
export const MIN_EXTENSIONS = 10;

export const DEFAULT_SESSION_TIMERS: SessionTimers = {
  idleMs: 90_000,
  warningMs: 30_000,
  maxExtensions: 10,
  goodbyeMs: 15_000,
  satisfactionMs: 30_000,
};

/** Fills in defaults and refuses values that would break the accessibility floors. */
export function resolveSessionTimers(overrides: Partial<SessionTimers> = {}): SessionTimers {
  const timers = { ...DEFAULT_SESSION_TIMERS, ...overrides };
  if (!(timers.idleMs > 0)) throw new RangeError(`idleMs must be positive (got ${timers.idleMs})`);
  if (!(timers.goodbyeMs > 0)) throw new RangeError(`goodbyeMs must be positive (got ${timers.goodbyeMs})`);
  if (!(timers.satisfactionMs > 0)) throw new RangeError(`satisfactionMs must be positive (got ${timers.satisfactionMs})`);
  if (!(timers.warningMs >= MIN_WARNING_MS)) {
    throw new RangeError(`warningMs must be at least ${MIN_WARNING_MS} ms (WCAG 2.2.1); got ${timers.warningMs}`);
  }
  if (!(Number.isInteger(timers.maxExtensions) && timers.maxExtensions >= MIN_EXTENSIONS)) {
    throw new RangeError(`maxExtensions must be an integer of at least ${MIN_EXTENSIONS}; got ${timers.maxExtensions}`);
  }
  return timers;
}

/** The part of the hub-pushed kiosk configuration (shared/src/protocol/device-config.ts) that times a session. */
export interface ConfiguredIdle {
  readonly idleTimeoutSeconds: number;
  readonly idleWarningSeconds: number;
}

/**
 * Session timers from the applied configuration. The configuration's schema already enforces the
 * accessibility floors; `resolveSessionTimers` checks them again so a bad value can never shorten
 * the warning below WCAG 2.2.1, whatever path it came by.
 */
export function timersFromConfig(config: ConfiguredIdle, base: Partial<SessionTimers> = {}): SessionTimers {
  return resolveSessionTimers({ ...base, idleMs: config.idleTimeoutSeconds * 1000, warningMs: config.idleWarningSeconds * 1000 });
}
