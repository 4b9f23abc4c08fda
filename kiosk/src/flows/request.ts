import { assign, fromPromise, setup } from 'xstate';
import type { CatalogAttribute, CatalogService, CitizenContact, FilingResult, KioskLocale, Landmark, RequestDraft, RequestLocation } from '@kiosk/shared';
import { checkDescription, type DescriptionProblem } from './description.js';
import { failureCodeOf, type RequestFailureCode } from './failure.js';
import { answersForDraft, checkAnswer, type AnswerProblem, type AnswerValue } from './request/answers.js';
import { checkAddress, checkContact, landmarkLocation, type ContactChannelChoice, type ContactProblem, type LocationProblem } from './request/place.js';

export * from './request/answers.js';
export * from './request/place.js';

/**
 * Filing a request: choose a service, answer its questions one per screen, say where (when the
 * service needs a place), describe it, optionally say how to hear back (with consent), read the
 * privacy notice, check the answers, send. Two parallel regions: `catalog` keeps the service list
 * loaded in the current language (reloading on a language change), `steps` is the journey.
 * Before the review, the agent is asked whether a receipt can print, so the citizen learns it
 * BEFORE sending (and gets the reference as a large QR instead). Effects (`loadCatalog`,
 * `checkPrinter`, `submitRequest`) come from the host; this file knows no transport.
 * Everything personal lives in this machine's context only and dies with it.
 */

export interface RequestInput {
  readonly locale: KioskLocale;
}

export interface CatalogLoad {
  readonly services: readonly CatalogService[];
  /** Places the location step lists; optional for hosts (and tests) without any. */
  readonly landmarks?: readonly Landmark[];
  /** The agent served its cached copy because the hub was unreachable. */
  readonly stale: boolean;
}

/** `filed`: the citizen got a reference; `cancelled`: they left before that (from `step`). */
export interface RequestOutput {
  readonly outcome: 'filed' | 'cancelled';
  readonly step?: string;
}

export type ReviewSection = 'service' | 'answers' | 'location' | 'description' | 'contact';

export interface RequestContext {
  locale: KioskLocale;
  catalog: CatalogLoad | null;
  serviceCode: string | null;
  /** Index into the chosen service's attributes (informational ones included). */
  questionIndex: number;
  answers: Record<string, AnswerValue>;
  answerProblem: AnswerProblem | null;
  location: RequestLocation | null;
  locationText: string;
  locationProblem: LocationProblem | null;
  description: string;
  descriptionProblem: DescriptionProblem | null;
  contactChannel: ContactChannelChoice | null;
  contactValue: string;
  contactProblem: ContactProblem | null;
  consent: boolean;
  /** What the agent said before the review: false = no printed receipt, the QR replaces it. */
  receiptAvailable: boolean | null;
  filing: FilingResult | null;
  failure: RequestFailureCode | null;
  /** Minted once, when the citizen first confirms; retries resend the same id (no duplicates). */
  draftId: string | null;
}

export type RequestEvent =
  | { type: 'language.changed'; locale: KioskLocale }
  | { type: 'catalog.retried' }
  | { type: 'service.chosen'; serviceCode: string }
  | { type: 'answer.changed'; value: AnswerValue }
  | { type: 'answer.submitted' }
  | { type: 'answer.skipped' }
  | { type: 'location.landmarkChosen'; landmarkId: string }
  | { type: 'location.textChanged'; text: string }
  | { type: 'location.submitted' }
  | { type: 'description.changed'; text: string }
  | { type: 'description.submitted' }
  | { type: 'contact.channelChosen'; channel: ContactChannelChoice }
  | { type: 'contact.changed'; text: string }
  | { type: 'contact.submitted' }
  | { type: 'consent.given' }
  | { type: 'consent.declined' }
  | { type: 'review.edit'; section: ReviewSection }
  | { type: 'review.confirmed' }
  | { type: 'step.back' }
  | { type: 'submission.retried' }
  | { type: 'request.finished' }
  | { type: 'request.abandoned' };

function notProvided(name: string): never {
  throw new Error(`the host must provide the ${name} actor (machine.provide)`);
}

export function chosenService(context: RequestContext): CatalogService | null {
  return context.catalog?.services.find((service) => service.serviceCode === context.serviceCode) ?? null;
}

/** The chosen service's questions in the definition's order. */
export function questionsOf(context: RequestContext): readonly CatalogAttribute[] {
  return chosenService(context)?.attributes ?? [];
}

export function currentQuestion(context: RequestContext): CatalogAttribute | null {
  return questionsOf(context)[context.questionIndex] ?? null;
}

