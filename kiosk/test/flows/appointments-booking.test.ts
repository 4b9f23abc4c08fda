import { describe, expect, it } from 'vitest';
import { getShortestPaths } from 'xstate/graph';
import type { AnyEventObject } from 'xstate';
import { bookingMachine, checkDocument, type BookingEvent } from '../../src/flows/index.js';
import { replayPath } from './harness.js';
import { APPOINTMENT, OFFICES, SLOTS, TICKET, startFlow } from './appointments-harness.js';

const EFFECTS = { loadSlots: 'loadSlots', book: 'book' };
const BOOKED = { ok: true, appointment: APPOINTMENT, ticket: TICKET };

// One example of each kind of input, the bad ones included.
const MODEL_EVENTS = [
  { type: 'service.chosen', code: 'padron' },
  { type: 'service.chosen', code: 'no-such-service' },
  { type: 'office.chosen', code: 'cc-norte' },
  { type: 'office.chosen', code: 'nowhere' },
  { type: 'day.chosen', day: '2026-12-03' },
  { type: 'day.chosen', day: '2026-12-02' },
  { type: 'time.chosen', start: SLOTS[2]!.start },
  { type: 'time.chosen', start: SLOTS[0]!.start },
  { type: 'name.changed', text: 'Ana Prueba' },
  { type: 'name.changed', text: '<b>' },
  { type: 'name.submitted' },
  { type: 'idKind.chosen', kind: 'dni' },
  { type: 'idKind.chosen', kind: 'passport' },
  { type: 'idNumber.changed', text: '12345678Z' },
  { type: 'idNumber.changed', text: '12345678A' },
  { type: 'idNumber.submitted' },
  { type: 'contact.chosen', channel: 'ticket' },
  { type: 'contact.chosen', channel: 'sms' },
  { type: 'contact.chosen', channel: 'email' },
  { type: 'phone.changed', text: '+34 600 000 000' },
  { type: 'phone.submitted' },
  { type: 'email.changed', text: 'no-at-sign' },
  { type: 'email.submitted' },
  { type: 'consent.given' },
  { type: 'consent.refused' },
  { type: 'review.confirmed' },
  { type: 'step.back' },
  { type: 'slots.retried' },
  { type: 'booking.retried' },
  { type: 'answers.corrected' },
  { type: 'walkIn.chosen' },
  { type: 'booking.finished' },
  { type: 'booking.abandoned' },
  { type: 'xstate.done.actor.loadSlots', output: { ok: true, timeZone: 'Europe/Madrid', slots: SLOTS } },
  { type: 'xstate.done.actor.loadSlots', output: { ok: true, timeZone: 'Europe/Madrid', slots: [] } },
  { type: 'xstate.done.actor.loadSlots', output: { ok: false, problem: 'offline' } },
  { type: 'xstate.done.actor.book', output: BOOKED },
  { type: 'xstate.done.actor.book', output: { ok: false, problem: 'slot-taken' } },
  { type: 'xstate.done.actor.book', output: { ok: false, problem: 'invalid-id-document' } },
  { type: 'xstate.error.actor.book', error: new Error('agent gone') },
] as unknown as BookingEvent[];

const TEXT_FIELD: Record<string, 'name' | 'idNumber' | 'phone' | 'email'> = { 'name.changed': 'name', 'idNumber.changed': 'idNumber', 'phone.changed': 'phone', 'email.changed': 'email' };

describe('booking flow (model-based)', () => {
  const paths = getShortestPaths(bookingMachine, {
    input: { locale: 'es', offices: OFFICES },
    events: MODEL_EVENTS,
    // Each field is typed once (a second edit only multiplies identical screens).
    // Going back is explored before contact details exist; after, only from the contact screens
    // (otherwise every back step multiplies by every combination of typed fields).
    filterEvents: (snapshot, event: AnyEventObject) => {
      if (event.type === 'step.back' && (snapshot.context.phone !== '' || snapshot.context.email !== '')) {
        return (['phone', 'email', 'consent', 'review'] as const).some((state) => snapshot.matches(state));
      }
      const field = TEXT_FIELD[event.type];
      return field === undefined || (snapshot.matches(field) && snapshot.context[field] === '');
    },
  });

  it('reaches every step, the refusals and each way out', () => {
    const values = new Set(paths.map((path) => JSON.stringify(path.state.value)));
    for (const step of ['service', 'office', 'loadingSlots', 'noSlots', 'slotsFailed', 'day', 'time', 'name', 'idKind', 'idNumber', 'contact', 'phone', 'email', 'consent', 'review', 'booking', 'slotTaken', 'failed', 'booked', 'finished']) {
      expect(values.has(JSON.stringify(step)), step).toBe(true);
    }
    const outcomes = new Set(paths.filter((p) => p.state.value === 'finished').map((p) => p.state.context.outcome));
    expect(outcomes).toEqual(new Set(['done', 'cancelled', 'walk-in']));
  });

  it.each(paths.map((path) => [path.steps.map((s) => s.event.type).join(' > '), path] as const))('replays %s', async (_name, path) => {
    const { actor, perform } = startFlow(bookingMachine, { locale: 'es', offices: OFFICES }, EFFECTS);
    await replayPath(path.steps, actor, perform);
    actor.stop();
  });
});

