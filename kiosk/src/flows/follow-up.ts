import { assign, fromPromise, setup } from 'xstate';
import { classifyFollowUpQuery, type FollowUpLookup, type KioskLocale, type ReferenceProblem } from '@kiosk/shared';

/**
 * Follow-up: type the reference from the receipt (or the request number a web or phone filing
 * gave) or scan the receipt's QR code, then read the status in words, the public notes and the
 * expected date. What was typed is checked here first (parseReference's check character), so a
 * typo is explained on the kiosk without asking anyone. When the hub cannot be reached the kiosk
 * says so honestly. The session invokes this machine with the citizen's language.
 */

export interface FollowUpInput {
  readonly locale: KioskLocale;
}

export interface FollowUpOutput {
  readonly outcome: 'done' | 'cancelled';
}

/** What this journey needs from the world (the renderer implements it over KioskClient). */
export interface FollowUpEffects {
  lookUpFollowUp(locale: KioskLocale, query: string): Promise<FollowUpLookup>;
}

/** Why what was typed or scanned cannot be looked up; `not-ours` is a scanned code from elsewhere. */
export type FollowUpInputProblem = ReferenceProblem | 'not-ours';

export interface FollowUpContext {
  locale: KioskLocale;
  outcome: FollowUpOutput['outcome'];
  /** What the citizen typed so far (the field's text). */
  text: string;
  problem: FollowUpInputProblem | null;
  /** The checked form sent to the agent (display reference or request number). */
  query: string | null;
  result: FollowUpLookup | null;
}

/** Longest text the field takes: a display reference is 12 characters, a request number at most 12 digits. */
export const FOLLOW_UP_MAX_INPUT = 14;

export type FollowUpEvent =
  | { type: 'language.changed'; locale: KioskLocale }
  | { type: 'text.changed'; text: string }
  | { type: 'text.submitted' }
  /** A scanner read a receipt's QR (status URL) or a printed reference: `value` is the reference, or null when the code is not ours. */
  | { type: 'code.scanned'; value: string | null }
  | { type: 'lookup.retried' }
  | { type: 'another.requested' }
  | { type: 'step.back' }
  | { type: 'followUp.finished' }
  | { type: 'followUp.abandoned' };

function notProvided(name: string): never {
  throw new Error(`the host must provide the ${name} actor (machine.provide)`);
}

export const followUpMachine = setup({
  types: {
    input: {} as FollowUpInput,
    context: {} as FollowUpContext,
    events: {} as FollowUpEvent,
    output: {} as FollowUpOutput,
  },
  actors: {
    lookUp: fromPromise<FollowUpLookup, { locale: KioskLocale; query: string }>(async () => notProvided('lookUp')),
  },
  guards: {
    textIsValid: ({ context }) => classifyFollowUpQuery(context.text).ok,
    scanIsValid: ({ event }) => event.type === 'code.scanned' && event.value !== null && classifyFollowUpQuery(event.value).ok,
    wasFound: ({ event }) => (event as { output?: FollowUpLookup }).output?.outcome === 'found',
    isWaitingHere: ({ event }) => (event as { output?: FollowUpLookup }).output?.outcome === 'waiting-here',
    wasNotFound: ({ event }) => (event as { output?: FollowUpLookup }).output?.outcome === 'not-found',
  },
  actions: {
    setLocale: assign({ locale: ({ context, event }) => (event.type === 'language.changed' ? event.locale : context.locale) }),
    checkText: assign(({ context }) => {
      const checked = classifyFollowUpQuery(context.text);
      return checked.ok ? { query: checked.value, problem: null } : { query: null, problem: checked.problem };
    }),
    takeScan: assign(({ event }) => {
      const checked = classifyFollowUpQuery(event.type === 'code.scanned' ? (event.value ?? '') : '');
      return checked.ok ? { text: checked.value, query: checked.value, problem: null } : {};
    }),
    refuseScan: assign({ problem: 'not-ours' as const }),
    keepResult: assign({ result: ({ event }) => (event as { output?: FollowUpLookup }).output ?? null }),
  },
}).createMachine({
  id: 'followUp',
  context: ({ input }) => ({ locale: input.locale, outcome: 'cancelled', text: '', problem: null, query: null, result: null }),
  initial: 'entering',
  on: {
    'language.changed': { actions: 'setLocale' },
    'followUp.abandoned': '.finished',
  },
  states: {
    entering: {
      on: {
        'text.changed': { actions: assign({ text: ({ event }) => event.text.slice(0, FOLLOW_UP_MAX_INPUT), problem: null }) },
        'text.submitted': [{ guard: 'textIsValid', target: 'looking', actions: 'checkText' }, { actions: 'checkText' }],
        'code.scanned': [{ guard: 'scanIsValid', target: 'looking', actions: 'takeScan' }, { actions: 'refuseScan' }],
        'step.back': 'finished',
      },
    },
    looking: {
      tags: ['busy'],
      invoke: {
        id: 'lookUp',
        src: 'lookUp',
        input: ({ context }) => ({ locale: context.locale, query: context.query ?? '' }),
        onDone: [
          { guard: 'wasFound', target: 'showing', actions: 'keepResult' },
          { guard: 'isWaitingHere', target: 'showing', actions: 'keepResult' },
          { guard: 'wasNotFound', target: 'notFound', actions: 'keepResult' },
          { target: 'unreachable', actions: 'keepResult' },
        ],
        // The agent itself did not answer: to the citizen this is the same as "cannot check now".
        onError: { target: 'unreachable', actions: assign({ result: null }) },
      },
    },
    showing: {
      on: {
        // Service name and notes' dates in the new language.
        'language.changed': { target: 'looking', actions: 'setLocale' },
        'another.requested': { target: 'entering', actions: assign({ text: '', query: null, result: null, problem: null }) },
        'step.back': { target: 'entering', actions: assign({ result: null }) },
        'followUp.finished': { target: 'finished', actions: assign({ outcome: 'done' as const }) },
      },
    },
    notFound: {
      on: {
        // Back to the field with the text kept: most often one character was misread.
        'step.back': { target: 'entering', actions: assign({ result: null }) },
        'another.requested': { target: 'entering', actions: assign({ text: '', query: null, result: null, problem: null }) },
      },
    },
    unreachable: {
      on: {
        'lookup.retried': 'looking',
        'step.back': { target: 'entering', actions: assign({ result: null }) },
      },
    },
    finished: { type: 'final' },
  },
  output: ({ context }) => ({ outcome: context.outcome }),
});

export type FollowUpMachine = typeof followUpMachine;

/** The journey machine with its effects wired (see flows/index.ts createKioskSessionMachine). */
export function createFollowUpFlow(effects: FollowUpEffects) {
  return followUpMachine.provide({
    actors: {
      lookUp: fromPromise<FollowUpLookup, { locale: KioskLocale; query: string }>(({ input }) => effects.lookUpFollowUp(input.locale, input.query)),
    },
  });
}
