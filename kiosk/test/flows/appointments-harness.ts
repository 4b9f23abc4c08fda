import { createActor, fromPromise, type AnyEventObject, type AnyStateMachine } from 'xstate';
import type { KioskOffice, KioskAppointment, KioskTurn, ReceiptOutcome } from '@kiosk/shared';
import { deferred, nextSnapshot, type Deferred } from './harness.js';

/** Fixtures and a driver shared by the appointments flow tests (not a test file itself). */

export const OFFICES: KioskOffice[] = [
  {
    code: 'oac-centro',
    name: 'Oficina Centro',
    address: 'Plaza Mayor, 1',
    timeZone: 'Europe/Madrid',
    services: [
      { code: 'padron', name: 'Padrón', slotMinutes: 15, walkIn: true },
      { code: 'tributos', name: 'Tributos', slotMinutes: 20, walkIn: true },
    ],
  },
  { code: 'cc-norte', name: 'Centro Norte', address: 'Calle Fuente, 12', timeZone: 'Europe/Madrid', services: [{ code: 'padron', name: 'Padrón', slotMinutes: 15, walkIn: false }] },
];

export const SLOTS = [
  { start: '2026-12-01T09:00:00+01:00', end: '2026-12-01T09:15:00+01:00', available: 1 },
  { start: '2026-12-01T09:15:00+01:00', end: '2026-12-01T09:30:00+01:00', available: 2 },
  { start: '2026-12-03T10:00:00+01:00', end: '2026-12-03T10:15:00+01:00', available: 1 },
];

export const TICKET: ReceiptOutcome = { state: 'printed', reason: null, warning: null };

export const APPOINTMENT: KioskAppointment = {
  reference: 'C1TA-00C1S-D',
  qrPayload: 'CITA:C1TA-00C1S-D',
  office: 'oac-centro',
  service: 'padron',
  serviceName: 'Padrón',
  start: SLOTS[0]!.start,
  end: SLOTS[0]!.end,
  timeZone: 'Europe/Madrid',
  status: 'booked',
  idDocumentMasked: '*****678Z',
};

export const TURN: KioskTurn = { label: 'A-007', officeCode: 'oac-centro', serviceCode: 'padron', kind: 'appointment', peopleAhead: 2, estimatedWaitMinutes: 10, issuedAt: '2026-12-01T08:55:00.000Z' };

/**
 * Starts `machine` with every named effect replaced by a promise the test settles through
 * `xstate.done.actor.<invokeId>` / `xstate.error.actor.<invokeId>` events. `effects` maps the
 * invoke id to the actor's src name; `calls` records every input an effect got.
 */
export function startFlow<M extends AnyStateMachine>(machine: M, input: unknown, effects: Record<string, string>) {
  const pending = new Map<string, Deferred<unknown>>();
  const calls: Array<{ effect: string; input: unknown }> = [];
  const actors = Object.fromEntries(
    Object.entries(effects).map(([id, src]) => [
      src,
      fromPromise(({ input: given }) => {
        calls.push({ effect: id, input: given });
        const call = deferred<unknown>();
        pending.set(id, call);
        return call.promise;
      }),
    ]),
  );
  const actor = createActor(machine.provide({ actors } as never), { input } as never).start();

  async function perform(event: AnyEventObject): Promise<void> {
    const effect = /^xstate\.(done|error)\.actor\.(\w+)$/.exec(event.type);
    if (effect && effects[effect[2] ?? ''] !== undefined) {
      const call = pending.get(effect[2] ?? '');
      if (!call) throw new Error(`${event.type} but no call in flight`);
      pending.delete(effect[2] ?? '');
      const settled = nextSnapshot(actor);
      if (effect[1] === 'done') call.resolve((event as { output?: unknown }).output);
      else call.reject((event as { error?: unknown }).error);
      await settled;
      return;
    }
    actor.send(event);
  }
  return { actor, perform, calls };
}
