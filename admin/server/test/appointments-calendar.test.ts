import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/modules/auth/service.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { CONSOLE, errorCode, freeSlotsAhead, staffCookie } from './appointments-fixtures.js';

/** Managers change an office's calendar; the free slots follow at once. */
describe.each(DIALECTS)('appointments: calendars set by staff (%s)', (dialect) => {
  let hub: TestHub;
  let headers: Record<string, string>;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    headers = { ...CONSOLE, cookie: await staffCookie(hub) };
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('replaces the weekly hours: only Monday 10:00-11:00 is left', async () => {
    const put = (hours: object[]) => hub.app.inject({ method: 'PUT', url: '/api/appointments/offices/cc-norte/hours', headers, payload: { hours } });
    expect((await put([{ weekday: 1, opensAt: '10:00', closesAt: '11:00' }])).statusCode).toBe(200);
    const slots = await freeSlotsAhead(hub.app, 'cc-norte', 'padron', 20);
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      expect(new Date(`${slot.start.slice(0, 10)}T12:00:00Z`).getUTCDay()).toBe(1);
      expect(slot.start.slice(11, 16) >= '10:00' && slot.start.slice(11, 16) < '11:00').toBe(true);
    }
    const overlapping = await put([{ weekday: 2, opensAt: '09:00', closesAt: '12:00' }, { weekday: 2, opensAt: '11:00', closesAt: '13:00' }]);
    expect([overlapping.statusCode, errorCode(overlapping.body)]).toEqual([400, 'invalid']);
    expect(errorCode((await put([{ weekday: 2, opensAt: '12:00', closesAt: '09:00' }])).body)).toBe('invalid');
  });

  it('changes slot length and capacity of a service', async () => {
    const put = (body: object) => hub.app.inject({ method: 'PUT', url: '/api/appointments/offices/oac-centro/services/tributos', headers, payload: body });
    expect((await put({ slotMinutes: 60, capacity: 4 })).statusCode).toBe(200);
    const [slot] = await freeSlotsAhead(hub.app, 'oac-centro', 'tributos');
    expect(slot?.available).toBe(4);
    expect(Date.parse(slot?.end ?? '') - Date.parse(slot?.start ?? '')).toBe(60 * 60_000);
    expect((await put({ slotMinutes: 1, capacity: 4 })).statusCode).toBe(400);
    const unknown = await hub.app.inject({ method: 'PUT', url: '/api/appointments/offices/oac-centro/services/nope', headers, payload: { slotMinutes: 30, capacity: 1 } });
    expect([unknown.statusCode, errorCode(unknown.body)]).toEqual([404, 'unknown-service']);
  });

  it('leaves calendars to managers and admins', async () => {
    await createUser(hub.db, { tenantId: 'villademo', username: 'clerk', password: 'clerk-password-1234', role: 'caseworker' });
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username: 'clerk', password: 'clerk-password-1234' } });
    const cookie = /^(__Host-session=[^;]+);/.exec(String(login.headers['set-cookie']))?.[1] ?? '';
    const refused = await hub.app.inject({ method: 'POST', url: '/api/appointments/offices/oac-centro/holidays', headers: { ...CONSOLE, cookie }, payload: { day: '2026-12-24', name: 'Nochebuena' } });
    expect([refused.statusCode, errorCode(refused.body)]).toEqual([403, 'forbidden-role']);
  });
});
