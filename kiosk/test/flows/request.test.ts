import { describe, expect, it } from 'vitest';
import { assign, createActor, fromPromise, type AnyEventObject } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { KioskCallError, MAX_DESCRIPTION_LENGTH, type FilingResult, type KioskLocale, type RequestDraft } from '@kiosk/shared';
import { requestMachine, type CatalogLoad, type RequestEvent } from '../../src/flows/index.js';
import { deferred, nextSnapshot, replayPath, type Deferred } from './harness.js';

const CATALOG: CatalogLoad = {
  stale: false,
  services: [
    {
      serviceCode: 'street-light', name: 'Farola', description: '', group: 'Vía pública', keywords: [], locationless: false,
      attributes: [{ code: 'STATE', variable: true, datatype: 'singlevaluelist', required: true, description: '¿Cómo está?', datatypeDescription: '', values: [{ key: 'off', name: 'Apagada' }] }],
    },
    { serviceCode: 'noise', name: 'Ruido', description: '', group: 'Convivencia', keywords: [], locationless: true, attributes: [] },
  ],
  landmarks: [{ id: 'plaza', name: 'Plaza Mayor', addressString: 'Plaza Mayor 1', lat: 40.4, long: -3.7 }],
};

const FILING: FilingResult = {
  reference: 'K7QM-000A4-R',
  statusUrl: 'https://example.test/s/K7QM000A4R',
  sync: 'queued',
  receipt: { state: 'printed', reason: null, warning: null },
};

// The model's event alphabet: one example per kind of input, including the bad ones. (A custom
// list replaces xstate/graph's default, so payload-free events are listed too.)
const MODEL_EVENTS = [
  { type: 'catalog.retried' },
  { type: 'description.submitted' },
  { type: 'review.confirmed' },
  { type: 'step.back' },
  { type: 'submission.retried' },
  { type: 'request.finished' },
  { type: 'request.abandoned' },
  { type: 'language.changed', locale: 'ca' },
  { type: 'service.chosen', serviceCode: 'street-light' },
  { type: 'service.chosen', serviceCode: 'no-such-service' },
  { type: 'description.changed', text: 'La farola de la plaza no se enciende' },
  { type: 'description.changed', text: '   ' },
  { type: 'description.changed', text: 'ver <script>' },
  { type: 'xstate.done.actor.loadCatalog', output: CATALOG },
  { type: 'xstate.error.actor.loadCatalog', error: new KioskCallError('transport', 'socket closed') },
  { type: 'answer.changed', value: 'off' },
  { type: 'answer.submitted' },
  { type: 'answer.skipped' },
  { type: 'location.landmarkChosen', landmarkId: 'plaza' },
  { type: 'contact.channelChosen', channel: 'none' },
  { type: 'consent.given' },
  { type: 'review.edit', section: 'location' },
  { type: 'xstate.done.actor.checkPrinter', output: false },
  { type: 'xstate.done.actor.submitRequest', output: FILING },
  { type: 'xstate.error.actor.submitRequest', error: new KioskCallError('store-failed', 'disk full') },
] as unknown as RequestEvent[];

/** A real request actor whose effects wait for the test to settle them. */
function startHarness() {
  const pending: { loadCatalog?: Deferred<CatalogLoad>; submitRequest?: Deferred<FilingResult>; checkPrinter?: Deferred<boolean> } = {};
  const drafts: RequestDraft[] = [];
  let minted = 0;
  const machine = requestMachine.provide({
    actions: { mintDraftId: assign({ draftId: ({ context }) => context.draftId ?? `draft-${String(++minted).padStart(4, '0')}` }) },
    actors: {
      loadCatalog: fromPromise<CatalogLoad, { locale: KioskLocale }>(() => {
        pending.loadCatalog = deferred();
        return pending.loadCatalog.promise;
      }),
      checkPrinter: fromPromise<boolean>(() => {
        pending.checkPrinter = deferred();
        return pending.checkPrinter.promise;
      }),
      submitRequest: fromPromise<FilingResult, RequestDraft>(({ input }) => {
        drafts.push(input);
        pending.submitRequest = deferred();
        return pending.submitRequest.promise;
      }),
    },
  });
  const actor = createActor(machine, { input: { locale: 'es' } }).start();

  async function perform(event: AnyEventObject): Promise<void> {
    const effect = /^xstate\.(done|error)\.actor\.(loadCatalog|submitRequest|checkPrinter)$/.exec(event.type);
    if (effect) {
      const call = pending[effect[2] as 'loadCatalog' | 'submitRequest' | 'checkPrinter'] as Deferred<unknown> | undefined;
      if (!call) throw new Error(`${event.type} but no call in flight`);
      const settled = nextSnapshot(actor);
      if (effect[1] === 'done') call.resolve(event.output);
      else call.reject(event.error);
      await settled;
      return;
    }
    actor.send(event as RequestEvent);
  }
  return { actor, perform, drafts };
}

