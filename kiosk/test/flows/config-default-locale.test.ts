import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { DEFAULT_SESSION_TIMERS, sessionMachine } from '../../src/flows/index.js';

// The configured default language: sessions start in it and return to it (issue 8, item 11: a
// session's end resets the language), not always to Spanish.

function started(defaultLocale?: 'ca' | 'eu') {
  const clock = new SimulatedClock();
  const actor = createActor(sessionMachine, { clock, input: defaultLocale === undefined ? {} : { defaultLocale } }).start();
  return { clock, actor };
}

describe('config.defaultLocale in the session machine', () => {
  it('starts in the configured default given as input', () => {
    expect(started('eu').actor.getSnapshot().context.locale).toBe('eu');
    expect(started().actor.getSnapshot().context.locale).toBe('es');
  });

  it('on the attract screen a new default shows at once', () => {
    const { actor } = started();
    actor.send({ type: 'config.defaultLocale', locale: 'ca' });
    expect(actor.getSnapshot().context).toMatchObject({ locale: 'ca', defaultLocale: 'ca' });
  });

  it('mid-session the citizen keeps their language; the end of the session returns to the new default', () => {
    const { actor } = started();
    actor.send({ type: 'session.started' });
    actor.send({ type: 'language.chosen', locale: 'ar' });
    actor.send({ type: 'config.defaultLocale', locale: 'ca' });
    expect(actor.getSnapshot().context.locale).toBe('ar');
    actor.send({ type: 'session.restarted' });
    expect(actor.getSnapshot().matches('attract')).toBe(true);
    expect(actor.getSnapshot().context.locale).toBe('ca');
  });

  it('an idle reset returns to the configured default, and so does a language left on the attract screen', () => {
    const { actor, clock } = started('eu');
    actor.send({ type: 'session.started' });
    actor.send({ type: 'language.chosen', locale: 'fr' });
    clock.increment(DEFAULT_SESSION_TIMERS.idleMs);
    clock.increment(DEFAULT_SESSION_TIMERS.warningMs);
    expect(actor.getSnapshot().matches('attract')).toBe(true);
    expect(actor.getSnapshot().context.locale).toBe('eu');
    actor.send({ type: 'language.changed', locale: 'en' });
    clock.increment(DEFAULT_SESSION_TIMERS.idleMs);
    expect(actor.getSnapshot().context.locale).toBe('eu');
  });
});
