import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, type AnyEventObject } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { KioskCallError, type FaqEntry, type FaqEntrySummary, type FaqTopics, type KioskLocale } from '@kiosk/shared';
import { createFaqFlow, faqMachine, type FaqEffects, type FaqEvent } from '../../src/flows/index.js';
import { deferred, nextSnapshot, replayPath, type Deferred } from './harness.js';

const SHEET: FaqEntrySummary = { id: 'sheet-1', kind: 'procedure', serviceCode: 'census', locale: 'es', title: 'Certificado de empadronamiento', summary: 'Documento que acredita…' };
const GENERAL: FaqEntrySummary = { id: 'faq-1', kind: 'faq', serviceCode: null, locale: 'es', title: '¿Dónde está la oficina?', summary: 'Plaza Mayor 1.' };
const TOPICS: FaqTopics = {
  available: true,
  topics: [
    { code: 'census', name: 'Padrón', entries: [SHEET] },
    { code: 'general', name: null, entries: [GENERAL] },
  ],
};
const NO_BUNDLE: FaqTopics = { available: false, topics: [] };
const ENTRY: FaqEntry = {
  id: 'sheet-1',
  kind: 'procedure',
  serviceCode: 'census',
  locale: 'es',
  text: { title: 'Certificado de empadronamiento', summary: 'Documento.', whatToBring: ['DNI'], cost: 'Gratuito', duration: 'Al momento', where: 'Plaza Mayor 1', responsible: 'Padrón', easyRead: 'Traiga su DNI.' },
};

// The model's event alphabet: one example per kind of input, bad ones included.
const MODEL_EVENTS = [
  { type: 'topics.retried' },
  { type: 'topic.chosen', code: 'census' },
  { type: 'topic.chosen', code: 'no-such-topic' },
  { type: 'search.opened' },
  { type: 'query.changed', text: 'empadronamieto' },
  { type: 'query.changed', text: '  ' },
  { type: 'search.submitted' },
  { type: 'entry.chosen', id: 'sheet-1' },
  { type: 'entry.chosen', id: 'not-listed' },
  { type: 'entry.retried' },
  { type: 'easyRead.toggled' },
  { type: 'feedback.given', useful: false },
  { type: 'handoff.chosen', journey: 'request' },
  { type: 'step.back' },
  { type: 'faq.finished' },
  { type: 'faq.abandoned' },
  { type: 'language.changed', locale: 'ar' },
  { type: 'xstate.done.actor.loadTopics', output: TOPICS },
  { type: 'xstate.done.actor.loadTopics', output: NO_BUNDLE },
  { type: 'xstate.error.actor.loadTopics', error: new KioskCallError('transport', 'socket closed') },
  { type: 'xstate.done.actor.search', output: [SHEET] },
  { type: 'xstate.done.actor.search', output: [] },
  { type: 'xstate.error.actor.search', error: new KioskCallError('internal', 'broken') },
  { type: 'xstate.done.actor.loadEntry', output: ENTRY },
  { type: 'xstate.error.actor.loadEntry', error: new KioskCallError('not-found', 'gone') },
] as unknown as FaqEvent[];

type Effect = 'loadTopics' | 'search' | 'loadEntry';

