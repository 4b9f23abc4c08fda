import { assign, fromPromise, setup } from 'xstate';
import { sanitiseSearchQuery, type FaqEntry, type FaqEntrySummary, type FaqTopic, type FaqTopics, type KioskLocale } from '@kiosk/shared';

/**
 * FAQ and procedures: browse by topic or search as you type (the agent searches its cached content
 * bundle, offline), read an answer or a procedure sheet (with its easy-read version), say whether
 * it helped. A search that finds nothing offers to file a request or book an appointment, and is
 * counted (without the query when it could hold personal data). The session invokes this machine
 * with the citizen's language; the effects come from the host through `createFaqFlow`.
 */

export interface FaqInput {
  readonly locale: KioskLocale;
}

/** Where the citizen goes next when FAQ could not help: the host starts that journey. */
export type FaqHandoff = 'request' | 'appointments';

export interface FaqOutput {
  readonly outcome: 'done' | 'cancelled';
  /** Set when the citizen chose to file a request or book an appointment from here. */
  readonly handoff: FaqHandoff | null;
}

/** What this journey needs from the world (the renderer implements it over KioskClient). */
export interface FaqEffects {
  loadFaqTopics(locale: KioskLocale): Promise<FaqTopics>;
  searchFaq(locale: KioskLocale, query: string): Promise<readonly FaqEntrySummary[]>;
  loadFaqEntry(locale: KioskLocale, id: string): Promise<FaqEntry>;
  /** Counts a search that found nothing; `query` is null when it was withheld (digits or @). Fire and forget. */
  recordFaqNoResult(query: string | null, locale: KioskLocale): void;
  /** Counts one "was this useful?" answer. Fire and forget. */
  recordFaqFeedback(entryId: string, useful: boolean, locale: KioskLocale): void;
}

export interface FaqContext {
  locale: KioskLocale;
  outcome: FaqOutput['outcome'];
  handoff: FaqHandoff | null;
  topics: readonly FaqTopic[];
  /** True when the kiosk has no content bundle yet (not an error: nothing to show). */
  contentMissing: boolean;
  topicCode: string | null;
  query: string;
  /** Results for `query`; null before the first answer or while the box is empty. */
  results: readonly FaqEntrySummary[] | null;
  searchFailed: boolean;
  /** The last no-result query counted, so one search is counted once. */
  countedQuery: string | null;
  entryId: string | null;
  entry: FaqEntry | null;
  returnTo: 'topic' | 'search';
  easyRead: boolean;
  /** The citizen's answer to "was this useful?" for the entry shown; null until they answer. */
  useful: boolean | null;
}

export type FaqEvent =
  | { type: 'language.changed'; locale: KioskLocale }
  | { type: 'topics.retried' }
  | { type: 'topic.chosen'; code: string }
  | { type: 'search.opened' }
  | { type: 'query.changed'; text: string }
  | { type: 'search.submitted' }
  | { type: 'entry.chosen'; id: string }
  | { type: 'entry.retried' }
  | { type: 'easyRead.toggled' }
  | { type: 'feedback.given'; useful: boolean }
  | { type: 'handoff.chosen'; journey: FaqHandoff }
  | { type: 'step.back' }
  | { type: 'faq.finished' }
  | { type: 'faq.abandoned' };

function notProvided(name: string): never {
  throw new Error(`the host must provide the ${name} actor (machine.provide)`);
}

const queryKey = (query: string) => query.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * What is counted of a search that found nothing: the query only when it holds no digit or @
 * (sanitiseSearchQuery): a phone, an ID or an e-mail typed here by mistake must never reach a report.
 */
function noResultParams({ context }: { context: FaqContext }): { query: string | null; locale: KioskLocale } {
  return { query: sanitiseSearchQuery(context.query), locale: context.locale };
}