/** Receipt only, privacy notice read, printer fine: the shortest way from the description to the review. */
async function passContactAndPrinter(actor: { send(event: RequestEvent): void }, perform: (event: AnyEventObject) => Promise<void>): Promise<void> {
  actor.send({ type: 'contact.channelChosen', channel: 'none' });
  actor.send({ type: 'consent.given' });
  await perform({ type: 'xstate.done.actor.checkPrinter', output: true });
}

describe('request flow (model-based)', () => {
  // The graph walk needs the host's id minting too (the machine itself never invents ids).
  const modelMachine = requestMachine.provide({ actions: { mintDraftId: assign({ draftId: 'draft-0001' }) } });
  const paths = getShortestPaths(modelMachine, {
    input: { locale: 'es' },
    events: MODEL_EVENTS,
    // One language switch is enough to cover the reload; more only multiplies identical states.
    filterEvents: (snapshot, event) => !(event.type === 'language.changed' && snapshot.context.locale !== 'es'),
  });

  it('reaches every step of the journey', () => {
    const reached = new Set(paths.map((path) => JSON.stringify(path.state.value)));
    for (const step of ['choosingService', 'answering', 'locating', 'describing', 'choosingContact', 'consenting', 'checkingPrinter', 'reviewing', 'submitting', 'done', 'failed']) {
      expect([...reached].some((value) => value.includes(`"steps":"${step}"`)), step).toBe(true);
    }
    expect(reached.has('"finished"')).toBe(true);
  });

  it.each(paths.map((path) => [path.steps.map((s) => s.event.type).join(' > '), path] as const))(
    'replays %s',
    async (_name, path) => {
      const { actor, perform } = startHarness();
      await replayPath(path.steps, actor, perform);
      actor.stop();
    },
  );
});

describe('request flow (scenarios)', () => {
  it('sends the agent exactly the draft the citizen reviewed, trimmed, in their language', async () => {
    const { actor, perform, drafts } = startHarness();
    await perform({ type: 'xstate.done.actor.loadCatalog', output: CATALOG });
    actor.send({ type: 'language.changed', locale: 'gl' });
    await perform({ type: 'xstate.done.actor.loadCatalog', output: CATALOG });
    actor.send({ type: 'service.chosen', serviceCode: 'noise' });
    actor.send({ type: 'description.changed', text: '  Música alta cada noche  ' });
    actor.send({ type: 'description.submitted' });
    await passContactAndPrinter(actor, perform);
    actor.send({ type: 'review.confirmed' });
    expect(drafts).toEqual([{ draftId: 'draft-0001', serviceCode: 'noise', description: 'Música alta cada noche', attributes: {}, locale: 'gl' }]);
    await perform({ type: 'xstate.done.actor.submitRequest', output: FILING });
    actor.send({ type: 'request.finished' });
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ outcome: 'filed' });
  });

  it('explains why a description cannot go on, and keeps the text', () => {
    const { actor, perform } = startHarness();
    void perform({ type: 'xstate.done.actor.loadCatalog', output: CATALOG });
    const tooLong = 'a'.repeat(MAX_DESCRIPTION_LENGTH + 1);
    return (async () => {
      await nextSnapshot(actor);
      actor.send({ type: 'service.chosen', serviceCode: 'noise' });
      actor.send({ type: 'description.changed', text: tooLong });
      actor.send({ type: 'description.submitted' });
      expect(actor.getSnapshot().context).toMatchObject({ descriptionProblem: 'too-long', description: tooLong });
      expect(actor.getSnapshot().matches({ active: { steps: 'describing' } })).toBe(true);
    })();
  });

  it('retries a failed submission with the same draft', async () => {
    const { actor, perform, drafts } = startHarness();
    await perform({ type: 'xstate.done.actor.loadCatalog', output: CATALOG });
    actor.send({ type: 'service.chosen', serviceCode: 'noise' });
    actor.send({ type: 'description.changed', text: 'Ruido' });
    actor.send({ type: 'description.submitted' });
    await passContactAndPrinter(actor, perform);
    actor.send({ type: 'review.confirmed' });
    await perform({ type: 'xstate.error.actor.submitRequest', error: new KioskCallError('transport', 'down') });
    expect(actor.getSnapshot().context.failure).toBe('transport');
    actor.send({ type: 'submission.retried' });
    expect(drafts).toHaveLength(2);
    expect(drafts[1]).toEqual(drafts[0]);
    await perform({ type: 'xstate.error.actor.submitRequest', error: new Error('not a KioskCallError') });
    expect(actor.getSnapshot().context.failure).toBe('internal');
    actor.send({ type: 'request.abandoned' });
    expect(actor.getSnapshot().output).toEqual({ outcome: 'cancelled', step: 'failed' });
  });
});
