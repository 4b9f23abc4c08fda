import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, SimulatedClock, type AnyEventObject } from 'xstate';
import { getPathsFromEvents, getShortestPaths, joinPaths } from 'xstate/graph';
import { AnalyticsEventSchema, type AnalyticsEvent, type CatalogService } from '@kiosk/shared';
import {
  createKioskSessionMachine,
  DEFAULT_SESSION_TIMERS,
  resolveAnalyticsNote,
  sessionMachine,
  type AnalyticsNote,
  type KioskEffects,
  type RequestInput,
  type RequestOutput,
  type SessionEvent,
  type SessionTimers,
} from '../../src/flows/index.js';
import { delayNameOf, deferred, nextSnapshot, replayPath, type Deferred } from './harness.js';

// The session's usage events (issue 4, "Analytics events ... journey started/completed/abandoned
// with step, language ..., satisfaction"), checked on every shortest path of the session model:
// what the machine reports is compared with what an independent reading of the path says it
// must report, and every event must pass the shared schema (which admits no personal data).

const MODEL_EVENTS = [
  { type: 'session.started' },
  { type: 'language.chosen', locale: 'ar' },
  { type: 'language.changed', locale: 'eu' },
  { type: 'request.started' },
  { type: 'session.activity' },
  { type: 'session.restarted' },
  { type: 'goodbye.finished' },
  { type: 'satisfaction.rated', score: 4 },
  { type: 'satisfaction.rated', score: 9 },
  { type: 'satisfaction.skipped' },
  { type: 'xstate.after.satisfactionDelay.session.active.screen.satisfaction' },
  { type: 'xstate.done.actor.request', output: { outcome: 'filed' } },
  { type: 'xstate.done.actor.request', output: { outcome: 'cancelled', step: 'describing' } },
  { type: 'xstate.after.idleDelay.session.active.idle.watching' },
  { type: 'xstate.after.warningDelay.session.active.idle.warning' },
  { type: 'xstate.after.goodbyeDelay.session.active.screen.goodbye' },
] as unknown as SessionEvent[];

const DELAY_OF: Record<string, keyof SessionTimers> = { idleDelay: 'idleMs', warningDelay: 'warningMs', goodbyeDelay: 'goodbyeMs', satisfactionDelay: 'satisfactionMs' };

function startHarness() {
  const clock = new SimulatedClock();
  const journeys: Array<Deferred<RequestOutput>> = [];
  const recorded: AnalyticsEvent[] = [];
  const machine = sessionMachine.provide({
    actors: {
      requestFlow: fromPromise<RequestOutput, RequestInput>(() => {
        const done = deferred<RequestOutput>();
        journeys.push(done);
        return done.promise;
      }) as never,
    },
    actions: {
      analytics: ({ self }, note: AnalyticsNote) => {
        const event = resolveAnalyticsNote(note, self.getSnapshot().children);
        if (event !== null) recorded.push(event);
      },
    },
  });
  const actor = createActor(machine, { clock, input: {} }).start();
  async function perform(event: AnyEventObject): Promise<void> {
    const delay = delayNameOf(event.type);
    if (delay !== null) {
      clock.increment(actor.getSnapshot().context.timers[DELAY_OF[delay]!]);
      return;
    }
    if (event.type === 'xstate.done.actor.request') {
      const settled = nextSnapshot(actor);
      journeys.at(-1)!.resolve(event['output'] as RequestOutput);
      await settled;
      return;
    }
    actor.send(event as SessionEvent);
  }
  return { actor, perform, recorded };
}

interface PathState {
  readonly value: unknown;
  readonly context: { locale: string };
}

const screenOf = (state: PathState): string | null => {
  const value = state.value as { active?: { screen?: unknown } } | string;
  return typeof value === 'object' && typeof value.active?.screen === 'string' ? value.active.screen : null;
};

