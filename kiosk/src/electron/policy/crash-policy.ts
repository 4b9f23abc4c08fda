/**
 * What the shell does when the renderer dies or hangs. Pure: time comes in as `now`, the history
 * goes in and comes out, so every decision is tested on a fake clock. The ladder is:
 * reload with growing delays -> relaunch the whole app -> out-of-service screen (reported in the
 * next heartbeat), and from out-of-service one more try after a long pause, so a kiosk nobody
 * visits still comes back by itself.
 */
export interface CrashPolicyConfig {
  /** Delay before each reload; one entry per reload allowed within `crashWindowMs`. */
  readonly reloadDelaysMs: readonly number[];
  /** Crashes older than this are forgotten: a crash a day is not a crash loop. */
  readonly crashWindowMs: number;
  /** Relaunches allowed within `relaunchWindowMs` before giving up to out-of-service. */
  readonly maxRelaunches: number;
  readonly relaunchWindowMs: number;
  /** How long the out-of-service screen stays before the shell tries again from scratch. */
  readonly outOfServiceRetryMs: number;
}

/** Survives a relaunch (the shell stores it in a small file), so a relaunch loop is noticed. */
export interface CrashHistory {
  /** Times (ms) of renderer crashes in this app run. */
  readonly crashes: readonly number[];
  /** Times (ms) of relaunches this shell asked for. */
  readonly relaunches: readonly number[];
}

export const EMPTY_HISTORY: CrashHistory = { crashes: [], relaunches: [] };

export type RecoveryAction =
  | { readonly kind: 'reload'; readonly delayMs: number }
  | { readonly kind: 'relaunch' }
  | { readonly kind: 'out-of-service'; readonly retryInMs: number };

export interface RecoveryDecision {
  readonly action: RecoveryAction;
  readonly history: CrashHistory;
}

const within = (times: readonly number[], now: number, windowMs: number) => times.filter((time) => now - time < windowMs && time <= now);

/** Decide what to do after `render-process-gone` (or a hang, which the shell turns into a crash). */
export function decideAfterRendererGone(history: CrashHistory, now: number, config: CrashPolicyConfig): RecoveryDecision {
  const crashes = [...within(history.crashes, now, config.crashWindowMs), now];
  const relaunches = within(history.relaunches, now, config.relaunchWindowMs);
  const reloadDelay = config.reloadDelaysMs[crashes.length - 1];
  if (reloadDelay !== undefined) {
    return { action: { kind: 'reload', delayMs: reloadDelay }, history: { crashes, relaunches } };
  }
  if (relaunches.length < config.maxRelaunches) {
    // A fresh process starts with no crashes; the relaunch itself is remembered.
    return { action: { kind: 'relaunch' }, history: { crashes: [], relaunches: [...relaunches, now] } };
  }
  return { action: { kind: 'out-of-service', retryInMs: config.outOfServiceRetryMs }, history: { crashes, relaunches } };
}

/** After the out-of-service pause: start over with a clean slate, by reloading the kiosk page. */
export function historyForRetryAfterOutOfService(): CrashHistory {
  return EMPTY_HISTORY;
}

/** Reads the stored history, tolerating a missing or damaged file (a fresh start is safe). */
export function parseCrashHistory(text: string | null): CrashHistory {
  if (text === null) return EMPTY_HISTORY;
  try {
    const value = JSON.parse(text) as { crashes?: unknown; relaunches?: unknown };
    const times = (list: unknown) => (Array.isArray(list) ? list.filter((item): item is number => typeof item === 'number' && Number.isFinite(item)) : []);
    return { crashes: times(value.crashes), relaunches: times(value.relaunches) };
  } catch {
    return EMPTY_HISTORY;
  }
}

export interface LivenessConfig {
  /** The preload sends a tick this often while the page's main thread runs. */
  readonly tickIntervalMs: number;
  /** This many missing ticks in a row mean the page is hung. */
  readonly missedTicksBeforeHung: number;
  /** A page that is still loading gets this long before its first tick is due. */
  readonly startupGraceMs: number;
}

export const DEFAULT_CRASH_POLICY: CrashPolicyConfig = {
  reloadDelaysMs: [1_000, 5_000, 15_000],
  crashWindowMs: 10 * 60_000,
  maxRelaunches: 2,
  relaunchWindowMs: 30 * 60_000,
  outOfServiceRetryMs: 30 * 60_000,
};

/** The preload bundles these (it cannot read configuration), so main's watchdog uses the same. */
export const DEFAULT_LIVENESS: LivenessConfig = {
  tickIntervalMs: 5_000,
  missedTicksBeforeHung: 6,
  startupGraceMs: 60_000,
};

export type LivenessVerdict = 'alive' | 'hung';

/**
 * `lastTickAt` is null until the first tick of this page load; `loadStartedAt` is when the
 * current page (re)load began. Ticks run on the page's own thread, so a busy loop stops them.
 */
export function livenessVerdict(state: { loadStartedAt: number; lastTickAt: number | null }, now: number, config: LivenessConfig): LivenessVerdict {
  const allowedSilenceMs = config.tickIntervalMs * config.missedTicksBeforeHung;
  if (state.lastTickAt === null) return now - state.loadStartedAt > config.startupGraceMs + allowedSilenceMs ? 'hung' : 'alive';
  return now - state.lastTickAt > allowedSilenceMs ? 'hung' : 'alive';
}

/** Full-jitter backoff for restarting the agent process: random(0, min(cap, base * 2^attempt)). */
export function agentRestartDelayMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}
