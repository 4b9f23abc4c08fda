import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppointmentSchema } from '../src/modules/appointments/contract.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { CITIZEN, bookingBody, errorCode, freeSlotsAhead, kioskHeaders } from './appointments-fixtures.js';

// Kiosks find, cancel and move a citizen's booking with its reference + document number.
describe.each(DIALECTS)('appointments: kiosk look-up, cancel and reschedule (%s)', (dialect) => {
  let hub: TestHub;
  let slots: { start: string }[];
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    slots = await freeSlotsAhead(hub.app, 'oac-centro', 'tributos');
    if (slots.length < 4) throw new Error('not enough free slots');
  });
  afterAll(async () => {
    await hub?.close();
  });

  const book = async (start: string) => {
    const response = await hub.app.inject({ method: 'POST', url: '/fleet/v1/appointments', headers: kioskHeaders(hub), payload: bookingBody('oac-centro', 'tributos', start) });
    expect(response.statusCode).toBe(201);
    return AppointmentSchema.parse(response.json());
  };
  const post = (path: string, payload: object, headers: Record<string, string> = kioskHeaders(hub)) =>
    hub.app.inject({ method: 'POST', url: `/fleet/v1/appointments/${path}`, headers, payload });

  it('looks a booking up in the kiosk language; a wrong document answers like an unknown reference', async () => {
    const booked = await book(slots[0]!.start);
    const found = await post(`${booked.reference.toLowerCase()}/lookup`, { idDocumentNumber: '12345678-z', locale: 'fr' });
    expect(found.statusCode).toBe(200);
    expect(AppointmentSchema.parse(found.json())).toMatchObject({ reference: booked.reference, serviceName: 'Impôts et taxes', status: 'booked', idDocumentMasked: '*****678Z' });
    expect(found.body).not.toContain(CITIZEN.name);
    const wrong = await post(`${booked.reference}/lookup`, { idDocumentNumber: '87654321X', locale: 'es' });
    expect([wrong.statusCode, errorCode(wrong.body)]).toEqual([404, 'unknown-appointment']);
    const unknown = await post('C1TA-00000-0/lookup', { idDocumentNumber: CITIZEN.idDocument.number });
    expect(unknown.statusCode).toBe(404);
  });

  it('reschedules to a free time, then cancels; a cancelled booking cannot be moved or cancelled again', async () => {
    const booked = await book(slots[1]!.start);
    const moved = await post(`${booked.reference}/reschedule`, { idDocumentNumber: CITIZEN.idDocument.number, start: slots[2]!.start, locale: 'en' });
    expect(moved.statusCode).toBe(200);
    const movedView = AppointmentSchema.parse(moved.json());
    expect(Date.parse(movedView.start)).toBe(Date.parse(slots[2]!.start));
    expect(movedView.serviceName).toBe('Taxes and fees');

    const cancelled = await post(`${booked.reference}/cancel`, { idDocumentNumber: CITIZEN.idDocument.number });
    expect(cancelled.statusCode).toBe(200);
    expect(AppointmentSchema.parse(cancelled.json()).status).toBe('cancelled');
    const again = await post(`${booked.reference}/cancel`, { idDocumentNumber: CITIZEN.idDocument.number });
    expect([again.statusCode, errorCode(again.body)]).toEqual([409, 'appointment-cancelled']);
    const moveCancelled = await post(`${booked.reference}/reschedule`, { idDocumentNumber: CITIZEN.idDocument.number, start: slots[1]!.start });
    expect([moveCancelled.statusCode, errorCode(moveCancelled.body)]).toEqual([409, 'appointment-cancelled']);
    // The freed seat is bookable again at once.
    expect((await book(slots[2]!.start)).status).toBe('booked');
  });

  it('refuses a time the office does not offer, and callers without a device credential', async () => {
    const booked = await book(slots[3]!.start);
    const offGrid = new Date(Date.parse(slots[3]!.start) + 60_000).toISOString();
    const refused = await post(`${booked.reference}/reschedule`, { idDocumentNumber: CITIZEN.idDocument.number, start: offGrid });
    expect([refused.statusCode, errorCode(refused.body)]).toEqual([400, 'not-a-slot']);
    const anonymous = await post(`${booked.reference}/lookup`, { idDocumentNumber: CITIZEN.idDocument.number }, {});
    expect(anonymous.statusCode).toBe(401);
  });
});
