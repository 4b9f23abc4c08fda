import { describe, expect, it } from 'vitest';
import { createRendererSupervisor } from '../../src/electron/recovery/renderer-supervisor.js';
import { EMPTY_HISTORY, type CrashHistory } from '../../src/electron/policy/crash-policy.js';
import type { ShellStatusMessage } from '../../src/electron/ipc/agent-link.js';
import { createFakeClock } from './fake-clock.js';

const START = 'app://kiosk/index.html';
const OUT_OF_SERVICE = 'app://kiosk/__shell/out-of-service.html';
const crash = { reloadDelaysMs: [1_000, 5_000], crashWindowMs: 60_000, maxRelaunches: 1, relaunchWindowMs: 600_000, outOfServiceRetryMs: 1_800_000 };
const liveness = { tickIntervalMs: 1_000, missedTicksBeforeHung: 3, startupGraceMs: 10_000 };

function harness(history: CrashHistory = EMPTY_HISTORY) {
  const clock = createFakeClock();
  const loads: string[] = [];
  const statuses: ShellStatusMessage[] = [];
  const saved: CrashHistory[] = [];
  let relaunches = 0;
  let crashes = 0;
  const supervisor = createRendererSupervisor({
    page: { load: (url) => loads.push(url), crash: () => (crashes += 1) },
    startUrl: START,
    outOfServiceUrl: OUT_OF_SERVICE,
    crash,
    liveness,
    clock,
    history,
    saveHistory: (value) => saved.push(value),
    relaunch: () => (relaunches += 1),
    reportStatus: (status) => statuses.push(status),
    log: () => {},
  });
  return { clock, supervisor, loads, statuses, saved, relaunches: () => relaunches, crashes: () => crashes };
}

describe('the renderer supervisor on a fake clock', () => {
  it('reloads only after the backoff delay, and reports recovering then running', () => {
    const h = harness();
    h.supervisor.rendererGone('crashed');
    h.clock.advance(999);
    expect(h.loads).toEqual([]);
    h.clock.advance(1);
    expect(h.loads).toEqual([START]);
    h.supervisor.loadStarted();
    h.supervisor.tick();
    expect(h.statuses.map((status) => [status.state, status.reason])).toEqual([['recovering', 'crashed'], ['running', null]]);
  });

  it('relaunches (storing the history first) when reloads did not help', () => {
    const h = harness();
    h.supervisor.rendererGone('crashed');
    h.supervisor.rendererGone('crashed');
    expect(h.relaunches()).toBe(0);
    h.supervisor.rendererGone('oom');
    expect(h.relaunches()).toBe(1);
    expect(h.saved.at(-1)?.relaunches).toHaveLength(1);
  });

  it('shows out-of-service, reports it for the heartbeat, and tries again after the pause', () => {
    const h = harness({ crashes: [], relaunches: [999_000] });
    for (let i = 0; i < 3; i += 1) h.supervisor.rendererGone('crashed');
    expect(h.loads.at(-1)).toBe(OUT_OF_SERVICE);
    expect(h.statuses.at(-1)).toMatchObject({ state: 'out-of-service', reason: 'crashed' });
    expect(h.relaunches()).toBe(0);
    // The pending reloads of the earlier crashes were replaced: only the retry is scheduled.
    expect(h.clock.pending).toBe(1);
    h.clock.advance(crash.outOfServiceRetryMs - 1);
    expect(h.loads.at(-1)).toBe(OUT_OF_SERVICE);
    h.clock.advance(1);
    expect(h.loads.at(-1)).toBe(START);
    expect(h.saved.at(-1)).toEqual(EMPTY_HISTORY);
  });

  it('kills a hung page once, and the crash that follows is recovered as "hung"', () => {
    const h = harness();
    h.supervisor.loadStarted();
    h.supervisor.tick();
    h.clock.advance(3_000);
    h.supervisor.checkLiveness();
    expect(h.crashes()).toBe(0);
    h.clock.advance(1);
    h.supervisor.checkLiveness();
    h.supervisor.checkLiveness();
    expect(h.crashes()).toBe(1);
    h.supervisor.rendererGone('killed');
    expect(h.statuses.at(-1)).toMatchObject({ state: 'recovering', reason: 'hung' });
  });

  it('does not call a page hung while it is still loading', () => {
    const h = harness();
    h.supervisor.loadStarted();
    h.clock.advance(12_000);
    h.supervisor.checkLiveness();
    expect(h.crashes()).toBe(0);
    h.clock.advance(1_001);
    h.supervisor.checkLiveness();
    expect(h.crashes()).toBe(1);
  });
});
