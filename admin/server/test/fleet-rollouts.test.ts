import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_CONFIG, RolloutViewSchema } from '@kiosk/shared';
import type { Heartbeat, RolloutView } from '@kiosk/shared';
import { registerDevice } from '../src/modules/devices/service.js';
import { recordHeartbeat } from '../src/fleet/heartbeat-repository.js';
import { configVersion, desiredConfig } from '../src/fleet/config/config-repository.js';
import { advanceRollouts } from '../src/fleet/config/rollout-service.js';
import { rolloutDevices } from '../src/fleet/config/rollout-repository.js';
import { assignRings, judgeRing } from '../src/fleet/config/rollout-rings.js';
import { DEFAULT_STATUS_POLICY } from '../src/fleet/kiosk-status.js';
import { createInProcessFleetBus } from '../src/fleet/bus/fleet-bus.js';
import type { FleetBusEvent } from '../src/fleet/bus/fleet-bus.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import { testHeartbeat } from './helpers/heartbeat.js';
import type { TestHub } from './helpers/hub.js';

const CONSOLE = { 'x-requested-with': 'console' };
const policy = DEFAULT_STATUS_POLICY;

function heartbeat(config: Heartbeat['config']): Heartbeat {
  return testHeartbeat({ config });
}

describe('rings (pure)', () => {
  const ids = Array.from({ length: 20 }, (_, i) => `kiosk_${String(i).padStart(2, '0')}`);

  it('splits a target into a canary, then cumulative shares, the same way for the same seed', () => {
    const rings = assignRings(ids, [{ devices: 1 }, { percent: 10 }, { percent: 50 }, { percent: 100 }], 'rollout_a');
    expect(rings.map((r) => r.length)).toEqual([1, 1, 8, 10]);
    expect(new Set(rings.flat()).size).toBe(20);
    expect(assignRings(ids, [{ devices: 1 }, { percent: 100 }], 'rollout_a')[0]).toEqual(rings[0]);
    // Another rollout usually picks another canary.
    const canaries = new Set(['b', 'c', 'd', 'e', 'f'].map((seed) => assignRings(ids, [{ devices: 1 }], seed)[0]?.[0]));
    expect(canaries.size).toBeGreaterThan(1);
    // Shares that add nobody give empty rings; shares short of 100 % leave the rest out.
    expect(assignRings(ids.slice(0, 3), [{ devices: 1 }, { percent: 10 }, { percent: 50 }], 's').map((r) => r.length)).toEqual([1, 0, 1]);
  });

  it('aborts above the failure rate, advances when all answered or the soak is over, otherwise waits', () => {
    const done = { reported: true, failed: false };
    const pending = { reported: false, failed: false };
    const failed = { reported: false, failed: true };
    expect(judgeRing([done, done, failed], { maxFailureRate: 0.2, soakElapsed: false })).toEqual({ kind: 'abort', failureRate: 1 / 3 });
    expect(judgeRing([done, done, done, done, failed], { maxFailureRate: 0.2, soakElapsed: false })).toEqual({ kind: 'advance' });
    expect(judgeRing([done, pending], { maxFailureRate: 0.2, soakElapsed: false })).toEqual({ kind: 'wait' });
    expect(judgeRing([done, pending], { maxFailureRate: 0.2, soakElapsed: true })).toEqual({ kind: 'advance' });
    expect(judgeRing([failed, pending], { maxFailureRate: 0.2, soakElapsed: true }).kind).toBe('abort');
  });
});

