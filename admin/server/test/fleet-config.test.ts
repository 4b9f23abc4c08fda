import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_CONFIG, DesiredConfigSchema, DeviceConfigViewSchema, HeartbeatAnswerSchema } from '@kiosk/shared';
import type { Heartbeat, KioskConfig } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { registerDevice } from '../src/modules/devices/service.js';
import { recordHeartbeat } from '../src/fleet/heartbeat-repository.js';
import { evaluateOfflineAlerts, offlineAlertOf } from '../src/fleet/config/offline-alerts.js';
import { runHeartbeatRetention } from '../src/fleet/config/jobs.js';
import { DEFAULT_STATUS_POLICY } from '../src/fleet/kiosk-status.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import { testHeartbeat } from './helpers/heartbeat.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders } from './helpers/kiosk.js';

const CONSOLE = { 'x-requested-with': 'console' };

function heartbeat(config: Heartbeat['config'] = { appliedVersion: null, error: null }): Heartbeat {
  return testHeartbeat({ disk: { freeBytes: 1e9, totalBytes: 4e9 }, config });
}

const lobbyConfig: KioskConfig = {
  ...DEFAULT_KIOSK_CONFIG,
  idleTimeoutSeconds: 120,
  languages: ['es', 'ca', 'en'],
  services: ['street-lighting', 'litter'],
  openingHours: {
    timeZone: 'Europe/Madrid',
    week: { mon: [{ from: '08:00', to: '14:30' }], tue: [{ from: '08:00', to: '14:30' }], wed: [], thu: [], fri: [{ from: '09:00', to: '13:00' }, { from: '16:00', to: '19:00' }], sat: [], sun: [] },
  },
};

async function login(hub: TestHub, username: string, password: string): Promise<string> {
  const response = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username, password } });
  expect(response.statusCode).toBe(200);
  return `__Host-session=${/^__Host-session=([^;]+);/.exec(String(response.headers['set-cookie']))?.[1] ?? ''}`;
}

