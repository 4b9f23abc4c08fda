import { describe, expect, it } from 'vitest';
import { DeviceHealthTracker, printerCondition, worstHealth } from '../../src/index.js';
import type { PrinterFlags } from '../../src/index.js';

/** A clock the test moves by hand. */
function manualClock(start = '2025-03-12T10:00:00.000Z'): { now: () => Date; advance(ms: number): void } {
  let at = Date.parse(start);
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

describe('device health tracker', () => {
  it('starts offline (not checked), keeps since while the state stays, moves it on a change', () => {
    const clock = manualClock();
    const tracker = new DeviceHealthTracker({ now: clock.now });
    expect(tracker.current()).toEqual({ state: 'offline', reason: 'not-checked', since: '2025-03-12T10:00:00.000Z' });
    clock.advance(1_000);
    const ok = tracker.report({ state: 'ok', reason: null });
    expect(ok.since).toBe('2025-03-12T10:00:01.000Z');
    clock.advance(60_000);
    expect(tracker.report({ state: 'ok', reason: null })).toBe(ok);
    clock.advance(1_000);
    const coverOpen = tracker.report({ state: 'error', reason: 'cover-open' });
    expect(coverOpen).toEqual({ state: 'error', reason: 'cover-open', since: '2025-03-12T10:01:02.000Z' });
    clock.advance(1_000);
    // Another reason within the same state: the reason changes, since stays.
    expect(tracker.report({ state: 'error', reason: 'paper-end' })).toEqual({ state: 'error', reason: 'paper-end', since: coverOpen.since });
  });

  it('tells listeners about every change and nothing else', () => {
    const tracker = new DeviceHealthTracker({ initial: { state: 'ok', reason: null } });
    const seen: string[] = [];
    const off = tracker.onChange((health, previous) => seen.push(`${previous.state}->${health.state}:${health.reason ?? ''}`));
    tracker.report({ state: 'ok', reason: null });
    tracker.report({ state: 'warning', reason: 'paper-near-end' });
    tracker.report({ state: 'warning', reason: 'paper-near-end' });
    tracker.report({ state: 'offline', reason: 'unreachable' });
    off();
    tracker.report({ state: 'ok', reason: null });
    expect(seen).toEqual(['ok->warning:paper-near-end', 'warning->offline:unreachable']);
  });

  it("maps the printer's status and sums several devices up by severity", () => {
    const flags = (overrides: Partial<PrinterFlags>): PrinterFlags => ({
      offline: false,
      coverOpen: false,
      paperEnd: false,
      paperNearEnd: false,
      error: false,
      cutterError: false,
      unrecoverableError: false,
      autoRecoverableError: false,
      ...overrides,
    });
    expect(printerCondition(flags({}))).toEqual({ state: 'ok', reason: null });
    expect(printerCondition(flags({ paperNearEnd: true }))).toEqual({ state: 'warning', reason: 'paper-near-end' });
    expect(printerCondition(flags({ offline: true, paperEnd: true }))).toEqual({ state: 'error', reason: 'paper-end' });
    expect(printerCondition('unreachable')).toEqual({ state: 'offline', reason: 'unreachable' });
    const since = '2025-03-12T10:00:00.000Z';
    expect(
      worstHealth([
        { state: 'warning', reason: 'paper-near-end', since },
        { state: 'error', reason: 'cover-open', since },
        { state: 'offline', reason: 'disconnected', since },
      ])?.reason,
    ).toBe('cover-open');
    expect(worstHealth([])).toBeNull();
  });
});
