import { assign, sendTo, setup } from 'xstate';
import { DEFAULT_LOCALE, type AnalyticsEvent, type Journey, type KioskLocale } from '@kiosk/shared';
import { resolveSessionTimers, type SessionTimers } from './config.js';
import { requestMachine } from './request.js';
import { faqMachine } from './faq.js';
import { followUpMachine } from './follow-up.js';
import { appointmentsMachine } from './appointments.js';
import { abandonReasonOf, stepOfSnapshot } from './journey-step.js';

/**
 * The root of a citizen's visit: attract -> language -> home -> a journey -> goodbye -> attract.
 * A parallel `idle` region watches for inactivity: after `idleMs` it warns, one touch extends
 * (up to `maxExtensions` times), and after `warningMs` more the session resets. Leaving `active`
 * by any route (idle, "Start over", goodbye) wipes everything personal: journeys run as invoked
 * children that stop with their state, and `wipeSession` restores the defaults here.
 * A journey that ends well (filed / done) asks one optional question, "how did it go?" (1-5
 * faces, skippable, gone after `satisfactionMs`), before goodbye. Usage goes to the host's
 * `analytics` action (journey started / completed / abandoned with the step, satisfaction):
 * journey names, step names and the language only, never anything the citizen typed.
 */

export interface SessionInput {
  readonly timers?: Partial<SessionTimers>;
  /** The kiosk's configured default language (DEFAULT_LOCALE when none is configured). */
  readonly defaultLocale?: KioskLocale;
}

export interface SessionContext {
  locale: KioskLocale;
  /** The language every session starts in and returns to: the configured default. */
  defaultLocale: KioskLocale;
  timers: SessionTimers;
  /** Timers the kiosk's configuration changed to during a session: they apply from the next one. */
  nextTimers: SessionTimers | null;
  extensionsUsed: number;
  /** The journey that just ended well: what the satisfaction answer is about. */
  lastJourney: Journey | null;
}

export type SessionEvent =
  | { type: 'session.started' }
  | { type: 'language.chosen'; locale: KioskLocale }
  | { type: 'language.changed'; locale: KioskLocale }
  | { type: 'request.started' }
  | { type: 'faq.started' }
  | { type: 'followUp.started' }
  | { type: 'appointments.started' }
  | { type: 'session.activity' }
  | { type: 'idle.extended' }
  | { type: 'session.restarted' }
  | { type: 'satisfaction.rated'; score: number }
  | { type: 'satisfaction.skipped' }
  | { type: 'goodbye.finished' }
  /** The agent applied a new configuration: its idle timers (already resolved against the floors). */
  | { type: 'config.timers'; timers: SessionTimers }
  /** The agent applied a configuration whose default language is `locale`. */
  | { type: 'config.defaultLocale'; locale: KioskLocale };

/** An analytics event as the session knows it; the host adds the accessibility modes. */
export type SessionAnalytics = AnalyticsEvent;

type JourneyState = 'filing' | 'faq' | 'followUp' | 'appointments';
const JOURNEY_OF: Record<JourneyState, { journey: Journey; child: 'request' | 'faq' | 'followUp' | 'appointments' }> = {
  filing: { journey: 'request', child: 'request' },
  faq: { journey: 'faq', child: 'faq' },
  followUp: { journey: 'followUp', child: 'followUp' },
  appointments: { journey: 'appointments', child: 'appointments' },
};

