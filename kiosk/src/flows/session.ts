import { assign, sendTo, setup } from 'xstate';
import { DEFAULT_LOCALE, type KioskLocale } from '@kiosk/shared';
import { resolveSessionTimers, type SessionTimers } from './config.js';
import { requestMachine } from './request.js';

/**
 * The root of a citizen's visit: attract -> language -> home -> a journey -> goodbye -> attract.
 * A parallel `idle` region watches for inactivity: after `idleMs` it warns, one touch extends
 * (up to `maxExtensions` times), and after `warningMs` more the session resets. Leaving `active`
 * by any route (idle, "Start over", goodbye) wipes everything personal: journeys run as invoked
 * children that stop with their state, and `wipeSession` restores the defaults here.
 */

export interface SessionInput {
  readonly timers?: Partial<SessionTimers>;
}

export interface SessionContext {
  locale: KioskLocale;
  timers: SessionTimers;
  extensionsUsed: number;
}

export type SessionEvent =
  | { type: 'session.started' }
  | { type: 'language.chosen'; locale: KioskLocale }
  | { type: 'language.changed'; locale: KioskLocale }
  | { type: 'request.started' }
  | { type: 'session.activity' }
  | { type: 'idle.extended' }
  | { type: 'session.restarted' }
  | { type: 'goodbye.finished' };

export const sessionMachine = setup({
  types: {
    input: {} as SessionInput,
    context: {} as SessionContext,
    events: {} as SessionEvent,
    children: {} as { request: 'requestFlow' },
  },
  actors: { requestFlow: requestMachine },
  delays: {
    idleDelay: ({ context }) => context.timers.idleMs,
    warningDelay: ({ context }) => context.timers.warningMs,
    goodbyeDelay: ({ context }) => context.timers.goodbyeMs,
  },
  guards: {
    canExtend: ({ context }) => context.extensionsUsed < context.timers.maxExtensions,
    isNotDefaultLocale: ({ context }) => context.locale !== DEFAULT_LOCALE,
    wasFiled: ({ event }) => 'output' in event && (event.output as { outcome?: string } | undefined)?.outcome === 'filed',
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
    countExtension: assign({ extensionsUsed: ({ context }) => context.extensionsUsed + 1 }),
    wipeSession: assign({ locale: DEFAULT_LOCALE, extensionsUsed: 0 }),
    resetLocale: assign({ locale: DEFAULT_LOCALE }),
    // Hooks for the host (e.g. tell the agent to drop its print queue); no-ops by default.
    sessionStarted: () => {},
    sessionEnded: () => {},
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({
    locale: DEFAULT_LOCALE,
    timers: resolveSessionTimers(input.timers),
    extensionsUsed: 0,
  }),
  initial: 'attract',
  on: { 'language.changed': { actions: 'setLocale' } },
  states: {
    attract: {
      on: {
        'session.started': 'active',
        // Restarting the state restarts the timer below, counted from the last change.
        'language.changed': { target: 'attract', reenter: true, actions: 'setLocale' },
      },
      // Someone switched the attract screen's language and walked away: the next person gets Spanish.
      after: { idleDelay: { guard: 'isNotDefaultLocale', actions: 'resetLocale' } },
    },
    active: {
      type: 'parallel',
      entry: 'sessionStarted',
      exit: ['sessionEnded', 'wipeSession'],
      on: { 'session.restarted': '#session.attract' },
      states: {
        screen: {
          initial: 'language',
          states: {
            language: { on: { 'language.chosen': { target: 'home', actions: 'setLocale' } } },
            home: { on: { 'request.started': 'filing' } },
            filing: {
              invoke: {
                id: 'request',
                src: 'requestFlow',
                input: ({ context }) => ({ locale: context.locale }),
                onDone: [{ guard: 'wasFiled', target: 'goodbye' }, { target: 'home' }],
              },
              on: { 'language.changed': { actions: ['setLocale', 'forwardLanguage'] } },
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
