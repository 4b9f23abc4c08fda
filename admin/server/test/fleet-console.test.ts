import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetOverviewSchema, JobListSchema, KioskHealthSchema, PROTOCOL_VERSION } from '@kiosk/shared';
import type { Heartbeat } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import type { SessionUser } from '../src/modules/auth/service.js';
import type { ContentTables } from '../src/modules/content/tables.js';
import { revokeDevice } from '../src/modules/devices/repository.js';
import { registerDevice } from '../src/modules/devices/service.js';
import { DEFAULT_STATUS_POLICY } from '../src/fleet/kiosk-status.js';
import { fleetOverview } from '../src/fleet/overview/service.js';
import { DIALECTS, createTestHub, signInStaff } from './helpers/hub.js';
import { testHeartbeat } from './helpers/heartbeat.js';
import type { TestHub } from './helpers/hub.js';

/**
 * The console's fleet views against a real hub: status and reasons computed from real heartbeats,
 * the health timeline, who may look, and the site scope.
 */

const ok = { state: 'ok' as const, reason: null, since: '2026-11-28T09:00:00.000Z' };
function heartbeat(overrides: Partial<Heartbeat> = {}): Heartbeat {
  return testHeartbeat({ clockSkewMs: null, ...overrides });
}

describe.each(DIALECTS)('console fleet views (%s)', (dialect) => {
  let hub: TestHub;
  let kiosk = { deviceId: '', token: '' };
  const staff: Record<string, Record<string, string>> = {};
  const report = (token: string, body: Heartbeat) =>
    hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: { authorization: `Bearer ${token}`, 'x-protocol-version': String(PROTOCOL_VERSION) }, payload: body });
  const get = (url: string, headers: Record<string, string> = {}) => hub.app.inject({ method: 'GET', url, headers });
  const overview = async (as = 'operator') => {
    const answer = await get('/api/fleet/overview', staff[as]);
    expect(answer.statusCode, answer.body).toBe(200);
    return FleetOverviewSchema.parse(answer.json());
  };
  const row = async (id: string) => (await overview()).kiosks.find((k) => k.id === id);

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    for (const role of ['operator', 'viewer', 'caseworker', 'editor'] as const) {
      await createUser(hub.db, { tenantId: 'villademo', username: `fleet-${role}`, password: `${role} password 123`, role });
      staff[role] = await signInStaff(hub, `fleet-${role}`, `${role} password 123`);
    }
    kiosk = await registerDevice(hub.db, 'villademo', 'Plaza Mayor');
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('shows a kiosk that never reported as offline, with the reason', async () => {
    expect(await row(kiosk.deviceId)).toMatchObject({ label: 'Plaza Mayor', status: 'offline', reasons: ['never-reported'], lastHeartbeatAt: null, outbox: null });
  });

  it('turns a paper-low heartbeat into degraded with the reason, and a good one back into online', async () => {
    const paperLow = heartbeat({ devices: { printer: { ...ok, state: 'warning', reason: 'paper-near-end' }, scanner: ok }, outbox: { depth: 3, oldestAgeSeconds: 40, dead: 0 } });
    expect((await report(kiosk.token, paperLow)).statusCode).toBe(200);
    expect(await row(kiosk.deviceId)).toMatchObject({ status: 'degraded', reasons: ['paper-low'], outbox: { depth: 3, oldestAgeSeconds: 40, dead: 0 }, versions: { agent: '0.1.0' } });
    expect((await report(kiosk.token, heartbeat())).statusCode).toBe(200);
    expect(await row(kiosk.deviceId)).toMatchObject({ status: 'online', reasons: [] });
  });

  it('names every problem at once: printer offline, scanner missing, backlog, maintenance', async () => {
    const bad = heartbeat({
      devices: { printer: { ...ok, state: 'offline', reason: 'unreachable' }, scanner: { ...ok, state: 'error', reason: 'missing' } },
      outbox: { depth: 25, oldestAgeSeconds: 2000, dead: 0 },
      maintenance: true,
    });
    expect((await report(kiosk.token, bad)).statusCode).toBe(200);
    expect(await row(kiosk.deviceId)).toMatchObject({ status: 'degraded', reasons: ['printer-offline', 'scanner-missing', 'outbox-backlog', 'maintenance'] });
  });

  it('says content-expired when the bundle the kiosk runs is past its expiry', async () => {
    const bundle = await hub.app.inject({ method: 'GET', url: '/fleet/v1/content/bundle', headers: { authorization: `Bearer ${kiosk.token}`, 'x-protocol-version': String(PROTOCOL_VERSION) } });
    expect(bundle.statusCode, bundle.body).toBe(200);
    const version = String((bundle.json() as { manifest: { version: number } }).manifest.version);
    expect((await report(kiosk.token, heartbeat({ versions: { agent: '0.1.0', protocol: PROTOCOL_VERSION, content: version } }))).statusCode).toBe(200);
    expect((await row(kiosk.deviceId))?.reasons).toEqual([]);
    await hub.db.withTables<ContentTables>().updateTable('content_bundles').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('version', '=', Number(version)).execute();
    expect(await row(kiosk.deviceId)).toMatchObject({ status: 'degraded', reasons: ['content-expired'], versions: { content: version } });
  });

  it('keeps the recent heartbeats as a timeline, newest first, with the hub-measured skew', async () => {
    const answer = await get(`/api/fleet/devices/${kiosk.deviceId}/health?limit=3`, staff['viewer']);
    expect(answer.statusCode, answer.body).toBe(200);
    const health = KioskHealthSchema.parse(answer.json());
    expect(health.kiosk).toMatchObject({ id: kiosk.deviceId, label: 'Plaza Mayor', status: 'degraded', revokedAt: null });
    expect(health.timeline).toHaveLength(3);
    const times = health.timeline.map((s) => Date.parse(s.receivedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // The second newest is the one with every device problem.
    expect(health.timeline[1]?.maintenance).toBe(true);
    expect(health.timeline[1]?.devices.printer).toMatchObject({ state: 'offline', reason: 'unreachable' });
    expect(typeof health.skewMs).toBe('number');
  });

  it('answers 404 for a kiosk that does not exist, and a clear 400 for a bad limit', async () => {
    expect((await get('/api/fleet/devices/kiosk_nope/health', staff['operator'])).statusCode).toBe(404);
    const bad = await get(`/api/fleet/devices/${kiosk.deviceId}/health?limit=0`, staff['operator']);
    expect(bad.statusCode).toBe(400);
  });

  it('lets admin, operator and viewer look; refuses other roles and anonymous callers', async () => {
    for (const role of ['operator', 'viewer']) expect((await get('/api/fleet/overview', staff[role])).statusCode, role).toBe(200);
    // Admins sign in with a second factor: their role is checked on the service, the same check the route runs.
    const admin: SessionUser = { userId: 'u-admin', tenantId: 'villademo', username: 'boss', role: 'admin' };
    expect((await fleetOverview(hub.db, admin, new Date(), DEFAULT_STATUS_POLICY)).kiosks.length).toBeGreaterThan(0);
    for (const role of ['caseworker', 'editor']) {
      const refused = await get('/api/fleet/overview', staff[role]);
      expect(refused.statusCode, role).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: 'role' } });
      expect((await get(`/api/fleet/devices/${kiosk.deviceId}/health`, staff[role])).statusCode, role).toBe(403);
    }
    expect((await get('/api/fleet/overview')).statusCode).toBe(401);
    expect((await get('/api/fleet/overview', { authorization: `Bearer ${kiosk.token}`, 'x-protocol-version': String(PROTOCOL_VERSION) })).statusCode).toBe(401);
  });

  it('shows a site-scoped staff member only the kiosks of their site', async () => {
    const north = await registerDevice(hub.db, 'villademo', 'Biblioteca norte');
    await hub.db.updateTable('devices').set({ site: 'norte' }).where('id', '=', north.deviceId).execute();
    const operator: SessionUser = { userId: 'u-scoped', tenantId: 'villademo', username: 'scoped', role: 'operator' };
    const scoped: SessionUser = { ...operator, siteId: 'norte' };
    const all = await fleetOverview(hub.db, operator, new Date(), DEFAULT_STATUS_POLICY);
    expect(all.kiosks.map((k) => k.id)).toEqual(expect.arrayContaining([kiosk.deviceId, north.deviceId]));
    const mine = await fleetOverview(hub.db, scoped, new Date(), DEFAULT_STATUS_POLICY);
    expect(mine.kiosks.map((k) => k.id)).toEqual([north.deviceId]);

    // Over HTTP, with a real scoped account: the list, and jobs only for kiosks of that site.
    await createUser(hub.db, { tenantId: 'villademo', username: 'north-operator', password: 'north password 123', role: 'operator', siteId: 'norte' });
    const northStaff = await signInStaff(hub, 'north-operator', 'north password 123');
    expect(FleetOverviewSchema.parse((await get('/api/fleet/overview', northStaff)).json()).kiosks.map((k) => k.id)).toEqual([north.deviceId]);
    expect((await get(`/api/fleet/devices/${kiosk.deviceId}/health`, northStaff)).statusCode).toBe(404);
    const job = (payload: object) => hub.app.inject({ method: 'POST', url: '/api/fleet/jobs', headers: northStaff, payload: { type: 'print-test-page', ...payload } });
    const elsewhere = await job({ deviceIds: [kiosk.deviceId] });
    expect(elsewhere.statusCode, elsewhere.body).toBe(400);
    expect(elsewhere.json()).toMatchObject({ error: { code: 'unknown-device' } });
    expect((await job({ site: 'sur' })).json()).toMatchObject({ error: { code: 'site-scope' } });
    const own = await job({ deviceIds: [north.deviceId] });
    expect(own.statusCode, own.body).toBe(201);
    // The job list shows the scoped operator only their site's jobs.
    const listed = JobListSchema.parse((await get('/api/fleet/jobs', northStaff)).json()).jobs;
    expect(listed.map((j) => j.deviceId)).toEqual([north.deviceId]);
    // An unscoped operator still reaches every kiosk.
    expect((await hub.app.inject({ method: 'POST', url: '/api/fleet/jobs', headers: staff['operator'], payload: { type: 'print-test-page', deviceIds: [kiosk.deviceId] } })).statusCode).toBe(201);
  });

  it('drops revoked kiosks from the overview but keeps their page readable', async () => {
    await revokeDevice(hub.db, kiosk.deviceId, new Date());
    expect(await row(kiosk.deviceId)).toBeUndefined();
    const page = KioskHealthSchema.parse((await get(`/api/fleet/devices/${kiosk.deviceId}/health`, staff['operator'])).json());
    expect(page.kiosk.revokedAt).not.toBeNull();
  });
});