export const sessionMachine = setup({
  types: {
    input: {} as SessionInput,
    context: {} as SessionContext,
    events: {} as SessionEvent,
    children: {} as { request: 'requestFlow'; faq: 'faqFlow'; followUp: 'followUpFlow'; appointments: 'appointmentsFlow' },
  },
  actors: { requestFlow: requestMachine, faqFlow: faqMachine, followUpFlow: followUpMachine, appointmentsFlow: appointmentsMachine },
  delays: {
    idleDelay: ({ context }) => context.timers.idleMs,
    warningDelay: ({ context }) => context.timers.warningMs,
    goodbyeDelay: ({ context }) => context.timers.goodbyeMs,
    satisfactionDelay: ({ context }) => context.timers.satisfactionMs,
  },
  guards: {
    canExtend: ({ context }) => context.extensionsUsed < context.timers.maxExtensions,
    isNotDefaultLocale: ({ context }) => context.locale !== context.defaultLocale,
    wasFiled: ({ event }) => 'output' in event && (event.output as { outcome?: string } | undefined)?.outcome === 'filed',
    wasDone: ({ event }) => 'output' in event && (event.output as { outcome?: string } | undefined)?.outcome === 'done',
    handedOffToRequest: ({ event }) => 'output' in event && (event.output as { handoff?: string | null } | undefined)?.handoff === 'request',
    handedOffToAppointments: ({ event }) => 'output' in event && (event.output as { handoff?: string | null } | undefined)?.handoff === 'appointments',
    // Belt and braces: the configuration schema enforces the floors, and so does this.
    timersAreSafe: ({ event }) => event.type === 'config.timers' && timersAreSafe(event.timers),
    isValidScore: ({ event }) => event.type === 'satisfaction.rated' && Number.isInteger(event.score) && event.score >= 1 && event.score <= 5,
  },
  actions: {
    setLocale: assign({
      locale: ({ context, event }) =>
        event.type === 'language.changed' || event.type === 'language.chosen' ? event.locale : context.locale,
    }),
    forwardLanguage: sendTo('request', ({ event }) => ({
      type: 'language.changed' as const,
      locale: event.type === 'language.changed' ? event.locale : DEFAULT_LOCALE,
    })),
    forwardLanguageToFaq: sendTo('faq', ({ event }) => ({ type: 'language.changed' as const, locale: event.type === 'language.changed' ? event.locale : DEFAULT_LOCALE })),
    forwardLanguageToFollowUp: sendTo('followUp', ({ event }) => ({ type: 'language.changed' as const, locale: event.type === 'language.changed' ? event.locale : DEFAULT_LOCALE })),
    forwardLanguageToAppointments: sendTo('appointments', ({ event }) => ({ type: 'language.changed' as const, locale: event.type === 'language.changed' ? event.locale : DEFAULT_LOCALE })),
    countExtension: assign({ extensionsUsed: ({ context }) => context.extensionsUsed + 1 }),
    wipeSession: assign({
      locale: ({ context }) => context.defaultLocale,
      extensionsUsed: 0,
      lastJourney: null,
      timers: ({ context }) => context.nextTimers ?? context.timers,
      nextTimers: null,
    }),
    // A citizen mid-session keeps the timing they started with; nobody is rushed by a remote change.
    applyTimers: assign({ timers: ({ context, event }) => (event.type === 'config.timers' ? event.timers : context.timers) }),
    queueTimers: assign({ nextTimers: ({ context, event }) => (event.type === 'config.timers' ? event.timers : context.nextTimers) }),
    rememberJourney: assign({ lastJourney: (_, journey: Journey) => journey }),
    /** The host's analytics sink (fire and forget); a no-op by default. */
    analytics: (_, _note: AnalyticsNote) => {},
    resetLocale: assign({ locale: ({ context }) => context.defaultLocale }),
    setDefaultLocale: assign({ defaultLocale: ({ context, event }) => (event.type === 'config.defaultLocale' ? event.locale : context.defaultLocale) }),
    // On the attract screen nobody is reading yet: the new default shows at once.
    useDefaultLocale: assign({ locale: ({ context }) => context.defaultLocale }),
    // Hooks for the host (e.g. tell the agent to drop its print queue); no-ops by default.
    sessionStarted: () => {},
    sessionEnded: () => {},
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({
    locale: input.defaultLocale ?? DEFAULT_LOCALE,
    defaultLocale: input.defaultLocale ?? DEFAULT_LOCALE,
    timers: resolveSessionTimers(input.timers),
    nextTimers: null,
    extensionsUsed: 0,
    lastJourney: null,
  }),
  initial: 'attract',
  on: {
    'language.changed': { actions: 'setLocale' },
    // Mid-session the citizen keeps their language; the new default applies when the session ends.
    'config.defaultLocale': { actions: 'setDefaultLocale' },
  },
  states: {
    attract: {
      on: {
        'session.started': 'active',
        // Restarting the state restarts the timer below, counted from the last change.
        'language.changed': { target: 'attract', reenter: true, actions: 'setLocale' },
        'config.timers': { guard: 'timersAreSafe', target: 'attract', reenter: true, actions: 'applyTimers' },
        'config.defaultLocale': { actions: ['setDefaultLocale', 'useDefaultLocale'] },
      },
      // Someone switched the attract screen's language and walked away: the next person gets the default.
      after: { idleDelay: { guard: 'isNotDefaultLocale', actions: 'resetLocale' } },
    },
    active: {
      type: 'parallel',
      entry: 'sessionStarted',
      exit: ['sessionEnded', 'wipeSession'],
      on: { 'session.restarted': '#session.attract', 'config.timers': { guard: 'timersAreSafe', actions: 'queueTimers' } },
      states: {
        screen: {
          initial: 'language',
          states: {
            language: { on: { 'language.chosen': { target: 'home', actions: 'setLocale' } } },
            home: { on: { 'request.started': 'filing', 'faq.started': 'faq', 'followUp.started': 'followUp', 'appointments.started': 'appointments' } },
            filing: {
              entry: { type: 'analytics', params: ({ context }) => journeyEvent(context, 'filing', 'journey.started') },
              exit: { type: 'analytics', params: ({ context, event }) => interruptedNote(context, 'filing', event.type) },
              invoke: {
                id: 'request',
                src: 'requestFlow',
                input: ({ context }) => ({ locale: context.locale }),
                onDone: [
                  { guard: 'wasFiled', target: 'satisfaction', actions: [{ type: 'analytics', params: ({ context }) => journeyEvent(context, 'filing', 'journey.completed') }, { type: 'rememberJourney', params: 'request' }] },
                  { target: 'home', actions: { type: 'analytics', params: ({ context, event }) => cancelledEvent(context, 'filing', event.output) } },
                ],
              },
              on: { 'language.changed': { actions: ['setLocale', 'forwardLanguage'] } },
            },
            faq: {
              entry: { type: 'analytics', params: ({ context }) => journeyEvent(context, 'faq', 'journey.started') },
              exit: { type: 'analytics', params: ({ context, event }) => interruptedNote(context, 'faq', event.type) },
              invoke: {
                id: 'faq',
                src: 'faqFlow',
                input: ({ context }) => ({ locale: context.locale }),
                onDone: [
                  // Nothing found, and the citizen chose to file a request or book instead: straight there.
                  { guard: 'handedOffToRequest', target: 'filing', actions: { type: 'analytics', params: ({ context }) => journeyEvent(context, 'faq', 'journey.completed') } },
                  { guard: 'handedOffToAppointments', target: 'appointments', actions: { type: 'analytics', params: ({ context }) => journeyEvent(context, 'faq', 'journey.completed') } },
                  { guard: 'wasDone', target: 'satisfaction', actions: [{ type: 'analytics', params: ({ context }) => journeyEvent(context, 'faq', 'journey.completed') }, { type: 'rememberJourney', params: 'faq' }] },
                  { target: 'home', actions: { type: 'analytics', params: ({ context, event }) => cancelledEvent(context, 'faq', event.output) } },
                ],
              },
              on: { 'language.changed': { actions: ['setLocale', 'forwardLanguageToFaq'] } },
            },
            followUp: {
              entry: { type: 'analytics', params: ({ context }) => journeyEvent(context, 'followUp', 'journey.started') },
              exit: { type: 'analytics', params: ({ context, event }) => interruptedNote(context, 'followUp', event.type) },
              invoke: {
                id: 'followUp',
                src: 'followUpFlow',
                input: ({ context }) => ({ locale: context.locale }),
                onDone: [
                  { guard: 'wasDone', target: 'satisfaction', actions: [{ type: 'analytics', params: ({ context }) => journeyEvent(context, 'followUp', 'journey.completed') }, { type: 'rememberJourney', params: 'followUp' }] },
                  { target: 'home', actions: { type: 'analytics', params: ({ context, event }) => cancelledEvent(context, 'followUp', event.output) } },
                ],
              },
              on: { 'language.changed': { actions: ['setLocale', 'forwardLanguageToFollowUp'] } },
            },
            appointments: {
              entry: { type: 'analytics', params: ({ context }) => journeyEvent(context, 'appointments', 'journey.started') },
              exit: { type: 'analytics', params: ({ context, event }) => interruptedNote(context, 'appointments', event.type) },
              invoke: {
                id: 'appointments',
                src: 'appointmentsFlow',
                input: ({ context }) => ({ locale: context.locale }),
                onDone: [
                  { guard: 'wasDone', target: 'satisfaction', actions: [{ type: 'analytics', params: ({ context }) => journeyEvent(context, 'appointments', 'journey.completed') }, { type: 'rememberJourney', params: 'appointments' }] },
                  { target: 'home', actions: { type: 'analytics', params: ({ context, event }) => cancelledEvent(context, 'appointments', event.output) } },
                ],
              },
              on: { 'language.changed': { actions: ['setLocale', 'forwardLanguageToAppointments'] } },
            },
            // One optional question; no answer is an answer too (nothing is recorded).
            satisfaction: {
              after: { satisfactionDelay: 'goodbye' },
              on: {
                'satisfaction.rated': { guard: 'isValidScore', target: 'goodbye', actions: { type: 'analytics', params: ({ context, event }) => satisfactionEvent(context, event) } },
                'satisfaction.skipped': 'goodbye',
              },
            },
            goodbye: {
              after: { goodbyeDelay: '#session.attract' },
              on: { 'goodbye.finished': '#session.attract' },
            },
          },
        },
        idle: {
          initial: 'watching',
          states: {
            watching: {
              after: { idleDelay: 'warning' },
              // Re-entering restarts the timer: every touch or key press counts as presence.
              on: { 'session.activity': { target: 'watching', reenter: true } },
            },
            warning: {
              after: { warningDelay: '#session.attract' },
              on: {
                'session.activity': { guard: 'canExtend', target: 'watching', actions: 'countExtension' },
                'idle.extended': { guard: 'canExtend', target: 'watching', actions: 'countExtension' },
              },
            },
          },
        },
      },
    },
  },
});

export type SessionMachine = typeof sessionMachine;

function timersAreSafe(timers: SessionTimers): boolean {
  try {
    resolveSessionTimers(timers);
    return true;
  } catch {
    return false;
  }
}

function journeyEvent(context: SessionContext, state: JourneyState, type: 'journey.started' | 'journey.completed'): SessionAnalytics {
  return { type, journey: JOURNEY_OF[state].journey, locale: context.locale, modes: [] };
}

/** Left with "back" / "cancel": the journey's output says from where. */
function cancelledEvent(context: SessionContext, state: JourneyState, output: unknown): SessionAnalytics {
  const step = (output as { step?: unknown } | undefined)?.step;
  return { type: 'journey.abandoned', journey: JOURNEY_OF[state].journey, step: stepOfSnapshot(typeof step === 'string' ? step : undefined), reason: 'back', locale: context.locale, modes: [] };
}

/** Left by an idle reset or "Start over" (null otherwise); the step is read when the note is resolved. */
function interruptedNote(context: SessionContext, state: JourneyState, eventType: string): AnalyticsNote {
  const reason = abandonReasonOf(eventType);
  return reason === null ? null : { type: 'interrupted', state, reason, locale: context.locale };
}

/**
 * What the `analytics` action receives: an event, nothing, or a journey interrupted midway, whose
 * step only the running child knows (action params cannot see it, the implementation can).
 */
export type AnalyticsNote = SessionAnalytics | null | { type: 'interrupted'; state: JourneyState; reason: 'idle' | 'start-over'; locale: KioskLocale };

/** Turns a note into the event to record; `children` are the session's children at that moment. */
export function resolveAnalyticsNote(note: AnalyticsNote, children: Readonly<Record<string, unknown>>): SessionAnalytics | null {
  if (note === null || note.type !== 'interrupted') return note;
  const child = children[JOURNEY_OF[note.state].child] as { getSnapshot(): { value?: unknown } } | undefined;
  return { type: 'journey.abandoned', journey: JOURNEY_OF[note.state].journey, step: stepOfSnapshot(child?.getSnapshot().value), reason: note.reason, locale: note.locale, modes: [] };
}

function satisfactionEvent(context: SessionContext, event: SessionEvent): SessionAnalytics | null {
  if (event.type !== 'satisfaction.rated' || context.lastJourney === null) return null;
  return { type: 'satisfaction', journey: context.lastJourney, score: event.score, locale: context.locale, modes: [] };
}

