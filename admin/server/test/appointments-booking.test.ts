import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppointmentSchema, OfficeListSchema, SlotListSchema } from '../src/modules/appointments/contract.js';
import { seedDemoAppointments } from '../src/modules/appointments/seed.js';
import { appointmentTables } from '../src/modules/appointments/office-repository.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { CITIZEN, CONSOLE, bookingBody, errorCode, freeSlotsAhead, kioskHeaders, staffCookie } from './appointments-fixtures.js';

describe.each(DIALECTS)('appointments: offices, slots, booking (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const book = (body: object) => hub.app.inject({ method: 'POST', url: '/public/v1/appointments', payload: body });

  it('seeds two demo offices with hours and services, idempotently', async () => {
    await seedDemoAppointments(hub.db);
    const response = await hub.app.inject({ method: 'GET', url: '/public/v1/appointments/offices?locale=en' });
    expect(response.statusCode).toBe(200);
    const { offices } = OfficeListSchema.parse(response.json());
    expect(offices.map((o) => o.code)).toEqual(['oac-centro', 'cc-norte']);
    expect(offices[0]?.timeZone).toBe('Europe/Madrid');
    expect(offices[0]?.services.map((s) => [s.code, s.name, s.turnLetter, s.walkIn])).toEqual([
      ['padron', 'Census registration', 'A', true],
      ['registro', 'General registry', 'B', true],
      ['tributos', 'Taxes and fees', 'C', false],
    ]);
    const hours = await appointmentTables(hub.db).selectFrom('appt_opening_hours').select('weekday').where('office_code', '=', 'oac-centro').execute();
    expect(hours).toHaveLength(6);
  });

  it('lists free slots in the office time zone, within opening hours, on weekdays only', async () => {
    const slots = await freeSlotsAhead(hub.app, 'oac-centro', 'tributos', 14);
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      expect(slot.start).toMatch(/^\d{4}-\d{2}-\d{2}T(09|1[0-3]|1[6-8]):[0-5]\d:00\+0[12]:00$/);
      const weekday = new Date(slot.start.slice(0, 10) + 'T12:00:00Z').getUTCDay();
      expect([1, 2, 3, 4, 5]).toContain(weekday);
      expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(20 * 60_000);
      expect(slot.available).toBe(1);
    }
  });

  it('refuses bad ranges and unknown offices or services with clear codes', async () => {
    const get = (query: string) => hub.app.inject({ method: 'GET', url: `/public/v1/appointments/slots?${query}` });
    expect(errorCode((await get('office=oac-centro&service=padron&from=2026-02-10&to=2026-02-01')).body)).toBe('invalid-date-range');
    expect(errorCode((await get('office=oac-centro&service=padron&from=2026-01-01&to=2026-06-01')).body)).toBe('invalid-date-range');
    expect(errorCode((await get('office=oac-centro&service=padron&from=2026-02-30&to=2026-03-01')).body)).toBe('invalid-date');
    const unknownOffice = await get('office=nowhere&service=padron&from=2026-02-01&to=2026-02-02');
    expect([unknownOffice.statusCode, errorCode(unknownOffice.body)]).toEqual([404, 'unknown-office']);
    expect(errorCode((await get('office=cc-norte&service=tributos&from=2026-02-01&to=2026-02-02')).body)).toBe('unknown-service');
    expect((await get('office=oac-centro')).statusCode).toBe(400);
  });

  it('books a slot: reference, QR payload, masked document; the seat is gone from the free list', async () => {
    const [slot] = await freeSlotsAhead(hub.app, 'oac-centro', 'tributos');
    if (slot === undefined) throw new Error('no free slot');
    const response = await book(bookingBody('oac-centro', 'tributos', slot.start, { email: 'ana@example.org', phone: '+34 600 000 000' }));
    expect(response.statusCode).toBe(201);
    const appointment = AppointmentSchema.parse(response.json());
    expect(appointment.reference).toMatch(/^C1TA-[0-9A-Z]{5}-[0-9A-Z]$/);
    expect(appointment.qrPayload).toBe(`CITA:${appointment.reference}`);
    expect(appointment).toMatchObject({ office: 'oac-centro', service: 'tributos', start: slot.start, status: 'booked', idDocumentMasked: '*****678Z', serviceName: 'Impuestos y tasas' });
    expect(response.body).not.toContain(CITIZEN.name);
    expect(response.body).not.toContain(CITIZEN.idDocument.number);
    const after = await freeSlotsAhead(hub.app, 'oac-centro', 'tributos');
    expect(after.find((s) => s.start === slot.start)).toBeUndefined();
    const again = await book(bookingBody('oac-centro', 'tributos', slot.start));
    expect([again.statusCode, errorCode(again.body)]).toEqual([409, 'slot-full']);
  });

  it('refuses invalid documents, times that are not slots, past slots, and bad contact data', async () => {
    const slots = await freeSlotsAhead(hub.app, 'oac-centro', 'padron');
    const start = slots[0]?.start ?? '';
    const wrongLetter = await book(bookingBody('oac-centro', 'padron', start, { idDocument: { kind: 'dni', number: '12345678A' } }));
    expect([wrongLetter.statusCode, errorCode(wrongLetter.body)]).toEqual([400, 'invalid-id-document']);
    expect(wrongLetter.body).not.toContain('12345678A');
    const passport = await book(bookingBody('oac-centro', 'padron', start, { idDocument: { kind: 'passport', number: 'PA1234567' } }));
    expect(passport.statusCode).toBe(201);
    const shifted = new Date(Date.parse(start) + 7 * 60_000).toISOString();
    expect(errorCode((await book(bookingBody('oac-centro', 'padron', shifted))).body)).toBe('not-a-slot');
    expect(errorCode((await book(bookingBody('oac-centro', 'padron', '2020-01-06T09:00:00+01:00'))).body)).toBe('slot-in-past');
    expect(errorCode((await book(bookingBody('oac-centro', 'padron', start, { email: 'not-an-email' }))).body)).toBe('invalid');
    expect(errorCode((await book(bookingBody('oac-centro', 'padron', start, { name: '<script>' }))).body)).toBe('invalid');
  });

  it('refuses a booking on a holiday the manager added', async () => {
    const [slot] = await freeSlotsAhead(hub.app, 'cc-norte', 'padron');
    if (slot === undefined) throw new Error('no free slot');
    const day = slot.start.slice(0, 10);
    const cookie = await staffCookie(hub);
    const added = await hub.app.inject({ method: 'POST', url: '/api/appointments/offices/cc-norte/holidays', headers: { ...CONSOLE, cookie }, payload: { day, name: 'Fiesta local' } });
    expect(added.statusCode).toBe(200);
    expect((await freeSlotsAhead(hub.app, 'cc-norte', 'padron')).some((s) => s.start.startsWith(day))).toBe(false);
    expect(errorCode((await book(bookingBody('cc-norte', 'padron', slot.start))).body)).toBe('not-a-slot');
  });

  it('cancels with reference + document (freeing the seat) and refuses the wrong document as unknown', async () => {
    const [slot] = await freeSlotsAhead(hub.app, 'cc-norte', 'servicios-sociales');
    if (slot === undefined) throw new Error('no free slot');
    const { reference } = AppointmentSchema.parse((await book(bookingBody('cc-norte', 'servicios-sociales', slot.start))).json());
    const cancel = (idDocumentNumber: string) => hub.app.inject({ method: 'POST', url: `/public/v1/appointments/${reference}/cancel`, payload: { idDocumentNumber } });
    const wrong = await cancel('87654321X');
    expect([wrong.statusCode, errorCode(wrong.body)]).toEqual([404, 'unknown-appointment']);
    const done = await cancel('12.345.678-z');
    expect(done.statusCode).toBe(200);
    expect(AppointmentSchema.parse(done.json()).status).toBe('cancelled');
    expect(errorCode((await cancel('12345678Z')).body)).toBe('appointment-cancelled');
    expect((await freeSlotsAhead(hub.app, 'cc-norte', 'servicios-sociales')).some((s) => s.start === slot.start)).toBe(true);
  });

  it('reschedules to another free slot, releasing the old one, and refuses a full one', async () => {
    const slots = await freeSlotsAhead(hub.app, 'oac-centro', 'tributos');
    const [first, second, third] = slots;
    if (first === undefined || second === undefined || third === undefined) throw new Error('not enough free slots');
    const { reference } = AppointmentSchema.parse((await book(bookingBody('oac-centro', 'tributos', first.start))).json());
    await book(bookingBody('oac-centro', 'tributos', third.start, { idDocument: { kind: 'nie', number: 'X1234567L' } }));
    const move = (start: string) => hub.app.inject({ method: 'POST', url: `/public/v1/appointments/${reference}/reschedule`, payload: { idDocumentNumber: '12345678Z', start } });
    const full = await move(third.start);
    expect([full.statusCode, errorCode(full.body)]).toEqual([409, 'slot-full']);
    const moved = await move(second.start);
    expect(moved.statusCode).toBe(200);
    expect(AppointmentSchema.parse(moved.json()).start).toBe(second.start);
    const free = (await freeSlotsAhead(hub.app, 'oac-centro', 'tributos')).map((s) => s.start);
    expect(free).toContain(first.start);
    expect(free).not.toContain(second.start);
  });

  it('exports the appointment as iCalendar with TZID', async () => {
    const [slot] = await freeSlotsAhead(hub.app, 'oac-centro', 'registro');
    if (slot === undefined) throw new Error('no free slot');
    const { reference } = AppointmentSchema.parse((await book(bookingBody('oac-centro', 'registro', slot.start))).json());
    const response = await hub.app.inject({ method: 'GET', url: `/public/v1/appointments/${reference.toLowerCase()}/calendar.ics` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    const ics = response.body.replace(/\r\n /g, '');
    const local = slot.start.slice(0, 19).replace(/[-:]/g, '');
    expect(ics).toContain(`DTSTART;TZID=Europe/Madrid:${local}\r\n`);
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Madrid');
    expect(ics).toContain(`UID:${reference}@`);
    expect(ics).not.toContain(CITIZEN.name);
    expect(ics).not.toContain(CITIZEN.idDocument.number);
    expect((await hub.app.inject({ method: 'GET', url: '/public/v1/appointments/C1TA-00000-0/calendar.ics' })).statusCode).toBe(404);
  });

  it('serves kiosks under /fleet/v1/appointments with the device credential only', async () => {
    const none = await hub.app.inject({ method: 'GET', url: '/fleet/v1/appointments/offices' });
    expect(none.statusCode).toBe(401);
    const offices = await hub.app.inject({ method: 'GET', url: '/fleet/v1/appointments/offices?locale=ca', headers: kioskHeaders(hub) });
    expect(OfficeListSchema.parse(offices.json()).offices[1]?.services[1]?.name).toBe('Serveis socials');
    const slots = await hub.app.inject({ method: 'GET', url: `/fleet/v1/appointments/slots?office=oac-centro&service=registro&from=${new Date().toISOString().slice(0, 10)}&to=${new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)}`, headers: kioskHeaders(hub) });
    const [slot] = SlotListSchema.parse(slots.json()).slots;
    if (slot === undefined) throw new Error('no free slot');
    const booked = await hub.app.inject({ method: 'POST', url: '/fleet/v1/appointments', headers: kioskHeaders(hub), payload: bookingBody('oac-centro', 'registro', slot.start) });
    expect(booked.statusCode).toBe(201);
    const row = await appointmentTables(hub.db).selectFrom('appointments').select(['channel', 'id_number']).where('reference', '=', AppointmentSchema.parse(booked.json()).reference).executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'kiosk', id_number: '12345678Z' });
  });
});