/** The contact as the hub takes it: only an e-mail or SMS channel the citizen consented to. */
export function contactOf(context: RequestContext): CitizenContact | undefined {
  if (!context.consent || context.contactChannel === null || context.contactChannel === 'none') return undefined;
  const value = context.contactValue.trim();
  return context.contactChannel === 'email' ? { channel: 'email', email: value, consent: true } : { channel: 'sms', phone: value, consent: true };
}

/** Builds what the agent receives; only reachable once a service is chosen (see isReadyToSubmit). */
export function draftFrom(context: RequestContext): RequestDraft {
  if (context.serviceCode === null) throw new Error('no service chosen');
  if (context.draftId === null) throw new Error('no draft id minted');
  const contact = contactOf(context);
  return {
    draftId: context.draftId,
    serviceCode: context.serviceCode,
    description: context.description.trim(),
    attributes: answersForDraft(questionsOf(context), context.answers),
    locale: context.locale,
    ...(context.location === null || chosenService(context)?.locationless === true ? {} : { location: context.location }),
    ...(contact === undefined ? {} : { contact }),
  };
}

const needsLocation = (context: RequestContext) => chosenService(context)?.locationless === false;
const hasQuestions = (context: RequestContext) => questionsOf(context).length > 0;
const lastQuestion = (context: RequestContext) => Math.max(0, questionsOf(context).length - 1);
const currentAnswerProblem = (context: RequestContext) => {
  const question = currentQuestion(context);
  return question === null ? null : checkAnswer(question, context.answers[question.code]);
};

