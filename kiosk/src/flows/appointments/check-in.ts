import { assign, fromPromise, setup } from 'xstate';
import type { AppointmentCheckInParams, AppointmentProblem, CheckInCode, KioskLocale, KioskTurn, ReceiptOutcome, TurnIssuedAnswer } from '@kiosk/shared';
import { looksLikeDocument, readReference } from './answers.js';
import { OFFLINE, notProvided } from './effects.js';

/**
 * Checking in for an appointment: scan its QR code (at any step: the scanner types it), type the
 * reference, or type the ID document it was booked with (today's appointment). The hub issues the
 * turn, the agent prints the turn ticket. Each refusal (already used, too early, another office...)
 * is kept as a code the screen explains with what to do next.
 */

export interface CheckInInput {
  readonly locale: KioskLocale;
}

export type CheckInFieldProblem = 'reference' | 'document';

export interface CheckInContext {
  locale: KioskLocale;
  reference: string;
  idNumber: string;
  code: CheckInCode | null;
  fieldProblem: CheckInFieldProblem | null;
  problem: AppointmentProblem | null;
  turn: KioskTurn | null;
  ticket: ReceiptOutcome | null;
  outcome: 'done' | 'cancelled';
}

export type CheckInEvent =
  | { type: 'language.changed'; locale: KioskLocale }
  | { type: 'method.chosen'; method: 'reference' | 'document' }
  | { type: 'code.scanned'; payload: string }
  | { type: 'reference.changed'; text: string }
  | { type: 'reference.submitted' }
  | { type: 'idNumber.changed'; text: string }
  | { type: 'idNumber.submitted' }
  | { type: 'step.back' }
  | { type: 'checkIn.retried' }
  | { type: 'checkIn.restarted' }
  | { type: 'checkIn.finished' }
  | { type: 'checkIn.abandoned' };

const scanned = { target: '#checkIn.checkingIn', actions: 'rememberScan' } as const;

export const checkInMachine = setup({
  types: {
    input: {} as CheckInInput,
    context: {} as CheckInContext,
    events: {} as CheckInEvent,
    output: {} as { outcome: 'done' | 'cancelled' },
  },
  actors: {
    checkIn: fromPromise<TurnIssuedAnswer, AppointmentCheckInParams>(async () => notProvided('checkIn')),
  },
  guards: {
    wantsReference: ({ event }) => event.type === 'method.chosen' && event.method === 'reference',
    wantsDocument: ({ event }) => event.type === 'method.chosen' && event.method === 'document',
    referenceOk: ({ context }) => readReference(context.reference) !== null,
    documentOk: ({ context }) => looksLikeDocument(context.idNumber),
    hasScan: ({ event }) => event.type === 'code.scanned' && event.payload.trim().length > 0 && event.payload.length <= 512,
    issued: ({ event }) => 'output' in event && (event.output as TurnIssuedAnswer).ok,
    wasOffline: ({ context }) => context.problem === 'offline',
  },
  actions: {
    setLocale: assign({ locale: ({ context, event }) => (event.type === 'language.changed' ? event.locale : context.locale) }),
    // The scanner types what it read; the hub decides whether it is one of its codes.
    rememberScan: assign({ code: ({ context, event }) => (event.type === 'code.scanned' ? { kind: 'qr' as const, payload: event.payload.trim() } : context.code) }),
  },
}).createMachine({
  id: 'checkIn',
  context: ({ input }) => ({ locale: input.locale, reference: '', idNumber: '', code: null, fieldProblem: null, problem: null, turn: null, ticket: null, outcome: 'cancelled' }),
  initial: 'choosing',
  on: { 'language.changed': { actions: 'setLocale' } },
  states: {
    choosing: {
      on: {
        'method.chosen': [{ guard: 'wantsReference', target: 'reference' }, { guard: 'wantsDocument', target: 'document' }],
        'code.scanned': { guard: 'hasScan', ...scanned },
        'step.back': { target: 'finished', actions: assign({ outcome: 'cancelled' }) },
      },
    },
    reference: {
      exit: assign({ fieldProblem: null }),
      on: {
        'reference.changed': { actions: assign({ reference: ({ event }) => event.text, fieldProblem: null }) },
        'reference.submitted': [
          { guard: 'referenceOk', target: 'checkingIn', actions: assign({ code: ({ context }) => ({ kind: 'reference' as const, reference: readReference(context.reference) ?? '' }) }) },
          { actions: assign({ fieldProblem: 'reference' as const }) },
        ],
        'code.scanned': { guard: 'hasScan', ...scanned },
        'step.back': 'choosing',
      },
    },
    document: {
      exit: assign({ fieldProblem: null }),
      on: {
        'idNumber.changed': { actions: assign({ idNumber: ({ event }) => event.text, fieldProblem: null }) },
        'idNumber.submitted': [
          { guard: 'documentOk', target: 'checkingIn', actions: assign({ code: ({ context }) => ({ kind: 'id-document' as const, number: context.idNumber.trim() }) }) },
          { actions: assign({ fieldProblem: 'document' as const }) },
        ],
        'code.scanned': { guard: 'hasScan', ...scanned },
        'step.back': 'choosing',
      },
    },
    checkingIn: {
      tags: ['busy'],
      invoke: {
        id: 'checkInCall',
        src: 'checkIn',
        input: ({ context }) => {
          if (context.code === null) throw new Error('check-in: no code');
          return { code: context.code, locale: context.locale };
        },
        onDone: [
          { guard: 'issued', target: 'checkedIn', actions: assign({ turn: ({ event }) => (event.output.ok ? event.output.turn : null), ticket: ({ event }) => (event.output.ok ? event.output.ticket : null), problem: null }) },
          { target: 'refused', actions: assign({ problem: ({ event }) => (event.output.ok ? null : event.output.problem) }) },
        ],
        onError: { target: 'refused', actions: assign({ problem: OFFLINE }) },
      },
    },
    refused: {
      on: {
        // Only a hub that did not answer is worth asking again with the same code.
        'checkIn.retried': { guard: 'wasOffline', target: 'checkingIn' },
        'checkIn.restarted': { target: 'choosing', actions: assign({ reference: '', idNumber: '', code: null, problem: null }) },
        'code.scanned': { guard: 'hasScan', ...scanned },
        'checkIn.abandoned': { target: 'finished', actions: assign({ outcome: 'cancelled' }) },
      },
    },
    checkedIn: { on: { 'checkIn.finished': { target: 'finished', actions: assign({ outcome: 'done' }) } } },
    finished: { type: 'final' },
  },
  output: ({ context }) => ({ outcome: context.outcome }),
});

export type CheckInMachine = typeof checkInMachine;
