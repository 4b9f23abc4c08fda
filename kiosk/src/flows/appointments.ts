import { assign, fromPromise, sendTo, setup } from 'xstate';
import type { AppointmentOfficesAnswer, AppointmentProblem, KioskLocale, KioskOffice } from '@kiosk/shared';
import { bookingMachine } from './appointments/booking.js';
import { checkInMachine } from './appointments/check-in.js';
import { manageMachine } from './appointments/manage.js';
import { walkInMachine } from './appointments/walk-in.js';
import { OFFLINE, notProvided, type AppointmentsEffects } from './appointments/effects.js';

export * from './appointments/answers.js';
export * from './appointments/effects.js';
export * from './appointments/booking.js';
export * from './appointments/check-in.js';
export * from './appointments/manage.js';
export * from './appointments/walk-in.js';

/**
 * The appointments journey's menu: book, check in, cancel or change a booking, or take a walk-in
 * turn. Two parallel regions, as in request.ts: `offices` keeps the offices and their services
 * loaded in the citizen's language (reloaded when it changes), `steps` runs one child journey at
 * a time (flows/appointments/). Without the hub, booking and walk-ins are not offered and the
 * screen says why; check-in and look-ups stay, and explain the same if the hub does not answer.
 */

export interface AppointmentsInput {
  readonly locale: KioskLocale;
}

export interface AppointmentsOutput {
  readonly outcome: 'done' | 'cancelled';
}

export interface AppointmentsContext {
  locale: KioskLocale;
  offices: readonly KioskOffice[];
  here: string | null;
  officesProblem: AppointmentProblem | null;
  outcome: AppointmentsOutput['outcome'];
}

export type AppointmentsEvent =
  | { type: 'language.changed'; locale: KioskLocale }
  | { type: 'offices.retried' }
  | { type: 'booking.started' }
  | { type: 'checkIn.started' }
  | { type: 'manage.started' }
  | { type: 'walkIn.started' }
  | { type: 'appointments.finished' }
  | { type: 'appointments.abandoned' };

export type { AppointmentsEffects };

/** The kiosk's own office, with its services, when the hub named it. */
export function hereOffice(context: Pick<AppointmentsContext, 'offices' | 'here'>): KioskOffice | null {
  return context.offices.find((office) => office.code === context.here) ?? null;
}

const outcomeOf = (event: unknown): string | undefined => (event as { output?: { outcome?: string } }).output?.outcome;

