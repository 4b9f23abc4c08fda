import { assign, fromPromise, setup } from 'xstate';
import type {
  AppointmentBookedAnswer,
  AppointmentFoundAnswer,
  AppointmentOwnershipParams,
  AppointmentProblem,
  AppointmentRescheduleParams,
  AppointmentSlot,
  AppointmentSlotsAnswer,
  KioskAppointment,
  KioskLocale,
  ReceiptOutcome,
} from '@kiosk/shared';
import { daysWithSlots, looksLikeDocument, readReference, slotsOfDay } from './answers.js';
import { OFFLINE, notProvided, type SlotQuery } from './effects.js';

/**
 * Cancelling or moving an existing booking: the reference, then the document number it was booked
 * with (together they prove it is the citizen's), then cancel (confirmed) or a new day and time.
 */

export interface ManageInput {
  readonly locale: KioskLocale;
}

export interface ManageContext {
  locale: KioskLocale;
  reference: string;
  idNumber: string;
  fieldProblem: 'reference' | 'document' | null;
  appointment: KioskAppointment | null;
  slots: readonly AppointmentSlot[];
  day: string | null;
  start: string | null;
  ticket: ReceiptOutcome | null;
  problem: AppointmentProblem | null;
  outcome: 'done' | 'cancelled';
}

export type ManageEvent =
  | { type: 'language.changed'; locale: KioskLocale }
  | { type: 'reference.changed'; text: string }
  | { type: 'reference.submitted' }
  | { type: 'idNumber.changed'; text: string }
  | { type: 'idNumber.submitted' }
  | { type: 'cancel.chosen' }
  | { type: 'cancel.confirmed' }
  | { type: 'reschedule.chosen' }
  | { type: 'day.chosen'; day: string }
  | { type: 'time.chosen'; start: string }
  | { type: 'reschedule.confirmed' }
  | { type: 'step.back' }
  | { type: 'manage.retried' }
  | { type: 'manage.finished' }
  | { type: 'manage.abandoned' };

function ownership(context: ManageContext): AppointmentOwnershipParams {
  return { reference: readReference(context.reference) ?? context.reference.trim(), idDocumentNumber: context.idNumber.trim(), locale: context.locale };
}

const answered = (event: { output?: unknown }) => (event.output as { ok?: boolean } | undefined)?.ok === true;
const problemOf = (output: { ok: boolean; problem?: AppointmentProblem }) => (output.ok ? null : (output.problem ?? 'refused'));

