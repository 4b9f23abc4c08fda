import { assign, fromPromise, setup } from 'xstate';
import type {
  AppointmentBookParams,
  AppointmentBookedAnswer,
  AppointmentProblem,
  AppointmentSlot,
  AppointmentSlotsAnswer,
  ContactPreference,
  IdDocumentKind,
  KioskAppointment,
  KioskLocale,
  KioskOffice,
  ReceiptOutcome,
} from '@kiosk/shared';
import { checkDocument, checkEmail, checkName, checkPhone, daysWithSlots, slotsOfDay } from './answers.js';
import { OFFLINE, notProvided, type SlotQuery } from './effects.js';

/**
 * Booking an appointment, one question per screen: service -> office -> day -> time -> name ->
 * document kind -> document number -> contact preference (ticket only, SMS or e-mail, then the
 * number or address and consent) -> check answers -> book. The hub is needed to book: when it
 * cannot be reached the journey says so and offers a walk-in turn or to come back.
 */

export interface BookingInput {
  readonly locale: KioskLocale;
  readonly offices: readonly KioskOffice[];
}

export type ContactChannel = ContactPreference['channel'];
export type BookingFieldProblem = 'name-empty' | 'name-characters' | 'document-empty' | 'document-format' | 'document-check-letter' | 'phone' | 'email';

export interface BookingContext {
  locale: KioskLocale;
  offices: readonly KioskOffice[];
  serviceCode: string | null;
  officeCode: string | null;
  slots: readonly AppointmentSlot[];
  day: string | null;
  start: string | null;
  name: string;
  idKind: IdDocumentKind | null;
  idNumber: string;
  channel: ContactChannel | null;
  phone: string;
  email: string;
  fieldProblem: BookingFieldProblem | null;
  problem: AppointmentProblem | null;
  appointment: KioskAppointment | null;
  ticket: ReceiptOutcome | null;
  outcome: BookingOutput['outcome'];
}

export interface BookingOutput {
  /** `walk-in`: the hub refused or was unreachable and the citizen chose a walk-in turn instead. */
  readonly outcome: 'done' | 'cancelled' | 'walk-in';
}

export type BookingEvent =
  | { type: 'language.changed'; locale: KioskLocale }
  | { type: 'service.chosen'; code: string }
  | { type: 'office.chosen'; code: string }
  | { type: 'day.chosen'; day: string }
  | { type: 'time.chosen'; start: string }
  | { type: 'name.changed'; text: string }
  | { type: 'name.submitted' }
  | { type: 'idKind.chosen'; kind: IdDocumentKind }
  | { type: 'idNumber.changed'; text: string }
  | { type: 'idNumber.submitted' }
  | { type: 'contact.chosen'; channel: ContactChannel }
  | { type: 'phone.changed'; text: string }
  | { type: 'phone.submitted' }
  | { type: 'email.changed'; text: string }
  | { type: 'email.submitted' }
  | { type: 'consent.given' }
  | { type: 'consent.refused' }
  | { type: 'review.confirmed' }
  | { type: 'step.back' }
  | { type: 'slots.retried' }
  | { type: 'booking.retried' }
  | { type: 'answers.corrected' }
  | { type: 'walkIn.chosen' }
  | { type: 'booking.finished' }
  | { type: 'booking.abandoned' };

/** The office with its zone, when the citizen chose one that offers the chosen service. */
export function chosenOffice(context: Pick<BookingContext, 'offices' | 'officeCode'>): KioskOffice | null {
  return context.offices.find((office) => office.code === context.officeCode) ?? null;
}

/** What the agent receives; only reachable from `review`, where every answer is known. */
export function bookParamsFrom(context: BookingContext): AppointmentBookParams {
  const office = chosenOffice(context);
  if (office === null || context.serviceCode === null || context.start === null || context.idKind === null || context.channel === null) {
    throw new Error('booking: an answer is missing');
  }
  const contact: ContactPreference =
    context.channel === 'sms'
      ? { channel: 'sms', phone: context.phone.trim(), consent: true }
      : context.channel === 'email'
        ? { channel: 'email', email: context.email.trim(), consent: true }
        : { channel: 'ticket' };
  return {
    office: office.code,
    service: context.serviceCode,
    start: context.start,
    name: context.name.trim(),
    idDocument: { kind: context.idKind, number: context.idNumber.trim() },
    contact,
    locale: context.locale,
  };
}

function documentProblem(context: BookingContext): BookingFieldProblem | null {
  const problem = checkDocument(context.idKind ?? 'dni', context.idNumber);
  return problem === null ? null : (`document-${problem}` as const);
}

