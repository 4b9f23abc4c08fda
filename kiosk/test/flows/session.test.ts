import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, SimulatedClock, type AnyEventObject } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import {
  DEFAULT_SESSION_TIMERS,
  MIN_WARNING_MS,
  requestMachine,
  resolveSessionTimers,
  sessionMachine,
  type RequestInput,
  type RequestOutput,
  type SessionEvent,
  type SessionTimers,
} from '../../src/flows/index.js';
import { delayNameOf, deferred, nextSnapshot, replayPath, type Deferred } from './harness.js';

const MODEL_EVENTS = [
  { type: 'session.started' },
  { type: 'language.chosen', locale: 'ar' },
  { type: 'language.changed', locale: 'eu' },
  { type: 'request.started' },
  { type: 'session.activity' },
  { type: 'idle.extended' },
  { type: 'session.restarted' },
  { type: 'goodbye.finished' },
  { type: 'satisfaction.rated', score: 4 },
  { type: 'satisfaction.rated', score: 9 },
  { type: 'satisfaction.skipped' },
  { type: 'xstate.after.satisfactionDelay.session.active.screen.satisfaction' },
  { type: 'xstate.done.actor.request', output: { outcome: 'filed' } },
  { type: 'xstate.done.actor.request', output: { outcome: 'cancelled' } },
  { type: 'xstate.after.idleDelay.session.attract' },
  { type: 'xstate.after.idleDelay.session.active.idle.watching' },
  { type: 'xstate.after.warningDelay.session.active.idle.warning' },
  { type: 'xstate.after.goodbyeDelay.session.active.screen.goodbye' },
] as unknown as SessionEvent[];

const DELAY_OF: Record<string, keyof SessionTimers> = {
  idleDelay: 'idleMs',
  warningDelay: 'warningMs',
  goodbyeDelay: 'goodbyeMs',
  satisfactionDelay: 'satisfactionMs',
};

/** A real session actor on a simulated clock; the request journey is a stub the test finishes. */
function startHarness() {
  const clock = new SimulatedClock();
  const journeys: Array<{ input: RequestInput; done: Deferred<RequestOutput> }> = [];
  const machine = sessionMachine.provide({
    actors: {
      requestFlow: fromPromise<RequestOutput, RequestInput>(({ input }) => {
        const done = deferred<RequestOutput>();
        journeys.push({ input, done });
        return done.promise;
      }) as never,
    },
  });
  const actor = createActor(machine, { clock, input: {} }).start();

  async function perform(event: AnyEventObject): Promise<void> {
    const delay = delayNameOf(event.type);
    if (delay !== null) {
      const timerName = DELAY_OF[delay];
      if (!timerName) throw new Error(`unknown delay ${delay}`);
      clock.increment(actor.getSnapshot().context.timers[timerName]);
      return;
    }
    if (event.type === 'xstate.done.actor.request') {
      const journey = journeys.at(-1);
      if (!journey) throw new Error('no journey running');
      const settled = nextSnapshot(actor);
      journey.done.resolve(event.output as RequestOutput);
      await settled;
      return;
    }
    actor.send(event as SessionEvent);
  }
  return { actor, clock, perform, journeys };
}

describe('session flow (model-based)', () => {
  const paths = getShortestPaths(sessionMachine, {
    input: {},
    events: MODEL_EVENTS,
    // Real time orders the timers: the goodbye screen (15 s) always ends before the idle
    // warning (90 s) could start, so the model must not take idle steps there.
    // (The satisfaction question, 30 s, likewise.)
    filterEvents: (snapshot, event) =>
      !((snapshot.matches({ active: { screen: 'goodbye' } }) || snapshot.matches({ active: { screen: 'satisfaction' } })) && event.type.includes('.idle.')),
  });

  it('covers attract, every screen, the warning and running out of extensions', () => {
    const values = paths.map((path) => JSON.stringify(path.state.value));
    for (const screen of ['language', 'home', 'filing', 'satisfaction', 'goodbye']) {
      expect(values.some((value) => value.includes(`"screen":"${screen}"`)), screen).toBe(true);
    }
    expect(values.some((value) => value.includes('"idle":"warning"'))).toBe(true);
    const maxed = paths.filter((path) => path.state.context.extensionsUsed === DEFAULT_SESSION_TIMERS.maxExtensions);
    expect(maxed.length).toBeGreaterThan(0);
  });

  it.each(paths.map((path) => [path.steps.map((s) => s.event.type.replace(/^xstate\.after\.(\w+)\..*/, '$1')).join(' > '), path] as const))(
    'replays %s',
    async (_name, path) => {
      const { actor, perform } = startHarness();
      await replayPath(path.steps, actor, perform);
      actor.stop();
    },
  );
});