export const manageMachine = setup({
  types: {
    input: {} as ManageInput,
    context: {} as ManageContext,
    events: {} as ManageEvent,
    output: {} as { outcome: 'done' | 'cancelled' },
  },
  actors: {
    find: fromPromise<AppointmentFoundAnswer, AppointmentOwnershipParams>(async () => notProvided('find')),
    cancel: fromPromise<AppointmentFoundAnswer, AppointmentOwnershipParams>(async () => notProvided('cancel')),
    loadSlots: fromPromise<AppointmentSlotsAnswer, SlotQuery>(async () => notProvided('loadSlots')),
    reschedule: fromPromise<AppointmentBookedAnswer, AppointmentRescheduleParams>(async () => notProvided('reschedule')),
  },
  guards: {
    referenceOk: ({ context }) => readReference(context.reference) !== null,
    documentOk: ({ context }) => looksLikeDocument(context.idNumber),
    answered: ({ event }) => answered(event as { output?: unknown }),
    hasSlots: ({ event }) => answered(event as { output?: unknown }) && ((event as unknown as { output: { slots: unknown[] } }).output.slots.length > 0),
    isBooked: ({ context }) => context.appointment?.status === 'booked',
    hasFreeDay: ({ context, event }) => event.type === 'day.chosen' && daysWithSlots(context.slots).includes(event.day),
    isFreeSlot: ({ context, event }) => event.type === 'time.chosen' && slotsOfDay(context.slots, context.day).some((slot) => slot.start === event.start),
  },
  actions: {
    setLocale: assign({ locale: ({ context, event }) => (event.type === 'language.changed' ? event.locale : context.locale) }),
  },
}).createMachine({
  id: 'manage',
  context: ({ input }) => ({
    locale: input.locale,
    reference: '',
    idNumber: '',
    fieldProblem: null,
    appointment: null,
    slots: [],
    day: null,
    start: null,
    ticket: null,
    problem: null,
    outcome: 'cancelled',
  }),
  initial: 'reference',
  on: { 'language.changed': { actions: 'setLocale' } },
  states: {
    reference: {
      exit: assign({ fieldProblem: null }),
      on: {
        'reference.changed': { actions: assign({ reference: ({ event }) => event.text, fieldProblem: null }) },
        'reference.submitted': [{ guard: 'referenceOk', target: 'document' }, { actions: assign({ fieldProblem: 'reference' as const }) }],
        'step.back': { target: 'finished', actions: assign({ outcome: 'cancelled' }) },
      },
    },
    document: {
      exit: assign({ fieldProblem: null }),
      on: {
        'idNumber.changed': { actions: assign({ idNumber: ({ event }) => event.text, fieldProblem: null }) },
        'idNumber.submitted': [{ guard: 'documentOk', target: 'finding' }, { actions: assign({ fieldProblem: 'document' as const }) }],
        'step.back': 'reference',
      },
    },
    finding: {
      tags: ['busy'],
      invoke: {
        id: 'find',
        src: 'find',
        input: ({ context }) => ownership(context),
        onDone: [
          { guard: 'answered', target: 'found', actions: assign({ appointment: ({ event }) => (event.output.ok ? event.output.appointment : null), problem: null }) },
          { target: 'notFound', actions: assign({ problem: ({ event }) => problemOf(event.output) }) },
        ],
        onError: { target: 'notFound', actions: assign({ problem: OFFLINE }) },
      },
    },
    notFound: {
      on: {
        'manage.retried': 'finding',
        // Most often a typo: back to the reference, both answers kept for correction.
        'step.back': 'reference',
        'manage.abandoned': { target: 'finished', actions: assign({ outcome: 'cancelled' }) },
      },
    },
    found: {
      on: {
        'cancel.chosen': { guard: 'isBooked', target: 'confirmingCancel' },
        'reschedule.chosen': { guard: 'isBooked', target: 'loadingSlots' },
        'step.back': 'document',
        'manage.abandoned': { target: 'finished', actions: assign({ outcome: 'cancelled' }) },
      },
    },
    confirmingCancel: { on: { 'cancel.confirmed': 'cancelling', 'step.back': 'found' } },
    cancelling: {
      tags: ['busy'],
      invoke: {
        id: 'cancel',
        src: 'cancel',
        input: ({ context }) => ownership(context),
        onDone: [
          { guard: 'answered', target: 'cancelled', actions: assign({ appointment: ({ event }) => (event.output.ok ? event.output.appointment : null), problem: null }) },
          { target: 'failed', actions: assign({ problem: ({ event }) => problemOf(event.output) }) },
        ],
        onError: { target: 'failed', actions: assign({ problem: OFFLINE }) },
      },
    },
    loadingSlots: {
      tags: ['busy'],
      entry: assign({ slots: [], day: null, start: null }),
      invoke: {
        id: 'loadSlots',
        src: 'loadSlots',
        input: ({ context }) => ({ office: context.appointment?.office ?? '', service: context.appointment?.service ?? '', timeZone: context.appointment?.timeZone ?? 'UTC' }),
        onDone: [
          { guard: 'hasSlots', target: 'day', actions: assign({ slots: ({ event }) => (event.output.ok ? event.output.slots : []), problem: null }) },
          { guard: 'answered', target: 'noSlots' },
          { target: 'failed', actions: assign({ problem: ({ event }) => problemOf(event.output) }) },
        ],
        onError: { target: 'failed', actions: assign({ problem: OFFLINE }) },
      },
    },
    noSlots: { on: { 'step.back': 'found' } },
    day: { on: { 'day.chosen': { guard: 'hasFreeDay', target: 'time', actions: assign({ day: ({ event }) => event.day }) }, 'step.back': 'found' } },
    time: { on: { 'time.chosen': { guard: 'isFreeSlot', target: 'confirmingReschedule', actions: assign({ start: ({ event }) => event.start }) }, 'step.back': 'day' } },
    confirmingReschedule: { on: { 'reschedule.confirmed': 'rescheduling', 'step.back': 'time' } },
    rescheduling: {
      tags: ['busy'],
      invoke: {
        id: 'reschedule',
        src: 'reschedule',
        input: ({ context }) => ({ ...ownership(context), start: context.start ?? '' }),
        onDone: [
          {
            guard: 'answered',
            target: 'rescheduled',
            actions: assign({ appointment: ({ event }) => (event.output.ok ? event.output.appointment : null), ticket: ({ event }) => (event.output.ok ? event.output.ticket : null), problem: null }),
          },
          { target: 'failed', actions: assign({ problem: ({ event }) => problemOf(event.output) }) },
        ],
        onError: { target: 'failed', actions: assign({ problem: OFFLINE }) },
      },
    },
    failed: {
      on: {
        // Look the booking up again: it may have changed (taken time, cancelled elsewhere).
        'manage.retried': 'finding',
        'manage.abandoned': { target: 'finished', actions: assign({ outcome: 'cancelled' }) },
      },
    },
    cancelled: { on: { 'manage.finished': { target: 'finished', actions: assign({ outcome: 'done' }) } } },
    rescheduled: { on: { 'manage.finished': { target: 'finished', actions: assign({ outcome: 'done' }) } } },
    finished: { type: 'final' },
  },
  output: ({ context }) => ({ outcome: context.outcome }),
});

export type ManageMachine = typeof manageMachine;
