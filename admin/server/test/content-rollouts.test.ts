import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, RolloutViewSchema } from '@kiosk/shared';
import type { Heartbeat, RolloutView } from '@kiosk/shared';
import { ContentUpdater } from '../../../kiosk/src/agent/content/updater.js';
import { keyIdOf, verifySignature } from '../../../kiosk/src/agent/content/verify.js';
import { createUser } from '../src/modules/auth/service.js';
import { PublicKeySchema, SignedBundleSchema } from '../src/modules/content/contract.js';
import type { SignedBundle } from '../src/modules/content/contract.js';
import { seedDemoContent } from '../src/modules/content/seed.js';
import { DEFAULT_CONTENT_SETTINGS } from '../src/modules/content/settings.js';
import { registerDevice } from '../src/modules/devices/service.js';
import type { DeviceCredential } from '../src/modules/devices/service.js';
import { contentBundleFor } from '../src/fleet/config/content-rollout-serve.js';
import { advanceRollouts } from '../src/fleet/config/rollout-service.js';
import { rolloutDevices } from '../src/fleet/config/rollout-repository.js';
import { latestHeartbeat, recordHeartbeat } from '../src/fleet/heartbeat-repository.js';
import { DEFAULT_STATUS_POLICY } from '../src/fleet/kiosk-status.js';
import { createInProcessFleetBus } from '../src/fleet/bus/fleet-bus.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import { testHeartbeat } from './helpers/heartbeat.js';
import type { TestHub } from './helpers/hub.js';

/**
 * Content rollouts in rings (fleet/config/content-rollout-*.ts): what each kiosk is served while
 * a rollout runs, how rings advance on the content version kiosks report, abort with the held
 * content re-issued under a new version (accepted by the kiosk agent's own updater), one running
 * content rollout per municipality.
 */

const CONSOLE = { 'x-requested-with': 'console' };

function heartbeat(content: number): Heartbeat {
  return testHeartbeat({ versions: { agent: '0.1.0', protocol: PROTOCOL_VERSION, content: String(content) } });
}

