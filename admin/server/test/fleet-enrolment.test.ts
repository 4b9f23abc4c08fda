import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, EnrolmentPollAnswerSchema, EnrolmentStartedSchema, FleetDeviceListSchema, FleetDeviceSchema, PROTOCOL_VERSION, formatEnrolmentCode } from '@kiosk/shared';
import type { EnrolmentStarted } from '@kiosk/shared';
import { buildApp } from '../src/app.js';
import type { FleetBusEvent } from '../src/fleet/bus/fleet-bus.js';
import { createInProcessFleetBus } from '../src/fleet/bus/fleet-bus.js';
import { SlidingWindowLimiter } from '../src/fleet/enrolment/rate-limiter.js';
import { approveEnrolment, pollEnrolment } from '../src/fleet/enrolment/service.js';
import { DEFAULT_ENROLMENT_SETTINGS } from '../src/fleet/enrolment/settings.js';
import type { EnrolmentTables } from '../src/fleet/enrolment/tables.js';
import { findUserByUsername } from '../src/modules/auth/repository.js';
import { createUser } from '../src/modules/auth/service.js';
import type { WorkflowTables } from '../src/modules/workflow/tables.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { submission } from './helpers/kiosk.js';

const CONSOLE = { 'x-requested-with': 'console' };
const VERSION = { 'x-protocol-version': String(PROTOCOL_VERSION) };
const PASSWORD = 'a long staff password 1';

/** What a new kiosk does: its own secret, only the hash goes to the hub. */
function kioskSecret(): { secret: string; secretHash: string } {
  const secret = crypto.randomBytes(32).toString('base64url');
  return { secret, secretHash: crypto.createHash('sha256').update(secret).digest('hex') };
}

let addressCounter = 0;
/** A fresh client address per call site, so the per-address limit only bites where a test wants it. */
const freshAddress = () => `10.1.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`;

