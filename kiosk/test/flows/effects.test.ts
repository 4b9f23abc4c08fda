import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { createKioskSessionMachine } from '../../src/flows/index.js';
import { stubEffects } from './stub-effects.js';

describe('the session tells the agent when a citizen session begins and ends', () => {
  it('reports true on start and false on every way out', () => {
    const reported: boolean[] = [];
    const machine = createKioskSessionMachine(stubEffects({
      loadCatalog: async () => ({ services: [], stale: false }),
      fileRequest: async () => {
        throw new Error('not used');
      },
      newDraftId: () => 'draft-0001',
      sessionChanged: (active) => void reported.push(active),
    }));
    const actor = createActor(machine, { clock: new SimulatedClock(), input: {} }).start();
    actor.send({ type: 'session.started' });
    actor.send({ type: 'language.chosen', locale: 'fr' });
    actor.send({ type: 'session.restarted' });
    expect(reported).toEqual([true, false]);
    expect(actor.getSnapshot().value).toBe('attract');
    actor.stop();
  });
});
