import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ApiErrorSchema, CallNextAnswerSchema, OfficeDaySchema, OfficeSettingsSchema, StaffOfficeListSchema, type OfficeDay } from '@kiosk/shared';
import { AppointmentSchema } from '../src/modules/appointments/contract.js';
import { listAuditRows } from '../src/modules/workflow/audit-repository.js';
import { DIALECTS, createTestHub, staffByRole, type TestHub } from './helpers/hub.js';
import { CITIZEN, bookingBody, clockedApp, freeSlotsAhead, kioskHeaders } from './appointments-fixtures.js';

// The console's appointments (issue 7): office list, calendar settings (editors change them,
// audited), and the day board (bookings with their counter state, queue, desks) that viewers
// may read because it holds no names or documents; caseworkers call the next turn.

const MINUTE = 60_000;
const TENANT = 'villademo';
/** Christmas Eve next year: ahead of today, inside the settings page's holiday horizon. */
const EVE = `${new Date().getUTCFullYear() + 1}-12-24`;

describe.each(DIALECTS)('appointments in the console (%s)', (dialect) => {
  let hub: TestHub;
  let editor: Record<string, string>;
  let caseworker: Record<string, string>;
  let viewer: Record<string, string>;
  let operator: Record<string, string>;

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    ({ editor, caseworker, viewer, operator } = await staffByRole(hub, ['editor', 'caseworker', 'viewer', 'operator']));
  });
  afterAll(async () => {
    await hub?.close();
  });

  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object, app: FastifyInstance = hub.app) =>
    app.inject({ method, url: `/api/appointments${url}`, headers, ...(payload === undefined ? {} : { payload }) });
  const errorOf = (body: string) => ApiErrorSchema.parse(JSON.parse(body)).error;
  const settingsOf = async (office: string) => OfficeSettingsSchema.parse((await send('GET', `/offices/${office}/settings?locale=en`, viewer)).json());

  it('lists the offices and one office’s settings to every reading role, not to fleet operators', async () => {
    const offices = StaffOfficeListSchema.parse((await send('GET', '/offices', viewer)).json());
    expect(offices.offices).toEqual([
      { code: 'oac-centro', name: 'Oficina de Atención Ciudadana - Ayuntamiento' },
      { code: 'cc-norte', name: 'Centro Cívico Norte' },
    ]);
    const centro = await settingsOf('oac-centro');
    expect(centro.office).toMatchObject({ code: 'oac-centro', timeZone: 'Europe/Madrid' });
    expect(centro.hours.filter((h) => h.weekday === 4)).toEqual([
      { weekday: 4, opensAt: '09:00', closesAt: '14:00' },
      { weekday: 4, opensAt: '16:00', closesAt: '18:30' },
    ]);
    expect(centro.hours).toHaveLength(6);
    expect(centro.desks.map((d) => [d.code, d.active])).toEqual([
      ['1', true],
      ['2', true],
      ['3', true],
    ]);
    expect(centro.services).toEqual([
      { code: 'padron', name: 'Census registration', turnLetter: 'A', slotMinutes: 15, capacity: 2, walkIn: true },
      { code: 'registro', name: 'General registry', turnLetter: 'B', slotMinutes: 10, capacity: 3, walkIn: true },
      { code: 'tributos', name: 'Taxes and fees', turnLetter: 'C', slotMinutes: 20, capacity: 1, walkIn: false },
    ]);
    const refused = await send('GET', '/offices', operator);
    expect([refused.statusCode, errorOf(refused.body).code]).toEqual([403, 'forbidden-role']);
    expect((await send('GET', '/offices/oac-centro/settings', operator)).statusCode).toBe(403);
    expect((await send('GET', '/offices/nowhere/settings', viewer)).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'GET', url: '/api/appointments/offices' })).statusCode).toBe(401);
  });

  it('lets an editor change hours, holidays, desks and slots, audited, and shows the change', async () => {
    const hours = [
      { weekday: 2, opensAt: '10:00', closesAt: '12:00' },
      { weekday: 5, opensAt: '08:30', closesAt: '13:30' },
    ];
    expect((await send('PUT', '/offices/cc-norte/hours', editor, { hours })).statusCode).toBe(200);
    expect((await send('POST', '/offices/cc-norte/holidays', editor, { day: EVE, name: 'Nochebuena' })).statusCode).toBe(200);
    expect((await send('PUT', '/offices/cc-norte/services/padron', editor, { slotMinutes: 30, capacity: 2 })).statusCode).toBe(200);
    expect((await send('PUT', '/offices/cc-norte/desks/1', editor, { label: 'Mesa 1', active: false })).statusCode).toBe(200);
    const norte = await settingsOf('cc-norte');
    expect(norte.hours).toEqual(hours);
    expect(norte.holidays).toEqual([{ day: EVE, name: 'Nochebuena' }]);
    expect(norte.services.find((s) => s.code === 'padron')).toMatchObject({ slotMinutes: 30, capacity: 2 });
    expect(norte.desks).toEqual([{ code: '1', label: 'Mesa 1', active: false }]);

    expect((await send('DELETE', `/offices/cc-norte/holidays/${EVE}`, editor)).statusCode).toBe(200);
    expect((await settingsOf('cc-norte')).holidays).toEqual([]);
    const again = await send('DELETE', `/offices/cc-norte/holidays/${EVE}`, editor);
    expect([again.statusCode, errorOf(again.body).code]).toEqual([404, 'unknown-holiday']);

    const audit = await listAuditRows(hub.db, TENANT, { targetType: 'office', limit: 50, offset: 0 });
    expect(audit.map((row) => row.action).sort()).toEqual(['office.desk', 'office.holiday-add', 'office.holiday-remove', 'office.hours', 'office.service-slots']);
    expect(audit.every((row) => row.actor_name === 'editor1' && row.target_id === 'cc-norte')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('Nochebuena');
  });

  it('explains refused calendar changes and keeps them from other roles', async () => {
    const overlapping = await send('PUT', '/offices/cc-norte/hours', editor, {
      hours: [
        { weekday: 2, opensAt: '09:00', closesAt: '12:00' },
        { weekday: 2, opensAt: '11:00', closesAt: '13:00' },
      ],
    });
    expect(overlapping.statusCode).toBe(400);
    expect(errorOf(overlapping.body).message).toContain('must not overlap');
    const backwards = await send('PUT', '/offices/cc-norte/hours', editor, { hours: [{ weekday: 2, opensAt: '12:00', closesAt: '09:00' }] });
    expect(errorOf(backwards.body).message).toContain('open before it closes');
    const tiny = await send('PUT', '/offices/cc-norte/services/padron', editor, { slotMinutes: 1, capacity: 1 });
    expect(tiny.statusCode).toBe(400);
    const badDay = await send('POST', '/offices/cc-norte/holidays', editor, { day: '2030-02-30', name: 'Nunca' });
    expect([badDay.statusCode, errorOf(badDay.body).code]).toEqual([400, 'invalid-date']);
    expect((await send('PUT', '/offices/cc-norte/desks/9', editor, { label: 'Mesa 9', active: true })).statusCode).toBe(404);
    expect((await settingsOf('cc-norte')).hours).toEqual([
      { weekday: 2, opensAt: '10:00', closesAt: '12:00' },
      { weekday: 5, opensAt: '08:30', closesAt: '13:30' },
    ]);
    for (const who of [caseworker, viewer, operator]) {
      const refused = await send('PUT', '/offices/cc-norte/services/padron', who, { slotMinutes: 15, capacity: 1 });
      expect([refused.statusCode, errorOf(refused.body).code]).toEqual([403, 'forbidden-role']);
    }
    expect((await send('DELETE', `/offices/cc-norte/holidays/${EVE}`, viewer)).statusCode).toBe(403);
  });

  it("shows the day's bookings as booked, called, served, no-show and cancelled, and the queue moves", async () => {
    const slots = await freeSlotsAhead(hub.app, 'oac-centro', 'tributos');
    const day = slots[0]?.start.slice(0, 10) ?? '';
    const sameDay = slots.filter((s) => s.start.startsWith(day));
    const [a, b] = [sameDay[0], sameDay[3]];
    if (a === undefined || b === undefined) throw new Error('not enough free slots on one day');
    const book = async (service: string, start: string, number: string) =>
      AppointmentSchema.parse((await hub.app.inject({ method: 'POST', url: '/public/v1/appointments', payload: bookingBody('oac-centro', service, start, { idDocument: { kind: 'dni', number } }) })).json());
    const first = await book('tributos', a.start, CITIZEN.idDocument.number);
    const second = await book('tributos', b.start, '00000000T');
    const [spare] = (await freeSlotsAhead(hub.app, 'oac-centro', 'padron')).filter((s) => s.start.startsWith(day));
    if (spare === undefined) throw new Error('no padron slot that day');
    const third = await book('padron', spare.start, '11111111H');
    await hub.app.inject({ method: 'POST', url: `/public/v1/appointments/${third.reference}/cancel`, payload: { idDocumentNumber: '11111111H' } });

    const at = (iso: string, minutes: number) => clockedApp(hub, new Date(Date.parse(iso) + minutes * MINUTE));
    const early = await at(a.start, -10);
    const checkIn = await early.inject({ method: 'POST', url: '/fleet/v1/appointments/check-in', headers: kioskHeaders(hub), payload: { office: 'oac-centro', code: { kind: 'reference', reference: first.reference } } });
    expect(checkIn.statusCode).toBe(201);
    const walkIn = await (await at(a.start, -9)).inject({ method: 'POST', url: '/fleet/v1/appointments/walk-in', headers: kioskHeaders(hub), payload: { office: 'oac-centro', service: 'padron' } });
    expect(walkIn.statusCode).toBe(201);

    const board = async (app: FastifyInstance, who = viewer): Promise<OfficeDay> => {
      const response = await send('GET', `/offices/oac-centro/day?day=${day}`, who, undefined, app);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).not.toContain(CITIZEN.name);
      expect(response.body).not.toContain('678Z');
      return OfficeDaySchema.parse(response.json());
    };
    const stateOf = (view: OfficeDay, reference: string) => view.bookings.find((x) => x.reference === reference)?.state;

    const before = await board(await at(a.start, -8));
    expect([stateOf(before, first.reference), stateOf(before, second.reference), stateOf(before, third.reference)]).toEqual(['checked-in', 'booked', 'cancelled']);
    expect(before.waiting.map((t) => t.label)).toEqual(['C-001', 'A-001']);
    expect(before.bookings.find((x) => x.reference === first.reference)?.turnLabel).toBe('C-001');

    const callAt = async (app: FastifyInstance, who: Record<string, string>) => send('POST', '/offices/oac-centro/call-next', who, { desk: '2' }, app);
    const viewerCall = await callAt(await at(a.start, -7), viewer);
    expect([viewerCall.statusCode, errorOf(viewerCall.body).code]).toEqual([403, 'forbidden-role']);
    const firstCall = CallNextAnswerSchema.parse((await callAt(await at(a.start, -7), caseworker)).json());
    expect(firstCall.turn).toMatchObject({ label: 'C-001', deskCode: '2' });
    const calling = await board(await at(a.start, -6));
    expect(stateOf(calling, first.reference)).toBe('called');
    expect(calling.waiting.map((t) => t.label)).toEqual(['A-001']);
    expect(calling.called.map((t) => [t.label, t.deskCode])).toEqual([['C-001', '2']]);

    // Later that day: the second citizen never came (check-in closes 15 minutes after the start).
    const later = await at(b.start, 20);
    expect(CallNextAnswerSchema.parse((await callAt(later, caseworker)).json()).turn?.label).toBe('A-001');
    const after = await board(later);
    expect([stateOf(after, first.reference), stateOf(after, second.reference), stateOf(after, third.reference)]).toEqual(['served', 'no-show', 'cancelled']);
    expect(after.waiting).toEqual([]);
    expect(after.called.map((t) => [t.label, t.kind])).toEqual([['A-001', 'walk-in']]);
    expect(stateOf(await board(await at(b.start, 10)), second.reference)).toBe('booked');

    const badDay = await send('GET', '/offices/oac-centro/day?day=2030-02-30', viewer);
    expect([badDay.statusCode, errorOf(badDay.body).code]).toEqual([400, 'invalid-date']);
    expect((await send('GET', '/offices/oac-centro/day', operator)).statusCode).toBe(403);
  });
});
