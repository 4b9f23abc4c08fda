import { assign, fromPromise, setup } from 'xstate';
import type { AppointmentProblem, AppointmentWalkInParams, KioskLocale, KioskOffice, KioskTurn, ReceiptOutcome, TurnIssuedAnswer } from '@kiosk/shared';
import { OFFLINE, notProvided } from './effects.js';

/**
 * A turn without appointment, for a service this kiosk's office hands walk-in turns for. A service
 * may be by appointment only: when none of the office's services takes walk-ins, or the hub says
 * the chosen one no longer does, the citizen may go and book instead (outcome `book`).
 */

export interface WalkInInput {
  readonly locale: KioskLocale;
  /** The kiosk's own office; null when the hub could not say (no walk-ins then). */
  readonly here: KioskOffice | null;
}

export interface WalkInContext {
  locale: KioskLocale;
  here: KioskOffice | null;
  serviceCode: string | null;
  turn: KioskTurn | null;
  ticket: ReceiptOutcome | null;
  problem: AppointmentProblem | null;
  outcome: WalkInOutcome;
}

/** `book`: the citizen chose to book an appointment instead (the service takes no walk-ins). */
export type WalkInOutcome = 'done' | 'cancelled' | 'book';

export type WalkInEvent =
  | { type: 'language.changed'; locale: KioskLocale }
  | { type: 'service.chosen'; code: string }
  | { type: 'step.back' }
  | { type: 'walkIn.retried' }
  | { type: 'walkIn.finished' }
  | { type: 'walkIn.abandoned' }
  | { type: 'booking.chosen' };

export const walkInMachine = setup({
  types: {
    input: {} as WalkInInput,
    context: {} as WalkInContext,
    events: {} as WalkInEvent,
    output: {} as { outcome: WalkInOutcome },
  },
  actors: {
    walkIn: fromPromise<TurnIssuedAnswer, AppointmentWalkInParams>(async () => notProvided('walkIn')),
  },
  guards: {
    allowsWalkIn: ({ context, event }) => event.type === 'service.chosen' && (context.here?.services.some((s) => s.code === event.code && s.walkIn) ?? false),
    issued: ({ event }) => 'output' in event && (event.output as TurnIssuedAnswer).ok,
  },
}).createMachine({
  id: 'walkIn',
  context: ({ input }) => ({ locale: input.locale, here: input.here, serviceCode: null, turn: null, ticket: null, problem: null, outcome: 'cancelled' }),
  initial: 'service',
  on: { 'language.changed': { actions: assign({ locale: ({ event }) => event.locale }) } },
  states: {
    service: {
      on: {
        'service.chosen': { guard: 'allowsWalkIn', target: 'issuing', actions: assign({ serviceCode: ({ event }) => event.code }) },
        'step.back': { target: 'finished', actions: assign({ outcome: 'cancelled' }) },
        'booking.chosen': { target: 'finished', actions: assign({ outcome: 'book' }) },
      },
    },
    issuing: {
      tags: ['busy'],
      invoke: {
        id: 'walkInCall',
        src: 'walkIn',
        input: ({ context }) => ({ service: context.serviceCode ?? '', locale: context.locale }),
        onDone: [
          { guard: 'issued', target: 'issued', actions: assign({ turn: ({ event }) => (event.output.ok ? event.output.turn : null), ticket: ({ event }) => (event.output.ok ? event.output.ticket : null), problem: null }) },
          { target: 'failed', actions: assign({ problem: ({ event }) => (event.output.ok ? null : event.output.problem) }) },
        ],
        onError: { target: 'failed', actions: assign({ problem: OFFLINE }) },
      },
    },
    failed: {
      on: {
        'walkIn.retried': 'issuing',
        'step.back': 'service',
        'walkIn.abandoned': { target: 'finished', actions: assign({ outcome: 'cancelled' }) },
        'booking.chosen': { target: 'finished', actions: assign({ outcome: 'book' }) },
      },
    },
    issued: { on: { 'walkIn.finished': { target: 'finished', actions: assign({ outcome: 'done' }) } } },
    finished: { type: 'final' },
  },
  output: ({ context }) => ({ outcome: context.outcome }),
});

export type WalkInMachine = typeof walkInMachine;