export const bookingMachine = setup({
  types: {
    input: {} as BookingInput,
    context: {} as BookingContext,
    events: {} as BookingEvent,
    output: {} as BookingOutput,
  },
  actors: {
    loadSlots: fromPromise<AppointmentSlotsAnswer, SlotQuery>(async () => notProvided('loadSlots')),
    book: fromPromise<AppointmentBookedAnswer, AppointmentBookParams>(async () => notProvided('book')),
  },
  guards: {
    offersService: ({ context, event }) => event.type === 'service.chosen' && context.offices.some((office) => office.services.some((s) => s.code === event.code)),
    officeOffersService: ({ context, event }) =>
      event.type === 'office.chosen' && context.offices.some((office) => office.code === event.code && office.services.some((s) => s.code === context.serviceCode)),
    hasFreeDay: ({ context, event }) => event.type === 'day.chosen' && daysWithSlots(context.slots).includes(event.day),
    isFreeSlot: ({ context, event }) => event.type === 'time.chosen' && slotsOfDay(context.slots, context.day).some((slot) => slot.start === event.start),
    nameOk: ({ context }) => checkName(context.name) === null,
    documentOk: ({ context }) => documentProblem(context) === null,
    wantsTicketOnly: ({ event }) => event.type === 'contact.chosen' && event.channel === 'ticket',
    wantsSms: ({ event }) => event.type === 'contact.chosen' && event.channel === 'sms',
    wantsEmail: ({ event }) => event.type === 'contact.chosen' && event.channel === 'email',
    phoneOk: ({ context }) => checkPhone(context.phone),
    emailOk: ({ context }) => checkEmail(context.email),
    answeredSms: ({ context }) => context.channel === 'sms',
    answeredEmail: ({ context }) => context.channel === 'email',
    slotsFound: ({ event }) => 'output' in event && (event.output as AppointmentSlotsAnswer).ok && ((event.output as AppointmentSlotsAnswer & { ok: true }).slots.length > 0),
    slotsAnswered: ({ event }) => 'output' in event && (event.output as AppointmentSlotsAnswer).ok,
    booked: ({ event }) => 'output' in event && (event.output as AppointmentBookedAnswer).ok,
    slotTaken: ({ event }) => 'output' in event && !(event.output as AppointmentBookedAnswer).ok && (event.output as { problem: AppointmentProblem }).problem === 'slot-taken',
    documentRefused: ({ context }) => context.problem === 'invalid-id-document',
    contactRefused: ({ context }) => context.problem === 'invalid-contact',
  },
  actions: {
    setLocale: assign({ locale: ({ context, event }) => (event.type === 'language.changed' ? event.locale : context.locale) }),
    clearFieldProblem: assign({ fieldProblem: null }),
  },
}).createMachine({
  id: 'booking',
  context: ({ input }) => ({
    locale: input.locale,
    offices: input.offices,
    serviceCode: null,
    officeCode: null,
    slots: [],
    day: null,
    start: null,
    name: '',
    idKind: null,
    idNumber: '',
    channel: null,
    phone: '',
    email: '',
    fieldProblem: null,
    problem: null,
    appointment: null,
    ticket: null,
    outcome: 'cancelled',
  }),
  initial: 'service',
  on: { 'language.changed': { actions: 'setLocale' } },
  states: {
    service: {
      on: {
        'service.chosen': { guard: 'offersService', target: 'office', actions: assign({ serviceCode: ({ event }) => event.code }) },
        'step.back': { target: 'finished', actions: assign({ outcome: 'cancelled' }) },
      },
    },
    office: {
      on: {
        'office.chosen': { guard: 'officeOffersService', target: 'loadingSlots', actions: assign({ officeCode: ({ event }) => event.code }) },
        'step.back': 'service',
      },
    },
    loadingSlots: {
      tags: ['busy'],
      entry: assign({ slots: [], day: null, start: null }),
      invoke: {
        id: 'loadSlots',
        src: 'loadSlots',
        input: ({ context }) => ({ office: context.officeCode ?? '', service: context.serviceCode ?? '', timeZone: chosenOffice(context)?.timeZone ?? 'UTC' }),
        onDone: [
          { guard: 'slotsFound', target: 'day', actions: assign({ slots: ({ event }) => (event.output.ok ? event.output.slots : []), problem: null }) },
          { guard: 'slotsAnswered', target: 'noSlots', actions: assign({ problem: null }) },
          { target: 'slotsFailed', actions: assign({ problem: ({ event }) => (event.output.ok ? null : event.output.problem) }) },
        ],
        onError: { target: 'slotsFailed', actions: assign({ problem: OFFLINE }) },
      },
    },
    noSlots: { on: { 'step.back': 'office', 'walkIn.chosen': { target: 'finished', actions: assign({ outcome: 'walk-in' }) } } },
    slotsFailed: {
      on: {
        'slots.retried': 'loadingSlots',
        'walkIn.chosen': { target: 'finished', actions: assign({ outcome: 'walk-in' }) },
        'step.back': 'office',
      },
    },
    day: {
      on: {
        'day.chosen': { guard: 'hasFreeDay', target: 'time', actions: assign({ day: ({ event }) => event.day }) },
        'step.back': 'office',
      },
    },
    time: {
      on: {
        'time.chosen': { guard: 'isFreeSlot', target: 'name', actions: assign({ start: ({ event }) => event.start }) },
        'step.back': 'day',
      },
    },
    name: {
      exit: 'clearFieldProblem',
      on: {
        'name.changed': { actions: assign({ name: ({ event }) => event.text, fieldProblem: null }) },
        'name.submitted': [
          { guard: 'nameOk', target: 'idKind' },
          { actions: assign({ fieldProblem: ({ context }) => (checkName(context.name) === 'empty' ? 'name-empty' : 'name-characters') }) },
        ],
        'step.back': 'time',
      },
    },
    idKind: {
      on: {
        'idKind.chosen': { target: 'idNumber', actions: assign({ idKind: ({ event }) => event.kind }) },
        'step.back': 'name',
      },
    },
    idNumber: {
      exit: 'clearFieldProblem',
      on: {
        'idNumber.changed': { actions: assign({ idNumber: ({ event }) => event.text, fieldProblem: null }) },
        'idNumber.submitted': [{ guard: 'documentOk', target: 'contact' }, { actions: assign({ fieldProblem: ({ context }) => documentProblem(context) }) }],
        'step.back': 'idKind',
      },
    },
    contact: {
      on: {
        'contact.chosen': [
          { guard: 'wantsTicketOnly', target: 'review', actions: assign({ channel: 'ticket' as const }) },
          { guard: 'wantsSms', target: 'phone', actions: assign({ channel: 'sms' as const }) },
          { guard: 'wantsEmail', target: 'email', actions: assign({ channel: 'email' as const }) },
        ],
        'step.back': 'idNumber',
      },
    },
    phone: {
      exit: 'clearFieldProblem',
      on: {
        'phone.changed': { actions: assign({ phone: ({ event }) => event.text, fieldProblem: null }) },
        'phone.submitted': [{ guard: 'phoneOk', target: 'consent' }, { actions: assign({ fieldProblem: 'phone' as const }) }],
        'step.back': 'contact',
      },
    },
    email: {
      exit: 'clearFieldProblem',
      on: {
        'email.changed': { actions: assign({ email: ({ event }) => event.text, fieldProblem: null }) },
        'email.submitted': [{ guard: 'emailOk', target: 'consent' }, { actions: assign({ fieldProblem: 'email' as const }) }],
        'step.back': 'contact',
      },
    },
    consent: {
      on: {
        'consent.given': 'review',
        // No consent, no messages: the printed ticket is enough. The number or address is dropped.
        'consent.refused': { target: 'review', actions: assign({ channel: 'ticket' as const, phone: '', email: '' }) },
        'step.back': [{ guard: 'answeredSms', target: 'phone' }, { guard: 'answeredEmail', target: 'email' }, { target: 'contact' }],
      },
    },
    review: {
      on: {
        'review.confirmed': 'booking',
        'step.back': 'contact',
      },
    },
    booking: {
      tags: ['busy'],
      invoke: {
        id: 'book',
        src: 'book',
        input: ({ context }) => bookParamsFrom(context),
        onDone: [
          {
            guard: 'booked',
            target: 'booked',
            actions: assign({
              appointment: ({ event }) => (event.output.ok ? event.output.appointment : null),
              ticket: ({ event }) => (event.output.ok ? event.output.ticket : null),
              problem: null,
            }),
          },
          { guard: 'slotTaken', target: 'slotTaken', actions: assign({ problem: 'slot-taken' as const }) },
          { target: 'failed', actions: assign({ problem: ({ event }) => (event.output.ok ? null : event.output.problem) }) },
        ],
        onError: { target: 'failed', actions: assign({ problem: OFFLINE }) },
      },
    },
    slotTaken: {
      on: {
        'slots.retried': 'loadingSlots',
        'booking.abandoned': { target: 'finished', actions: assign({ outcome: 'cancelled' }) },
      },
    },
    failed: {
      on: {
        'booking.retried': 'booking',
        'answers.corrected': [{ guard: 'documentRefused', target: 'idNumber' }, { guard: 'contactRefused', target: 'contact' }, { target: 'review' }],
        'walkIn.chosen': { target: 'finished', actions: assign({ outcome: 'walk-in' }) },
        'booking.abandoned': { target: 'finished', actions: assign({ outcome: 'cancelled' }) },
      },
    },
    booked: { on: { 'booking.finished': { target: 'finished', actions: assign({ outcome: 'done' }) } } },
    finished: { type: 'final' },
  },
  output: ({ context }) => ({ outcome: context.outcome }),
});

export type BookingMachine = typeof bookingMachine;