export const appointmentsMachine = setup({
  types: {
    input: {} as AppointmentsInput,
    context: {} as AppointmentsContext,
    events: {} as AppointmentsEvent,
    output: {} as AppointmentsOutput,
    children: {} as { booking: 'bookingFlow'; checkIn: 'checkInFlow'; manage: 'manageFlow'; walkIn: 'walkInFlow' },
  },
  actors: {
    loadOffices: fromPromise<AppointmentOfficesAnswer, { locale: KioskLocale }>(async () => notProvided('loadOffices')),
    bookingFlow: bookingMachine,
    checkInFlow: checkInMachine,
    manageFlow: manageMachine,
    walkInFlow: walkInMachine,
  },
  guards: {
    hasOffices: ({ context }) => context.offices.length > 0,
    offersWalkIns: ({ context }) => hereOffice(context)?.services.some((service) => service.walkIn) ?? false,
    answered: ({ event }) => (event as { output?: { ok?: boolean } }).output?.ok === true,
    wasDone: ({ event }) => outcomeOf(event) === 'done',
    wantsWalkIn: ({ context, event }) => outcomeOf(event) === 'walk-in' && (hereOffice(context)?.services.some((service) => service.walkIn) ?? false),
    wantsBooking: ({ context, event }) => outcomeOf(event) === 'book' && context.offices.length > 0,
  },
  actions: {
    setLocale: assign({ locale: ({ context, event }) => (event.type === 'language.changed' ? event.locale : context.locale) }),
    forwardToBooking: sendTo('booking', ({ context }) => ({ type: 'language.changed' as const, locale: context.locale })),
    forwardToCheckIn: sendTo('checkIn', ({ context }) => ({ type: 'language.changed' as const, locale: context.locale })),
    forwardToManage: sendTo('manage', ({ context }) => ({ type: 'language.changed' as const, locale: context.locale })),
    forwardToWalkIn: sendTo('walkIn', ({ context }) => ({ type: 'language.changed' as const, locale: context.locale })),
  },
}).createMachine({
  id: 'appointments',
  context: ({ input }) => ({ locale: input.locale, offices: [], here: null, officesProblem: null, outcome: 'cancelled' }),
  initial: 'active',
  states: {
    active: {
      type: 'parallel',
      states: {
        offices: {
          initial: 'loading',
          on: { 'language.changed': { target: '.loading', actions: 'setLocale' } },
          states: {
            loading: {
              invoke: {
                id: 'loadOffices',
                src: 'loadOffices',
                input: ({ context }) => ({ locale: context.locale }),
                onDone: [
                  {
                    guard: 'answered',
                    target: 'ready',
                    actions: assign({
                      offices: ({ event }) => (event.output.ok ? event.output.offices : []),
                      here: ({ event }) => (event.output.ok ? event.output.here : null),
                      officesProblem: null,
                    }),
                  },
                  // A list in the previous language beats no list at all.
                  { guard: 'hasOffices', target: 'ready' },
                  { target: 'unavailable', actions: assign({ officesProblem: ({ event }) => (event.output.ok ? null : event.output.problem) }) },
                ],
                onError: [{ guard: 'hasOffices', target: 'ready' }, { target: 'unavailable', actions: assign({ officesProblem: OFFLINE }) }],
              },
            },
            ready: {},
            unavailable: { on: { 'offices.retried': 'loading' } },
          },
        },
        steps: {
          initial: 'menu',
          states: {
            menu: {
              on: {
                'booking.started': { guard: 'hasOffices', target: 'booking' },
                'checkIn.started': 'checkIn',
                'manage.started': 'manage',
                'walkIn.started': { guard: 'offersWalkIns', target: 'walkIn' },
                'appointments.abandoned': { target: '#appointments.finished', actions: assign({ outcome: 'cancelled' }) },
              },
            },
            booking: {
              invoke: {
                id: 'booking',
                src: 'bookingFlow',
                input: ({ context }) => ({ locale: context.locale, offices: context.offices }),
                onDone: [
                  { guard: 'wasDone', target: '#appointments.finished', actions: assign({ outcome: 'done' }) },
                  { guard: 'wantsWalkIn', target: 'walkIn' },
                  { target: 'menu' },
                ],
              },
              on: { 'language.changed': { actions: 'forwardToBooking' } },
            },
            checkIn: {
              invoke: {
                id: 'checkIn',
                src: 'checkInFlow',
                input: ({ context }) => ({ locale: context.locale }),
                onDone: [{ guard: 'wasDone', target: '#appointments.finished', actions: assign({ outcome: 'done' }) }, { target: 'menu' }],
              },
              on: { 'language.changed': { actions: 'forwardToCheckIn' } },
            },
            manage: {
              invoke: {
                id: 'manage',
                src: 'manageFlow',
                input: ({ context }) => ({ locale: context.locale }),
                onDone: [{ guard: 'wasDone', target: '#appointments.finished', actions: assign({ outcome: 'done' }) }, { target: 'menu' }],
              },
              on: { 'language.changed': { actions: 'forwardToManage' } },
            },
            walkIn: {
              invoke: {
                id: 'walkIn',
                src: 'walkInFlow',
                input: ({ context }) => ({ locale: context.locale, here: hereOffice(context) }),
                onDone: [
                  { guard: 'wasDone', target: '#appointments.finished', actions: assign({ outcome: 'done' }) },
                  // The service is by appointment only and the citizen chose to book instead.
                  { guard: 'wantsBooking', target: 'booking' },
                  { target: 'menu' },
                ],
              },
              on: { 'language.changed': { actions: 'forwardToWalkIn' } },
            },
          },
        },
      },
    },
    finished: { type: 'final' },
  },
  output: ({ context }) => ({ outcome: context.outcome }),
});

export type AppointmentsMachine = typeof appointmentsMachine;

/** The journey machine with its effects wired (see flows/index.ts createKioskSessionMachine). */
export function createAppointmentsFlow(effects: AppointmentsEffects) {
  const loadSlots = fromPromise(({ input }: { input: { office: string; service: string; timeZone: string } }) => effects.appointmentSlots(input));
  return appointmentsMachine.provide({
    actors: {
      loadOffices: fromPromise(({ input }: { input: { locale: KioskLocale } }) => effects.appointmentOffices(input.locale)),
      bookingFlow: bookingMachine.provide({ actors: { loadSlots, book: fromPromise(({ input }) => effects.bookAppointment(input)) } }),
      checkInFlow: checkInMachine.provide({ actors: { checkIn: fromPromise(({ input }) => effects.checkInAppointment(input)) } }),
      manageFlow: manageMachine.provide({
        actors: {
          find: fromPromise(({ input }) => effects.findAppointment(input)),
          cancel: fromPromise(({ input }) => effects.cancelAppointment(input)),
          loadSlots,
          reschedule: fromPromise(({ input }) => effects.rescheduleAppointment(input)),
        },
      }),
      walkInFlow: walkInMachine.provide({ actors: { walkIn: fromPromise(({ input }) => effects.walkInTurn(input)) } }),
    },
  });
}