export const faqMachine = setup({
  types: {
    input: {} as FaqInput,
    context: {} as FaqContext,
    events: {} as FaqEvent,
    output: {} as FaqOutput,
  },
  actors: {
    loadTopics: fromPromise<FaqTopics, { locale: KioskLocale }>(async () => notProvided('loadTopics')),
    search: fromPromise<readonly FaqEntrySummary[], { locale: KioskLocale; query: string }>(async () => notProvided('search')),
    loadEntry: fromPromise<FaqEntry, { locale: KioskLocale; id: string }>(async () => notProvided('loadEntry')),
  },
  guards: {
    isKnownTopic: ({ context, event }) => event.type === 'topic.chosen' && context.topics.some((topic) => topic.code === event.code),
    isListedEntry: ({ context, event }) => {
      if (event.type !== 'entry.chosen') return false;
      const listed = context.returnTo === 'search' ? (context.results ?? []) : (context.topics.find((topic) => topic.code === context.topicCode)?.entries ?? []);
      return listed.some((entry) => entry.id === event.id);
    },
    hasQuery: ({ context }) => context.query.trim() !== '',
    queryGiven: ({ event }) => event.type === 'query.changed' && event.text.trim() !== '',
    cameFromSearch: ({ context }) => context.returnTo === 'search',
    topicStillListed: ({ context }) => context.topicCode !== null && context.topics.some((topic) => topic.code === context.topicCode),
    notAnsweredYet: ({ context }) => context.useful === null,
    // A search counts as "no result" when the citizen acts on it (search key, back, an offer),
    // not at every keystroke; the same query is counted once.
    hasUncountedNoResult: ({ context }) =>
      context.results !== null && context.results.length === 0 && queryKey(context.query) !== '' && queryKey(context.query) !== context.countedQuery,
  },
  actions: {
    setLocale: assign({ locale: ({ context, event }) => (event.type === 'language.changed' ? event.locale : context.locale) }),
    // Hooks the host provides (createFaqFlow): counting only, nothing the journey waits for.
    recordNoResult: (_, _params: { query: string | null; locale: KioskLocale }) => {},
    recordFeedback: (_, _params: { entryId: string; useful: boolean; locale: KioskLocale }) => {},
    clearSearch: assign({ query: '', results: null, searchFailed: false, topicCode: null }),
    markCounted: assign({ countedQuery: ({ context }) => queryKey(context.query) }),
  },
}).createMachine({
  id: 'faq',
  context: ({ input }) => ({
    locale: input.locale,
    outcome: 'cancelled',
    handoff: null,
    topics: [],
    contentMissing: false,
    topicCode: null,
    query: '',
    results: null,
    searchFailed: false,
    countedQuery: null,
    entryId: null,
    entry: null,
    returnTo: 'topic',
    easyRead: false,
    useful: null,
  }),
  initial: 'loadingTopics',
  on: {
    'language.changed': { actions: 'setLocale' },
    'faq.abandoned': '.finished',
  },
  states: {
    loadingTopics: {
      tags: ['busy'],
      invoke: {
        id: 'loadTopics',
        src: 'loadTopics',
        input: ({ context }) => ({ locale: context.locale }),
        onDone: [
          { guard: ({ event }) => !event.output.available, target: 'unavailable', actions: assign({ contentMissing: true, topics: [] }) },
          { guard: ({ event, context }) => context.topicCode !== null && event.output.topics.some((t) => t.code === context.topicCode), target: 'topic', actions: assign({ topics: ({ event }) => event.output.topics, contentMissing: false }) },
          { target: 'topics', actions: assign({ topics: ({ event }) => event.output.topics, contentMissing: false, topicCode: null }) },
        ],
        onError: { target: 'unavailable', actions: assign({ contentMissing: false }) },
      },
      on: { 'step.back': 'finished', 'language.changed': { target: 'loadingTopics', reenter: true, actions: 'setLocale' } },
    },
    unavailable: {
      on: { 'topics.retried': 'loadingTopics', 'step.back': 'finished', 'handoff.chosen': { target: 'finished', actions: assign({ handoff: ({ event }) => event.journey }) } },
    },
    topics: {
      on: {
        'topic.chosen': { guard: 'isKnownTopic', target: 'topic', actions: assign({ topicCode: ({ event }) => event.code }) },
        'search.opened': { target: 'searching', actions: assign({ query: '', results: null, searchFailed: false }) },
        'step.back': 'finished',
        // Topic names follow the language.
        'language.changed': { target: 'loadingTopics', actions: 'setLocale' },
      },
    },
    topic: {
      entry: assign({ returnTo: 'topic' as const }),
      on: {
        'entry.chosen': { guard: 'isListedEntry', target: 'loadingEntry', actions: assign({ entryId: ({ event }) => event.id, useful: null, easyRead: false }) },
        'search.opened': { target: 'searching', actions: assign({ query: '', results: null, searchFailed: false }) },
        'step.back': { target: 'topics', actions: assign({ topicCode: null }) },
        'language.changed': { target: 'loadingTopics', actions: 'setLocale' },
      },
    },
    searching: {
      initial: 'idle',
      entry: assign({ returnTo: 'search' as const }),
      on: {
        // Search as you type: every change restarts the search for the new text (a stale answer is dropped).
        'query.changed': [
          { guard: 'queryGiven', target: '.running', reenter: true, actions: assign({ query: ({ event }) => event.text }) },
          { target: '.idle', actions: assign({ query: ({ event }) => event.text, results: null, searchFailed: false }) },
        ],
        'language.changed': [{ guard: 'hasQuery', target: '.running', reenter: true, actions: 'setLocale' }, { actions: 'setLocale' }],
        'search.submitted': { guard: 'hasUncountedNoResult', actions: [{ type: 'recordNoResult', params: noResultParams }, 'markCounted'] },
        'entry.chosen': { guard: 'isListedEntry', target: 'loadingEntry', actions: assign({ entryId: ({ event }) => event.id, useful: null, easyRead: false }) },
        'handoff.chosen': [
          { guard: 'hasUncountedNoResult', target: 'finished', actions: [{ type: 'recordNoResult', params: noResultParams }, 'markCounted', assign({ handoff: ({ event }) => event.journey })] },
          { target: 'finished', actions: assign({ handoff: ({ event }) => event.journey }) },
        ],
        'step.back': [
          { guard: 'hasUncountedNoResult', target: 'topics', actions: [{ type: 'recordNoResult', params: noResultParams }, 'markCounted', 'clearSearch'] },
          { target: 'topics', actions: 'clearSearch' },
        ],
      },
      states: {
        idle: {},
        running: {
          tags: ['busy'],
          invoke: {
            id: 'search',
            src: 'search',
            input: ({ context }) => ({ locale: context.locale, query: context.query }),
            onDone: { target: 'idle', actions: assign({ results: ({ event }) => event.output, searchFailed: false }) },
            onError: { target: 'idle', actions: assign({ results: null, searchFailed: true }) },
          },
        },
      },
    },
    loadingEntry: {
      tags: ['busy'],
      invoke: {
        id: 'loadEntry',
        src: 'loadEntry',
        input: ({ context }) => ({ locale: context.locale, id: context.entryId ?? '' }),
        onDone: { target: 'answer', actions: assign({ entry: ({ event }) => event.output }) },
        onError: { target: 'entryFailed' },
      },
      on: { 'language.changed': { target: 'loadingEntry', reenter: true, actions: 'setLocale' } },
    },
    entryFailed: {
      on: {
        'entry.retried': 'loadingEntry',
        'step.back': [{ guard: 'cameFromSearch', target: 'searching' }, { target: 'topic' }],
      },
    },
    answer: {
      on: {
        'easyRead.toggled': { actions: assign({ easyRead: ({ context }) => !context.easyRead }) },
        'feedback.given': {
          guard: 'notAnsweredYet',
          actions: [
            assign({ useful: ({ event }) => event.useful }),
            { type: 'recordFeedback', params: ({ context, event }) => ({ entryId: context.entryId ?? '', useful: event.useful, locale: context.locale }) },
          ],
        },
        // The answer in the new language (the feedback already given stays given).
        'language.changed': { target: 'loadingEntry', actions: 'setLocale' },
        'handoff.chosen': { target: 'finished', actions: assign({ handoff: ({ event }) => event.journey }) },
        'step.back': [
          { guard: 'cameFromSearch', target: 'searching', actions: assign({ entry: null, entryId: null }) },
          { target: 'topic', actions: assign({ entry: null, entryId: null }) },
        ],
        'faq.finished': { target: 'finished', actions: assign({ outcome: 'done' as const }) },
      },
    },
    finished: { type: 'final' },
  },
  output: ({ context }) => ({ outcome: context.outcome, handoff: context.handoff }),
});

export type FaqMachine = typeof faqMachine;

/** The journey machine with its effects wired (see flows/index.ts createKioskSessionMachine). */
export function createFaqFlow(effects: FaqEffects) {
  return faqMachine.provide({
    actors: {
      loadTopics: fromPromise<FaqTopics, { locale: KioskLocale }>(({ input }) => effects.loadFaqTopics(input.locale)),
      search: fromPromise<readonly FaqEntrySummary[], { locale: KioskLocale; query: string }>(({ input }) => effects.searchFaq(input.locale, input.query)),
      loadEntry: fromPromise<FaqEntry, { locale: KioskLocale; id: string }>(({ input }) => effects.loadFaqEntry(input.locale, input.id)),
    },
    actions: {
      recordNoResult: (_, params) => effects.recordFaqNoResult(params.query, params.locale),
      recordFeedback: (_, params) => effects.recordFaqFeedback(params.entryId, params.useful, params.locale),
    },
  });
}