/** A real FAQ actor whose agent calls wait for the test to settle them; counting calls are recorded. */
function startHarness() {
  const pending: Partial<Record<Effect, Deferred<unknown>>> = {};
  const calls: Array<{ effect: Effect; input: unknown }> = [];
  const counted: unknown[] = [];
  const waitFor = (effect: Effect) => (input: unknown) => {
    calls.push({ effect, input });
    const call = deferred<unknown>();
    pending[effect] = call;
    return call.promise;
  };
  const effects: FaqEffects = {
    loadFaqTopics: (locale) => waitFor('loadTopics')({ locale }) as Promise<FaqTopics>,
    searchFaq: (locale, query) => waitFor('search')({ locale, query }) as Promise<FaqEntrySummary[]>,
    loadFaqEntry: (locale, id) => waitFor('loadEntry')({ locale, id }) as Promise<FaqEntry>,
    recordFaqNoResult: (query, locale) => counted.push({ noResult: query, locale }),
    recordFaqFeedback: (entryId, useful, locale) => counted.push({ feedback: entryId, useful, locale }),
  };
  const actor = createActor(createFaqFlow(effects), { input: { locale: 'es' } }).start();

  async function perform(event: AnyEventObject): Promise<void> {
    const effect = /^xstate\.(done|error)\.actor\.(loadTopics|search|loadEntry)$/.exec(event.type);
    if (effect) {
      const call = pending[effect[2] as Effect];
      if (!call) throw new Error(`${event.type} but no call in flight`);
      delete pending[effect[2] as Effect];
      const settled = nextSnapshot(actor);
      if (effect[1] === 'done') call.resolve(event.output);
      else call.reject(event.error);
      await settled;
      return;
    }
    actor.send(event as FaqEvent);
  }
  return { actor, perform, calls, counted };
}

describe('FAQ flow (model-based)', () => {
  const modelMachine = faqMachine.provide({
    actors: {
      loadTopics: fromPromise<FaqTopics, { locale: KioskLocale }>(() => new Promise(() => {})),
      search: fromPromise<readonly FaqEntrySummary[], { locale: KioskLocale; query: string }>(() => new Promise(() => {})),
      loadEntry: fromPromise<FaqEntry, { locale: KioskLocale; id: string }>(() => new Promise(() => {})),
    },
  });
  const paths = getShortestPaths(modelMachine, {
    input: { locale: 'es' },
    events: MODEL_EVENTS,
    // One language switch covers the reloads; a finished journey takes no more events.
    filterEvents: (snapshot, event) => snapshot.status !== 'done' && !(event.type === 'language.changed' && snapshot.context.locale !== 'es'),
  });

  it('reaches every screen of the journey', () => {
    const reached = new Set(paths.map((path) => JSON.stringify(path.state.value)));
    for (const step of ['"loadingTopics"', '"unavailable"', '"topics"', '"topic"', '{"searching":"idle"}', '{"searching":"running"}', '"loadingEntry"', '"entryFailed"', '"answer"', '"finished"']) {
      expect(reached.has(step), step).toBe(true);
    }
  });

  it.each(paths.map((path) => [path.steps.map((s) => s.event.type).join(' > '), path] as const))('replays %s', async (_name, path) => {
    const { actor, perform } = startHarness();
    await replayPath(path.steps, actor, perform);
    actor.stop();
  });
});

