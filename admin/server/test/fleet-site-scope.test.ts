import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, mintReference } from '@kiosk/shared';
import type { Heartbeat } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { registerDevice } from '../src/modules/devices/service.js';
import type { DeviceCredential } from '../src/modules/devices/service.js';
import { recordHeartbeat } from '../src/fleet/heartbeat-repository.js';
import { evaluateTenantAlerts } from '../src/fleet/alerts/evaluator.js';
import { DIALECTS, createTestHub, signInStaff } from './helpers/hub.js';
import { OK_DEVICE, PAPER_LOW, testHeartbeat } from './helpers/heartbeat.js';
import type { TestHub } from './helpers/hub.js';
import { submission } from './helpers/kiosk.js';

/**
 * Issue 7: a staff member scoped to one site reaches only that site's kiosks, on every route that
 * names a kiosk, a job, a dead letter, a rollout, an alert or a site. Another site's thing is
 * answered 404, exactly like a made-up id, so the answer never tells that it exists.
 */

const TENANT = 'villademo';
const NORTH = 'norte';
const SOUTH = 'sur';

function heartbeat(sentAt: Date): Heartbeat {
  return testHeartbeat({ sentAt: sentAt.toISOString(), devices: { printer: PAPER_LOW, scanner: OK_DEVICE } });
}

interface SiteThings {
  readonly device: DeviceCredential;
  jobId: string;
  deadLetterId: string;
  rolloutId: string;
  alertId: string;
  staffCallId: string;
  ruleId: string;
}

