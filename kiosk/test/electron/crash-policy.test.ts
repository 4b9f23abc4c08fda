import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CRASH_POLICY,
  EMPTY_HISTORY,
  agentRestartDelayMs,
  decideAfterRendererGone,
  livenessVerdict,
  parseCrashHistory,
  type CrashHistory,
  type CrashPolicyConfig,
} from '../../src/electron/policy/crash-policy.js';

const config: CrashPolicyConfig = { reloadDelaysMs: [1_000, 5_000], crashWindowMs: 60_000, maxRelaunches: 2, relaunchWindowMs: 600_000, outOfServiceRetryMs: 1_800_000 };

/** Feeds crashes at the given times through the policy, as the shell would. */
function crashesAt(times: number[], start: CrashHistory = EMPTY_HISTORY) {
  let history = start;
  return times.map((now) => {
    const decision = decideAfterRendererGone(history, now, config);
    history = decision.history;
    return decision;
  });
}

describe('crash policy: reload with backoff, then relaunch, then out of service', () => {
  it('reloads with growing delays, then relaunches', () => {
    const actions = crashesAt([0, 2_000, 8_000]).map((decision) => decision.action);
    expect(actions).toEqual([{ kind: 'reload', delayMs: 1_000 }, { kind: 'reload', delayMs: 5_000 }, { kind: 'relaunch' }]);
  });

  it('forgets crashes older than the window: a crash a day is not a crash loop', () => {
    const actions = crashesAt([0, 2_000, 70_000, 140_000]).map((decision) => decision.action.kind);
    expect(actions).toEqual(['reload', 'reload', 'reload', 'reload']);
  });

  it('remembers relaunches across app runs and gives up to out-of-service after too many', () => {
    // Each run: the relaunched app starts with the stored history (no crashes, the relaunches).
    const firstRun = crashesAt([0, 1, 2]);
    expect(firstRun.at(-1)?.action.kind).toBe('relaunch');
    const secondRun = crashesAt([10_000, 10_001, 10_002], firstRun.at(-1)?.history);
    expect(secondRun.at(-1)?.action.kind).toBe('relaunch');
    const thirdRun = crashesAt([20_000, 20_001, 20_002], secondRun.at(-1)?.history);
    expect(thirdRun.map((decision) => decision.action)).toEqual([
      { kind: 'reload', delayMs: 1_000 },
      { kind: 'reload', delayMs: 5_000 },
      { kind: 'out-of-service', retryInMs: 1_800_000 },
    ]);
  });

  it('allows relaunches again once the old ones are out of the relaunch window', () => {
    const history: CrashHistory = { crashes: [0, 1], relaunches: [0, 1] };
    expect(decideAfterRendererGone(history, 2, config).action.kind).toBe('out-of-service');
    const later: CrashHistory = { crashes: [700_000, 700_001], relaunches: [0, 1] };
    expect(decideAfterRendererGone(later, 700_002, config).action.kind).toBe('relaunch');
  });

  it('ignores stored times from the future (a clock set back) instead of trusting them', () => {
    const history: CrashHistory = { crashes: [], relaunches: [5_000_000, 5_000_001] };
    expect(decideAfterRendererGone(history, 1_000, config).history.relaunches).toEqual([]);
  });

  it('the defaults escalate the same way: reloads first, relaunch next', () => {
    const first = decideAfterRendererGone(EMPTY_HISTORY, 0, DEFAULT_CRASH_POLICY);
    expect(first.action).toEqual({ kind: 'reload', delayMs: DEFAULT_CRASH_POLICY.reloadDelaysMs[0] });
    expect(DEFAULT_CRASH_POLICY.reloadDelaysMs).toEqual([...DEFAULT_CRASH_POLICY.reloadDelaysMs].sort((a, b) => a - b));
  });
});

describe('the stored crash history', () => {
  it('round-trips, and a missing or damaged file is a fresh start', () => {
    const history: CrashHistory = { crashes: [1, 2], relaunches: [3] };
    expect(parseCrashHistory(JSON.stringify(history))).toEqual(history);
    expect(parseCrashHistory(null)).toEqual(EMPTY_HISTORY);
    expect(parseCrashHistory('{not json')).toEqual(EMPTY_HISTORY);
    expect(parseCrashHistory('{"crashes":["x",4,null],"relaunches":7}')).toEqual({ crashes: [4], relaunches: [] });
  });
});

describe('hung renderer: a missing liveness tick', () => {
  const liveness = { tickIntervalMs: 1_000, missedTicksBeforeHung: 3, startupGraceMs: 10_000 };
  it('is alive while ticks arrive, hung after enough missed ticks', () => {
    expect(livenessVerdict({ loadStartedAt: 0, lastTickAt: 20_000 }, 23_000, liveness)).toBe('alive');
    expect(livenessVerdict({ loadStartedAt: 0, lastTickAt: 20_000 }, 23_001, liveness)).toBe('hung');
  });
  it('gives a loading page its grace before the first tick is due', () => {
    expect(livenessVerdict({ loadStartedAt: 0, lastTickAt: null }, 13_000, liveness)).toBe('alive');
    expect(livenessVerdict({ loadStartedAt: 0, lastTickAt: null }, 13_001, liveness)).toBe('hung');
  });
});

describe('agent restart backoff', () => {
  it('is full jitter under a ceiling that doubles up to the cap', () => {
    expect(agentRestartDelayMs(0, 1_000, 60_000, () => 0.999)).toBe(999);
    expect(agentRestartDelayMs(3, 1_000, 60_000, () => 0.5)).toBe(4_000);
    expect(agentRestartDelayMs(20, 1_000, 60_000, () => 0.999)).toBeLessThan(60_000);
    expect(agentRestartDelayMs(5, 1_000, 60_000, () => 0)).toBe(0);
  });
});