describe('booking flow (scenarios)', () => {
  async function upToReview(channel: 'ticket' | 'sms' | 'email') {
    const flow = startFlow(bookingMachine, { locale: 'es', offices: OFFICES }, EFFECTS);
    const { actor, perform } = flow;
    actor.send({ type: 'service.chosen', code: 'padron' });
    actor.send({ type: 'office.chosen', code: 'oac-centro' });
    await perform({ type: 'xstate.done.actor.loadSlots', output: { ok: true, timeZone: 'Europe/Madrid', slots: SLOTS } });
    actor.send({ type: 'day.chosen', day: '2026-12-01' });
    actor.send({ type: 'time.chosen', start: SLOTS[1]!.start });
    actor.send({ type: 'name.changed', text: '  Ana Prueba  ' });
    actor.send({ type: 'name.submitted' });
    actor.send({ type: 'idKind.chosen', kind: 'nie' });
    actor.send({ type: 'idNumber.changed', text: 'y-1234567-x' });
    actor.send({ type: 'idNumber.submitted' });
    actor.send({ type: 'contact.chosen', channel });
    return flow;
  }

  it('asks the office slots for the chosen service and sends exactly the reviewed answers', async () => {
    const { actor, perform, calls } = await upToReview('sms');
    actor.send({ type: 'phone.changed', text: '600 11 22 33' });
    actor.send({ type: 'phone.submitted' });
    actor.send({ type: 'language.changed', locale: 'ar' });
    actor.send({ type: 'consent.given' });
    actor.send({ type: 'review.confirmed' });
    expect(calls).toEqual([
      { effect: 'loadSlots', input: { office: 'oac-centro', service: 'padron', timeZone: 'Europe/Madrid' } },
      {
        effect: 'book',
        input: {
          office: 'oac-centro',
          service: 'padron',
          start: SLOTS[1]!.start,
          name: 'Ana Prueba',
          idDocument: { kind: 'nie', number: 'y-1234567-x' },
          contact: { channel: 'sms', phone: '600 11 22 33', consent: true },
          locale: 'ar',
        },
      },
    ]);
    await perform({ type: 'xstate.done.actor.book', output: BOOKED });
    actor.send({ type: 'booking.finished' });
    expect(actor.getSnapshot().output).toEqual({ outcome: 'done' });
  });

  it('without consent no messages: the address typed is dropped and the ticket is the only copy', async () => {
    const { actor, calls } = await upToReview('email');
    actor.send({ type: 'email.changed', text: 'ana@example.org' });
    actor.send({ type: 'email.submitted' });
    actor.send({ type: 'consent.refused' });
    expect(actor.getSnapshot().context).toMatchObject({ channel: 'ticket', email: '' });
    actor.send({ type: 'review.confirmed' });
    expect((calls.at(-1)?.input as { contact: unknown }).contact).toEqual({ channel: 'ticket' });
  });

  it('a taken time goes back to fresh slots; a refused document goes back to the document', async () => {
    const { actor, perform, calls } = await upToReview('ticket');
    actor.send({ type: 'review.confirmed' });
    await perform({ type: 'xstate.done.actor.book', output: { ok: false, problem: 'slot-taken' } });
    actor.send({ type: 'slots.retried' });
    expect(actor.getSnapshot().value).toBe('loadingSlots');
    expect(actor.getSnapshot().context).toMatchObject({ start: null, day: null, name: '  Ana Prueba  ' });
    await perform({ type: 'xstate.done.actor.loadSlots', output: { ok: true, timeZone: 'Europe/Madrid', slots: SLOTS } });
    actor.send({ type: 'day.chosen', day: '2026-12-03' });
    actor.send({ type: 'time.chosen', start: SLOTS[2]!.start });
    // Answers given before are kept: name, document, contact.
    actor.send({ type: 'name.submitted' });
    actor.send({ type: 'idKind.chosen', kind: 'nie' });
    actor.send({ type: 'idNumber.submitted' });
    actor.send({ type: 'contact.chosen', channel: 'ticket' });
    actor.send({ type: 'review.confirmed' });
    await perform({ type: 'xstate.done.actor.book', output: { ok: false, problem: 'invalid-id-document' } });
    actor.send({ type: 'answers.corrected' });
    expect(actor.getSnapshot().value).toBe('idNumber');
    expect(calls.filter((c) => c.effect === 'book')).toHaveLength(2);
  });

  it('checks DNI and NIE check letters and passport shapes before asking the hub', () => {
    expect(checkDocument('dni', '12345678Z')).toBeNull();
    expect(checkDocument('dni', '1234567-L')).toBeNull(); // a 7-digit DNI gains its leading zero
    expect(checkDocument('dni', '12345678A')).toBe('check-letter');
    expect(checkDocument('nie', 'X1234567L')).toBeNull();
    expect(checkDocument('nie', 'Y1234567X')).toBeNull();
    expect(checkDocument('dni', 'ABC')).toBe('format');
    expect(checkDocument('passport', 'PA1234567')).toBeNull();
    expect(checkDocument('passport', 'P-1')).toBe('format');
    expect(checkDocument('dni', '  ')).toBe('empty');
  });
});
