import { describe, expect, it } from 'vitest';
import { getShortestPaths } from 'xstate/graph';
import type { AnyEventObject } from 'xstate';
import { appointmentsMachine, createAppointmentsFlow, walkInMachine, type AppointmentsEffects, type AppointmentsEvent } from '../../src/flows/index.js';
import { createActor } from 'xstate';
import { replayPath } from './harness.js';
import { OFFICES, TICKET, TURN, startFlow } from './appointments-harness.js';

// The journey's menu: child journeys are stubs the test finishes with an outcome.
const EFFECTS = { loadOffices: 'loadOffices', booking: 'bookingFlow', checkIn: 'checkInFlow', manage: 'manageFlow', walkIn: 'walkInFlow' };
const READY = { ok: true, offices: OFFICES, here: 'oac-centro' };

const MODEL_EVENTS = [
  { type: 'language.changed', locale: 'ar' },
  { type: 'offices.retried' },
  { type: 'booking.started' },
  { type: 'checkIn.started' },
  { type: 'manage.started' },
  { type: 'walkIn.started' },
  { type: 'appointments.abandoned' },
  { type: 'xstate.done.actor.loadOffices', output: READY },
  { type: 'xstate.done.actor.loadOffices', output: { ok: true, offices: OFFICES, here: 'cc-norte' } },
  { type: 'xstate.done.actor.loadOffices', output: { ok: false, problem: 'offline' } },
  { type: 'xstate.error.actor.loadOffices', error: new Error('agent gone') },
  { type: 'xstate.done.actor.booking', output: { outcome: 'done' } },
  { type: 'xstate.done.actor.booking', output: { outcome: 'walk-in' } },
  { type: 'xstate.done.actor.booking', output: { outcome: 'cancelled' } },
  { type: 'xstate.done.actor.checkIn', output: { outcome: 'done' } },
  { type: 'xstate.done.actor.manage', output: { outcome: 'cancelled' } },
  { type: 'xstate.done.actor.walkIn', output: { outcome: 'done' } },
] as unknown as AppointmentsEvent[];

describe('appointments menu (model-based)', () => {
  const paths = getShortestPaths(appointmentsMachine, {
    input: { locale: 'es' },
    events: MODEL_EVENTS,
    filterEvents: (snapshot, event: AnyEventObject) => !(event.type === 'language.changed' && snapshot.context.locale !== 'es'),
  });

  it('reaches every journey, the offline menu and both endings', () => {
    const values = paths.map((path) => JSON.stringify(path.state.value));
    for (const step of ['menu', 'booking', 'checkIn', 'manage', 'walkIn']) expect(values.some((v) => v.includes(`"steps":"${step}"`)), step).toBe(true);
    expect(values.some((v) => v.includes('"offices":"unavailable"'))).toBe(true);
    expect(new Set(paths.filter((p) => p.state.value === 'finished').map((p) => p.state.context.outcome))).toEqual(new Set(['done', 'cancelled']));
  });

  it.each(paths.map((path) => [path.steps.map((s) => s.event.type).join(' > '), path] as const))('replays %s', async (_name, path) => {
    const { actor, perform } = startFlow(appointmentsMachine, { locale: 'es' }, EFFECTS);
    await replayPath(path.steps, actor, perform);
    actor.stop();
  });
});