/** What the session must report for one path, read from the path's states and events only. */
function expectedEvents(steps: ReadonlyArray<{ event: AnyEventObject; state: PathState }>): AnalyticsEvent[] {
  const expected: AnalyticsEvent[] = [];
  for (let i = 1; i < steps.length; i += 1) {
    const before = steps[i - 1]!.state;
    const after = steps[i]!.state;
    const { event } = steps[i]!;
    const [was, now] = [screenOf(before), screenOf(after)];
    const locale = before.context.locale as AnalyticsEvent['locale'];
    if (was === 'filing' && now !== 'filing') {
      const output = event['output'] as RequestOutput | undefined;
      if (output?.outcome === 'filed') expected.push({ type: 'journey.completed', journey: 'request', locale, modes: [] });
      else if (output?.outcome === 'cancelled') expected.push({ type: 'journey.abandoned', journey: 'request', step: output.step ?? 'unknown', reason: 'back', locale, modes: [] });
      else expected.push({ type: 'journey.abandoned', journey: 'request', step: 'unknown', reason: event.type === 'session.restarted' ? 'start-over' : 'idle', locale, modes: [] });
    }
    if (was !== 'filing' && now === 'filing') expected.push({ type: 'journey.started', journey: 'request', locale: after.context.locale as AnalyticsEvent['locale'], modes: [] });
    if (was === 'satisfaction' && now === 'goodbye' && event.type === 'satisfaction.rated') {
      expected.push({ type: 'satisfaction', journey: 'request', score: (event as unknown as { score: number }).score, locale, modes: [] });
    }
  }
  return expected;
}

describe('session analytics (model-based)', () => {
  const options = {
    input: {},
    events: MODEL_EVENTS,
    filterEvents: (snapshot: { matches(value: unknown): boolean }, event: AnyEventObject) =>
      !((snapshot.matches({ active: { screen: 'goodbye' } }) || snapshot.matches({ active: { screen: 'satisfaction' } })) && event.type.includes('.idle.')),
  };
  const shortest = getShortestPaths(sessionMachine, options as never);
  // Shortest paths reach every state once, so they never LEAVE a journey midway (home is reached
  // sooner without one): every shortest path into the journey is extended by each way out of it.
  const waysOut: AnyEventObject[][] = [
    [{ type: 'xstate.done.actor.request', output: { outcome: 'cancelled', step: 'describing' } }],
    [{ type: 'session.restarted' }],
    [{ type: 'xstate.after.idleDelay.session.active.idle.watching' }, { type: 'xstate.after.warningDelay.session.active.idle.warning' }],
  ];
  const leaving = shortest
    // From a journey with the idle timer running (a warning already showing would end sooner).
    .filter((path) => screenOf(path.state as never) === 'filing' && JSON.stringify(path.state.value).includes('"idle":"watching"'))
    .flatMap((path) => waysOut.map((out) => joinPaths(path, getPathsFromEvents(sessionMachine, out as never, { fromState: path.state } as never)[0]!)));
  const paths = [...shortest, ...leaving];
  it('the model reaches every kind of event: completed, abandoned three ways, satisfaction', () => {
    const kinds = new Set(paths.flatMap((path) => expectedEvents(path.steps as never).map((e) => (e.type === 'journey.abandoned' ? `${e.type}:${e.reason}` : e.type))));
    expect([...kinds].sort()).toEqual(['journey.abandoned:back', 'journey.abandoned:idle', 'journey.abandoned:start-over', 'journey.completed', 'journey.started', 'satisfaction']);
  });

  it.each(paths.map((path) => [path.steps.map((s) => s.event.type.replace(/^xstate\.after\.(\w+)\..*/, '$1')).join(' > '), path] as const))(
    'reports exactly what happened: %s',
    async (_name, path) => {
      const { actor, perform, recorded } = startHarness();
      await replayPath(path.steps, actor, perform);
      expect(recorded).toEqual(expectedEvents(path.steps as never));
      for (const event of recorded) expect(AnalyticsEventSchema.safeParse(event).success).toBe(true);
      actor.stop();
    },
  );
});

