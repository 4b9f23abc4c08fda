import { assign, fromPromise, setup } from 'xstate';
import type { CatalogService, FilingResult, KioskLocale, RequestDraft } from '@kiosk/shared';
import { checkDescription, type DescriptionProblem } from './description.js';
import { failureCodeOf, type RequestFailureCode } from './failure.js';

/**
 * Filing a request: choose a service, describe the problem, check it, send it.
 * Two parallel regions: `catalog` keeps the service list loaded in the current language (and
 * reloads it when the language changes), `steps` is the citizen's journey. The effects
 * (`loadCatalog`, `submitRequest`) are provided by the host; this file knows no transport.
 */

export interface RequestInput {
  readonly locale: KioskLocale;
}

export interface CatalogLoad {
  readonly services: readonly CatalogService[];
  /** The agent served its cached copy because the hub was unreachable. */
  readonly stale: boolean;
}

/** `filed`: the citizen got a reference; `cancelled`: they left before that. */
export interface RequestOutput {
  readonly outcome: 'filed' | 'cancelled';
}

export interface RequestContext {
  locale: KioskLocale;
  catalog: CatalogLoad | null;
  serviceCode: string | null;
  description: string;
  descriptionProblem: DescriptionProblem | null;
  filing: FilingResult | null;
  failure: RequestFailureCode | null;
  /** Minted once, when the citizen first confirms; retries resend the same id (no duplicates). */
  draftId: string | null;
}

export type RequestEvent =
  | { type: 'language.changed'; locale: KioskLocale }
  | { type: 'catalog.retried' }
  | { type: 'service.chosen'; serviceCode: string }
  | { type: 'description.changed'; text: string }
  | { type: 'description.submitted' }
  | { type: 'review.confirmed' }
  | { type: 'step.back' }
  | { type: 'submission.retried' }
  | { type: 'request.finished' }
  | { type: 'request.abandoned' };

function notProvided(name: string): never {
  throw new Error(`the host must provide the ${name} actor (machine.provide)`);
}

/** Builds what the agent receives; only reachable once a service is chosen (see isReadyToSubmit). */
export function draftFrom(context: RequestContext): RequestDraft {
  if (context.serviceCode === null) throw new Error('no service chosen');
  if (context.draftId === null) throw new Error('no draft id minted');
  return { draftId: context.draftId, serviceCode: context.serviceCode, description: context.description.trim(), attributes: {}, locale: context.locale };
}

export const requestMachine = setup({
  types: {
    input: {} as RequestInput,
    context: {} as RequestContext,
    events: {} as RequestEvent,
    output: {} as RequestOutput,
  },
  actors: {
    loadCatalog: fromPromise<CatalogLoad, { locale: KioskLocale }>(async () => notProvided('loadCatalog')),
    submitRequest: fromPromise<FilingResult, RequestDraft>(async () => notProvided('submitRequest')),
  },
  guards: {
    isKnownService: ({ context, event }) =>
      event.type === 'service.chosen' &&
      (context.catalog?.services.some((service) => service.serviceCode === event.serviceCode) ?? false),
    hasDescription: ({ context }) => checkDescription(context.description) === null,
    isReadyToSubmit: ({ context }) => context.serviceCode !== null && checkDescription(context.description) === null,
    hasCatalog: ({ context }) => context.catalog !== null,
  },
  actions: {
    setLocale: assign({
      locale: ({ context, event }) => (event.type === 'language.changed' ? event.locale : context.locale),
    }),
    chooseService: assign({
      serviceCode: ({ context, event }) => (event.type === 'service.chosen' ? event.serviceCode : context.serviceCode),
    }),
    setDescription: assign({
      description: ({ context, event }) => (event.type === 'description.changed' ? event.text : context.description),
      descriptionProblem: null,
    }),
    flagDescriptionProblem: assign({ descriptionProblem: ({ context }) => checkDescription(context.description) }),
    // Ids come from the host (a random UUID in the renderer), never from Math.random() in here.
    mintDraftId: () => notProvided('mintDraftId'),
  },
}).createMachine({
  id: 'request',
  context: ({ input }) => ({
    locale: input.locale,
    catalog: null,
    serviceCode: null,
    description: '',
    descriptionProblem: null,
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
                'service.chosen': { guard: 'isKnownService', target: 'describing', actions: 'chooseService' },
                'step.back': '#request.finished',
              },
            },
            describing: {
              on: {
                'description.changed': { actions: 'setDescription' },
                'description.submitted': [
                  { guard: 'hasDescription', target: 'reviewing' },
                  { actions: 'flagDescriptionProblem' },
                ],
                'step.back': 'choosingService',
              },
            },
            reviewing: {
              on: {
                'review.confirmed': { guard: 'isReadyToSubmit', target: 'submitting', actions: 'mintDraftId' },
                'step.back': 'describing',
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
  output: ({ context }) => ({ outcome: context.filing === null ? 'cancelled' : 'filed' }),
});

export type RequestMachine = typeof requestMachine;