describe.each(DIALECTS)('kiosk enrolment and revocation (%s)', (dialect) => {
  let hub: TestHub;
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    for (const role of ['caseworker', 'editor', 'operator', 'viewer'] as const) {
      await createUser(hub.db, { tenantId: 'villademo', username: `${role}-user`, password: PASSWORD, role });
    }
    await createUser(hub.db, { tenantId: 'villademo', username: 'second-admin', password: PASSWORD, role: 'admin' });
  });
  afterAll(async () => {
    await hub?.close();
  });

  async function cookieFor(username: string): Promise<string> {
    const known = cookies.get(username);
    if (known !== undefined) return known;
    const password = username === 'admin' ? hub.adminPassword : PASSWORD;
    const response = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username, password } });
    expect(response.statusCode).toBe(200);
    const cookie = `__Host-session=${/^__Host-session=([^;]+);/.exec(String(response.headers['set-cookie']))?.[1] ?? ''}`;
    cookies.set(username, cookie);
    return cookie;
  }

  const errorCode = (body: string) => ApiErrorSchema.parse(JSON.parse(body)).error.code;

  async function start(address = freshAddress(), secretHash = kioskSecret().secretHash) {
    return hub.app.inject({ method: 'POST', url: '/fleet/v1/enrolments', remoteAddress: address, headers: VERSION, payload: { secretHash, agentVersion: '0.1.0' } });
  }

  async function started(secretHash?: string): Promise<EnrolmentStarted> {
    const response = await start(undefined, secretHash);
    expect(response.statusCode).toBe(201);
    return EnrolmentStartedSchema.parse(response.json());
  }

  const poll = (enrolment: EnrolmentStarted, token = enrolment.pollToken) =>
    hub.app.inject({ method: 'GET', url: `/fleet/v1/enrolments/${enrolment.enrolmentId}`, headers: { ...VERSION, authorization: `Bearer ${token}` } });

  async function staff(username: string, method: 'GET' | 'POST', url: string, payload?: object) {
    return hub.app.inject({ method, url, headers: { ...CONSOLE, cookie: await cookieFor(username) }, ...(payload === undefined ? {} : { payload }) });
  }

  const approve = (code: string, extra: object = {}, username = 'admin') =>
    staff(username, 'POST', '/api/fleet/enrolments/approve', { code, label: `Kiosk ${code}`, site: 'Town hall', group: 'canary', ...extra });

  it('gives a new kiosk an 8-character Crockford code valid 10 minutes, a poll token and an interval', async () => {
    const before = Date.now();
    const response = await start();
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const enrolment = EnrolmentStartedSchema.parse(response.json());
    expect(enrolment.userCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(formatEnrolmentCode(enrolment.userCode)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const ttl = Date.parse(enrolment.expiresAt) - before;
    expect(ttl).toBeGreaterThan(599_000);
    expect(ttl).toBeLessThanOrEqual(601_000);
    expect(enrolment.intervalSeconds).toBe(5);
    expect(enrolment.expiresInSeconds).toBe(600);
    expect(EnrolmentPollAnswerSchema.parse((await poll(enrolment)).json())).toEqual({ status: 'pending' });
    // Only hashes are stored: the code, poll token and (hash of the) secret are not readable back.
    const row = await hub.db.withTables<EnrolmentTables>().selectFrom('enrolments').selectAll().where('id', '=', enrolment.enrolmentId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(enrolment.userCode);
    expect(JSON.stringify(row)).not.toContain(enrolment.pollToken);
  });

  it('refuses a bad request clearly and stores nothing; a wrong poll token learns nothing (404)', async () => {
    const countRows = async () => (await hub.db.withTables<EnrolmentTables>().selectFrom('enrolments').select('id').execute()).length;
    const rowsBefore = await countRows();
    const notHex = await start(undefined, 'not-a-hash');
    expect(notHex.statusCode).toBe(400);
    expect(errorCode(notHex.body)).toBe('invalid');
    const noVersion = await hub.app.inject({ method: 'POST', url: '/fleet/v1/enrolments', remoteAddress: freshAddress(), payload: { secretHash: kioskSecret().secretHash, agentVersion: '1' } });
    expect(noVersion.statusCode).toBe(400);
    expect(errorCode(noVersion.body)).toBe('version-mismatch');
    expect(await countRows()).toBe(rowsBefore);

    const enrolment = await started();
    const wrongToken = await poll(enrolment, 'x'.repeat(43));
    expect(wrongToken.statusCode).toBe(404);
    const noToken = await hub.app.inject({ method: 'GET', url: `/fleet/v1/enrolments/${enrolment.enrolmentId}`, headers: VERSION });
    expect(noToken.statusCode).toBe(401);
  });

  it('approval creates the device in the admin tenant with site and group; the kiosk secret then works on /fleet/v1/heartbeat', async () => {
    const { secret, secretHash } = kioskSecret();
    const enrolment = await started(secretHash);
    // Typed the way a person reads it off the screen: lower case, with the dash.
    const response = await approve(formatEnrolmentCode(enrolment.userCode).toLowerCase(), { label: 'Lobby kiosk' });
    expect(response.statusCode).toBe(201);
    const device = FleetDeviceSchema.parse(response.json());
    expect(device).toMatchObject({ label: 'Lobby kiosk', site: 'Town hall', group: 'canary', revokedAt: null });

    const answer = EnrolmentPollAnswerSchema.parse((await poll(enrolment)).json());
    expect(answer).toEqual({ status: 'approved', deviceId: device.id, issuer: device.issuer });
    const row = await hub.db.selectFrom('devices').selectAll().where('id', '=', device.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ tenant_id: 'villademo', site: 'Town hall', device_group: 'canary', secret_hash: secretHash });

    const heartbeat = await hub.app.inject({
      method: 'POST',
      url: '/fleet/v1/heartbeat',
      headers: { ...VERSION, authorization: `Bearer ${device.id}.${secret}` },
      payload: {
        sentAt: new Date().toISOString(),
        versions: { agent: '0.1.0', protocol: PROTOCOL_VERSION, content: null },
        devices: { printer: { state: 'ok', reason: null, since: new Date().toISOString() }, scanner: { state: 'ok', reason: null, since: new Date().toISOString() } },
        outbox: { depth: 0, oldestAgeSeconds: null, dead: 0 },
        sessionActive: false,
        shell: null,
      },
    });
    expect(heartbeat.statusCode).toBe(200);

    const list = FleetDeviceListSchema.parse((await staff('operator-user', 'GET', '/api/fleet/devices')).json());
    expect(list.devices.find((d) => d.id === device.id)).toEqual(device);
    const audit = await hub.db.withTables<WorkflowTables>().selectFrom('audit_log').selectAll().where('target_id', '=', device.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['device.enrol']);
    expect(audit[0]?.target_type).toBe('device');
  });

  it('a code is single use: a second approval or a rejection afterwards fails clearly (409)', async () => {
    const enrolment = await started();
    expect((await approve(enrolment.userCode)).statusCode).toBe(201);
    const again = await approve(enrolment.userCode, {}, 'second-admin');
    expect(again.statusCode).toBe(409);
    expect(errorCode(again.body)).toBe('code-used');
    const reject = await staff('admin', 'POST', '/api/fleet/enrolments/reject', { code: enrolment.userCode });
    expect(reject.statusCode).toBe(409);
    const devices = await hub.db.selectFrom('devices').select('id').where('label', '=', `Kiosk ${enrolment.userCode}`).execute();
    expect(devices).toHaveLength(1);
  });

  it('an expired code is refused (410) and its kiosk is told expired (injected clock)', async () => {
    const enrolment = await started();
    const admin = await findUserByUsername(hub.db, 'admin');
    if (admin === undefined) throw new Error('the demo admin is missing');
    const actor = { user: { userId: admin.id, tenantId: admin.tenant_id, username: admin.username, role: admin.role }, ip: null };
    const later = new Date(Date.parse(enrolment.expiresAt) + 1);
    await expect(approveEnrolment(hub.db, actor, { code: enrolment.userCode, label: 'late', site: null, group: null }, later)).rejects.toMatchObject({ statusCode: 410, code: 'code-expired' });
    const justBefore = new Date(Date.parse(enrolment.expiresAt) - 1);
    expect(await pollEnrolment(hub.db, enrolment.enrolmentId, enrolment.pollToken, { ...DEFAULT_ENROLMENT_SETTINGS, now: () => justBefore })).toEqual({ status: 'pending' });
    expect(await pollEnrolment(hub.db, enrolment.enrolmentId, enrolment.pollToken, { ...DEFAULT_ENROLMENT_SETTINGS, now: () => later })).toEqual({ status: 'expired' });

    // Over HTTP, with the row's deadline passed (the hub's real clock).
    await hub.db.withTables<EnrolmentTables>().updateTable('enrolments').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', enrolment.enrolmentId).execute();
    const response = await approve(enrolment.userCode);
    expect(response.statusCode).toBe(410);
    expect(EnrolmentPollAnswerSchema.parse((await poll(enrolment)).json())).toEqual({ status: 'expired' });
    const pending = (await staff('admin', 'GET', '/api/fleet/enrolments')).json() as { enrolments: Array<{ id: string }> };
    expect(pending.enrolments.map((e) => e.id)).not.toContain(enrolment.enrolmentId);
  });

  it('rate-limits new codes per client address (429 + Retry-After); other addresses are unaffected', async () => {
    const address = '10.9.9.9';
    for (let i = 0; i < 5; i += 1) expect((await start(address)).statusCode).toBe(201);
    const refused = await start(address);
    expect(refused.statusCode).toBe(429);
    expect(errorCode(refused.body)).toBe('rate-limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await start('10.9.9.10')).statusCode).toBe(201);
  });

  it('rate-limits wrong codes per staff user, then refuses even a right one until the window passes', async () => {
    const enrolment = await started();
    // A code no kiosk shows (the chance of hitting a live one is 2^-40 per try).
    const wrong = enrolment.userCode.startsWith('0') ? '1ZZZZZZZ' : '0ZZZZZZZ';
    for (let i = 0; i < 5; i += 1) {
      const response = await approve(wrong, {}, 'second-admin');
      expect(response.statusCode).toBe(404);
      expect(errorCode(response.body)).toBe('unknown-code');
    }
    const blocked = await approve(enrolment.userCode, {}, 'second-admin');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another admin is not blocked by someone else's guesses.
    expect((await approve(enrolment.userCode)).statusCode).toBe(201);
  });

  it('tells a kiosk polling faster than its interval to slow down (+5 s)', async () => {
    const enrolment = await started();
    expect(EnrolmentPollAnswerSchema.parse((await poll(enrolment)).json())).toEqual({ status: 'pending' });
    expect(EnrolmentPollAnswerSchema.parse((await poll(enrolment)).json())).toEqual({ status: 'slow_down', intervalSeconds: 10 });
    const t0 = Date.now();
    const onTime = { ...DEFAULT_ENROLMENT_SETTINGS, now: () => new Date(t0 + 10_000) };
    expect(await pollEnrolment(hub.db, enrolment.enrolmentId, enrolment.pollToken, onTime)).toEqual({ status: 'pending' });
  });

  it('a rejected code tells the kiosk so and cannot be approved afterwards', async () => {
    const enrolment = await started();
    const pending = (await staff('admin', 'GET', '/api/fleet/enrolments')).json() as { enrolments: Array<{ id: string }> };
    expect(pending.enrolments.map((e) => e.id)).toContain(enrolment.enrolmentId);
    expect(JSON.stringify(pending)).not.toContain(enrolment.userCode);
    expect((await staff('admin', 'POST', '/api/fleet/enrolments/reject', { code: enrolment.userCode })).statusCode).toBe(200);
    expect(EnrolmentPollAnswerSchema.parse((await poll(enrolment)).json())).toEqual({ status: 'rejected' });
    expect((await approve(enrolment.userCode)).statusCode).toBe(409);
  });

  it('only admins enrol, reject and revoke (403); fleet operators may list kiosks; anonymous 401; CSRF header required', async () => {
    const enrolment = await started();
    const device = FleetDeviceSchema.parse((await approve(enrolment.userCode)).json());
    for (const username of ['caseworker-user', 'editor-user', 'operator-user', 'viewer-user']) {
      expect((await staff(username, 'GET', '/api/fleet/enrolments')).statusCode).toBe(403);
      expect((await approve('ABCD2345', {}, username)).statusCode).toBe(403);
      expect((await staff(username, 'POST', '/api/fleet/enrolments/reject', { code: 'ABCD2345' })).statusCode).toBe(403);
      expect((await staff(username, 'POST', `/api/fleet/devices/${device.id}/revoke`)).statusCode).toBe(403);
    }
    for (const username of ['caseworker-user', 'editor-user', 'viewer-user']) expect((await staff(username, 'GET', '/api/fleet/devices')).statusCode).toBe(403);
    expect((await staff('operator-user', 'GET', '/api/fleet/devices')).statusCode).toBe(200);
    for (const [method, url] of [['GET', '/api/fleet/enrolments'], ['POST', '/api/fleet/enrolments/approve'], ['GET', '/api/fleet/devices'], ['POST', `/api/fleet/devices/${device.id}/revoke`]] as const) {
      expect((await hub.app.inject({ method, url, headers: CONSOLE, payload: method === 'POST' ? {} : undefined })).statusCode).toBe(401);
    }
    const noCsrf = await hub.app.inject({ method: 'POST', url: `/api/fleet/devices/${device.id}/revoke`, headers: { cookie: await cookieFor('admin') } });
    expect(noCsrf.statusCode).toBe(403);
    const row = await hub.db.selectFrom('devices').select('revoked_at').where('id', '=', device.id).executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
  });

  it('revocation: revoked_at set, audited, device-revoked published once; the next request gets 401', async () => {
    const bus = createInProcessFleetBus();
    const events: FleetBusEvent[] = [];
    bus.subscribe((event) => events.push(event));
    const app = await buildApp({ db: hub.db, config: hub.config, logger: false, bus });
    try {
      const { secret, secretHash } = kioskSecret();
      const enrolment = await started(secretHash);
      const device = FleetDeviceSchema.parse((await approve(enrolment.userCode)).json());
      const kioskHeaders = { ...VERSION, authorization: `Bearer ${device.id}.${secret}`, 'idempotency-key': `key-${device.id}` };
      const revokeCall = async () => app.inject({ method: 'POST', url: `/api/fleet/devices/${device.id}/revoke`, headers: { ...CONSOLE, cookie: await cookieFor('admin') } });

      const first = await revokeCall();
      expect(first.statusCode).toBe(200);
      const revoked = FleetDeviceSchema.parse(first.json());
      expect(revoked.revokedAt).not.toBeNull();
      await new Promise((resolve) => setImmediate(resolve));
      expect(events).toEqual([{ type: 'device-revoked', deviceId: device.id }]);

      const again = await revokeCall();
      expect(FleetDeviceSchema.parse(again.json()).revokedAt).toBe(revoked.revokedAt);
      await new Promise((resolve) => setImmediate(resolve));
      expect(events).toHaveLength(1);

      const submit = await app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: kioskHeaders, payload: submission(hub, 1) });
      expect(submit.statusCode).toBe(401);
      const audit = await hub.db.withTables<WorkflowTables>().selectFrom('audit_log').select('action').where('target_id', '=', device.id).orderBy('created_at').execute();
      expect(audit.map((a) => a.action)).toEqual(['device.enrol', 'device.revoke']);

      const unknown = await app.inject({ method: 'POST', url: '/api/fleet/devices/kiosk_nope/revoke', headers: { ...CONSOLE, cookie: await cookieFor('admin') } });
      expect(unknown.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('enrolment rate limiter (injected clock)', () => {
  it('counts hits in a sliding window and frees a key when its oldest hit leaves the window', () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowLimiter({ max: 2, windowMs: 60_000 }, () => new Date(now));
    limiter.hit('a');
    now += 10_000;
    limiter.hit('a');
    expect(limiter.retryAfterMs('a')).toBe(50_000);
    expect(limiter.retryAfterMs('b')).toBe(0);
    now += 50_000;
    expect(limiter.retryAfterMs('a')).toBe(0);
  });
});
