import { describe, expect, it } from 'vitest';
import { getShortestPaths } from 'xstate/graph';
import type { AnyEventObject, AnyStateMachine } from 'xstate';
import { checkInMachine, manageMachine, walkInMachine } from '../../src/flows/index.js';
import { replayPath } from './harness.js';
import { APPOINTMENT, OFFICES, SLOTS, TICKET, TURN, startFlow } from './appointments-harness.js';

// Check-in, cancel/reschedule and walk-in turns: every shortest path replayed on a real actor.

interface Model {
  readonly name: string;
  readonly machine: AnyStateMachine;
  readonly input: unknown;
  readonly effects: Record<string, string>;
  readonly events: AnyEventObject[];
  readonly steps: string[];
  readonly textFields?: Record<string, string>;
}

const ISSUED = { ok: true, turn: TURN, ticket: TICKET };

const MODELS: Model[] = [
  {
    name: 'check-in',
    machine: checkInMachine,
    input: { locale: 'es' },
    effects: { checkInCall: 'checkIn' },
    textFields: { 'reference.changed': 'reference', 'idNumber.changed': 'idNumber' },
    events: [
      { type: 'method.chosen', method: 'reference' },
      { type: 'method.chosen', method: 'document' },
      { type: 'code.scanned', payload: 'CITA:C1TA-00C1S-D' },
      { type: 'code.scanned', payload: '   ' },
      { type: 'reference.changed', text: 'c1ta 00c1s d' },
      { type: 'reference.changed', text: 'C1TA-00C1S-E' },
      { type: 'reference.submitted' },
      { type: 'idNumber.changed', text: '12345678Z' },
      { type: 'idNumber.submitted' },
      { type: 'step.back' },
      { type: 'checkIn.retried' },
      { type: 'checkIn.restarted' },
      { type: 'checkIn.finished' },
      { type: 'checkIn.abandoned' },
      { type: 'xstate.done.actor.checkInCall', output: ISSUED },
      { type: 'xstate.done.actor.checkInCall', output: { ok: false, problem: 'already-used' } },
      { type: 'xstate.done.actor.checkInCall', output: { ok: false, problem: 'offline' } },
      { type: 'xstate.error.actor.checkInCall', error: new Error('agent gone') },
    ],
    steps: ['choosing', 'reference', 'document', 'checkingIn', 'refused', 'checkedIn', 'finished'],
  },
  {
    name: 'manage',
    machine: manageMachine,
    input: { locale: 'fr' },
    effects: { find: 'find', cancel: 'cancel', loadSlots: 'loadSlots', reschedule: 'reschedule' },
    textFields: { 'reference.changed': 'reference', 'idNumber.changed': 'idNumber' },
    events: [
      { type: 'reference.changed', text: 'C1TA-00C1S-D' },
      { type: 'reference.submitted' },
      { type: 'idNumber.changed', text: '12345678Z' },
      { type: 'idNumber.submitted' },
      { type: 'cancel.chosen' },
      { type: 'cancel.confirmed' },
      { type: 'reschedule.chosen' },
      { type: 'day.chosen', day: '2026-12-03' },
      { type: 'time.chosen', start: SLOTS[2]!.start },
      { type: 'reschedule.confirmed' },
      { type: 'step.back' },
      { type: 'manage.retried' },
      { type: 'manage.finished' },
      { type: 'manage.abandoned' },
      { type: 'xstate.done.actor.find', output: { ok: true, appointment: APPOINTMENT } },
      { type: 'xstate.done.actor.find', output: { ok: true, appointment: { ...APPOINTMENT, status: 'checked-in' } } },
      { type: 'xstate.done.actor.find', output: { ok: false, problem: 'not-found' } },
      { type: 'xstate.done.actor.cancel', output: { ok: true, appointment: { ...APPOINTMENT, status: 'cancelled' } } },
      { type: 'xstate.error.actor.cancel', error: new Error('agent gone') },
      { type: 'xstate.done.actor.loadSlots', output: { ok: true, timeZone: 'Europe/Madrid', slots: SLOTS } },
      { type: 'xstate.done.actor.loadSlots', output: { ok: true, timeZone: 'Europe/Madrid', slots: [] } },
      { type: 'xstate.done.actor.reschedule', output: { ok: true, appointment: { ...APPOINTMENT, start: SLOTS[2]!.start }, ticket: TICKET } },
      { type: 'xstate.done.actor.reschedule', output: { ok: false, problem: 'slot-taken' } },
    ],
    steps: ['reference', 'document', 'finding', 'notFound', 'found', 'confirmingCancel', 'cancelling', 'cancelled', 'loadingSlots', 'noSlots', 'day', 'time', 'confirmingReschedule', 'rescheduling', 'rescheduled', 'failed', 'finished'],
  },
  {
    name: 'walk-in',
    machine: walkInMachine,
    input: { locale: 'ar', here: OFFICES[0] },
    effects: { walkInCall: 'walkIn' },
    events: [
      { type: 'service.chosen', code: 'tributos' },
      { type: 'service.chosen', code: 'servicios-sociales' },
      { type: 'step.back' },
      { type: 'walkIn.retried' },
      { type: 'walkIn.finished' },
      { type: 'walkIn.abandoned' },
      { type: 'xstate.done.actor.walkInCall', output: { ...ISSUED, turn: { ...TURN, kind: 'walk-in' } } },
      { type: 'xstate.done.actor.walkInCall', output: { ok: false, problem: 'offline' } },
    ],
    steps: ['service', 'issuing', 'failed', 'issued', 'finished'],
  },
];

