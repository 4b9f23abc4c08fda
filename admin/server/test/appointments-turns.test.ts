import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { mintReference } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { APPOINTMENT_ISSUER } from '../src/modules/appointments/settings.js';
import { AppointmentSchema, CallNextAnswerSchema, CheckInAnswerSchema, QueueSchema, TodayListSchema, TurnSchema } from '../src/modules/appointments/contract.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { CITIZEN, CONSOLE, bookingBody, clockedApp, errorCode, freeSlotsAhead, kioskHeaders, staffCookie } from './appointments-fixtures.js';

const MINUTE = 60_000;

describe.each(DIALECTS)('appointments: check-in, turns and the queue (%s)', (dialect) => {
  let hub: TestHub;
  let first: { reference: string; start: string };
  let second: { reference: string; start: string };
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    // Two bookings at the main office, on the same day (the first day with two free tributos slots).
    const slots = await freeSlotsAhead(hub.app, 'oac-centro', 'tributos');
    const day = slots[0]?.start.slice(0, 10);
    const [a, b] = slots.filter((s) => s.start.startsWith(day ?? '-')).slice(0, 3).filter((_, i) => i !== 1);
    if (a === undefined || b === undefined) throw new Error('not enough free slots on one day');
    const bookOne = async (start: string, idDocument: { kind: 'dni' | 'nie' | 'passport'; number: string }) =>
      AppointmentSchema.parse((await hub.app.inject({ method: 'POST', url: '/public/v1/appointments', payload: bookingBody('oac-centro', 'tributos', start, { idDocument }) })).json());
    first = await bookOne(a.start, CITIZEN.idDocument);
    second = await bookOne(b.start, { kind: 'nie', number: 'Y1234567X' });
  });
  afterAll(async () => {
    await hub?.close();
  });

  const at = async (iso: string, offsetMinutes: number): Promise<FastifyInstance> => clockedApp(hub, new Date(Date.parse(iso) + offsetMinutes * MINUTE));
  const checkIn = (app: FastifyInstance, office: string, code: object) =>
    app.inject({ method: 'POST', url: '/fleet/v1/appointments/check-in', headers: kioskHeaders(hub), payload: { office, code } });

  it('refuses too early, expired and wrong office with distinct reasons, and unknown codes', async () => {
    const early = await checkIn(await at(first.start, -120), 'oac-centro', { kind: 'qr', payload: `CITA:${first.reference}` });
    expect([early.statusCode, errorCode(early.body)]).toEqual([409, 'appointment-too-early']);
    const late = await checkIn(await at(first.start, 60), 'oac-centro', { kind: 'reference', reference: first.reference });
    expect([late.statusCode, errorCode(late.body)]).toEqual([409, 'appointment-expired']);
    const elsewhere = await checkIn(await at(first.start, -5), 'cc-norte', { kind: 'qr', payload: `CITA:${first.reference}` });
    expect([elsewhere.statusCode, errorCode(elsewhere.body)]).toEqual([409, 'appointment-wrong-office']);
    const app = await at(first.start, -5);
    expect(errorCode((await checkIn(app, 'oac-centro', { kind: 'qr', payload: first.reference })).body)).toBe('invalid-code');
    expect(errorCode((await checkIn(app, 'oac-centro', { kind: 'qr', payload: `CITA:${mintReference(APPOINTMENT_ISSUER, 1).display}` })).body)).toBe('unknown-appointment');
    expect(errorCode((await checkIn(app, 'oac-centro', { kind: 'id-document', number: '00000000T' })).body)).toBe('unknown-appointment');
  });

  it('checks in by QR once (turn C-001), then refuses the used code; a concurrent double scan gets one turn', async () => {
    const app = await at(first.start, -10);
    const scans = await Promise.all(Array.from({ length: 10 }, () => checkIn(app, 'oac-centro', { kind: 'qr', payload: `cita:${first.reference}` })));
    const won = scans.filter((r) => r.statusCode === 201);
    expect(won).toHaveLength(1);
    expect(new Set(scans.filter((r) => r.statusCode !== 201).map((r) => errorCode(r.body)))).toEqual(new Set(['appointment-already-used']));
    const answer = CheckInAnswerSchema.parse(won[0]?.json());
    expect(answer.appointmentReference).toBe(first.reference);
    expect(answer.turn).toMatchObject({ label: 'C-001', kind: 'appointment', status: 'waiting', peopleAhead: 0, estimatedWaitMinutes: 0 });
  });

  it('checks in by ID document + day, and reports a cancelled appointment as cancelled', async () => {
    const app = await at(second.start, 5);
    const byDocument = await checkIn(app, 'oac-centro', { kind: 'id-document', number: 'y-1234567-x', day: second.start.slice(0, 10) });
    expect(byDocument.statusCode).toBe(201);
    const turn = CheckInAnswerSchema.parse(byDocument.json()).turn;
    expect(turn).toMatchObject({ label: 'C-002', peopleAhead: 1 });
    expect(turn.estimatedWaitMinutes).toBe(7); // 1 ahead x 20 min / 3 desks, rounded up

    const [spare] = await freeSlotsAhead(hub.app, 'oac-centro', 'registro');
    if (spare === undefined) throw new Error('no free slot');
    const booked = AppointmentSchema.parse((await hub.app.inject({ method: 'POST', url: '/public/v1/appointments', payload: bookingBody('oac-centro', 'registro', spare.start) })).json());
    await hub.app.inject({ method: 'POST', url: `/public/v1/appointments/${booked.reference}/cancel`, payload: { idDocumentNumber: CITIZEN.idDocument.number } });
    const cancelled = await checkIn(await at(spare.start, 0), 'oac-centro', { kind: 'reference', reference: booked.reference });
    expect([cancelled.statusCode, errorCode(cancelled.body)]).toEqual([409, 'appointment-cancelled']);
  });

  it('issues walk-in turns per service with their place in the queue, and staff call them in order', async () => {
    // Each citizen arrives a minute after the previous one.
    const walkIn = async (service: string, minute: number) => TurnSchema.parse((await (await at(first.start, minute)).inject({ method: 'POST', url: '/fleet/v1/appointments/walk-in', headers: kioskHeaders(hub), payload: { office: 'oac-centro', service } })).json());
    const a1 = await walkIn('padron', 0);
    const a2 = await walkIn('padron', 1);
    const b1 = await walkIn('registro', 2);
    const app = await at(first.start, 3);
    expect([a1.label, a2.label, b1.label]).toEqual(['A-001', 'A-002', 'B-001']);
    expect([a1.peopleAhead, a2.peopleAhead, b1.peopleAhead]).toEqual([0, 1, 0]);
    expect(a2.estimatedWaitMinutes).toBe(5); // 1 ahead x 15 min / 3 desks

    const cookie = await staffCookie(hub);
    const staff = { ...CONSOLE, cookie };
    const queue = QueueSchema.parse((await app.inject({ method: 'GET', url: '/api/appointments/offices/oac-centro/queue', headers: staff })).json());
    expect(queue.waiting.map((t) => t.label)).toEqual(['C-001', 'A-001', 'A-002', 'B-001', 'C-002']);

    const callNext = (desk: string, services: string[] = []) => app.inject({ method: 'POST', url: '/api/appointments/offices/oac-centro/call-next', headers: staff, payload: { desk, services } });
    const calls = await Promise.all(['1', '2', '3'].map((desk) => callNext(desk)));
    const called = calls.map((r) => CallNextAnswerSchema.parse(r.json()).turn?.label).sort();
    expect(called).toEqual(['A-001', 'A-002', 'C-001']);
    // Checked before desk 1 calls again: a desk calling its next turn closes the one it had, and
    // which desk got A-002 in the concurrent calls above is up to the race.
    const status = TurnSchema.parse((await app.inject({ method: 'GET', url: `/fleet/v1/appointments/turns/${a2.turnId}`, headers: kioskHeaders(hub) })).json());
    expect(status).toMatchObject({ status: 'called', peopleAhead: 0, estimatedWaitMinutes: 0 });
    expect(['1', '2', '3']).toContain(status.deskCode);
    expect(CallNextAnswerSchema.parse((await callNext('1', ['registro'])).json()).turn?.label).toBe('B-001');
    const publicStatus = TurnSchema.parse((await app.inject({ method: 'GET', url: `/public/v1/appointments/turns/${b1.turnId}` })).json());
    expect(publicStatus).toMatchObject({ status: 'called', deskCode: '1' });
    expect(errorCode((await callNext('99')).body)).toBe('unknown-desk');
    expect(errorCode((await app.inject({ method: 'POST', url: '/fleet/v1/appointments/walk-in', headers: kioskHeaders(hub), payload: { office: 'cc-norte', service: 'tributos' } })).body)).toBe('unknown-service');
  });

  it("shows staff the day's bookings with names and masked documents, to desk roles only", async () => {
    const cookie = await staffCookie(hub);
    const day = first.start.slice(0, 10);
    const response = await hub.app.inject({ method: 'GET', url: `/api/appointments/today?office=oac-centro&day=${day}`, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const today = TodayListSchema.parse(response.json());
    const mine = today.appointments.find((a) => a.reference === first.reference);
    expect(mine).toMatchObject({ name: CITIZEN.name, idDocumentMasked: '*****678Z', status: 'checked-in', service: 'tributos' });
    expect(response.body).not.toContain(CITIZEN.idDocument.number);

    expect((await hub.app.inject({ method: 'GET', url: '/api/appointments/today?office=oac-centro' })).statusCode).toBe(401);
    await createUser(hub.db, { tenantId: 'villademo', username: 'analyst', password: 'analyst-password-123', role: 'viewer' });
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username: 'analyst', password: 'analyst-password-123' } });
    const analystCookie = /^(__Host-session=[^;]+);/.exec(String(login.headers['set-cookie']))?.[1] ?? '';
    const refused = await hub.app.inject({ method: 'GET', url: '/api/appointments/today?office=oac-centro', headers: { cookie: analystCookie } });
    expect([refused.statusCode, errorCode(refused.body)]).toEqual([403, 'forbidden-role']);
    const noCsrf = await hub.app.inject({ method: 'POST', url: '/api/appointments/offices/oac-centro/call-next', headers: { cookie }, payload: { desk: '1' } });
    expect(noCsrf.statusCode).toBe(403);
  });
});