describe('appointments journey wired to its effects', () => {
  it('offline: no booking or walk-in is offered, and check-in says the hub is not answering', async () => {
    const calls: string[] = [];
    const offline = { ok: false as const, problem: 'offline' as const };
    const effects: AppointmentsEffects = {
      appointmentOffices: async () => (calls.push('offices'), offline),
      appointmentSlots: async () => offline,
      bookAppointment: async () => offline,
      checkInAppointment: async () => (calls.push('checkIn'), offline),
      findAppointment: async () => offline,
      cancelAppointment: async () => offline,
      rescheduleAppointment: async () => offline,
      walkInTurn: async () => offline,
    };
    const actor = createActor(createAppointmentsFlow(effects), { input: { locale: 'es' } }).start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(actor.getSnapshot().matches({ active: { offices: 'unavailable' } })).toBe(true);
    actor.send({ type: 'booking.started' });
    actor.send({ type: 'walkIn.started' });
    expect(actor.getSnapshot().matches({ active: { steps: 'menu' } })).toBe(true);
    actor.send({ type: 'checkIn.started' });
    const checkIn = actor.getSnapshot().children.checkIn;
    checkIn?.send({ type: 'code.scanned', payload: 'CITA:C1TA-00C1S-D' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(checkIn?.getSnapshot().context).toMatchObject({ problem: 'offline' });
    expect(calls).toEqual(['offices', 'checkIn']);
    actor.stop();
  });

  it('a booking that cannot reach the hub offers a walk-in turn, which the menu starts', async () => {
    const effects: AppointmentsEffects = {
      appointmentOffices: async () => READY as never,
      appointmentSlots: async () => ({ ok: false, problem: 'offline' }),
      bookAppointment: async () => ({ ok: false, problem: 'offline' }),
      checkInAppointment: async () => ({ ok: true, turn: TURN, ticket: TICKET }),
      findAppointment: async () => ({ ok: false, problem: 'offline' }),
      cancelAppointment: async () => ({ ok: false, problem: 'offline' }),
      rescheduleAppointment: async () => ({ ok: false, problem: 'offline' }),
      walkInTurn: async () => ({ ok: true, turn: { ...TURN, kind: 'walk-in' }, ticket: TICKET }),
    };
    const actor = createActor(createAppointmentsFlow(effects), { input: { locale: 'gl' } }).start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    actor.send({ type: 'booking.started' });
    const booking = actor.getSnapshot().children.booking;
    booking?.send({ type: 'service.chosen', code: 'padron' });
    booking?.send({ type: 'office.chosen', code: 'oac-centro' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(booking?.getSnapshot().value).toBe('slotsFailed');
    booking?.send({ type: 'walkIn.chosen' });
    expect(actor.getSnapshot().matches({ active: { steps: 'walkIn' } })).toBe(true);
    const walkIn = actor.getSnapshot().children.walkIn;
    walkIn?.send({ type: 'service.chosen', code: 'padron' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(walkIn?.getSnapshot().value).toBe('issued');
    walkIn?.send({ type: 'walkIn.finished' });
    expect(actor.getSnapshot().output).toEqual({ outcome: 'done' });
  });
  it('a walk-in the hub refuses as appointment-only offers booking instead, which the menu starts', async () => {
    const effects: AppointmentsEffects = {
      appointmentOffices: async () => READY as never,
      appointmentSlots: async () => ({ ok: true, timeZone: 'Europe/Madrid', slots: [] }),
      bookAppointment: async () => ({ ok: false, problem: 'offline' }),
      checkInAppointment: async () => ({ ok: false, problem: 'offline' }),
      findAppointment: async () => ({ ok: false, problem: 'offline' }),
      cancelAppointment: async () => ({ ok: false, problem: 'offline' }),
      rescheduleAppointment: async () => ({ ok: false, problem: 'offline' }),
      // The service became appointment-only after the kiosk listed it.
      walkInTurn: async () => ({ ok: false, problem: 'walk-in-not-offered' }),
    };
    const actor = createActor(createAppointmentsFlow(effects), { input: { locale: 'es' } }).start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    actor.send({ type: 'walkIn.started' });
    const walkIn = actor.getSnapshot().children.walkIn;
    walkIn?.send({ type: 'service.chosen', code: 'tributos' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(walkIn?.getSnapshot().value).toBe('failed');
    expect(walkIn?.getSnapshot().context.problem).toBe('walk-in-not-offered');
    walkIn?.send({ type: 'booking.chosen' });
    expect(actor.getSnapshot().matches({ active: { steps: 'booking' } })).toBe(true);
    actor.stop();
  });

  it('an office with no walk-in service offers no walk-in in the menu, and the walk-in screen offers booking', async () => {
    const byAppointmentOnly = OFFICES.map((office) => ({ ...office, services: office.services.map((service) => ({ ...service, walkIn: false })) }));
    const { actor, perform } = startFlow(appointmentsMachine, { locale: 'es' }, EFFECTS);
    await perform({ type: 'xstate.done.actor.loadOffices', output: { ...READY, offices: byAppointmentOnly } });
    expect(actor.getSnapshot().matches({ active: { offices: 'ready' } })).toBe(true);
    await perform({ type: 'walkIn.started' });
    expect(actor.getSnapshot().matches({ active: { steps: 'menu' } })).toBe(true);
    actor.stop();

    const walkIn = createActor(walkInMachine, { input: { locale: 'es', here: byAppointmentOnly[0] ?? null } }).start();
    walkIn.send({ type: 'service.chosen', code: 'padron' });
    expect(walkIn.getSnapshot().value).toBe('service');
    walkIn.send({ type: 'booking.chosen' });
    expect(walkIn.getSnapshot().status).toBe('done');
    expect(walkIn.getSnapshot().output).toEqual({ outcome: 'book' });
  });
});
