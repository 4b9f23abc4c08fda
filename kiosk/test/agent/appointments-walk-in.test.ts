import { describe, expect, it } from 'vitest';
import { appointmentHandlers } from '../../src/agent/handlers/appointments.js';
import type { ReceiptPrinter } from '../../src/agent/printing/receipt-printer.js';
import { HubOfficeListSchema, problemOf, type AppointmentsHubClient } from '../../src/agent/sync/appointments-client.js';

// Walk-in turns per service, in the agent: only the kiosk's own office and only services the hub
// says take walk-ins are offered; a hub older than the flag keeps today's behaviour; a 409
// walk-in-not-offered (the service changed after the listing) reaches the screen as such.

const printer: ReceiptPrinter = {
  print: async () => ({ state: 'printed', reason: null, warning: null }),
  reprintLast: async () => ({ state: 'skipped', reason: 'none', warning: null }),
  health: async () => ({ state: 'ok', reason: null, since: new Date().toISOString() }) as never,
  forgetLast: () => {},
  close: async () => {},
};

const service = (code: string, walkIn?: boolean) => ({ code, name: code, turnLetter: 'A', slotMinutes: 15, capacity: 1, ...(walkIn === undefined ? {} : { walkIn }) });
const office = (code: string, services: object[]) => ({ code, name: code, address: '', timeZone: 'Europe/Madrid', services });

/** A hub that lists `offices` (as JSON, so the client's parsing applies) and answers walk-ins with `walkIn`. */
function fakeHub(offices: object[], walkIn: () => ReturnType<AppointmentsHubClient['walkIn']>) {
  const asked: string[] = [];
  const hub = {
    offices: async () => ({ ok: true as const, value: HubOfficeListSchema.parse({ offices }) }),
    walkIn: async (_office: string, code: string) => (asked.push(code), walkIn()),
  } as unknown as AppointmentsHubClient;
  const handlers = appointmentHandlers({
    hub,
    printer,
    municipality: () => ({ name: 'Villademo', office: '', contact: '', timeZone: 'Europe/Madrid', statusBaseUrl: 'https://sede.example/status' }),
    kioskId: 'kiosk-test',
    officeCode: 'here',
    publicBaseUrl: () => 'https://sede.example',
  });
  return { handlers, asked };
}

const TURN = { turnId: 'turn_1', label: 'A-001', officeCode: 'here', serviceCode: 'open', kind: 'walk-in' as const, status: 'waiting', deskCode: null, peopleAhead: 0, estimatedWaitMinutes: 0, issuedAt: '2026-12-01T08:00:00.000Z' };

describe('walk-in turns per service in the agent', () => {
  it('offers walk-ins only here and only for services that take them; an older hub without the flag offers them all here', async () => {
    const { handlers } = fakeHub(
      [office('here', [service('open', true), service('booked-only', false), service('old')]), office('there', [service('open', true)])],
      async () => ({ ok: true, value: TURN }),
    );
    const answer = await handlers['appointments.offices']({ locale: 'es' });
    if (!answer.ok) throw new Error(answer.problem);
    expect(answer.offices.map((o) => [o.code, o.services.map((s) => [s.code, s.walkIn])])).toEqual([
      ['here', [['open', true], ['booked-only', false], ['old', true]]],
      ['there', [['open', false]]],
    ]);
  });

  it('refuses an appointment-only service without asking the hub, and maps the hub\'s 409 when the listing was stale', async () => {
    const { handlers, asked } = fakeHub([office('here', [service('open', true), service('booked-only', false)])], async () => ({ ok: false, problem: problemOf(409, 'walk-in-not-offered', 'this service is by appointment only; book an appointment') }));
    expect(await handlers['appointments.walkIn']({ service: 'booked-only', locale: 'es' })).toEqual({ ok: false, problem: 'walk-in-not-offered' });
    expect(asked).toEqual([]);
    expect(await handlers['appointments.walkIn']({ service: 'open', locale: 'es' })).toEqual({ ok: false, problem: 'walk-in-not-offered' });
    expect(asked).toEqual(['open']);
    expect(await handlers['appointments.walkIn']({ service: 'nowhere', locale: 'es' })).toEqual({ ok: false, problem: 'refused' });
  });

  it('issues the turn for a service that takes walk-ins', async () => {
    const { handlers } = fakeHub([office('here', [service('open', true)])], async () => ({ ok: true, value: TURN }));
    const answer = await handlers['appointments.walkIn']({ service: 'open', locale: 'es' });
    expect(answer.ok && answer.turn.label).toBe('A-001');
  });
});
