import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, type AnyEventObject } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { KioskCallError, mintReference, type FollowUpLookup, type KioskLocale } from '@kiosk/shared';
import { createFollowUpFlow, followUpMachine, type FollowUpEvent } from '../../src/flows/index.js';
import { deferred, nextSnapshot, replayPath, type Deferred } from './harness.js';

const REFERENCE = mintReference('K7QM', 42).display;
// One wrong character: the check character catches it.
const TYPO = `${REFERENCE.slice(0, 5)}${REFERENCE[5] === '1' ? '2' : '1'}${REFERENCE.slice(6)}`;
const FOUND: FollowUpLookup = {
  outcome: 'found',
  case: { reference: REFERENCE, serviceRequestId: '17', serviceName: 'Farola', status: 'open', detailedStatus: 'planned', requestedAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-21T10:00:00.000Z', expectedAt: null, timeZone: 'Europe/Madrid', notes: [] },
};

const MODEL_EVENTS = [
  { type: 'text.changed', text: REFERENCE.toLowerCase() },
  { type: 'text.changed', text: TYPO },
  { type: 'text.changed', text: '17' },
  { type: 'text.submitted' },
  { type: 'code.scanned', value: REFERENCE },
  { type: 'code.scanned', value: null },
  { type: 'lookup.retried' },
  { type: 'another.requested' },
  { type: 'step.back' },
  { type: 'followUp.finished' },
  { type: 'followUp.abandoned' },
  { type: 'language.changed', locale: 'ar' },
  { type: 'xstate.done.actor.lookUp', output: FOUND },
  { type: 'xstate.done.actor.lookUp', output: { outcome: 'not-found' } },
  { type: 'xstate.done.actor.lookUp', output: { outcome: 'offline' } },
  { type: 'xstate.done.actor.lookUp', output: { outcome: 'waiting-here', reference: REFERENCE, filedAt: '2026-11-20T10:00:00.000Z', timeZone: 'Europe/Madrid' } },
  { type: 'xstate.error.actor.lookUp', error: new KioskCallError('transport', 'socket closed') },
] as unknown as FollowUpEvent[];

function startHarness() {
  let pending: Deferred<FollowUpLookup> | null = null;
  const asked: Array<{ locale: KioskLocale; query: string }> = [];
  const actor = createActor(
    createFollowUpFlow({
      lookUpFollowUp: (locale, query) => {
        asked.push({ locale, query });
        pending = deferred();
        return pending.promise;
      },
    }),
    { input: { locale: 'es' } },
  ).start();

  async function perform(event: AnyEventObject): Promise<void> {
    const effect = /^xstate\.(done|error)\.actor\.lookUp$/.exec(event.type);
    if (effect) {
      const call = pending;
      if (call === null) throw new Error(`${event.type} but no call in flight`);
      pending = null;
      const settled = nextSnapshot(actor);
      if (effect[1] === 'done') call.resolve(event.output);
      else call.reject(event.error);
      await settled;
      return;
    }
    actor.send(event as FollowUpEvent);
  }
  return { actor, perform, asked };
}

describe('follow-up flow (model-based)', () => {
  const modelMachine = followUpMachine.provide({
    actors: { lookUp: fromPromise<FollowUpLookup, { locale: KioskLocale; query: string }>(() => new Promise(() => {})) },
  });
  const paths = getShortestPaths(modelMachine, {
    input: { locale: 'es' },
    events: MODEL_EVENTS,
    filterEvents: (snapshot, event) => snapshot.status !== 'done' && !(event.type === 'language.changed' && snapshot.context.locale !== 'es'),
  });

  it('reaches every screen of the journey', () => {
    const reached = new Set(paths.map((path) => JSON.stringify(path.state.value)));
    for (const step of ['entering', 'looking', 'showing', 'notFound', 'unreachable', 'finished']) expect(reached.has(`"${step}"`), step).toBe(true);
  });

  it.each(paths.map((path) => [path.steps.map((s) => s.event.type).join(' > '), path] as const))('replays %s', async (_name, path) => {
    const { actor, perform } = startHarness();
    await replayPath(path.steps, actor, perform);
    actor.stop();
  });
});

describe('follow-up flow (scenarios)', () => {
  it('catches a typo on the kiosk, keeps the text, and asks the agent only for a valid reference', async () => {
    const { actor, perform, asked } = startHarness();
    actor.send({ type: 'text.changed', text: TYPO });
    actor.send({ type: 'text.submitted' });
    expect(actor.getSnapshot().context).toMatchObject({ problem: 'check', text: TYPO });
    expect(asked).toEqual([]);
    actor.send({ type: 'text.changed', text: 'k7qm' });
    actor.send({ type: 'text.submitted' });
    expect(actor.getSnapshot().context.problem).toBe('length');
    actor.send({ type: 'text.changed', text: REFERENCE.toLowerCase().replace(/-/g, ' ') });
    actor.send({ type: 'text.submitted' });
    expect(asked).toEqual([{ locale: 'es', query: REFERENCE }]);
    await perform({ type: 'xstate.done.actor.lookUp', output: FOUND });
    actor.send({ type: 'followUp.finished' });
    expect(actor.getSnapshot().output).toEqual({ outcome: 'done' });
  });

  it('takes a web request number as it is, and a scanned receipt straight to the lookup', async () => {
    const { actor, perform, asked } = startHarness();
    actor.send({ type: 'text.changed', text: ' 17 ' });
    actor.send({ type: 'text.submitted' });
    await perform({ type: 'xstate.done.actor.lookUp', output: { outcome: 'not-found' } });
    expect(actor.getSnapshot().value).toBe('notFound');
    actor.send({ type: 'step.back' });
    expect(actor.getSnapshot().context.text).toBe(' 17 ');
    actor.send({ type: 'code.scanned', value: null });
    expect(actor.getSnapshot().context.problem).toBe('not-ours');
    actor.send({ type: 'code.scanned', value: REFERENCE });
    expect(asked).toEqual([
      { locale: 'es', query: '17' },
      { locale: 'es', query: REFERENCE },
    ]);
  });

  it('says it cannot check now when the hub or the agent does not answer, and tries again on request', async () => {
    const { actor, perform, asked } = startHarness();
    actor.send({ type: 'code.scanned', value: REFERENCE });
    await perform({ type: 'xstate.done.actor.lookUp', output: { outcome: 'offline' } });
    expect(actor.getSnapshot().value).toBe('unreachable');
    actor.send({ type: 'lookup.retried' });
    await perform({ type: 'xstate.error.actor.lookUp', error: new KioskCallError('transport', 'down') });
    expect(actor.getSnapshot().value).toBe('unreachable');
    actor.send({ type: 'lookup.retried' });
    await perform({ type: 'xstate.done.actor.lookUp', output: FOUND });
    actor.send({ type: 'language.changed', locale: 'ar' });
    expect(asked.at(-1)).toEqual({ locale: 'ar', query: REFERENCE });
    expect(asked).toHaveLength(4);
  });
});