describe.each(MODELS)('$name flow (model-based)', (model) => {
  const paths = getShortestPaths(model.machine, {
    input: model.input,
    events: model.events,
    filterEvents: (snapshot: { matches: (s: string) => boolean; context: Record<string, unknown> }, event: AnyEventObject) => {
      const field = model.textFields?.[event.type];
      return field === undefined || snapshot.context[field] === '';
    },
  } as never);

  it('reaches every step', () => {
    const values = new Set(paths.map((path) => JSON.stringify(path.state.value)));
    for (const step of model.steps) expect(values.has(JSON.stringify(step)), step).toBe(true);
  });

  it.each(paths.map((path) => [path.steps.map((s) => s.event.type).join(' > '), path] as const))('replays %s', async (_name, path) => {
    const { actor, perform } = startFlow(model.machine, model.input, model.effects);
    await replayPath(path.steps, actor, perform);
    actor.stop();
  });
});

describe('check-in, manage and walk-in (scenarios)', () => {
  it('a typed reference is read forgivingly and sent in display form; a scan is sent as read', async () => {
    const { actor, perform, calls } = startFlow(checkInMachine, { locale: 'eu' }, { checkInCall: 'checkIn' });
    actor.send({ type: 'method.chosen', method: 'reference' });
    actor.send({ type: 'reference.changed', text: 'cita:c1ta 00c1s d' });
    actor.send({ type: 'reference.submitted' });
    await perform({ type: 'xstate.done.actor.checkInCall', output: { ok: false, problem: 'too-early' } });
    expect(actor.getSnapshot().context.problem).toBe('too-early');
    // Not worth retrying the same code: only "start again" (or a scan) goes on.
    actor.send({ type: 'checkIn.retried' });
    expect(actor.getSnapshot().value).toBe('refused');
    actor.send({ type: 'code.scanned', payload: ' CITA:C1TA-00C1S-D ' });
    await perform({ type: 'xstate.done.actor.checkInCall', output: ISSUED });
    expect(calls.map((c) => c.input)).toEqual([
      { code: { kind: 'reference', reference: 'C1TA-00C1S-D' }, locale: 'eu' },
      { code: { kind: 'qr', payload: 'CITA:C1TA-00C1S-D' }, locale: 'eu' },
    ]);
    expect(actor.getSnapshot().context.turn?.label).toBe('A-007');
  });

  it('rescheduling sends the reference, the document and the new time; a checked-in booking cannot be changed', async () => {
    const { actor, perform, calls } = startFlow(manageMachine, { locale: 'ca' }, { find: 'find', cancel: 'cancel', loadSlots: 'loadSlots', reschedule: 'reschedule' });
    actor.send({ type: 'reference.changed', text: 'c1ta00c1sd' });
    actor.send({ type: 'reference.submitted' });
    actor.send({ type: 'idNumber.changed', text: '12345678z' });
    actor.send({ type: 'idNumber.submitted' });
    await perform({ type: 'xstate.done.actor.find', output: { ok: true, appointment: { ...APPOINTMENT, status: 'checked-in' } } });
    actor.send({ type: 'cancel.chosen' });
    expect(actor.getSnapshot().value).toBe('found');
    actor.send({ type: 'step.back' });
    actor.send({ type: 'idNumber.submitted' });
    await perform({ type: 'xstate.done.actor.find', output: { ok: true, appointment: APPOINTMENT } });
    actor.send({ type: 'reschedule.chosen' });
    await perform({ type: 'xstate.done.actor.loadSlots', output: { ok: true, timeZone: 'Europe/Madrid', slots: SLOTS } });
    actor.send({ type: 'day.chosen', day: '2026-12-01' });
    actor.send({ type: 'time.chosen', start: SLOTS[1]!.start });
    actor.send({ type: 'reschedule.confirmed' });
    expect(calls.at(-1)).toEqual({ effect: 'reschedule', input: { reference: 'C1TA-00C1S-D', idDocumentNumber: '12345678z', locale: 'ca', start: SLOTS[1]!.start } });
    expect(calls.find((c) => c.effect === 'loadSlots')?.input).toEqual({ office: 'oac-centro', service: 'padron', timeZone: 'Europe/Madrid' });
  });

  it('walk-in turns only for services this office hands them out for', () => {
    const { actor } = startFlow(walkInMachine, { locale: 'es', here: OFFICES[1] }, { walkInCall: 'walkIn' });
    actor.send({ type: 'service.chosen', code: 'padron' });
    expect(actor.getSnapshot().value).toBe('service');
  });
});