describe('FAQ flow (scenarios)', () => {
  async function searchFor(harness: ReturnType<typeof startHarness>, text: string, results: FaqEntrySummary[]) {
    harness.actor.send({ type: 'query.changed', text });
    await harness.perform({ type: 'xstate.done.actor.search', output: results });
  }

  it('counts a search that found nothing once, when the citizen acts on it, never at each keystroke', async () => {
    const harness = startHarness();
    await harness.perform({ type: 'xstate.done.actor.loadTopics', output: TOPICS });
    harness.actor.send({ type: 'search.opened' });
    await searchFor(harness, 'x', []);
    await searchFor(harness, 'xy', []);
    await searchFor(harness, 'Perro  Perdido', []);
    expect(harness.counted).toEqual([]);
    harness.actor.send({ type: 'search.submitted' });
    harness.actor.send({ type: 'search.submitted' });
    expect(harness.counted).toEqual([{ noResult: 'perro perdido', locale: 'es' }]);
    harness.actor.send({ type: 'handoff.chosen', journey: 'appointments' });
    expect(harness.counted).toHaveLength(1);
    expect(harness.actor.getSnapshot().output).toEqual({ outcome: 'cancelled', handoff: 'appointments' });
    // Each keystroke searched the text as typed, in the citizen's language.
    expect(harness.calls.filter((c) => c.effect === 'search').map((c) => c.input)).toEqual([
      { locale: 'es', query: 'x' },
      { locale: 'es', query: 'xy' },
      { locale: 'es', query: 'Perro  Perdido' },
    ]);
  });

  it('withholds a no-result query that could hold personal data but still counts it', async () => {
    const harness = startHarness();
    await harness.perform({ type: 'xstate.done.actor.loadTopics', output: TOPICS });
    harness.actor.send({ type: 'search.opened' });
    await searchFor(harness, 'mi dni 12345678Z', []);
    harness.actor.send({ type: 'step.back' });
    harness.actor.send({ type: 'query.changed', text: 'x' }); // ignored: the search screen is closed
    expect(harness.calls.filter((c) => c.effect === 'search')).toHaveLength(1);
    harness.actor.send({ type: 'search.opened' });
    await searchFor(harness, 'ana@example.org', []);
    harness.actor.send({ type: 'handoff.chosen', journey: 'request' });
    expect(harness.counted).toEqual([
      { noResult: null, locale: 'es' },
      { noResult: null, locale: 'es' },
    ]);
  });

  it('does not count a search that found something, and counts feedback once per answer', async () => {
    const harness = startHarness();
    await harness.perform({ type: 'xstate.done.actor.loadTopics', output: TOPICS });
    harness.actor.send({ type: 'search.opened' });
    await searchFor(harness, 'empadronamieto', [SHEET]);
    harness.actor.send({ type: 'search.submitted' });
    harness.actor.send({ type: 'entry.chosen', id: 'sheet-1' });
    await harness.perform({ type: 'xstate.done.actor.loadEntry', output: ENTRY });
    harness.actor.send({ type: 'feedback.given', useful: true });
    harness.actor.send({ type: 'feedback.given', useful: false });
    expect(harness.counted).toEqual([{ feedback: 'sheet-1', useful: true, locale: 'es' }]);
    // Back goes to the results the citizen came from, query kept.
    harness.actor.send({ type: 'step.back' });
    expect(harness.actor.getSnapshot().matches('searching')).toBe(true);
    expect(harness.actor.getSnapshot().context).toMatchObject({ query: 'empadronamieto', results: [SHEET] });
  });

  it('reloads topics and the open answer in the new language', async () => {
    const harness = startHarness();
    await harness.perform({ type: 'xstate.done.actor.loadTopics', output: TOPICS });
    harness.actor.send({ type: 'topic.chosen', code: 'census' });
    harness.actor.send({ type: 'entry.chosen', id: 'sheet-1' });
    await harness.perform({ type: 'xstate.done.actor.loadEntry', output: ENTRY });
    harness.actor.send({ type: 'easyRead.toggled' });
    harness.actor.send({ type: 'language.changed', locale: 'eu' });
    await harness.perform({ type: 'xstate.done.actor.loadEntry', output: { ...ENTRY, locale: 'eu' } });
    expect(harness.calls.filter((c) => c.effect === 'loadEntry').map((c) => c.input)).toEqual([
      { locale: 'es', id: 'sheet-1' },
      { locale: 'eu', id: 'sheet-1' },
    ]);
    expect(harness.actor.getSnapshot().context).toMatchObject({ easyRead: true, locale: 'eu' });
    harness.actor.send({ type: 'step.back' });
    harness.actor.send({ type: 'language.changed', locale: 'fr' });
    await harness.perform({ type: 'xstate.done.actor.loadTopics', output: TOPICS });
    // Still inside the topic the citizen chose.
    expect(harness.actor.getSnapshot().value).toBe('topic');
    harness.actor.send({ type: 'entry.chosen', id: 'sheet-1' });
    await harness.perform({ type: 'xstate.done.actor.loadEntry', output: ENTRY });
    harness.actor.send({ type: 'faq.finished' });
    expect(harness.actor.getSnapshot().output).toEqual({ outcome: 'done', handoff: null });
  });
});