const SERVICE: CatalogService = {
  serviceCode: 'litter',
  name: 'Basura',
  description: '',
  group: 'Calle',
  keywords: [],
  locationless: true,
  attributes: [],
} as unknown as CatalogService;

/** The real request journey inside the session, with effects that answer at once. */
function startRealSession() {
  const clock = new SimulatedClock();
  const recorded: AnalyticsEvent[] = [];
  const effects = {
    loadCatalog: async () => ({ services: [SERVICE], landmarks: [], stale: false }),
    fileRequest: async () => ({ reference: 'ABCD-00001-X', statusUrl: 'http://hub/status/ABCD-00001-X', sync: 'sent', receipt: { state: 'printed', reason: null, warning: null } }),
    receiptAvailable: async () => true,
    recordAnalytics: (event: AnalyticsEvent) => recorded.push(event),
    newDraftId: () => '00000000-0000-4000-8000-000000000001',
    sessionChanged: () => {},
  } as unknown as KioskEffects;
  const actor = createActor(createKioskSessionMachine(effects), { clock, input: {} }).start();
  return { actor, clock, recorded };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('session analytics with the real request journey', () => {
  it('an idle reset names the step the citizen walked away from, and nothing they typed', async () => {
    const { actor, clock, recorded } = startRealSession();
    actor.send({ type: 'session.started' });
    actor.send({ type: 'language.chosen', locale: 'gl' });
    actor.send({ type: 'request.started' });
    await settle();
    const request = actor.getSnapshot().children['request']!;
    request.send({ type: 'service.chosen', serviceCode: 'litter' });
    request.send({ type: 'description.changed', text: 'Maria Perez 600123123 calle Mayor' });
    clock.increment(DEFAULT_SESSION_TIMERS.idleMs);
    clock.increment(DEFAULT_SESSION_TIMERS.warningMs);
    expect(actor.getSnapshot().value).toBe('attract');
    expect(recorded).toEqual([
      { type: 'journey.started', journey: 'request', locale: 'gl', modes: [] },
      { type: 'journey.abandoned', journey: 'request', step: 'describing', reason: 'idle', locale: 'gl', modes: [] },
    ]);
    expect(JSON.stringify(recorded)).not.toMatch(/Maria|600123123|Mayor/);
    actor.stop();
  });

  it('a filed request: started, completed, then the satisfaction score; skipping records nothing more', async () => {
    for (const answer of ['rated', 'skipped', 'timed-out'] as const) {
      const { actor, clock, recorded } = startRealSession();
      actor.send({ type: 'session.started' });
      actor.send({ type: 'language.chosen', locale: 'fr' });
      actor.send({ type: 'request.started' });
      await settle();
      const request = actor.getSnapshot().children['request']!;
      for (const event of [
        { type: 'service.chosen', serviceCode: 'litter' },
        { type: 'description.changed', text: 'poubelle renversée' },
        { type: 'description.submitted' },
        { type: 'contact.channelChosen', channel: 'none' },
        { type: 'consent.given' },
      ] as const) request.send(event);
      await settle();
      request.send({ type: 'review.confirmed' });
      await settle();
      request.send({ type: 'request.finished' });
      expect(actor.getSnapshot().matches({ active: { screen: 'satisfaction' } })).toBe(true);
      if (answer === 'rated') actor.send({ type: 'satisfaction.rated', score: 2 });
      if (answer === 'skipped') actor.send({ type: 'satisfaction.skipped' });
      if (answer === 'timed-out') clock.increment(DEFAULT_SESSION_TIMERS.satisfactionMs);
      expect(actor.getSnapshot().matches({ active: { screen: 'goodbye' } })).toBe(true);
      const expected: AnalyticsEvent[] = [
        { type: 'journey.started', journey: 'request', locale: 'fr', modes: [] },
        { type: 'journey.completed', journey: 'request', locale: 'fr', modes: [] },
      ];
      if (answer === 'rated') expected.push({ type: 'satisfaction', journey: 'request', score: 2, locale: 'fr', modes: [] });
      expect(recorded, answer).toEqual(expected);
      actor.stop();
    }
  });
});