describe.each(DIALECTS)('configuration rollouts in rings (%s)', (dialect) => {
  let hub: TestHub;
  let admin = '';
  const bus = createInProcessFleetBus();
  const rung: string[] = [];
  const lobby: string[] = [];
  const annex: string[] = [];

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    bus.subscribe((event: FleetBusEvent) => {
      if (event.type === 'config') rung.push(event.deviceId);
    });
    for (let i = 0; i < 10; i += 1) lobby.push((await registerDevice(hub.db, 'villademo', `lobby-${i}`)).deviceId);
    for (let i = 0; i < 5; i += 1) annex.push((await registerDevice(hub.db, 'villademo', `annex-${i}`)).deviceId);
    await hub.db.updateTable('devices').set({ device_group: 'lobby', site: 'town-hall' }).where('id', 'in', lobby).execute();
    await hub.db.updateTable('devices').set({ device_group: 'annex', site: 'annex' }).where('id', 'in', annex).execute();
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username: 'admin', password: hub.adminPassword } });
    admin = `__Host-session=${/^__Host-session=([^;]+);/.exec(String(login.headers['set-cookie']))?.[1] ?? ''}`;
  });
  afterAll(async () => {
    await hub?.close();
    await bus.close();
  });

  const create = (body: unknown) => hub.app.inject({ method: 'POST', url: '/api/fleet/rollouts', headers: { cookie: admin, ...CONSOLE }, payload: body as object });
  const view = async (id: string): Promise<RolloutView> => RolloutViewSchema.parse((await hub.app.inject({ method: 'GET', url: `/api/fleet/rollouts/${id}`, headers: { cookie: admin } })).json());
  /** Each kiosk of a ring reports what it runs, as its agent would after fetching. */
  async function report(rolloutId: string, ring: number, at: Date, outcome: (deviceId: string, version: number) => Heartbeat['config']): Promise<void> {
    for (const device of await rolloutDevices(hub.db, rolloutId, ring)) {
      await recordHeartbeat(hub.db, { deviceId: device.device_id, tenantId: 'villademo', receivedAt: at, heartbeat: heartbeat(outcome(device.device_id, device.target_version ?? 0)) });
    }
  }
  const applied = (_id: string, version: number) => ({ appliedVersion: version, error: null });

  it('refuses a patch that would make a kiosk configuration invalid, and a target without kiosks', async () => {
    const invalid = await create({ configPatch: { languages: ['ca', 'en'] }, target: { kind: 'group', group: 'lobby' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ error: { code: 'invalid' } });
    expect((await create({ configPatch: { idleWarningSeconds: 5 }, target: { kind: 'all' } })).statusCode).toBe(400);
    const nobody = await create({ configPatch: { maintenance: true }, target: { kind: 'site', site: 'nowhere' } });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json()).toMatchObject({ error: { code: 'no-devices' } });
    expect((await hub.app.inject({ method: 'POST', url: '/api/fleet/rollouts', headers: { cookie: admin }, payload: { configPatch: { maintenance: true }, target: { kind: 'all' } } })).statusCode).toBe(403);
  });

  it('rolls a patch out ring by ring (canary, 10 %, 50 %, 100 %) as each ring reports the version', async () => {
    const t0 = new Date();
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const created = await create({ configPatch: { idleTimeoutSeconds: 45 }, target: { kind: 'group', group: 'lobby' }, ringSoakMs: 3_600_000 });
    expect(created.statusCode).toBe(201);
    const id = RolloutViewSchema.parse(created.json()).id;
    const start = await view(id);
    // 10 kiosks: 1 canary; 10 % adds nobody (skipped); 50 % -> 4 more; 100 % -> the last 5.
    expect(start.rings.map((r) => [r.devices, r.state])).toEqual([[1, 'in-progress'], [0, 'skipped'], [4, 'waiting'], [5, 'waiting']]);
    const [canary] = await rolloutDevices(hub.db, id, 0);
    expect((await desiredConfig(hub.db, canary?.device_id ?? '')).config.idleTimeoutSeconds).toBe(45);
    const untouched = (await rolloutDevices(hub.db, id, 3))[0]?.device_id ?? '';
    expect((await desiredConfig(hub.db, untouched)).version).toBe(0);

    // Nobody reported yet and the soak is not over: the rollout waits.
    await report(id, 0, at(5), () => ({ appliedVersion: null, error: null }));
    expect(await advanceRollouts(hub.db, bus, hub.secrets, at(10), policy)).toEqual({ advanced: 0, completed: 0, aborted: 0 });

    await report(id, 0, at(20), applied);
    expect((await advanceRollouts(hub.db, bus, hub.secrets, at(25), policy)).advanced).toBe(1);
    expect((await view(id)).currentRing).toBe(2);
    expect((await desiredConfig(hub.db, untouched)).version).toBe(0);
    // Each kiosk of the new ring hears its doorbell.
    for (const device of await rolloutDevices(hub.db, id, 2)) expect(rung).toContain(device.device_id);

    await report(id, 2, at(40), applied);
    await advanceRollouts(hub.db, bus, hub.secrets, at(45), policy);
    expect((await view(id)).currentRing).toBe(3);
    expect((await desiredConfig(hub.db, untouched)).config.idleTimeoutSeconds).toBe(45);

    await report(id, 3, at(60), applied);
    expect((await advanceRollouts(hub.db, bus, hub.secrets, at(65), policy)).completed).toBe(1);
    const finished = await view(id);
    expect(finished.state).toBe('completed');
    expect(finished.rings.map((r) => [r.state, r.reported, r.failed])).toEqual([['done', 1, 0], ['skipped', 0, 0], ['done', 4, 0], ['done', 5, 0]]);
    // Only the target group got it; the annex kiosks did not.
    for (const device of lobby) expect((await desiredConfig(hub.db, device)).config.idleTimeoutSeconds).toBe(45);
    for (const device of annex) expect((await desiredConfig(hub.db, device)).version).toBe(0);
    // A finished rollout cannot be aborted.
    expect((await hub.app.inject({ method: 'POST', url: `/api/fleet/rollouts/${id}/abort`, headers: { cookie: admin, ...CONSOLE } })).statusCode).toBe(409);
  });

  it('moves on after the soak time when a kiosk stays quiet but reachable', async () => {
    const t0 = new Date();
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const created = await create({ configPatch: { maintenance: false, idleWarningSeconds: 40 }, target: { kind: 'site', site: 'annex' }, rings: [{ devices: 1 }, { percent: 100 }], ringSoakMs: 60_000 });
    const id = RolloutViewSchema.parse(created.json()).id;
    // The canary keeps heartbeating on its old version (it has not fetched yet).
    await report(id, 0, at(10), () => ({ appliedVersion: null, error: null }));
    expect((await advanceRollouts(hub.db, bus, hub.secrets, at(30), policy)).advanced).toBe(0);
    await report(id, 0, at(55), () => ({ appliedVersion: null, error: null }));
    expect((await advanceRollouts(hub.db, bus, hub.secrets, at(61), policy)).advanced).toBe(1);
    expect((await view(id)).currentRing).toBe(1);
    // Stopped here, so it does not run on beside the next tests.
    expect((await hub.app.inject({ method: 'POST', url: `/api/fleet/rollouts/${id}/abort`, headers: { cookie: admin, ...CONSOLE } })).statusCode).toBe(200);
  });

  it('aborts by itself when too many kiosks of a ring fail, and gives that ring its previous configuration back', async () => {
    const t0 = new Date();
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const created = await create({ configPatch: { printerProfile: 'generic-58mm' }, target: { kind: 'group', group: 'lobby' }, maxFailureRate: 0.25 });
    const id = RolloutViewSchema.parse(created.json()).id;
    await report(id, 0, at(10), applied);
    await advanceRollouts(hub.db, bus, hub.secrets, at(15), policy);
    expect((await view(id)).currentRing).toBe(2);

    // Of the 4 kiosks in the 50 % ring: 1 refuses the version, 1 goes silent, 2 apply it.
    const ring = await rolloutDevices(hub.db, id, 2);
    const [refuser, silent, ...good] = ring;
    for (const device of good) await recordHeartbeat(hub.db, { deviceId: device.device_id, tenantId: 'villademo', receivedAt: at(30), heartbeat: heartbeat(applied('', device.target_version ?? 0)) });
    await recordHeartbeat(hub.db, { deviceId: refuser?.device_id ?? '', tenantId: 'villademo', receivedAt: at(30), heartbeat: heartbeat({ appliedVersion: refuser?.previous_version ?? 0, error: { version: refuser?.target_version ?? 0, message: 'invalid configuration' } }) });
    await recordHeartbeat(hub.db, { deviceId: silent?.device_id ?? '', tenantId: 'villademo', receivedAt: at(16), heartbeat: heartbeat({ appliedVersion: silent?.previous_version ?? 0, error: null }) });

    // 1 of 4 failed (25 %): not above the limit yet, and one kiosk has not answered: wait.
    expect(await advanceRollouts(hub.db, bus, hub.secrets, at(35), policy)).toEqual({ advanced: 0, completed: 0, aborted: 0 });
    // The silent one misses 3 heartbeats: unreachable, 2 of 4 failed (50 %) -> abort.
    const unreachableAt = at(16 + (policy.heartbeatIntervalMs * policy.missedForUnreachable) / 1000);
    expect((await advanceRollouts(hub.db, bus, hub.secrets, unreachableAt, policy)).aborted).toBe(1);

    const aborted = await view(id);
    expect(aborted.state).toBe('aborted');
    expect(aborted.abortReason).toMatch(/ring 3: 50% of its kiosks failed \(limit 25%\)/);
    expect(aborted.rings[2]).toMatchObject({ state: 'aborted', restored: 4 });
    expect(aborted.rings[2]?.failed).toBeGreaterThanOrEqual(1);
    // The kiosk that refused the configuration is named with its reason; the silent one only counts.
    expect(aborted.rings[2]?.refusals).toEqual([{ deviceId: refuser?.device_id, version: String(refuser?.target_version), reason: 'invalid configuration' }]);
    // Each kiosk of the failed ring gets its previous configuration back, as a new, higher version.
    for (const device of ring) {
      const desired = await desiredConfig(hub.db, device.device_id);
      expect(desired.version).toBe((device.target_version ?? 0) + 1);
      expect(desired.config).toEqual((await configVersion(hub.db, device.device_id, device.previous_version ?? 0))?.config);
      expect(desired.config.printerProfile).toBe(DEFAULT_KIOSK_CONFIG.printerProfile);
    }
    // The canary's ring had passed: it keeps the new profile. The last ring was never touched.
    const [canary] = await rolloutDevices(hub.db, id, 0);
    expect((await desiredConfig(hub.db, canary?.device_id ?? '')).config.printerProfile).toBe('generic-58mm');
    for (const device of await rolloutDevices(hub.db, id, 3)) expect((await desiredConfig(hub.db, device.device_id)).config.printerProfile).toBe(DEFAULT_KIOSK_CONFIG.printerProfile);
    // Nothing further happens to an aborted rollout.
    expect(await advanceRollouts(hub.db, bus, hub.secrets, at(3600), policy)).toEqual({ advanced: 0, completed: 0, aborted: 0 });
  });

  it('aborts by hand, restoring the current ring but not a kiosk someone reconfigured since', async () => {
    const created = await create({ configPatch: { maintenance: true }, target: { kind: 'group', group: 'annex' }, rings: [{ percent: 60 }, { percent: 100 }] });
    expect(created.statusCode).toBe(201);
    const id = RolloutViewSchema.parse(created.json()).id;
    const ring = await rolloutDevices(hub.db, id, 0);
    expect(ring).toHaveLength(3);
    const [edited, ...others] = ring;
    const editedId = edited?.device_id ?? '';
    const before = await desiredConfig(hub.db, editedId);
    const put = await hub.app.inject({
      method: 'PUT',
      url: `/api/fleet/devices/${editedId}/config`,
      headers: { cookie: admin, ...CONSOLE, 'if-match': `"${before.version}"` },
      payload: { ...before.config, idleTimeoutSeconds: 200 },
    });
    expect(put.statusCode).toBe(200);

    const abort = await hub.app.inject({ method: 'POST', url: `/api/fleet/rollouts/${id}/abort`, headers: { cookie: admin, ...CONSOLE } });
    expect(abort.statusCode).toBe(200);
    expect(RolloutViewSchema.parse(abort.json())).toMatchObject({ state: 'aborted', abortReason: 'aborted by staff' });
    for (const device of others) expect((await desiredConfig(hub.db, device.device_id)).config.maintenance).toBe(false);
    expect(await desiredConfig(hub.db, editedId)).toMatchObject({ version: before.version + 1, config: { maintenance: true, idleTimeoutSeconds: 200 } });
    expect((await hub.app.inject({ method: 'POST', url: `/api/fleet/rollouts/${id}/abort`, headers: { cookie: admin, ...CONSOLE } })).statusCode).toBe(409);

    const audit = await hub.db.withTables<{ audit_log: { action: string; target_id: string } }>().selectFrom('audit_log').select('action').where('target_id', '=', id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['rollout.aborted', 'rollout.created']);
  });
});
