import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentTables } from '../src/modules/appointments/office-repository.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { bookingBody, errorCode, freeSlotsAhead } from './appointments-fixtures.js';

/** The must-show: no double booking under a crowd of simultaneous clients. */
const CROWD = 200;

describe.each(DIALECTS)('appointments: no double booking (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.close();
  });

  async function race(office: string, service: string, start: string, clients: number) {
    const responses = await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        hub.app.inject({
          method: 'POST',
          url: '/public/v1/appointments',
          // Different people, so nothing but the seat itself can make them clash.
          payload: bookingBody(office, service, start, { idDocument: { kind: 'passport', number: `PX${String(i).padStart(6, '0')}` } }),
        }),
      ),
    );
    const claims = await appointmentTables(hub.db)
      .selectFrom('appt_slot_claims')
      .select('seat')
      .where('office_code', '=', office)
      .where('service_code', '=', service)
      .where('starts_at', '=', new Date(start).toISOString())
      .execute();
    return { responses, claims };
  }

  it(`gives exactly one of ${CROWD} concurrent clients the last seat of a capacity-1 slot`, async () => {
    const [slot] = await freeSlotsAhead(hub.app, 'oac-centro', 'tributos');
    if (slot === undefined) throw new Error('no free slot');
    const { responses, claims } = await race('oac-centro', 'tributos', slot.start, CROWD);
    const successes = responses.filter((r) => r.statusCode === 201);
    expect(successes).toHaveLength(1);
    const refusals = responses.filter((r) => r.statusCode !== 201);
    expect(refusals.map((r) => r.statusCode)).toEqual(Array(CROWD - 1).fill(409));
    expect(new Set(refusals.map((r) => errorCode(r.body)))).toEqual(new Set(['slot-full']));
    expect(claims).toEqual([{ seat: 1 }]);
    const booked = await appointmentTables(hub.db).selectFrom('appointments').select('id').where('starts_at', '=', new Date(slot.start).toISOString()).where('service_code', '=', 'tributos').execute();
    expect(booked).toHaveLength(1);
  });

  it('fills a capacity-2 slot with exactly two of 60 concurrent clients', async () => {
    const [slot] = await freeSlotsAhead(hub.app, 'oac-centro', 'padron');
    if (slot === undefined) throw new Error('no free slot');
    const { responses, claims } = await race('oac-centro', 'padron', slot.start, 60);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(2);
    expect(claims.map((c) => c.seat).sort()).toEqual([1, 2]);
  });
});