describe.each(DIALECTS)('kiosk configuration, desired and reported (%s)', (dialect) => {
  let hub: TestHub;
  let admin = '';
  let fleet = '';
  let clerk = '';
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await createUser(hub.db, { tenantId: 'villademo', username: 'fleetop', password: 'fleet-operator-pass-1', role: 'operator' });
    await createUser(hub.db, { tenantId: 'villademo', username: 'clerk', password: 'clerk-password-12345', role: 'caseworker' });
    admin = await login(hub, 'admin', hub.adminPassword);
    fleet = await login(hub, 'fleetop', 'fleet-operator-pass-1');
    clerk = await login(hub, 'clerk', 'clerk-password-12345');
  });
  afterAll(async () => {
    await hub?.close();
  });

  const url = () => `/api/fleet/devices/${hub.kiosk.deviceId}/config`;
  const get = (cookie: string) => hub.app.inject({ method: 'GET', url: url(), headers: { cookie } });
  const put = (cookie: string, body: unknown, ifMatch?: string) =>
    hub.app.inject({ method: 'PUT', url: url(), headers: { cookie, ...CONSOLE, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) }, payload: body as object });

  it('starts at version 0 with the defaults, and only admin and fleet roles may see it', async () => {
    const response = await get(fleet);
    expect(response.statusCode).toBe(200);
    expect(response.headers['etag']).toBe('"0"');
    const view = DeviceConfigViewSchema.parse(response.json());
    expect(view.desired).toMatchObject({ version: 0, config: DEFAULT_KIOSK_CONFIG, updatedAt: null });
    expect(view.reported).toBeNull();
    expect((await get(clerk)).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'GET', url: url() })).statusCode).toBe(401);
    expect((await hub.app.inject({ method: 'GET', url: '/api/fleet/devices/kiosk_nope/config', headers: { cookie: admin } })).statusCode).toBe(404);
  });

  it('saves a new version with If-Match, audited, and refuses stale or missing versions (412/428)', async () => {
    expect((await put(admin, lobbyConfig)).statusCode).toBe(428);
    expect((await put(admin, lobbyConfig, '"3"')).statusCode).toBe(412);
    const noCsrf = await hub.app.inject({ method: 'PUT', url: url(), headers: { cookie: admin, 'if-match': '"0"' }, payload: lobbyConfig });
    expect(noCsrf.statusCode).toBe(403);

    const saved = await put(fleet, lobbyConfig, '"0"');
    expect(saved.statusCode).toBe(200);
    expect(saved.headers['etag']).toBe('"1"');
    expect(DeviceConfigViewSchema.parse(saved.json()).desired).toMatchObject({ version: 1, config: lobbyConfig });

    // Someone who loaded version 0 before that save loses: 412, and nothing changes.
    const stale = await put(admin, { ...lobbyConfig, maintenance: true }, '"0"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ error: { code: 'version-conflict' } });
    expect(DeviceConfigViewSchema.parse((await get(admin)).json()).desired.config.maintenance).toBe(false);

    const audit = await hub.db.withTables<{ audit_log: { action: string; target_id: string; details: string } }>().selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', hub.kiosk.deviceId).execute();
    expect(audit.map((a) => a.action)).toEqual(['device-config.changed']);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ fromVersion: 0, toVersion: 1, fields: 'idleTimeoutSeconds,languages,services,openingHours' });
  });

  it('lets exactly one of two racing edits of the same version win', async () => {
    const before = DeviceConfigViewSchema.parse((await get(admin)).json()).desired.version;
    const tag = `"${before}"`;
    const answers = await Promise.all([put(admin, { ...lobbyConfig, idleTimeoutSeconds: 60 }, tag), put(fleet, { ...lobbyConfig, idleTimeoutSeconds: 75 }, tag)]);
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([409, 412]).toContain(codes[1]);
    expect(DeviceConfigViewSchema.parse((await get(admin)).json()).desired.version).toBe(before + 1);
  });

  it('refuses an invalid configuration (400) and keeps the stored one', async () => {
    const current = DeviceConfigViewSchema.parse((await get(admin)).json()).desired;
    const tag = `"${current.version}"`;
    const invalid: unknown[] = [
      { ...lobbyConfig, idleWarningSeconds: 10 }, // below the WCAG 2.2.1 floor
      { ...lobbyConfig, languages: ['ca', 'en'] }, // without the default language
      { ...lobbyConfig, languages: ['es', 'xx'] },
      { ...lobbyConfig, services: [] },
      { ...lobbyConfig, printerProfile: 'dot-matrix' },
      { ...lobbyConfig, openingHours: { timeZone: 'Mars/Olympus', week: lobbyConfig.openingHours?.week } },
      { ...lobbyConfig, openingHours: { timeZone: 'Europe/Madrid', week: { ...lobbyConfig.openingHours?.week, mon: [{ from: '14:00', to: '09:00' }] } } },
      { ...lobbyConfig, kioskColour: 'red' },
    ];
    for (const body of invalid) {
      const response = await put(admin, body, tag);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'invalid' } });
    }
    expect(DeviceConfigViewSchema.parse((await get(admin)).json()).desired).toEqual(current);
  });

  it('serves the kiosk its desired configuration with ETag = version and 304 when unchanged', async () => {
    const desired = DeviceConfigViewSchema.parse((await get(admin)).json()).desired;
    const first = await hub.app.inject({ method: 'GET', url: '/fleet/v1/config', headers: fleetHeaders(hub) });
    expect(first.statusCode).toBe(200);
    expect(first.headers['etag']).toBe(`"${desired.version}"`);
    expect(DesiredConfigSchema.parse(first.json())).toEqual({ version: desired.version, config: desired.config });
    const again = await hub.app.inject({ method: 'GET', url: '/fleet/v1/config', headers: { ...fleetHeaders(hub), 'if-none-match': `"${desired.version}"` } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const older = await hub.app.inject({ method: 'GET', url: '/fleet/v1/config', headers: { ...fleetHeaders(hub), 'if-none-match': '"0"' } });
    expect(older.statusCode).toBe(200);
    const { authorization: _none, ...anonymous } = fleetHeaders(hub);
    expect((await hub.app.inject({ method: 'GET', url: '/fleet/v1/config', headers: anonymous })).statusCode).toBe(401);

    // Every heartbeat answer names the desired version, so the kiosk knows to fetch.
    const answer = await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: fleetHeaders(hub), payload: heartbeat() });
    expect(answer.statusCode).toBe(200);
    expect(HeartbeatAnswerSchema.parse(answer.json()).desiredConfigVersion).toBe(desired.version);
  });

  it('accepts a heartbeat from an older agent (no config, disk, skew, maintenance or content fields)', async () => {
    const { clockSkewMs: _s, disk: _d, config: _c, maintenance: _m, content: _k, ...old } = heartbeat();
    const answer = await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: fleetHeaders(hub), payload: old });
    expect(answer.statusCode).toBe(200);
    const view = DeviceConfigViewSchema.parse((await get(admin)).json());
    expect(view.reported).toMatchObject({ appliedVersion: null, error: null });
  });

  it('shows reported vs desired: the delta while the kiosk runs an older version, none once it reports the new one', async () => {
    const desired = DeviceConfigViewSchema.parse((await get(admin)).json()).desired;
    await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: fleetHeaders(hub), payload: heartbeat({ appliedVersion: 1, error: null }) });
    const behind = DeviceConfigViewSchema.parse((await get(admin)).json());
    expect(behind.inSync).toBe(false);
    expect(behind.reported?.appliedVersion).toBe(1);
    expect(behind.delta).toEqual([{ field: 'idleTimeoutSeconds', desired: desired.config.idleTimeoutSeconds, reported: 120 }]);

    const refused = { version: desired.version, message: 'invalid configuration: printerProfile' };
    await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: fleetHeaders(hub), payload: heartbeat({ appliedVersion: 1, error: refused }) });
    expect(DeviceConfigViewSchema.parse((await get(admin)).json()).reported?.error).toEqual(refused);

    await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: fleetHeaders(hub), payload: heartbeat({ appliedVersion: desired.version, error: null }) });
    const synced = DeviceConfigViewSchema.parse((await get(admin)).json());
    expect(synced).toMatchObject({ inSync: true, delta: [], reported: { appliedVersion: desired.version, error: null } });
  });

  it('raises the offline alert after the silence limit and clears it only after a steady return (no flapping)', async () => {
    const policy = { ...DEFAULT_STATUS_POLICY, heartbeatIntervalMs: 30_000, missedForUnreachable: 3, offlineAfterMs: 10 * 60_000, clearAfterHeartbeats: 3, clearAfterMs: 60 * 60_000 };
    const device = await registerDevice(hub.db, 'villademo', 'alert-kiosk', new Date('2026-01-01T00:00:00Z'));
    const t0 = Date.parse('2026-01-10T08:00:00Z');
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    const beat = (seconds: number) => recordHeartbeat(hub.db, { deviceId: device.deviceId, tenantId: 'villademo', receivedAt: at(seconds), heartbeat: heartbeat() });
    const state = async () => (await offlineAlertOf(hub.db, device.deviceId)) ?? null;

    await beat(0);
    await evaluateOfflineAlerts(hub.db, at(30), policy);
    expect(await state()).toBeNull();
    await evaluateOfflineAlerts(hub.db, at(599), policy);
    expect(await state()).toBeNull();
    await evaluateOfflineAlerts(hub.db, at(600), policy);
    const raised = await state();
    expect(raised).toMatchObject({ state: 'raised', raisedAt: at(600).toISOString() });

    // Back for one heartbeat, then silent again: the alert neither clears nor is raised twice.
    await beat(700);
    await evaluateOfflineAlerts(hub.db, at(710), policy);
    expect(await state()).toEqual(raised);
    await evaluateOfflineAlerts(hub.db, at(2000), policy);
    expect(await state()).toEqual(raised);

    // Two heartbeats, a gap of 3 intervals, two more: still not a steady return.
    await beat(2100);
    await beat(2130);
    await beat(2230);
    await beat(2260);
    await evaluateOfflineAlerts(hub.db, at(2265), policy);
    expect((await state())?.state).toBe('raised');

    // A third consecutive heartbeat clears it.
    await beat(2290);
    await evaluateOfflineAlerts(hub.db, at(2295), policy);
    expect(await state()).toMatchObject({ state: 'cleared', clearedAt: at(2295).toISOString() });

    // Silent past the limit again: a new alert.
    await evaluateOfflineAlerts(hub.db, at(2290 + 600), policy);
    expect(await state()).toMatchObject({ state: 'raised', raisedAt: at(2890).toISOString(), clearedAt: null });

    // The console lists raised alerts of its own municipality.
    const listed = await hub.app.inject({ method: 'GET', url: '/api/fleet/alerts/offline', headers: { cookie: fleet } });
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as { alerts: Array<{ deviceId: string }> }).alerts.map((a) => a.deviceId)).toContain(device.deviceId);
  });

  it('deletes heartbeat history past the retention period and keeps the latest row', async () => {
    const device = await registerDevice(hub.db, 'villademo', 'retention-kiosk');
    const now = Date.parse('2026-03-01T12:00:00Z');
    const day = 24 * 3_600_000;
    for (const daysAgo of [45, 31, 29, 1]) {
      await recordHeartbeat(hub.db, { deviceId: device.deviceId, tenantId: 'villademo', receivedAt: new Date(now - daysAgo * day), heartbeat: heartbeat() });
    }
    // The latest row is the newest report even if history is pruned.
    const history = () =>
      hub.db.withTables<{ device_heartbeat_history: { device_id: string; received_at: string } }>().selectFrom('device_heartbeat_history').select('received_at').where('device_id', '=', device.deviceId).orderBy('received_at').execute();
    expect(await history()).toHaveLength(4);
    const run = await runHeartbeatRetention(hub.db, new Date(now), 30);
    expect(run.deleted).toBeGreaterThanOrEqual(2);
    expect((await history()).map((r) => r.received_at)).toEqual([new Date(now - 29 * day).toISOString(), new Date(now - day).toISOString()]);
    const latest = await hub.db.withTables<{ device_heartbeats_latest: { device_id: string; received_at: string } }>().selectFrom('device_heartbeats_latest').select('received_at').where('device_id', '=', device.deviceId).executeTakeFirst();
    expect(latest?.received_at).toBe(new Date(now - day).toISOString());
  });
});