describe.each(DIALECTS)('site scope on every fleet route that names a kiosk or a site (%s)', (dialect) => {
  let hub: TestHub;
  let admin: Record<string, string>;
  let northOperator: Record<string, string>;
  let northAdmin: Record<string, string>;
  const things: Record<typeof NORTH | typeof SOUTH, SiteThings> = {} as Record<typeof NORTH | typeof SOUTH, SiteThings>;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    hub.app.inject({ method, url, headers: { ...headers, ...(method === 'PUT' && url.endsWith('/config') ? { 'if-match': '"0"' } : {}) }, ...(payload === undefined ? {} : { payload }) });
  const kioskHeaders = (device: DeviceCredential) => ({ authorization: `Bearer ${device.token}`, 'x-protocol-version': String(PROTOCOL_VERSION) });
  const created = async (response: Awaited<ReturnType<typeof call>>): Promise<Record<string, unknown>> => {
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };

  async function seedSite(site: typeof NORTH | typeof SOUTH, sequence: number): Promise<SiteThings> {
    const device = await registerDevice(hub.db, TENANT, `kiosk-${site}`);
    await hub.db.updateTable('devices').set({ site }).where('id', '=', device.deviceId).execute();
    const jobs = (await created(await call('POST', '/api/fleet/jobs', admin, { type: 'maintenance-on', deviceIds: [device.deviceId] }))) as { jobs: Array<{ id: string }> };
    const sub = submission(hub, sequence, { serviceCode: 'no-such-service', localReference: mintReference(device.issuer, sequence).display });
    const dead = await hub.app.inject({
      method: 'POST',
      url: '/fleet/v1/dead-letters',
      headers: kioskHeaders(device),
      payload: { outboxId: sequence, idempotencyKey: `dead-key-${site}-0001`, statusCode: 422, error: 'hub refused (422)', deadAt: '2025-03-01T10:00:00Z', submission: sub },
    });
    const rollout = await created(await call('POST', '/api/fleet/rollouts', admin, { configPatch: { idleTimeoutSeconds: 120 }, target: { kind: 'site', site }, rings: [{ percent: 100 }] }));
    const rule = await created(await call('POST', '/api/fleet/alert-rules', admin, { name: `Paper low at ${site}`, condition: 'paper-low', minutes: 0, site }));
    await recordHeartbeat(hub.db, { deviceId: device.deviceId, tenantId: TENANT, receivedAt: new Date(), heartbeat: heartbeat(new Date()) });
    await evaluateTenantAlerts(hub.db, { tenantId: TENANT, deviceId: device.deviceId }, new Date());
    const alert = await hub.db.selectFrom('fleet_alerts' as never).select(['id' as never]).where('device_id' as never, '=', device.deviceId as never).executeTakeFirstOrThrow();
    const staffCall = await hub.app.inject({
      method: 'POST',
      url: '/fleet/v1/staff-calls',
      headers: kioskHeaders(device),
      payload: { callId: `call-${site}-000001`, screen: 'describing', calledAt: '2025-03-01T10:00:00Z' },
    });
    expect(staffCall.statusCode, staffCall.body).toBe(200);
    const callRow = await hub.db.selectFrom('kiosk_staff_calls' as never).select(['id' as never]).where('device_id' as never, '=', device.deviceId as never).executeTakeFirstOrThrow();
    await hub.db
      .insertInto('device_offline_alerts' as never)
      .values({ device_id: device.deviceId, tenant_id: TENANT, state: 'raised', raised_at: new Date().toISOString(), cleared_at: null } as never)
      .execute();
    expect(dead.statusCode, dead.body).toBe(200);
    return {
      device,
      jobId: jobs.jobs[0]?.id ?? '',
      deadLetterId: (dead.json() as { id: string }).id,
      rolloutId: String(rollout['id']),
      alertId: (alert as { id: string }).id,
      staffCallId: (callRow as { id: string }).id,
      ruleId: String(rule['id']),
    };
  }

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    admin = await signInStaff(hub, 'admin', hub.adminPassword);
    // The webhook first, so the alerts opened below queue deliveries (the delivery log is per kiosk too).
    await created(await call('PUT', '/api/fleet/alert-webhook', admin, { url: 'https://alerts.example.org/kiosk', secret: 'site-scope-webhook-secret', enabled: true }));
    things[NORTH] = await seedSite(NORTH, 1);
    things[SOUTH] = await seedSite(SOUTH, 2);
    await createUser(hub.db, { tenantId: TENANT, username: 'north-operator', password: 'north operator pw 1', role: 'operator', siteId: NORTH });
    await createUser(hub.db, { tenantId: TENANT, username: 'north-admin', password: 'north admin pw 123', role: 'admin', siteId: NORTH });
    northOperator = await signInStaff(hub, 'north-operator', 'north operator pw 1');
    northAdmin = await signInStaff(hub, 'north-admin', 'north admin pw 123');
  }, 60_000);
  afterAll(async () => hub?.close());

  /** 404 for the south thing, with the same code as an id that does not exist; 2xx for the north one. */
  async function expectScoped(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: (t: SiteThings | null) => string, headers: Record<string, string>, payload?: object) {
    const south = await call(method, url(things[SOUTH]), headers, payload);
    const missing = await call(method, url(null), headers, payload);
    expect(south.statusCode, `${method} ${url(things[SOUTH])}: ${south.body}`).toBe(404);
    expect(missing.statusCode).toBe(404);
    // Same answer as for a made-up id, once the id the caller sent is taken out of the message.
    const shape = (body: string) => body.replace(/\b(?:[a-z]+_[A-Za-z0-9_]+|[0-9a-f]{8}-[0-9a-f-]{27})/g, '<id>');
    expect(shape(south.body)).toBe(shape(missing.body));
    const north = await call(method, url(things[NORTH]), headers, payload);
    expect(north.statusCode, `${method} ${url(things[NORTH])}: ${north.body}`).toBeLessThan(300);
  }

  it('jobs: detail, logs and cancel of another site\'s job are not found, and the job stays queued', async () => {
    await expectScoped('GET', (t) => `/api/fleet/jobs/${t?.jobId ?? 'job_made_up'}`, northOperator);
    const logs = await call('GET', `/api/fleet/jobs/${things[SOUTH].jobId}/logs`, northOperator);
    expect(logs.statusCode).toBe(404);
    expect(logs.json().error.message).toBe('no such job');
    await expectScoped('POST', (t) => `/api/fleet/jobs/${t?.jobId ?? 'job_made_up'}/cancel`, northOperator);
    expect((await call('GET', `/api/fleet/jobs/${things[SOUTH].jobId}`, admin)).json()).toMatchObject({ state: 'queued' });
    const list = (await call('GET', '/api/fleet/jobs', northOperator)).json() as { jobs: Array<{ deviceId: string }> };
    expect(new Set(list.jobs.map((j) => j.deviceId))).toEqual(new Set([things[NORTH].device.deviceId]));
  });

  it('dead letters: the list holds only the own site\'s; inspect, fix and resend of another site\'s are not found', async () => {
    const list = (await call('GET', '/api/fleet/dead-letters', northOperator)).json() as { items: Array<{ id: string }> };
    expect(list.items.map((i) => i.id)).toEqual([things[NORTH].deadLetterId]);
    const all = (await call('GET', '/api/fleet/dead-letters', admin)).json() as { items: Array<{ id: string }> };
    expect(all.items.map((i) => i.id).sort()).toEqual([things[NORTH].deadLetterId, things[SOUTH].deadLetterId].sort());
    await expectScoped('GET', (t) => `/api/fleet/dead-letters/${t?.deadLetterId ?? 'dead_made_up'}`, northOperator);
    await expectScoped('PUT', (t) => `/api/fleet/dead-letters/${t?.deadLetterId ?? 'dead_made_up'}/fix`, northOperator, { serviceCode: 'street-lighting' });
    await expectScoped('POST', (t) => `/api/fleet/dead-letters/${t?.deadLetterId ?? 'dead_made_up'}/resend`, northOperator);
    const south = (await call('GET', `/api/fleet/dead-letters/${things[SOUTH].deadLetterId}`, admin)).json();
    expect(south).toMatchObject({ state: 'open', corrected: false });
  });

  it('kiosk configuration: desired/reported view and change of another site\'s kiosk are not found', async () => {
    await expectScoped('GET', (t) => `/api/fleet/devices/${t?.device.deviceId ?? 'kiosk_made_up'}/config`, northOperator);
    const before = (await call('GET', `/api/fleet/devices/${things[SOUTH].device.deviceId}/config`, admin)).json() as { desired: { version: number } };
    const put = await hub.app.inject({
      method: 'PUT',
      url: `/api/fleet/devices/${things[SOUTH].device.deviceId}/config`,
      headers: { ...northOperator, 'if-match': `"${before.desired.version}"` },
      payload: (before as unknown as { desired: { config: object } }).desired.config,
    });
    expect(put.statusCode).toBe(404);
    const after = (await call('GET', `/api/fleet/devices/${things[SOUTH].device.deviceId}/config`, admin)).json() as { desired: { version: number } };
    expect(after.desired.version).toBe(before.desired.version);
    const offline = (await call('GET', '/api/fleet/alerts/offline', northOperator)).json() as { alerts: Array<{ deviceId: string }> };
    expect(offline.alerts.map((a) => a.deviceId)).toEqual([things[NORTH].device.deviceId]);
    expect((await call('GET', `/api/fleet/devices/${things[SOUTH].device.deviceId}/health`, northOperator)).statusCode).toBe(404);
  });

  it('rollouts: another site\'s rollout is neither listed, shown nor abortable; a new one reaches only the own site', async () => {
    const list = (await call('GET', '/api/fleet/rollouts', northOperator)).json() as { rollouts: Array<{ id: string }> };
    expect(list.rollouts.map((r) => r.id)).toEqual([things[NORTH].rolloutId]);
    await expectScoped('GET', (t) => `/api/fleet/rollouts/${t?.rolloutId ?? 'rollout_made_up'}`, northOperator);
    const abort = await call('POST', `/api/fleet/rollouts/${things[SOUTH].rolloutId}/abort`, northOperator);
    expect(abort.statusCode).toBe(404);
    expect((await call('GET', `/api/fleet/rollouts/${things[SOUTH].rolloutId}`, admin)).json()).toMatchObject({ state: 'running' });

    const otherSite = await call('POST', '/api/fleet/rollouts', northOperator, { configPatch: { idleTimeoutSeconds: 90 }, target: { kind: 'site', site: SOUTH } });
    expect(otherSite.statusCode).toBe(403);
    expect(otherSite.json().error.code).toBe('site-scope');
    const everywhere = await created(await call('POST', '/api/fleet/rollouts', northOperator, { configPatch: { idleTimeoutSeconds: 90 }, target: { kind: 'all' }, rings: [{ percent: 100 }] }));
    expect(everywhere).toMatchObject({ target: { kind: 'site', site: NORTH }, rings: [{ devices: 1 }] });
    const southConfig = (await call('GET', `/api/fleet/devices/${things[SOUTH].device.deviceId}/config`, admin)).json() as { desired: { config: { idleTimeoutSeconds: number } } };
    expect(southConfig.desired.config.idleTimeoutSeconds).toBe(120);
    await expectScoped('POST', (t) => `/api/fleet/rollouts/${t?.rolloutId ?? 'rollout_made_up'}/abort`, northOperator);
  });

  it('alerts: the inbox, the delivery log and the rules hold only the own site\'s; acknowledging another site\'s entry is not found', async () => {
    const inbox = (await call('GET', '/api/fleet/alerts', northOperator)).json() as { alerts: Array<{ id: string; deviceId: string }> };
    expect(inbox.alerts.map((a) => a.id).sort()).toEqual([things[NORTH].alertId, things[NORTH].staffCallId].sort());
    const everything = (await call('GET', '/api/fleet/alerts', admin)).json() as { alerts: Array<{ id: string }> };
    expect(everything.alerts).toHaveLength(4);

    const deliveries = (await call('GET', '/api/fleet/alert-webhook/deliveries', northOperator)).json() as { deliveries: Array<{ alertId: string }> };
    expect(deliveries.deliveries.map((d) => d.alertId)).toEqual([things[NORTH].alertId]);
    expect(((await call('GET', '/api/fleet/alert-webhook/deliveries', admin)).json() as { deliveries: unknown[] }).deliveries).toHaveLength(2);

    await expectScoped('POST', (t) => `/api/fleet/alerts/${t?.alertId ?? 'alert_made_up'}/acknowledge`, northOperator);
    await expectScoped('POST', (t) => `/api/fleet/alerts/${t?.staffCallId ?? 'call_made_up'}/acknowledge`, northOperator);
    const southStillOpen = (await call('GET', '/api/fleet/alerts?state=open', admin)).json() as { alerts: Array<{ id: string }> };
    expect(southStillOpen.alerts.map((a) => a.id).sort()).toEqual([things[SOUTH].alertId, things[SOUTH].staffCallId].sort());

    const rules = (await call('GET', '/api/fleet/alert-rules', northOperator)).json() as { rules: Array<{ id: string }> };
    expect(rules.rules.map((r) => r.id)).toEqual([things[NORTH].ruleId]);
    const body = { name: 'Paper low, renamed', condition: 'paper-low', minutes: 5 };
    await expectScoped('PUT', (t) => `/api/fleet/alert-rules/${t?.ruleId ?? 'rule_made_up'}`, northOperator, body);
    expect((await call('PUT', `/api/fleet/alert-rules/${things[NORTH].ruleId}`, northOperator, body)).json()).toMatchObject({ site: NORTH });
    const otherSite = await call('POST', '/api/fleet/alert-rules', northOperator, { ...body, site: SOUTH });
    expect(otherSite.statusCode).toBe(403);
    expect((await created(await call('POST', '/api/fleet/alert-rules', northOperator, body)))['site']).toBe(NORTH);
    await expectScoped('DELETE', (t) => `/api/fleet/alert-rules/${t?.ruleId ?? 'rule_made_up'}`, northOperator);
    expect(((await call('GET', '/api/fleet/alert-rules', admin)).json() as { rules: Array<{ id: string }> }).rules.map((r) => r.id)).toContain(things[SOUTH].ruleId);
  });

  it('staff calls: the list holds only the own site\'s kiosks\' calls; answering another site\'s is not found and leaves it open', async () => {
    const open = async (headers: Record<string, string>) =>
      ((await call('GET', '/api/fleet/alerts/staff-calls', headers)).json() as { calls: Array<{ id: string }> }).calls.map((c) => c.id);
    // The north call may have been answered through the inbox above; the south one never is here.
    expect(await open(northOperator)).not.toContain(things[SOUTH].staffCallId);
    expect(await open(admin)).toContain(things[SOUTH].staffCallId);
    const south = await call('POST', `/api/fleet/alerts/staff-calls/${things[SOUTH].staffCallId}/acknowledge`, northOperator);
    const missing = await call('POST', '/api/fleet/alerts/staff-calls/call_made_up/acknowledge', northOperator);
    expect(south.statusCode, south.body).toBe(404);
    expect(south.body).toBe(missing.body);
    expect(await open(admin)).toContain(things[SOUTH].staffCallId);
  });

  it('enrolment and devices: a scoped admin lists and revokes only the own site\'s kiosks and enrols kiosks only for it', async () => {
    const devices = (await call('GET', '/api/fleet/devices', northAdmin)).json() as { devices: Array<{ id: string }> };
    expect(devices.devices.map((d) => d.id)).toEqual([things[NORTH].device.deviceId]);

    const revoke = await call('POST', `/api/fleet/devices/${things[SOUTH].device.deviceId}/revoke`, northAdmin);
    expect(revoke.statusCode).toBe(404);
    const made = await call('POST', '/api/fleet/devices/kiosk_made_up/revoke', northAdmin);
    expect(revoke.json().error.code).toBe(made.json().error.code);
    const south = ((await call('GET', '/api/fleet/devices', admin)).json() as { devices: Array<{ id: string; revokedAt: string | null }> }).devices.find((d) => d.id === things[SOUTH].device.deviceId);
    expect(south?.revokedAt).toBeNull();

    const start = async () => {
      const secretHash = crypto.createHash('sha256').update(crypto.randomBytes(32)).digest('hex');
      const response = await hub.app.inject({ method: 'POST', url: '/fleet/v1/enrolments', headers: { 'x-protocol-version': String(PROTOCOL_VERSION) }, payload: { secretHash, agentVersion: '0.1.0' } });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { userCode: string }).userCode;
    };
    const code = await start();
    const elsewhere = await call('POST', '/api/fleet/enrolments/approve', northAdmin, { code, label: 'new kiosk', site: SOUTH, group: null });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.code).toBe('site-scope');
    const enrolled = await created(await call('POST', '/api/fleet/enrolments/approve', northAdmin, { code, label: 'new kiosk', site: null, group: null }));
    expect(enrolled['site']).toBe(NORTH);
    // The unscoped admin still chooses any site.
    const free = await created(await call('POST', '/api/fleet/enrolments/approve', admin, { code: await start(), label: 'south kiosk', site: SOUTH, group: null }));
    expect(free['site']).toBe(SOUTH);
  });
});