describe.each(DIALECTS)('content rollouts in rings (%s)', (dialect) => {
  let hub: TestHub;
  let admin: Record<string, string>;
  let editor: Record<string, string>;
  const bus = createInProcessFleetBus();
  const lobby: DeviceCredential[] = [];
  const policy = DEFAULT_STATUS_POLICY;

  async function signIn(username: string, password: string): Promise<Record<string, string>> {
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username, password } });
    return { ...CONSOLE, cookie: /^(__Host-session=[^;]+);/.exec(String(login.headers['set-cookie']))?.[1] ?? '' };
  }

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await seedDemoContent(hub.db, 'villademo');
    await createUser(hub.db, { tenantId: 'villademo', username: 'editor', password: 'editor password 1', role: 'editor' });
    for (let i = 0; i < 4; i += 1) lobby.push(await registerDevice(hub.db, 'villademo', `content-lobby-${i}`));
    await hub.db.updateTable('devices').set({ device_group: 'content-lobby' }).where('id', 'in', lobby.map((d) => d.deviceId)).execute();
    admin = await signIn('admin', hub.adminPassword);
    editor = await signIn('editor', 'editor password 1');
  });
  afterAll(async () => {
    await hub?.close();
    await bus.close();
  });

  const start = (body: object, headers = admin) => hub.app.inject({ method: 'POST', url: '/api/fleet/rollouts', headers, payload: body });
  const view = async (id: string): Promise<RolloutView> => RolloutViewSchema.parse((await hub.app.inject({ method: 'GET', url: `/api/fleet/rollouts/${id}`, headers: admin })).json());
  const CONTENT = { kind: 'content', target: { kind: 'group', group: 'content-lobby' }, rings: [{ devices: 1 }, { percent: 100 }], ringSoakMs: 3_600_000 } as const;

  /** What this kiosk is served, through the real route with its own credential. */
  async function servedTo(token: string): Promise<SignedBundle> {
    const response = await hub.app.inject({ method: 'GET', url: '/fleet/v1/content/bundle', headers: { authorization: `Bearer ${token}`, 'x-protocol-version': String(PROTOCOL_VERSION) } });
    expect(response.statusCode).toBe(200);
    return SignedBundleSchema.parse(response.json());
  }
  /** The Spanish file's entry ids of a bundle, as a kiosk would download them. */
  async function spanishIds(bundle: SignedBundle): Promise<string[]> {
    const file = bundle.manifest.files.find((f) => f.path === 'content/es.json');
    const response = await hub.app.inject({ method: 'GET', url: `/fleet/v1/content/files/${file?.sha256 ?? ''}`, headers: { authorization: `Bearer ${hub.kiosk.token}`, 'x-protocol-version': String(PROTOCOL_VERSION) } });
    return (JSON.parse(response.body) as { entries: { id: string }[] }).entries.map((e) => e.id);
  }
  async function publishFaq(question: string): Promise<string> {
    const created = await hub.app.inject({ method: 'POST', url: '/api/content', headers: editor, payload: { kind: 'faq', serviceCode: null, translations: { es: { question, answer: 'Sí.' } } } });
    const id = (created.json() as { id: string }).id;
    expect((await hub.app.inject({ method: 'POST', url: `/api/content/${id}/publish`, headers: editor, payload: { version: 1 } })).statusCode).toBe(200);
    return id;
  }
  async function report(rolloutId: string, ring: number, at: Date, version: (target: number) => number): Promise<void> {
    for (const device of await rolloutDevices(hub.db, rolloutId, ring)) {
      await recordHeartbeat(hub.db, { deviceId: device.device_id, tenantId: 'villademo', receivedAt: at, heartbeat: heartbeat(version(device.target_version ?? 0)) });
    }
  }
  const tokenOf = (deviceId: string) => lobby.find((d) => d.deviceId === deviceId)?.token ?? '';

  it('refuses a content rollout with a configuration patch, a config rollout without one, and a content rollout with nothing to hold', async () => {
    expect((await start({ ...CONTENT, configPatch: { maintenance: true } })).statusCode).toBe(400);
    expect((await start({ target: { kind: 'all' } })).statusCode).toBe(400);
    // Nothing was ever served: there is no earlier content the kiosks could keep.
    const nothing = await start(CONTENT);
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json()).toMatchObject({ error: { code: 'nothing-to-hold' } });
    // Content rollouts take the configuration rollouts' roles: an editor may not start one.
    expect((await start(CONTENT, editor)).statusCode).toBe(403);
  });

  it('holds kiosks not reached on the earlier bundle, advances on reported content versions, and hands content published meanwhile to reached kiosks only', async () => {
    const held = await servedTo(hub.kiosk.token);
    for (const device of lobby) {
      expect((await servedTo(device.token)).manifest.version).toBe(held.manifest.version);
      // Alive and running the held version: a kiosk never heard from counts as failed.
      await recordHeartbeat(hub.db, { deviceId: device.deviceId, tenantId: 'villademo', receivedAt: new Date(), heartbeat: heartbeat(held.manifest.version) });
    }
    const fresh = await publishFaq('¿Rollout en anillos alcachofa?');

    const created = await start(CONTENT);
    expect(created.statusCode).toBe(201);
    const rollout = RolloutViewSchema.parse(created.json());
    expect(rollout).toMatchObject({ kind: 'content', state: 'running', configPatch: {}, content: { heldBundleVersion: held.manifest.version } });
    expect(rollout.rings.map((r) => [r.devices, r.state])).toEqual([[1, 'in-progress'], [3, 'waiting']]);

    const second = await start({ ...CONTENT, target: { kind: 'all' } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ error: { code: 'content-rollout-running' } });

    const [canary] = await rolloutDevices(hub.db, rollout.id, 0);
    const rest = await rolloutDevices(hub.db, rollout.id, 1);
    const newest = await servedTo(tokenOf(canary?.device_id ?? ''));
    expect(newest.manifest.version).toBeGreaterThan(held.manifest.version);
    expect(await spanishIds(newest)).toContain(fresh);
    for (const device of rest) expect(await servedTo(tokenOf(device.device_id))).toEqual(held);
    // The demo kiosk is outside the target: held until the rollout completes.
    expect(await servedTo(hub.kiosk.token)).toEqual(held);
    expect(await spanishIds(held)).not.toContain(fresh);

    // The canary has not reported the new version yet: the ring waits (soak time is an hour).
    const t0 = new Date();
    expect(await advanceRollouts(hub.db, bus, hub.secrets, t0, policy)).toEqual({ advanced: 0, completed: 0, aborted: 0 });
    await report(rollout.id, 0, t0, (target) => target - 1);
    expect((await advanceRollouts(hub.db, bus, hub.secrets, t0, policy)).advanced).toBe(0);
    await report(rollout.id, 0, t0, (target) => target);
    expect((await view(rollout.id)).rings[0]).toMatchObject({ reported: 1, failed: 0 });
    expect((await advanceRollouts(hub.db, bus, hub.secrets, t0, policy)).advanced).toBe(1);
    for (const device of rest) expect((await servedTo(tokenOf(device.device_id))).manifest.version).toBe(newest.manifest.version);

    // Published while running: reached kiosks get it, the held kiosk keeps the held version.
    const later = await publishFaq('¿Publicado durante el rollout berenjena?');
    const again = await servedTo(tokenOf(canary?.device_id ?? ''));
    expect(again.manifest.version).toBeGreaterThan(newest.manifest.version);
    expect(await spanishIds(again)).toContain(later);
    expect(await servedTo(hub.kiosk.token)).toEqual(held);

    await report(rollout.id, 1, t0, (target) => target);
    expect((await advanceRollouts(hub.db, bus, hub.secrets, t0, policy)).completed).toBe(1);
    expect((await view(rollout.id)).state).toBe('completed');
    // Completed: everyone, in the target or not, gets the newest bundle.
    expect(await servedTo(hub.kiosk.token)).toEqual(await servedTo(tokenOf(canary?.device_id ?? '')));
    expect(await spanishIds(await servedTo(hub.kiosk.token))).toContain(later);

    // Nothing published since: nothing to roll out.
    const nothingNew = await start(CONTENT);
    expect(nothingNew.statusCode).toBe(409);
    expect(nothingNew.json()).toMatchObject({ error: { code: 'nothing-to-roll-out' } });
  });

  it('aborts: reached kiosks go back to the held content as a NEW signed version, which the kiosk agent accepts over the newer one', async () => {
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
    const held = await servedTo(hub.kiosk.token);
    const bad = await publishFaq('¿Contenido equivocado chirivía?');
    const rollout = RolloutViewSchema.parse((await start(CONTENT)).json());
    expect(rollout.content?.heldBundleVersion).toBe(held.manifest.version);
    const [canary] = await rolloutDevices(hub.db, rollout.id, 0);
    const kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-rollout-kiosk-'));
    try {
      // The canary's real agent takes the newest (bad) content.
      const updater = new ContentUpdater({ baseUrl, token: tokenOf(canary?.device_id ?? ''), dataDir: kioskDir });
      const applied = await updater.checkNow();
      expect(applied.kind).toBe('applied');
      const badVersion = updater.status().version ?? 0;
      expect(badVersion).toBeGreaterThan(held.manifest.version);
      expect(await spanishIds(await servedTo(tokenOf(canary?.device_id ?? '')))).toContain(bad);
      // Serving the held row as it is would be refused by the agent: it is older than what it runs.

      const aborted = await hub.app.inject({ method: 'POST', url: `/api/fleet/rollouts/${rollout.id}/abort`, headers: admin });
      expect(aborted.statusCode).toBe(200);
      const after = RolloutViewSchema.parse(aborted.json());
      expect(after.state).toBe('aborted');
      expect(after.rings[0]).toMatchObject({ restored: 1, state: 'aborted' });
      const audit = await hub.db.withTables<{ audit_log: { action: string; target_id: string; details: string } }>().selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', rollout.id).execute();
      expect(audit.map((a) => a.action).sort()).toEqual(['rollout.aborted', 'rollout.created']);
      expect(JSON.parse(audit.find((a) => a.action === 'rollout.created')?.details ?? '{}')).toMatchObject({ kind: 'content', heldVersion: held.manifest.version });
      const reissued = after.content?.heldBundleVersion ?? 0;
      expect(reissued).toBeGreaterThan(badVersion);

      const back = await servedTo(tokenOf(canary?.device_id ?? ''));
      expect(back.manifest.version).toBe(reissued);
      expect(back.manifest.files).toEqual(held.manifest.files);
      const key = PublicKeySchema.parse((await hub.app.inject({ method: 'GET', url: '/fleet/v1/content/public-key', headers: { authorization: `Bearer ${hub.kiosk.token}`, 'x-protocol-version': String(PROTOCOL_VERSION) } })).json());
      expect(() => verifySignature(back, { keyId: keyIdOf(key.publicKey), publicKeyPem: key.publicKey })).not.toThrow();
      expect(await updater.checkNow()).toEqual({ kind: 'applied', version: reissued });
      const spanish = JSON.parse(updater.readCurrentFile('content/es.json')?.toString('utf8') ?? '{}') as { entries: { id: string }[] };
      expect(spanish.entries.map((e) => e.id)).not.toContain(bad);

      // Aborted: the whole municipality stays on the held content (the very next check would otherwise undo the abort).
      for (const token of [hub.kiosk.token, ...lobby.map((d) => d.token)]) expect((await servedTo(token)).manifest.version).toBe(reissued);
      expect((await hub.app.inject({ method: 'POST', url: `/api/fleet/rollouts/${rollout.id}/abort`, headers: admin })).statusCode).toBe(409);

      // A new content rollout keeps the pinned content for kiosks it has not reached.
      const retry = RolloutViewSchema.parse((await start(CONTENT)).json());
      expect(retry.content?.heldBundleVersion).toBe(reissued);
      expect((await servedTo(hub.kiosk.token)).manifest.version).toBe(reissued);
      expect((await hub.app.inject({ method: 'POST', url: `/api/fleet/rollouts/${retry.id}/abort`, headers: admin })).statusCode).toBe(200);

      // Two staff start one in the same instant: exactly one runs, the other hears 409.
      const both = await Promise.all([start(CONTENT), start(CONTENT)]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const racer = both.find((r) => r.statusCode === 409);
      expect(racer?.json()).toMatchObject({ error: { code: 'content-rollout-running' } });
      const winner = RolloutViewSchema.parse(both.find((r) => r.statusCode === 201)?.json());
      expect((await hub.app.inject({ method: 'POST', url: `/api/fleet/rollouts/${winner.id}/abort`, headers: admin })).statusCode).toBe(200);
    } finally {
      fs.rmSync(kioskDir, { recursive: true, force: true });
    }
  });

  it('aborts by itself when too many kiosks of a ring go quiet, and re-issues the held bundle before it expires', async () => {
    await publishFaq('¿Otra publicación nabo?');
    const rollout = RolloutViewSchema.parse((await start({ ...CONTENT, maxFailureRate: 0 })).json());
    const heldVersion = rollout.content?.heldBundleVersion ?? 0;
    const heldRow = await servedTo(hub.kiosk.token);
    expect(heldRow.manifest.version).toBe(heldVersion);

    // Near the held bundle's expiry a held kiosk is served the same files under a new version.
    const nearExpiry = new Date(Date.parse(heldRow.manifest.expiresAt) - DEFAULT_CONTENT_SETTINGS.bundleRenewBeforeMs + 1000);
    const renewed = await contentBundleFor(hub.db, hub.secrets, 'villademo', hub.kiosk.deviceId, DEFAULT_CONTENT_SETTINGS, nearExpiry);
    expect(renewed.manifest.version).toBeGreaterThan(heldVersion);
    expect(renewed.manifest.files).toEqual(heldRow.manifest.files);
    expect(Date.parse(renewed.manifest.expiresAt)).toBeGreaterThan(Date.parse(heldRow.manifest.expiresAt));
    expect((await view(rollout.id)).content?.heldBundleVersion).toBe(renewed.manifest.version);
    expect(await servedTo(hub.kiosk.token)).toEqual(renewed);

    // The canary never reports and its last heartbeat is long gone: failed, above a 0 % limit.
    const [canary] = await rolloutDevices(hub.db, rollout.id, 0);
    await recordHeartbeat(hub.db, { deviceId: canary?.device_id ?? '', tenantId: 'villademo', receivedAt: new Date(Date.now() - 24 * 3_600_000), heartbeat: heartbeat(1) });
    expect((await advanceRollouts(hub.db, bus, hub.secrets, new Date(), policy)).aborted).toBe(1);
    const after = await view(rollout.id);
    expect(after.state).toBe('aborted');
    expect(after.abortReason).toContain('ring 1');
    expect(after.content?.heldBundleVersion).toBeGreaterThan(renewed.manifest.version);
    expect((await servedTo(tokenOf(canary?.device_id ?? ''))).manifest.files).toEqual(heldRow.manifest.files);
  });

  /** A heartbeat through the real route, with the kiosk's own credential. */
  async function beat(deviceId: string, body: object): Promise<number> {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/fleet/v1/heartbeat',
      headers: { authorization: `Bearer ${tokenOf(deviceId)}`, 'x-protocol-version': String(PROTOCOL_VERSION) },
      payload: body,
    });
    return response.statusCode;
  }
  const refusing = (running: number, version: number, reason: string): Heartbeat => ({ ...heartbeat(running), content: { error: { version: String(version), reason } } });

  it('counts a ring kiosk that reports refusing the version it was given as failed, with the reason in the view, under the same threshold', async () => {
    await publishFaq('¿Contenido rechazado pepino?');
    const rollout = RolloutViewSchema.parse((await start({ ...CONTENT, maxFailureRate: 0.5 })).json());
    const heldVersion = rollout.content?.heldBundleVersion ?? 0;
    const [canary] = await rolloutDevices(hub.db, rollout.id, 0);
    const canaryId = canary?.device_id ?? '';
    const target = canary?.target_version ?? 0;
    expect(target).toBeGreaterThan(heldVersion);

    // An older agent's heartbeat (no `content` report) still validates; alive on the held version, the ring waits.
    const { content: _content, ...older } = heartbeat(heldVersion);
    expect(await beat(canaryId, older)).toBe(200);
    expect((await latestHeartbeat(hub.db, canaryId))?.heartbeat.content).toEqual({ error: null });
    // A refusal of an OLDER bundle says nothing about this target.
    expect(await beat(canaryId, refusing(heldVersion, heldVersion - 1, 'older-version: bundle version 1 is older than the applied version 2'))).toBe(200);
    expect((await view(rollout.id)).rings[0]).toMatchObject({ reported: 0, failed: 0, refusals: [] });
    expect(await advanceRollouts(hub.db, bus, hub.secrets, new Date(), policy)).toEqual({ advanced: 0, completed: 0, aborted: 0 });

    // The canary takes it; in the next ring one kiosk of three refuses it: 33 %, under the 50 % limit.
    expect(await beat(canaryId, heartbeat(target))).toBe(200);
    expect((await advanceRollouts(hub.db, bus, hub.secrets, new Date(), policy)).advanced).toBe(1);
    const [refuser, ...others] = await rolloutDevices(hub.db, rollout.id, 1);
    const reason = `bad-hash: file ${'a'.repeat(64)}: SHA-256 does not match the manifest`;
    expect(await beat(refuser?.device_id ?? '', refusing(heldVersion, refuser?.target_version ?? 0, reason))).toBe(200);
    for (const device of others) expect(await beat(device.device_id, heartbeat(device.target_version ?? 0))).toBe(200);
    const judged = await view(rollout.id);
    expect(judged.rings[1]).toMatchObject({ devices: 3, reported: 2, failed: 1, refusals: [{ deviceId: refuser?.device_id, version: String(refuser?.target_version), reason }] });
    // Every kiosk answered one way or the other: no need to wait for the soak time.
    expect((await advanceRollouts(hub.db, bus, hub.secrets, new Date(), policy)).completed).toBe(1);
    expect((await view(rollout.id)).rings[1]?.refusals).toHaveLength(1);

    // Next rollout, default 20 % limit: the canary refuses the target and the rollout stops by itself.
    await publishFaq('¿Contenido rechazado calabacín?');
    const next = RolloutViewSchema.parse((await start(CONTENT)).json());
    const [nextCanary] = await rolloutDevices(hub.db, next.id, 0);
    const signature = 'bad-signature: the manifest signature does not verify';
    expect(await beat(nextCanary?.device_id ?? '', refusing(target, nextCanary?.target_version ?? 0, signature))).toBe(200);
    expect((await view(next.id)).rings[0]).toMatchObject({ failed: 1, refusals: [{ deviceId: nextCanary?.device_id, reason: signature }] });
    expect((await advanceRollouts(hub.db, bus, hub.secrets, new Date(), policy)).aborted).toBe(1);
    const stopped = await view(next.id);
    expect(stopped).toMatchObject({ state: 'aborted', abortReason: expect.stringContaining('ring 1: 100% of its kiosks failed') as unknown });
    // The per-kiosk reason stays visible once the ring is aborted.
    expect(stopped.rings[0]?.refusals).toEqual([{ deviceId: nextCanary?.device_id, version: String(nextCanary?.target_version), reason: signature }]);
  });
});
