import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { DEFAULT_KIOSK_CONFIG, MIN_IDLE_TIMEOUT_SECONDS, MIN_IDLE_WARNING_SECONDS } from '@kiosk/shared';
import { DEFAULT_SESSION_TIMERS, MIN_WARNING_MS, sessionMachine, timersFromConfig, type SessionEvent, type SessionTimers } from '../../src/flows/index.js';

// The kiosk configuration's idle timers drive the session machine: a change applies at once while
// nobody uses the kiosk, and only from the next session while a citizen is in one.

const SHORT = timersFromConfig({ idleTimeoutSeconds: MIN_IDLE_TIMEOUT_SECONDS, idleWarningSeconds: MIN_IDLE_WARNING_SECONDS });
const LONG = timersFromConfig({ idleTimeoutSeconds: 300, idleWarningSeconds: 120 });

describe('timersFromConfig', () => {
  it('turns the configuration seconds into the machine milliseconds, keeping the other timers', () => {
    expect(timersFromConfig(DEFAULT_KIOSK_CONFIG)).toEqual(DEFAULT_SESSION_TIMERS);
    expect(SHORT).toMatchObject({ idleMs: 30_000, warningMs: 20_000, goodbyeMs: DEFAULT_SESSION_TIMERS.goodbyeMs });
  });

  it('refuses a warning shorter than the WCAG 2.2.1 floor, whatever the source', () => {
    expect(() => timersFromConfig({ idleTimeoutSeconds: 60, idleWarningSeconds: 5 })).toThrow(/at least 20000/);
    expect(MIN_IDLE_WARNING_SECONDS * 1000).toBe(MIN_WARNING_MS);
  });
});

/** Replays `events` on a real actor with a simulated clock. */
function run(events: readonly SessionEvent[]) {
  const actor = createActor(sessionMachine, { clock: new SimulatedClock(), input: {} }).start();
  for (const event of events) actor.send(event);
  return actor;
}

describe('config.timers in the session machine', () => {
  it('applies at once on the attract screen, and the idle warning comes after the configured time', () => {
    const clock = new SimulatedClock();
    const actor = createActor(sessionMachine, { clock, input: {} }).start();
    actor.send({ type: 'config.timers', timers: SHORT });
    actor.send({ type: 'session.started' });
    clock.increment(SHORT.idleMs - 1);
    expect(actor.getSnapshot().matches({ active: { idle: 'watching' } })).toBe(true);
    clock.increment(1);
    expect(actor.getSnapshot().matches({ active: { idle: 'warning' } })).toBe(true);
    clock.increment(SHORT.warningMs);
    expect(actor.getSnapshot().matches('attract')).toBe(true);
  });

  it('waits for the next session when a citizen is using the kiosk', () => {
    const clock = new SimulatedClock();
    const actor = createActor(sessionMachine, { clock, input: {} }).start();
    actor.send({ type: 'session.started' });
    actor.send({ type: 'config.timers', timers: SHORT });
    // Still the default timing: the short idle time passes without a warning.
    clock.increment(SHORT.idleMs);
    expect(actor.getSnapshot().matches({ active: { idle: 'watching' } })).toBe(true);
    expect(actor.getSnapshot().context.timers).toEqual(DEFAULT_SESSION_TIMERS);
    actor.send({ type: 'session.restarted' });
    expect(actor.getSnapshot().context.timers).toEqual(SHORT);
    expect(actor.getSnapshot().context.nextTimers).toBeNull();
  });

  it('ignores timers below the accessibility floors (the machine never rushes anyone)', () => {
    const unsafe: SessionTimers = { ...DEFAULT_SESSION_TIMERS, warningMs: 5_000 };
    expect(run([{ type: 'config.timers', timers: unsafe }]).getSnapshot().context.timers).toEqual(DEFAULT_SESSION_TIMERS);
    expect(run([{ type: 'session.started' }, { type: 'config.timers', timers: unsafe }]).getSnapshot().context.nextTimers).toBeNull();
  });

  // Model-based: every short path through starting, restarting and two configuration changes.
  const MODEL_EVENTS: SessionEvent[] = [
    { type: 'session.started' },
    { type: 'language.chosen', locale: 'eu' },
    { type: 'session.restarted' },
    { type: 'config.timers', timers: SHORT },
    { type: 'config.timers', timers: LONG },
  ];
  const paths = getShortestPaths(sessionMachine, { input: {}, events: MODEL_EVENTS });

  it('the model reaches queued and applied timers, in and out of sessions', () => {
    expect(paths.some((path) => path.state.context.nextTimers !== null)).toBe(true);
    expect(paths.some((path) => path.state.matches('attract') && path.state.context.timers.idleMs === SHORT.idleMs)).toBe(true);
    expect(paths.some((path) => path.state.matches('active') && path.state.context.timers.idleMs === LONG.idleMs)).toBe(true);
  });

  it.each(paths.map((path) => [path.steps.map((step) => step.event.type === 'config.timers' ? `timers(${(step.event as { timers: SessionTimers }).timers.idleMs / 1000}s)` : step.event.type).join(' > '), path] as const))(
    'keeps a session on the timers it started with: %s',
    (_name, path) => {
      const actor = createActor(sessionMachine, { clock: new SimulatedClock(), input: {} }).start();
      // The model's expectation: the latest configuration, taken up whenever no session runs.
      let latest = DEFAULT_SESSION_TIMERS;
      let running = DEFAULT_SESSION_TIMERS;
      let inSession = false;
      for (const { event } of path.steps) {
        actor.send(event as SessionEvent);
        if (event.type === 'config.timers') latest = (event as { timers: SessionTimers }).timers;
        if (event.type === 'session.started') inSession = true;
        if (event.type === 'session.restarted') inSession = false;
        if (!inSession) running = latest;
        expect(actor.getSnapshot().context.timers).toEqual(running);
      }
      actor.stop();
    },
  );
});
