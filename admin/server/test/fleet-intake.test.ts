import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS_PATH, ApiErrorSchema, CatalogSchema, STAFF_CALLS_PATH, type AnalyticsCount } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { DIALECTS, createTestHub, signInStaff, type TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';
import type { IntakeTables } from '../src/fleet/analytics/tables.js';

// Kiosk intake (issue 4): the catalogue carries each service's questions and the municipality's
// landmarks; kiosk submissions are checked against the service definition (422 naming the
// attribute); usage counts and "call staff" alerts come in from kiosks and are read by staff.


describe.each(DIALECTS)('kiosk intake (%s)', (dialect) => {
  let hub: TestHub;
  let analyst: Record<string, string>;
  let clerk: Record<string, string>;
  let sequence = 0;

  const signIn = (username: string, password: string) => signInStaff(hub, username, password);

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await createUser(hub.db, { tenantId: 'villademo', username: 'figures', password: 'analyst password 12', role: 'viewer' });
    await createUser(hub.db, { tenantId: 'villademo', username: 'clerk', password: 'clerk password 12', role: 'caseworker' });
    [analyst, clerk] = await Promise.all([signIn('figures', 'analyst password 12'), signIn('clerk', 'clerk password 12')]);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const kiosk = (url: string, payload: object, headers = fleetHeaders(hub)) => hub.app.inject({ method: 'POST', url, headers, payload });
  const errorOf = (body: string) => ApiErrorSchema.parse(JSON.parse(body)).error;
  const file = (overrides: Parameters<typeof submission>[2]) => {
    sequence += 1;
    return kiosk('/fleet/v1/requests', submission(hub, sequence, overrides), fleetHeaders(hub, `intake-${dialect}-${sequence}`));
  };

  describe('catalogue', () => {
    it('lists the landmarks in the kiosk language and every service question with its datatype', async () => {
      for (const [locale, plaza] of [['es', 'Plaza Mayor (Ayuntamiento)'], ['ar', 'الساحة الرئيسية (البلدية)']] as const) {
        const response = await hub.app.inject({ method: 'GET', url: `/fleet/v1/catalog?locale=${locale}`, headers: fleetHeaders(hub) });
        expect(response.statusCode).toBe(200);
        const catalog = CatalogSchema.parse(JSON.parse(response.body));
        expect(catalog.landmarks.map((l) => l.id)).toEqual(['plaza-mayor', 'mercado', 'parque-rio', 'estacion', 'centro-salud', 'colegio']);
        expect(catalog.landmarks[0]).toMatchObject({ name: plaza, addressString: 'Plaza Mayor, 1, 28999 Villademo', lat: 40.4168, long: -3.7038 });
        const pavement = catalog.services.find((s) => s.serviceCode === 'pavement-damage');
        expect(pavement?.locationless).toBe(false);
        expect(pavement?.attributes.map((a) => a.datatype).sort()).toEqual(['datetime', 'multivaluelist', 'number', 'singlevaluelist', 'string', 'text']);
      }
    });
  });

  describe('submissions checked against the definition', () => {
    it('refuses a missing required answer with a 422 naming it', async () => {
      const response = await file({ attributes: {} });
      expect(response.statusCode).toBe(422);
      const error = errorOf(response.body);
      expect(error.code).toBe('invalid-attribute');
      expect(error.message).toContain('LIGHT_STATE');
    });

    it('names every wrong answer: not in the list, not a number, not a date', async () => {
      const response = await file({ serviceCode: 'pavement-damage', attributes: { SURFACE: 'sky', WIDTH_CM: 'wide', NOTICED_AT: 'yesterday' } });
      expect(response.statusCode).toBe(422);
      const { message } = errorOf(response.body);
      for (const code of ['SURFACE', 'WIDTH_CM', 'NOTICED_AT']) expect(message).toContain(code);
    });

    it('takes answers of all six datatypes and a landmark, stored with the landmark coordinates', async () => {
      const attributes = { NOTICED_AT: '2025-02-28T18:00:00Z', DETAILS: 'detrás del quiosco', SURFACE: 'road', HAZARDS: ['trip', 'water'], WIDTH_CM: '45.5', NEAR_DOOR: '12B' };
      const response = await file({ serviceCode: 'pavement-damage', attributes, location: { addressString: 'Mercado municipal, Calle del Mercado, 4', landmarkId: 'mercado' } });
      expect(response.statusCode).toBe(201);
      const row = await hub.db.selectFrom('service_requests').select(['attributes', 'lat', 'long', 'address_string', 'office_location']).where('local_reference', '=', submission(hub, sequence).localReference).executeTakeFirstOrThrow();
      expect(JSON.parse(row.attributes)).toMatchObject({ SURFACE: 'road', HAZARDS: ['trip', 'water'], NEAR_DOOR: '12B', DETAILS: 'detrás del quiosco' });
      expect(row).toMatchObject({ lat: 40.4175, long: -3.7052, address_string: 'Calle del Mercado, 4, 28999 Villademo' });
      expect(Number(row.office_location)).toBe(0);
    });

    it('refuses a landmark the municipality does not have', async () => {
      const response = await file({ serviceCode: 'pavement-damage', attributes: {}, location: { addressString: 'Torre Eiffel', landmarkId: 'tour-eiffel' } });
      expect(response.statusCode).toBe(422);
      expect(errorOf(response.body).code).toBe('unknown-landmark');
    });
  });

  describe('usage counts', () => {
    const count = (overrides: Partial<AnalyticsCount>): AnalyticsCount => ({ day: '2025-03-01', type: 'journey.started', journey: 'request', step: '', reason: '', locale: 'es', modes: '', detail: '', count: 1, ...overrides });
    const usage = (headers: Record<string, string>, from = '2025-03-01', to = '2025-03-01') => hub.app.inject({ method: 'GET', url: `/api/analytics/kiosk-usage?from=${from}&to=${to}`, headers });

    it('counts a batch once, however often the kiosk resends it', async () => {
      const batch = { batchId: `batch-${dialect}-0001`, counts: [count({ count: 3 }), count({ type: 'journey.abandoned', step: 'describing', reason: 'idle', count: 2 }), count({ type: 'satisfaction', detail: '4' })] };
      const first = await kiosk(ANALYTICS_PATH, batch);
      expect(first.statusCode).toBe(200);
      expect(JSON.parse(first.body)).toEqual({ accepted: 3, replayed: false });
      const again = await kiosk(ANALYTICS_PATH, batch);
      expect(JSON.parse(again.body)).toEqual({ accepted: 0, replayed: true });
      await kiosk(ANALYTICS_PATH, { batchId: `batch-${dialect}-0002`, counts: [count({ count: 4 }), count({ day: '2025-03-05', count: 50 })] });

      const response = await usage(analyst);
      expect(response.statusCode).toBe(200);
      const { counts } = JSON.parse(response.body) as { counts: Array<Omit<AnalyticsCount, 'day'>> };
      const started = counts.filter((c) => c.type === 'journey.started').reduce((sum, c) => sum + c.count, 0);
      expect(started).toBe(7); // 3 + 4; the resend and the other day are not in it
      expect(counts).toContainEqual(expect.objectContaining({ type: 'journey.abandoned', step: 'describing', reason: 'idle', count: 2 }));
      expect(counts).toContainEqual(expect.objectContaining({ type: 'satisfaction', detail: '4', count: 1 }));
    });

    it('keeps counts per hour, and takes day-only counts from older agents as "hour unknown"', async () => {
      const day = '2025-04-02';
      const sent = await kiosk(ANALYTICS_PATH, {
        batchId: `batch-${dialect}-hours-1`,
        counts: [count({ day, hour: 8, count: 2 }), count({ day, hour: 9, count: 5 }), count({ day, count: 3 }), count({ day, hour: 0, count: 1 })],
      });
      expect(sent.statusCode, sent.body).toBe(200);
      // A later batch adds to the same hour; an older agent's next day count adds to "unknown".
      await kiosk(ANALYTICS_PATH, { batchId: `batch-${dialect}-hours-2`, counts: [count({ day, hour: 9, count: 1 }), count({ day, count: 4 })] });
      const rows = await hub.db
        .withTables<IntakeTables>()
        .selectFrom('analytics_counts')
        .select(['hour', 'count'])
        .where('device_id', '=', hub.kiosk.deviceId)
        .where('day', '=', day)
        .orderBy('hour')
        .execute();
      expect(rows.map((r) => [Number(r.hour), Number(r.count)])).toEqual([
        [-1, 7],
        [0, 1],
        [8, 2],
        [9, 6],
      ]);
      // The day-level reading still sums every hour.
      const { counts } = JSON.parse((await usage(analyst, day, day)).body) as { counts: Array<Omit<AnalyticsCount, 'day'>> };
      expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(16);
      for (const hour of [24, -1, 9.5]) {
        const bad = await kiosk(ANALYTICS_PATH, { batchId: `batch-${dialect}-hour-bad-${String(hour).replace('.', '_')}`, counts: [count({ day, hour })] });
        expect(bad.statusCode, `hour ${hour}`).toBe(400);
      }
    });

    it('refuses what does not look like a count (free text as a step), and kiosks without a credential', async () => {
      const bad = await kiosk(ANALYTICS_PATH, { batchId: `batch-${dialect}-0003`, counts: [count({ type: 'journey.abandoned', step: 'Maria Perez 600 123 123' })] });
      expect(bad.statusCode).toBe(400);
      const anonymous = await kiosk(ANALYTICS_PATH, { batchId: `batch-${dialect}-0004`, counts: [count({})] }, { 'x-protocol-version': fleetHeaders(hub)['x-protocol-version']! });
      expect(anonymous.statusCode).toBe(401);
    });

    it('figures are for analysts and managers, not caseworkers; days must be days', async () => {
      expect((await usage(clerk)).statusCode).toBe(403);
      expect((await usage(analyst, 'yesterday', '2025-03-01')).statusCode).toBe(400);
    });
  });

  describe('call staff', () => {
    it('a kiosk call shows in the office list until someone acknowledges it', async () => {
      const called = await kiosk(STAFF_CALLS_PATH, { callId: `call-${dialect}-0001`, screen: 'describing', calledAt: '2025-03-01T10:00:00Z' });
      expect(called.statusCode).toBe(200);
      const list = await hub.app.inject({ method: 'GET', url: '/api/fleet/alerts/staff-calls', headers: clerk });
      expect(list.statusCode).toBe(200);
      const { calls } = JSON.parse(list.body) as { calls: Array<{ id: string; deviceId: string; screen: string; acknowledgedAt: string | null }> };
      const call = calls.find((c) => c.screen === 'describing');
      expect(call).toMatchObject({ deviceId: hub.kiosk.deviceId, acknowledgedAt: null });

      expect((await hub.app.inject({ method: 'GET', url: '/api/fleet/alerts/staff-calls', headers: analyst })).statusCode).toBe(403);
      // Acknowledging changes state: without the console's CSRF header it is refused.
      const { 'x-requested-with': _csrf, ...noCsrf } = clerk;
      expect((await hub.app.inject({ method: 'POST', url: `/api/fleet/alerts/staff-calls/${call!.id}/acknowledge`, headers: noCsrf })).statusCode).toBe(403);
      const ack = await hub.app.inject({ method: 'POST', url: `/api/fleet/alerts/staff-calls/${call!.id}/acknowledge`, headers: clerk });
      expect(ack.statusCode).toBe(200);
      const after = JSON.parse((await hub.app.inject({ method: 'GET', url: '/api/fleet/alerts/staff-calls', headers: clerk })).body) as { calls: Array<{ id: string }> };
      expect(after.calls.map((c) => c.id)).not.toContain(call!.id);
      expect((await hub.app.inject({ method: 'POST', url: `/api/fleet/alerts/staff-calls/${call!.id}/acknowledge`, headers: clerk })).statusCode).toBe(404);
    });

    it('refuses a screen name that is not a step name', async () => {
      const response = await kiosk(STAFF_CALLS_PATH, { callId: `call-${dialect}-0002`, screen: 'my name is Maria', calledAt: '2025-03-01T10:00:00Z' });
      expect(response.statusCode).toBe(400);
    });
  });
});