export const requestMachine = setup({
  types: {
    input: {} as RequestInput,
    context: {} as RequestContext,
    events: {} as RequestEvent,
    output: {} as RequestOutput,
  },
  actors: {
    loadCatalog: fromPromise<CatalogLoad, { locale: KioskLocale }>(async () => notProvided('loadCatalog')),
    /** true: the printer can print a receipt now; false: it cannot (out of paper, offline...). */
    checkPrinter: fromPromise<boolean>(async () => notProvided('checkPrinter')),
    submitRequest: fromPromise<FilingResult, RequestDraft>(async () => notProvided('submitRequest')),
  },
  guards: {
    isKnownService: ({ context, event }) =>
      event.type === 'service.chosen' &&
      (context.catalog?.services.some((service) => service.serviceCode === event.serviceCode) ?? false),
    hasQuestions: ({ context }) => hasQuestions(context),
    needsLocation: ({ context }) => needsLocation(context),
    answerIsFine: ({ context }) => currentAnswerProblem(context) === null,
    isOptionalQuestion: ({ context }) => currentQuestion(context)?.required !== true,
    hasNextQuestion: ({ context }) => context.questionIndex < questionsOf(context).length - 1,
    isFirstQuestion: ({ context }) => context.questionIndex === 0,
    isKnownLandmark: ({ context, event }) => event.type === 'location.landmarkChosen' && (context.catalog?.landmarks ?? []).some((l) => l.id === event.landmarkId),
    addressIsFine: ({ context }) => 'location' in checkAddress(context.locationText),
    hasDescription: ({ context }) => checkDescription(context.description) === null,
    wantsNoContact: ({ event }) => event.type === 'contact.channelChosen' && event.channel === 'none',
    contactIsFine: ({ context }) => context.contactChannel !== null && context.contactChannel !== 'none' && checkContact(context.contactChannel, context.contactValue) === null,
    chosePrintedOnly: ({ context }) => context.contactChannel === 'none',
    isReadyToSubmit: ({ context }) => context.serviceCode !== null && checkDescription(context.description) === null && (!needsLocation(context) || context.location !== null),
    hasCatalog: ({ context }) => context.catalog !== null,
    editsService: ({ event }) => event.type === 'review.edit' && event.section === 'service',
    editsAnswers: ({ context, event }) => event.type === 'review.edit' && event.section === 'answers' && hasQuestions(context),
    editsLocation: ({ context, event }) => event.type === 'review.edit' && event.section === 'location' && needsLocation(context),
    editsDescription: ({ event }) => event.type === 'review.edit' && event.section === 'description',
    editsContact: ({ event }) => event.type === 'review.edit' && event.section === 'contact',
  },
  actions: {
    setLocale: assign({
      locale: ({ context, event }) => (event.type === 'language.changed' ? event.locale : context.locale),
    }),
    // A different service asks different questions: answers and place of the old one go.
    chooseService: assign(({ context, event }) => {
      if (event.type !== 'service.chosen' || event.serviceCode === context.serviceCode) return {};
      return { serviceCode: event.serviceCode, answers: {}, questionIndex: 0, answerProblem: null, location: null, locationText: '', locationProblem: null };
    }),
    firstQuestion: assign({ questionIndex: 0, answerProblem: null }),
    lastQuestion: assign({ questionIndex: ({ context }) => lastQuestion(context), answerProblem: null }),
    nextQuestion: assign({ questionIndex: ({ context }) => context.questionIndex + 1, answerProblem: null }),
    previousQuestion: assign({ questionIndex: ({ context }) => Math.max(0, context.questionIndex - 1), answerProblem: null }),
    setAnswer: assign({
      answers: ({ context, event }) => {
        const question = currentQuestion(context);
        if (event.type !== 'answer.changed' || question === null) return context.answers;
        return { ...context.answers, [question.code]: event.value };
      },
      answerProblem: null,
    }),
    clearAnswer: assign({
      answers: ({ context }) => {
        const code = currentQuestion(context)?.code;
        if (code === undefined) return context.answers;
        const { [code]: _dropped, ...rest } = context.answers;
        return rest;
      },
      answerProblem: null,
    }),
    flagAnswerProblem: assign({ answerProblem: ({ context }) => currentAnswerProblem(context) }),
    chooseLandmark: assign(({ context, event }) => {
      const landmark = event.type === 'location.landmarkChosen' ? context.catalog?.landmarks?.find((l) => l.id === event.landmarkId) : undefined;
      return landmark === undefined ? {} : { location: landmarkLocation(landmark), locationText: '', locationProblem: null };
    }),
    setLocationText: assign({
      locationText: ({ context, event }) => (event.type === 'location.textChanged' ? event.text : context.locationText),
      locationProblem: null,
    }),
    useTypedAddress: assign(({ context }) => {
      const checked = checkAddress(context.locationText);
      return 'location' in checked ? { location: checked.location, locationProblem: null } : {};
    }),
    flagLocationProblem: assign(({ context }) => {
      const checked = checkAddress(context.locationText);
      return { locationProblem: 'problem' in checked ? checked.problem : null };
    }),
    setDescription: assign({
      description: ({ context, event }) => (event.type === 'description.changed' ? event.text : context.description),
      descriptionProblem: null,
    }),
    flagDescriptionProblem: assign({ descriptionProblem: ({ context }) => checkDescription(context.description) }),
    chooseChannel: assign(({ context, event }) => {
      if (event.type !== 'contact.channelChosen') return {};
      // Switching between e-mail and SMS: the other channel's text is not an address of this one.
      const keep = event.channel === context.contactChannel;
      return { contactChannel: event.channel, contactValue: keep ? context.contactValue : '', contactProblem: null, consent: false };
    }),
    setContact: assign({
      contactValue: ({ context, event }) => (event.type === 'contact.changed' ? event.text : context.contactValue),
      contactProblem: null,
    }),
    flagContactProblem: assign({
      contactProblem: ({ context }) => (context.contactChannel === 'sms' || context.contactChannel === 'email' ? checkContact(context.contactChannel, context.contactValue) : null),
    }),
    giveConsent: assign({ consent: true }),
    // "No thanks": nothing is sent by e-mail or SMS, and the address typed is forgotten at once.
    declineConsent: assign({ consent: false, contactChannel: 'none', contactValue: '' }),
    setReceiptAvailable: assign({ receiptAvailable: (_, available: boolean) => available }),
    // Ids come from the host (a random UUID in the renderer), never from Math.random() in here.
    mintDraftId: () => notProvided('mintDraftId'),
  },
}).createMachine({
  id: 'request',
  context: ({ input }) => ({
    locale: input.locale,
    catalog: null,
    serviceCode: null,
    questionIndex: 0,
    answers: {},
    answerProblem: null,
    location: null,
    locationText: '',
    locationProblem: null,
    description: '',
    descriptionProblem: null,
    contactChannel: null,
    contactValue: '',
    contactProblem: null,
    consent: false,
    receiptAvailable: null,
    filing: null,
    failure: null,
    draftId: null,
  }),
  initial: 'active',
  states: {
    active: {
      type: 'parallel',
      states: {
        catalog: {
          initial: 'loading',
          // Names must follow the citizen's language, so a language change reloads the list.
          on: { 'language.changed': { target: '.loading', actions: 'setLocale' } },
          states: {
            loading: {
              invoke: {
                id: 'loadCatalog',
                src: 'loadCatalog',
                input: ({ context }) => ({ locale: context.locale }),
                onDone: { target: 'ready', actions: assign({ catalog: ({ event }) => event.output }) },
                // A list in the previous language beats no list at all.
                onError: [{ guard: 'hasCatalog', target: 'ready' }, { target: 'unavailable' }],
              },
            },
            ready: {},
            unavailable: { on: { 'catalog.retried': 'loading' } },
          },
        },
        steps: {
          initial: 'choosingService',
          states: {
            choosingService: {
              on: {
                'service.chosen': [
                  { guard: 'isKnownService', target: 'routingAfterService', actions: 'chooseService' },
                ],
                'step.back': '#request.finished',
              },
            },
            // Transient: where a chosen service's journey starts.
            routingAfterService: {
              always: [
                { guard: 'hasQuestions', target: 'answering', actions: 'firstQuestion' },
                { guard: 'needsLocation', target: 'locating' },
                { target: 'describing' },
              ],
            },
            answering: {
              on: {
                'answer.changed': { actions: 'setAnswer' },
                'answer.submitted': [
                  { guard: 'answerIsFine', target: 'routingAfterQuestion' },
                  { actions: 'flagAnswerProblem' },
                ],
                'answer.skipped': { guard: 'isOptionalQuestion', target: 'routingAfterQuestion', actions: 'clearAnswer' },
                'step.back': [{ guard: 'isFirstQuestion', target: 'choosingService' }, { actions: 'previousQuestion' }],
              },
            },
            routingAfterQuestion: {
              always: [
                { guard: 'hasNextQuestion', target: 'answering', actions: 'nextQuestion' },
                { guard: 'needsLocation', target: 'locating' },
                { target: 'describing' },
              ],
            },
            locating: {
              on: {
                'location.landmarkChosen': { guard: 'isKnownLandmark', target: 'describing', actions: 'chooseLandmark' },
                'location.textChanged': { actions: 'setLocationText' },
                'location.submitted': [
                  { guard: 'addressIsFine', target: 'describing', actions: 'useTypedAddress' },
                  { actions: 'flagLocationProblem' },
                ],
                'step.back': [{ guard: 'hasQuestions', target: 'answering', actions: 'lastQuestion' }, { target: 'choosingService' }],
              },
            },
            describing: {
              on: {
                'description.changed': { actions: 'setDescription' },
                'description.submitted': [
                  { guard: 'hasDescription', target: 'choosingContact' },
                  { actions: 'flagDescriptionProblem' },
                ],
                'step.back': [
                  { guard: 'needsLocation', target: 'locating' },
                  { guard: 'hasQuestions', target: 'answering', actions: 'lastQuestion' },
                  { target: 'choosingService' },
                ],
              },
            },
            choosingContact: {
              on: {
                'contact.channelChosen': [
                  { guard: 'wantsNoContact', target: 'consenting', actions: 'chooseChannel' },
                  { target: 'enteringContact', actions: 'chooseChannel' },
                ],
                'step.back': 'describing',
              },
            },
            enteringContact: {
              on: {
                'contact.changed': { actions: 'setContact' },
                'contact.submitted': [{ guard: 'contactIsFine', target: 'consenting' }, { actions: 'flagContactProblem' }],
                'step.back': 'choosingContact',
              },
            },
            consenting: {
              on: {
                'consent.given': { target: 'checkingPrinter', actions: 'giveConsent' },
                'consent.declined': { target: 'checkingPrinter', actions: 'declineConsent' },
                'step.back': [{ guard: 'chosePrintedOnly', target: 'choosingContact' }, { target: 'enteringContact' }],
              },
            },
            checkingPrinter: {
              tags: ['busy'],
              invoke: {
                id: 'checkPrinter',
                src: 'checkPrinter',
                onDone: { target: 'reviewing', actions: { type: 'setReceiptAvailable', params: ({ event }) => event.output } },
                // The agent could not say: promise no paper rather than a receipt that may not come.
                onError: { target: 'reviewing', actions: { type: 'setReceiptAvailable', params: false } },
              },
            },
            reviewing: {
              on: {
                'review.confirmed': { guard: 'isReadyToSubmit', target: 'submitting', actions: 'mintDraftId' },
                'review.edit': [
                  { guard: 'editsService', target: 'choosingService' },
                  { guard: 'editsAnswers', target: 'answering', actions: 'firstQuestion' },
                  { guard: 'editsLocation', target: 'locating' },
                  { guard: 'editsDescription', target: 'describing' },
                  { guard: 'editsContact', target: 'choosingContact' },
                ],
                'step.back': 'consenting',
              },
            },
            submitting: {
              tags: ['busy'],
              invoke: {
                id: 'submitRequest',
                src: 'submitRequest',
                input: ({ context }) => draftFrom(context),
                onDone: { target: 'done', actions: assign({ filing: ({ event }) => event.output, failure: null }) },
                onError: { target: 'failed', actions: assign({ failure: ({ event }) => failureCodeOf(event.error) }) },
              },
            },
            done: { on: { 'request.finished': '#request.finished' } },
            failed: {
              on: {
                'submission.retried': 'submitting',
                'request.abandoned': '#request.finished',
              },
            },
          },
        },
      },
    },
    finished: { type: 'final' },
  },
  output: ({ context }) =>
    context.filing === null ? { outcome: 'cancelled', step: context.failure === null ? 'choosingService' : 'failed' } : { outcome: 'filed' },
});

export type RequestMachine = typeof requestMachine;