describe('session idle handling (simulated clock)', () => {
  const { idleMs, warningMs, maxExtensions } = DEFAULT_SESSION_TIMERS;

  function startedInHome() {
    const harness = startHarness();
    harness.actor.send({ type: 'session.started' });
    harness.actor.send({ type: 'language.chosen', locale: 'fr' });
    return harness;
  }

  it('activity just before the deadline restarts the idle timer', () => {
    const { actor, clock } = startedInHome();
    clock.increment(idleMs - 1);
    actor.send({ type: 'session.activity' });
    clock.increment(idleMs - 1);
    expect(actor.getSnapshot().matches({ active: { idle: 'watching' } })).toBe(true);
    clock.increment(1);
    expect(actor.getSnapshot().matches({ active: { idle: 'warning' } })).toBe(true);
  });

  it('one touch extends the warning; when the extensions run out the session resets', () => {
    const { actor, clock } = startedInHome();
    for (let extension = 1; extension <= maxExtensions; extension += 1) {
      clock.increment(idleMs);
      expect(actor.getSnapshot().matches({ active: { idle: 'warning' } })).toBe(true);
      clock.increment(warningMs - 1);
      actor.send({ type: 'session.activity' });
      expect(actor.getSnapshot().context.extensionsUsed).toBe(extension);
      expect(actor.getSnapshot().matches({ active: { screen: 'home', idle: 'watching' } })).toBe(true);
    }
    clock.increment(idleMs);
    actor.send({ type: 'idle.extended' });
    expect(actor.getSnapshot().matches({ active: { idle: 'warning' } })).toBe(true);
    clock.increment(warningMs);
    expect(actor.getSnapshot().value).toBe('attract');
    expect(actor.getSnapshot().context).toMatchObject({ locale: 'es', extensionsUsed: 0 });
  });

  it('a reset in the middle of a request stops the journey and forgets the language', async () => {
    const { actor, clock } = startedInHome();
    actor.send({ type: 'request.started' });
    expect(actor.getSnapshot().children.request).toBeDefined();
    clock.increment(idleMs);
    clock.increment(warningMs);
    expect(actor.getSnapshot().value).toBe('attract');
    expect(actor.getSnapshot().children.request).toBeUndefined();
    expect(actor.getSnapshot().context.locale).toBe('es');
  });

  it('starts each journey in the current language and forwards later changes to it', () => {
    const forwarded: string[] = [];
    const machine = sessionMachine.provide({
      actors: {
        requestFlow: requestMachine.provide({
          actors: {
            loadCatalog: fromPromise(async ({ input }: { input: { locale: string } }) => {
              forwarded.push(input.locale);
              return { services: [], stale: false };
            }) as never,
          },
        }),
      },
    });
    const actor = createActor(machine, { clock: new SimulatedClock(), input: {} }).start();
    actor.send({ type: 'session.started' });
    actor.send({ type: 'language.chosen', locale: 'ca' });
    actor.send({ type: 'request.started' });
    actor.send({ type: 'language.changed', locale: 'ar' });
    expect(forwarded).toEqual(['ca', 'ar']);
    expect(actor.getSnapshot().children.request?.getSnapshot().context.locale).toBe('ar');
    actor.stop();
  });

  it('an abandoned attract screen goes back to Spanish after the idle time', () => {
    const { actor, clock } = startHarness();
    actor.send({ type: 'language.changed', locale: 'gl' });
    clock.increment(idleMs - 1);
    expect(actor.getSnapshot().context.locale).toBe('gl');
    clock.increment(1);
    expect(actor.getSnapshot().context.locale).toBe('es');
  });

  it('refuses timers below the accessibility floors, saying which', () => {
    expect(() => resolveSessionTimers({ warningMs: MIN_WARNING_MS - 1 })).toThrow(/warningMs/);
    expect(() => resolveSessionTimers({ maxExtensions: 9 })).toThrow(/maxExtensions/);
    expect(() => resolveSessionTimers({ idleMs: 0 })).toThrow(/idleMs/);
    expect(resolveSessionTimers({ idleMs: 5_000 })).toMatchObject({ idleMs: 5_000, warningMs: DEFAULT_SESSION_TIMERS.warningMs });
  });
});
