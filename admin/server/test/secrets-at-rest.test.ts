import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecondFactorChallengeSchema, canonicalJson } from '@kiosk/shared';
import type { Heartbeat } from '@kiosk/shared';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { migrationProvider } from '../src/db/migrations/index.js';
import { deliverDueWebhooks, signature } from '../src/fleet/alerts/delivery.js';
import { evaluateTenantAlerts } from '../src/fleet/alerts/evaluator.js';
import { recordHeartbeat } from '../src/fleet/heartbeat-repository.js';
import { createUser } from '../src/modules/auth/service.js';
import { currentBundle } from '../src/modules/content/bundle.js';
import { PublicKeySchema, SignedBundleSchema } from '../src/modules/content/contract.js';
import type { SignedBundle } from '../src/modules/content/contract.js';
import { bumpRevision } from '../src/modules/content/repository.js';
import { DEFAULT_CONTENT_SETTINGS } from '../src/modules/content/settings.js';
import { runForwardingOutbox } from '../src/modules/forwarding/outbox.js';
import { DEFAULT_FORWARDING_POLICY } from '../src/modules/forwarding/settings.js';
import type { ForwardingTables } from '../src/modules/forwarding/tables.js';
import { registerDevice } from '../src/modules/devices/service.js';
import { SecretUnreadableError, createSecretBox, secretContexts } from '../src/security/secret-box.js';
import { GENERATED_KEY_FILE, loadSecretBox } from '../src/security/secret-keys.js';
import { resealSecrets } from '../src/security/stored-secrets.js';
import { cookieOf, signInWithSecondFactor, totpCode } from './authz/sign-in.js';
import { CONSOLE_HEADERS, DIALECTS, createTestHub, openEmptyDatabase, signInStaff } from './helpers/hub.js';
import { OK_DEVICE, PAPER_LOW, testHeartbeat } from './helpers/heartbeat.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders } from './helpers/kiosk.js';
import { fileLitterCase } from './helpers/open311.js';

/**
 * Issue 7: the admins' TOTP seeds and the alert webhook's signing secret are stored sealed with
 * AES-256-GCM under a key id; so are the forwarding CRM's api_key and the content-signing private
 * keys (migration 0022). The database never holds them in plaintext; a wrong or missing key is a
 * clear error where the secret is needed (no crash at start, no way around the code, no unsigned
 * webhook, no post to the CRM, no bundle signed); migrations seal what an older hub left; keys rotate.
 */

const key = (id: string) => ({ id, key: crypto.randomBytes(32) });
const WEBHOOK_SECRET = 'webhook-signing-secret-QX7Z';
const CRM_API_KEY = 'crm-api-key-7Hq2Vx9LmW4c';
const LATER = DEFAULT_FORWARDING_POLICY.retryCapMs + 1;

/** A city CRM on a loopback port: answers every POST of a request with a new id, and keeps the forms it got. */
async function startFakeCrm(): Promise<{ url: string; posts: URLSearchParams[]; close: () => Promise<void> }> {
  const posts: URLSearchParams[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.method === 'POST' && request.url?.startsWith('/open311/v2/requests.json')) {
        posts.push(new URLSearchParams(body));
        response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify([{ service_request_id: `crm-${posts.length}` }]));
        return;
      }
      response.writeHead(404, { 'content-type': 'application/json' }).end('[]');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/open311/v2`, posts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('secret box (pure)', () => {
  const current = key('k2');
  const old = key('k1');

  it('seals with the current key, binds each value to its place, opens with any key of the ring', () => {
    const oldBox = createSecretBox([old]);
    const ring = createSecretBox([current, old]);
    const sealed = ring.seal('JBSWY3DPEHPK3PXP', 'users.totp_secret:user_1');
    expect(sealed).toMatch(/^enc:v1:k2:/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(ring.seal('JBSWY3DPEHPK3PXP', 'users.totp_secret:user_1')).not.toBe(sealed); // a fresh IV each time
    expect(ring.open(sealed, 'users.totp_secret:user_1', 'seed')).toBe('JBSWY3DPEHPK3PXP');
    // Copied to another user's row, it does not open.
    expect(() => ring.open(sealed, 'users.totp_secret:user_2', 'seed')).toThrow(SecretUnreadableError);
    // Rotation: what the old key sealed still opens while the old key stays in the ring.
    expect(ring.open(oldBox.seal('v', 'c'), 'c', 'x')).toBe('v');
  });

  it('names the problem when a key is missing or wrong, and never returns the stored text', () => {
    const sealed = createSecretBox([current]).seal('secret', 'c');
    const missing = (() => {
      try {
        createSecretBox([old]).open(sealed, 'c', 'second-factor secret');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(missing).toBeInstanceOf(SecretUnreadableError);
    expect((missing as SecretUnreadableError).statusCode).toBe(503);
    expect((missing as Error).message).toMatch(/second-factor secret.*key "k2", which this hub does not have/);
    expect(() => createSecretBox([{ id: 'k2', key: crypto.randomBytes(32) }]).open(sealed, 'c', 'x')).toThrow(/does not fit/);
    expect(() => createSecretBox([current]).open('plain-text-secret', 'c', 'x')).toThrow(/unencrypted/);
    const tampered = `${sealed.slice(0, -4)}AAAA`;
    expect(() => createSecretBox([current]).open(tampered, 'c', 'x')).toThrow(SecretUnreadableError);
  });
});

describe('secret keys from the environment or the data directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-keys-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates DATA_DIR/secret-keys once (owner-only) and loads the same key afterwards', () => {
    const config = loadConfig({ DATA_DIR: dir });
    const first = loadSecretBox(config.secretKeys);
    const file = path.join(dir, GENERATED_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const sealed = first.seal('value', 'c');
    const again = loadSecretBox(loadConfig({ DATA_DIR: dir }).secretKeys);
    expect(again.currentKeyId).toBe(first.currentKeyId);
    expect(again.open(sealed, 'c', 'x')).toBe('value');
  });

  it('reads SECRET_KEYS and SECRET_KEYS_FILE (first key seals), and refuses bad ones without echoing key material', () => {
    const a = crypto.randomBytes(32).toString('base64');
    const b = crypto.randomBytes(32).toString('base64');
    const inline = loadSecretBox(loadConfig({ DATA_DIR: dir, SECRET_KEYS: `new:${a}, old:${b}` }).secretKeys);
    expect(inline.currentKeyId).toBe('new');
    const file = path.join(dir, 'ops-keys');
    fs.writeFileSync(file, `# rotated 2026-11\nnew:${a}\nold:${b}\n`);
    expect(loadSecretBox(loadConfig({ DATA_DIR: dir, SECRET_KEYS_FILE: file }).secretKeys).open(inline.seal('v', 'c'), 'c', 'x')).toBe('v');
    expect(() => loadSecretBox(loadConfig({ DATA_DIR: dir, SECRET_KEYS_FILE: path.join(dir, 'missing') }).secretKeys)).toThrow(ConfigError);
    const short = crypto.randomBytes(16).toString('base64');
    expect(() => loadSecretBox(loadConfig({ DATA_DIR: dir, SECRET_KEYS: `k:${short}` }).secretKeys)).toThrow(/must be 32 bytes/);
    try {
      loadSecretBox(loadConfig({ DATA_DIR: dir, SECRET_KEYS: `bad id:${a}` }).secretKeys);
    } catch (error) {
      expect((error as Error).message).not.toContain(a);
    }
    expect(() => loadConfig({ DATA_DIR: dir, SECRET_KEYS: `k:${a}`, SECRET_KEYS_FILE: file })).toThrow(ConfigError);
  });
});

function heartbeat(sentAt: Date): Heartbeat {
  return testHeartbeat({ sentAt: sentAt.toISOString(), devices: { printer: PAPER_LOW, scanner: OK_DEVICE } });
}

describe.each(DIALECTS)('secrets at rest in the hub database (%s)', (dialect) => {
  let hub: TestHub;
  let admin: Record<string, string>;
  let seed = '';
  let pendingSeed = '';
  let pendingCookie = '';
  let crm: Awaited<ReturnType<typeof startFakeCrm>>;
  const anyDb = () => hub.db as unknown as Kysely<unknown>;
  const signingKeys = () => hub.db.selectFrom('content_signing_keys' as never).select(['tenant_id' as never, 'key_id' as never, 'private_key' as never]).execute() as Promise<Array<{ tenant_id: string; key_id: string; private_key: string }>>;
  const crmSettings = () => hub.db.withTables<ForwardingTables>().selectFrom('forwarding_settings').selectAll().where('tenant_id', '=', 'villademo').executeTakeFirstOrThrow();

  const fileCase = (lat: number) => fileLitterCase(hub, lat);

  async function kioskBundle(app = hub.app): Promise<SignedBundle> {
    const response = await app.inject({ method: 'GET', url: '/fleet/v1/content/bundle', headers: fleetHeaders(hub) });
    expect(response.statusCode, response.body).toBe(200);
    return SignedBundleSchema.parse(response.json());
  }

  async function verifies(signed: SignedBundle): Promise<boolean> {
    const key = PublicKeySchema.parse((await hub.app.inject({ method: 'GET', url: '/fleet/v1/content/public-key', headers: fleetHeaders(hub) })).json());
    return crypto.verify(null, Buffer.from(canonicalJson(signed.manifest), 'utf8'), crypto.createPublicKey(key.publicKey), Buffer.from(signed.signature.value, 'base64'));
  }

  /** Every byte the database holds for these tables: the SQLite files, or every row as PostgreSQL returns it. */
  async function storedBytes(): Promise<string> {
    if (hub.config.database.kind === 'sqlite') {
      const file = hub.config.database.file;
      return [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('');
    }
    const rows = await Promise.all(['users', 'sessions', 'fleet_alert_webhooks', 'audit_log', 'forwarding_settings', 'content_signing_keys'].map((table) => hub.db.selectFrom(table as never).selectAll().execute()));
    return JSON.stringify(rows);
  }

  beforeAll(async () => {
    hub = await createTestHub(dialect, { ADMIN_SECOND_FACTOR: 'required' });
    await createUser(hub.db, { tenantId: 'villademo', username: 'totp-admin', password: 'totp-admin-password', role: 'admin' });
    const signedIn = await signInWithSecondFactor(hub, 'totp-admin', 'totp-admin-password');
    admin = signedIn.headers;
    seed = signedIn.secret ?? '';
    // A second admin left half-way through enrolment: their offered seed sits on the pending session.
    await createUser(hub.db, { tenantId: 'villademo', username: 'pending-admin', password: 'pending-admin-password', role: 'admin' });
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE_HEADERS, payload: { username: 'pending-admin', password: 'pending-admin-password' } });
    pendingCookie = cookieOf(login.headers['set-cookie']);
    const challenge = SecondFactorChallengeSchema.parse((await hub.app.inject({ method: 'GET', url: '/api/auth/second-factor', headers: { ...CONSOLE_HEADERS, cookie: pendingCookie } })).json());
    if (challenge.mode !== 'enrol') throw new Error('expected an enrolment challenge');
    pendingSeed = challenge.secret;
    const saved = await hub.app.inject({ method: 'PUT', url: '/api/fleet/alert-webhook', headers: admin, payload: { url: 'https://alerts.example.org/hook', secret: WEBHOOK_SECRET } });
    expect(saved.statusCode, saved.body).toBe(200);
    // Forwarding to a city CRM, and the municipality's content-signing key (made with its first bundle).
    crm = await startFakeCrm();
    const forwarding = await hub.app.inject({ method: 'PUT', url: '/api/forwarding', headers: admin, payload: { baseUrl: crm.url, jurisdictionId: null, apiKey: CRM_API_KEY, format: 'json', enabled: true } });
    expect(forwarding.statusCode, forwarding.body).toBe(200);
    await kioskBundle();
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    await crm?.close();
  });

  it('holds no TOTP seed and no webhook secret in plaintext, only sealed values under the current key id', async () => {
    expect(seed).toMatch(/^[A-Z2-7]{32}$/);
    const bytes = await storedBytes();
    for (const secret of [seed, pendingSeed, WEBHOOK_SECRET]) expect(bytes.includes(secret), 'a secret in plaintext in the database').toBe(false);
    const user = await hub.db.selectFrom('users').select(['id', 'totp_secret']).where('username', '=', 'totp-admin').executeTakeFirstOrThrow();
    expect(user.totp_secret?.startsWith(`enc:v1:${hub.secrets.currentKeyId}:`)).toBe(true);
    expect(hub.secrets.open(user.totp_secret ?? '', secretContexts.totpSecret(user.id), 'x')).toBe(seed);
    const webhook = await hub.db.selectFrom('fleet_alert_webhooks' as never).select(['secret' as never]).executeTakeFirstOrThrow();
    expect(hub.secrets.open((webhook as { secret: string }).secret, secretContexts.webhookSecret('villademo'), 'x')).toBe(WEBHOOK_SECRET);
    // Saving the webhook again without a secret keeps the sealed one as it was.
    await hub.app.inject({ method: 'PUT', url: '/api/fleet/alert-webhook', headers: admin, payload: { url: 'https://alerts.example.org/hook2' } });
    const after = await hub.db.selectFrom('fleet_alert_webhooks' as never).select(['secret' as never]).executeTakeFirstOrThrow();
    expect((after as { secret: string }).secret).toBe((webhook as { secret: string }).secret);
  });

  it('a wrong key refuses the second factor with a clear 503 (no session, no bypass), while the hub keeps serving', async () => {
    const wrongKey = createSecretBox([{ id: hub.secrets.currentKeyId, key: crypto.randomBytes(32) }]);
    const wrong = await buildApp({ db: hub.db, config: hub.config, logger: false, secrets: wrongKey });
    try {
      const login = await wrong.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE_HEADERS, payload: { username: 'totp-admin', password: 'totp-admin-password' } });
      expect(login.statusCode).toBe(202);
      const pending = cookieOf(login.headers['set-cookie']);
      const answer = await wrong.inject({ method: 'POST', url: '/api/auth/second-factor', headers: { ...CONSOLE_HEADERS, cookie: pending }, payload: { code: totpCode(seed) } });
      expect(answer.statusCode).toBe(503);
      expect(answer.json().error).toMatchObject({ code: 'secret-unreadable' });
      expect(answer.json().error.message).toMatch(/second-factor secret.*does not fit.*SECRET_KEYS/);
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect((await wrong.inject({ method: 'GET', url: '/api/auth/me', headers: { ...CONSOLE_HEADERS, cookie: pending } })).statusCode).toBe(401);
      // The half-enrolled admin's offered seed cannot be read either: a clear error, not a new seed.
      const challenge = await wrong.inject({ method: 'GET', url: '/api/auth/second-factor', headers: { ...CONSOLE_HEADERS, cookie: pendingCookie } });
      expect(challenge.statusCode).toBe(503);
      expect((await wrong.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await wrong.close();
    }
    // With the right key the same admin signs in (a later time step: codes are single-use).
    await signInWithSecondFactor(hub, 'totp-admin', 'totp-admin-password', { secret: seed, at: Date.now() + 30_000 });
  });

  it('a wrong key holds webhook deliveries back (never unsigned) until the right key signs them', async () => {
    const deviceId = (await registerDevice(hub.db, 'villademo', 'lobby-secrets')).deviceId;
    await hub.app.inject({ method: 'PUT', url: '/api/fleet/alert-webhook', headers: admin, payload: { url: 'https://alerts.example.org/hook', enabled: true } });
    const rule = await hub.app.inject({ method: 'POST', url: '/api/fleet/alert-rules', headers: admin, payload: { name: 'Paper low', condition: 'paper-low', minutes: 0 } });
    expect(rule.statusCode).toBe(201);
    const now = new Date();
    await recordHeartbeat(hub.db, { deviceId, tenantId: 'villademo', receivedAt: now, heartbeat: heartbeat(now) });
    expect(await evaluateTenantAlerts(hub.db, { tenantId: 'villademo', deviceId }, now)).toEqual({ opened: 1, resolved: 0 });

    const posted: Array<{ headers: Record<string, string>; body: string }> = [];
    const fetch = async (_url: string, init: RequestInit) => {
      posted.push({ headers: init.headers as Record<string, string>, body: String(init.body) });
      return new Response(null, { status: 204 });
    };
    const missingKey = createSecretBox([key('some-other-key')]);
    expect(await deliverDueWebhooks(hub.db, now, { secrets: missingKey, fetch })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect(posted).toEqual([]);
    const row = await hub.db.selectFrom('fleet_alert_deliveries' as never).select(['last_error' as never, 'next_attempt_at' as never]).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_error: 'secret-unreadable' });

    const later = new Date(Date.parse((row as { next_attempt_at: string }).next_attempt_at) + 1);
    expect(await deliverDueWebhooks(hub.db, later, { secrets: hub.secrets, fetch })).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    const [sent] = posted;
    const timestamp = sent?.headers['x-kiosk-timestamp'] ?? '';
    expect(sent?.headers['x-kiosk-signature']).toBe(signature(WEBHOOK_SECRET, timestamp, sent?.body ?? ''));
  });

  it('holds no CRM api_key and no content-signing private key in plaintext; forwarding posts the api_key, bundles verify', async () => {
    const settings = await crmSettings();
    expect(settings.api_key.startsWith(`enc:v1:${hub.secrets.currentKeyId}:`)).toBe(true);
    expect(hub.secrets.open(settings.api_key, secretContexts.forwardingApiKey('villademo'), 'x')).toBe(CRM_API_KEY);
    const [signing] = await signingKeys();
    if (signing === undefined) throw new Error('the first bundle makes a signing key');
    expect(signing.private_key.startsWith(`enc:v1:${hub.secrets.currentKeyId}:`)).toBe(true);
    const pem = hub.secrets.open(signing.private_key, secretContexts.contentSigningKey('villademo', signing.key_id), 'x');
    expect(pem).toContain('BEGIN PRIVATE KEY');
    const pemBody = pem.split('\n').filter((line) => line !== '' && !line.startsWith('-----')).join('');
    const bytes = await storedBytes();
    expect(bytes.includes(CRM_API_KEY), 'the CRM api_key in plaintext in the database').toBe(false);
    expect(bytes.includes('PRIVATE KEY'), 'a PEM private key in the database').toBe(false);
    expect(bytes.includes(pemBody), 'the private key bytes in the database').toBe(false);
    // The console sees the hint only, computed from the opened value.
    const view = await hub.app.inject({ method: 'GET', url: '/api/forwarding', headers: admin });
    expect(view.json()).toMatchObject({ configured: true, apiKeyHint: `…${CRM_API_KEY.slice(-4)}` });
    expect(view.body).not.toContain(CRM_API_KEY);
    // Saving without an api_key keeps the sealed one as it was.
    expect((await hub.app.inject({ method: 'PUT', url: '/api/forwarding', headers: admin, payload: { baseUrl: crm.url, jurisdictionId: null, format: 'json', enabled: true } })).statusCode).toBe(200);
    expect((await crmSettings()).api_key).toBe(settings.api_key);

    const requestId = await fileCase(40.51);
    expect(await runForwardingOutbox(hub.db, hub.secrets, new Date())).toMatchObject({ forwarded: 1 });
    expect(crm.posts.at(-1)?.get('api_key')).toBe(CRM_API_KEY);
    const row = await hub.db.withTables<ForwardingTables>().selectFrom('forwarding_outbox').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'done', external_id: `crm-${crm.posts.length}` });
    expect(await verifies(await kioskBundle())).toBe(true);
  });

  it('a wrong key holds forwarding back (nothing posted) and answers 503 where the api_key or the signing key is needed', async () => {
    const wrongKey = createSecretBox([{ id: hub.secrets.currentKeyId, key: crypto.randomBytes(32) }]);
    const requestId = await fileCase(40.52);
    const postsBefore = crm.posts.length;
    const now = new Date();
    expect(await runForwardingOutbox(hub.db, wrongKey, now, fetch, { random: () => 0 })).toMatchObject({ forwarded: 0, retrying: 1, dead: 0 });
    expect(crm.posts.length).toBe(postsBefore);
    const outbox = () => hub.db.withTables<ForwardingTables>().selectFrom('forwarding_outbox').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
    expect(await outbox()).toMatchObject({ state: 'pending', attempts: 1, last_error_code: 'secret-unreadable' });

    const wrong = await buildApp({ db: hub.db, config: hub.config, logger: false, secrets: wrongKey });
    try {
      const view = await wrong.inject({ method: 'GET', url: '/api/forwarding', headers: admin });
      expect(view.statusCode).toBe(503);
      expect(view.json().error).toMatchObject({ code: 'secret-unreadable' });
      expect(view.json().error.message).toMatch(/CRM api_key.*does not fit/);
      expect(view.body).not.toContain(CRM_API_KEY);
      // Content changed: the next bundle must be signed, and this hub cannot open the signing key.
      await bumpRevision(hub.db, 'villademo');
      const bundle = await wrong.inject({ method: 'GET', url: '/fleet/v1/content/bundle', headers: fleetHeaders(hub) });
      expect(bundle.statusCode).toBe(503);
      expect(bundle.json().error).toMatchObject({ code: 'secret-unreadable' });
      expect(bundle.json().error.message).toMatch(/content signing key.*does not fit/);
      // The public key needs no secret; the hub keeps serving.
      expect((await wrong.inject({ method: 'GET', url: '/fleet/v1/content/public-key', headers: fleetHeaders(hub) })).statusCode).toBe(200);
      expect((await wrong.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await wrong.close();
    }
    await expect(currentBundle(hub.db, wrongKey, 'villademo', DEFAULT_CONTENT_SETTINGS, new Date(Date.now() + DEFAULT_CONTENT_SETTINGS.bundleLifetimeMs))).rejects.toBeInstanceOf(SecretUnreadableError);

    // With the right key the case goes out with the right api_key, and the new bundle verifies.
    expect(await runForwardingOutbox(hub.db, hub.secrets, new Date(now.getTime() + LATER))).toMatchObject({ forwarded: 1 });
    expect(crm.posts.length).toBe(postsBefore + 1);
    expect(crm.posts.at(-1)?.get('api_key')).toBe(CRM_API_KEY);
    expect(await outbox()).toMatchObject({ state: 'done' });
    expect(await verifies(await kioskBundle())).toBe(true);
  });

  it('rotates: resealing moves every value to the new key; a value no key opens is reported, not thrown', async () => {
    const previous = hub.secrets;
    const ownLine = fs.readFileSync(path.join(hub.dataDir, GENERATED_KEY_FILE), 'utf8').split('\n').find((line) => line.trim() !== '' && !line.startsWith('#')) ?? '';
    const freshLine = `rotated-2026:${crypto.randomBytes(32).toString('base64')}`;
    const ring = loadSecretBox({ kind: 'inline', value: `${freshLine},${ownLine}` });
    const report = await resealSecrets(anyDb(), ring);
    expect(report.unreadable).toEqual([]);
    expect(report.resealed).toBeGreaterThanOrEqual(5); // the enrolled seed, the pending seed, the webhook secret, the CRM api_key, the signing key
    const onlyNew = loadSecretBox({ kind: 'inline', value: freshLine });
    const user = await hub.db.selectFrom('users').select(['id', 'totp_secret']).where('username', '=', 'totp-admin').executeTakeFirstOrThrow();
    expect(user.totp_secret?.startsWith('enc:v1:rotated-2026:')).toBe(true);
    expect(onlyNew.open(user.totp_secret ?? '', secretContexts.totpSecret(user.id), 'x')).toBe(seed);
    expect(onlyNew.open((await crmSettings()).api_key, secretContexts.forwardingApiKey('villademo'), 'x')).toBe(CRM_API_KEY);
    for (const signing of await signingKeys()) expect(onlyNew.open(signing.private_key, secretContexts.contentSigningKey(signing.tenant_id, signing.key_id), 'x')).toContain('BEGIN PRIVATE KEY');
    expect((await resealSecrets(anyDb(), ring)).resealed).toBe(0);

    // The hub restarted with only the old key: every value is reported by place and key id; nothing throws.
    const lost = await resealSecrets(anyDb(), previous);
    expect(lost.resealed).toBe(0);
    expect(lost.unreadable.map((u) => u.where).sort()).toEqual([
      'content_signing_keys.private_key',
      'fleet_alert_webhooks.secret',
      'forwarding_settings.api_key',
      'sessions.pending_totp_secret',
      'users.totp_secret',
    ]);
    expect(lost.unreadable.every((u) => u.keyId === 'rotated-2026')).toBe(true);
    expect(JSON.stringify(lost)).not.toContain(seed);
    expect(JSON.stringify(lost)).not.toContain(CRM_API_KEY);
    // Rotate back to the hub's own key for the test after this one.
    expect((await resealSecrets(anyDb(), loadSecretBox({ kind: 'inline', value: `${ownLine},${freshLine}` }))).unreadable).toEqual([]);
  });

  it('migration 0020 seals the plaintext secrets an older hub left, and refuses to run on them without a key', async () => {
    const staff = await signInStaff(hub, 'admin', hub.adminPassword);
    expect(staff.cookie).toBeDefined();
    // Back to before 0020 (it has no schema to undo; later ones do), then rows as an older hub wrote them.
    const migrator = new Migrator({ db: hub.db, provider: migrationProvider(hub.secrets) });
    const down = await migrator.migrateTo('0019-kiosk-screenshots');
    expect(down.error).toBeUndefined();
    const undone = (down.results ?? []).map((result) => result.migrationName);
    expect(undone.at(-1)).toBe('0020-encrypt-secrets');
    const user = await hub.db.selectFrom('users').select(['id']).where('username', '=', 'totp-admin').executeTakeFirstOrThrow();
    await hub.db.updateTable('users').set({ totp_secret: 'OLDPLAINTEXTSEEDOLDPLAINTEXTSEED' }).where('id', '=', user.id).execute();
    await hub.db.updateTable('fleet_alert_webhooks' as never).set({ secret: 'old-plaintext-webhook-secret' } as never).execute();

    await expect(migrateToLatest(hub.db)).rejects.toThrow(/0020-encrypt-secrets failed: 2 stored secret\(s\) must be encrypted and no secret key was given/);
    expect(await migrateToLatest(hub.db, { secrets: hub.secrets })).toEqual([...undone].reverse());

    const bytes = await storedBytes();
    expect(bytes.includes('OLDPLAINTEXTSEEDOLDPLAINTEXTSEED')).toBe(false);
    expect(bytes.includes('old-plaintext-webhook-secret')).toBe(false);
    const sealed = await hub.db.selectFrom('users').select(['totp_secret']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(hub.secrets.open(sealed.totp_secret ?? '', secretContexts.totpSecret(user.id), 'x')).toBe('OLDPLAINTEXTSEEDOLDPLAINTEXTSEED');
  });

  it('migration 0022 seals the plaintext CRM api_key and signing key an older hub left, and refuses to run on them without a key', async () => {
    const migrator = new Migrator({ db: hub.db, provider: migrationProvider(hub.secrets) });
    const down = await migrator.migrateTo('0021-service-walk-in');
    expect(down.error).toBeUndefined();
    expect((down.results ?? []).map((result) => result.migrationName)).toEqual(['0022-seal-more-secrets']);
    // As an older hub wrote them: the api_key and the PEM in plaintext.
    const [signing] = await signingKeys();
    if (signing === undefined) throw new Error('a signing key exists');
    const pem = hub.secrets.open(signing.private_key, secretContexts.contentSigningKey(signing.tenant_id, signing.key_id), 'x');
    await hub.db.withTables<ForwardingTables>().updateTable('forwarding_settings').set({ api_key: 'old-plaintext-crm-api-key' }).execute();
    await hub.db.updateTable('content_signing_keys' as never).set({ private_key: pem } as never).execute();

    await expect(migrateToLatest(hub.db)).rejects.toThrow(/0022-seal-more-secrets failed: 2 stored secret\(s\) must be encrypted and no secret key was given/);
    expect(await migrateToLatest(hub.db, { secrets: hub.secrets })).toEqual(['0022-seal-more-secrets']);

    const bytes = await storedBytes();
    expect(bytes.includes('old-plaintext-crm-api-key')).toBe(false);
    expect(bytes.includes('PRIVATE KEY')).toBe(false);
    const settings = await crmSettings();
    expect(hub.secrets.open(settings.api_key, secretContexts.forwardingApiKey('villademo'), 'x')).toBe('old-plaintext-crm-api-key');
    const [sealed] = await signingKeys();
    expect(hub.secrets.open(sealed?.private_key ?? '', secretContexts.contentSigningKey(signing.tenant_id, signing.key_id), 'x')).toBe(pem);
    // The sealed signing key still signs what the kiosks verify.
    await bumpRevision(hub.db, 'villademo');
    expect(await verifies(await kioskBundle())).toBe(true);
  });
});

describe.each(DIALECTS)('migrations 0020 and 0022 on an empty database (%s)', (dialect) => {
  it('run without a secret key when there is nothing to seal', async () => {
    const { opened, cleanup } = await openEmptyDatabase(dialect);
    try {
      const applied = await migrateToLatest(opened.db);
      expect(applied).toContain('0020-encrypt-secrets');
      expect(applied.at(-1)).toBe('0022-seal-more-secrets');
    } finally {
      await cleanup();
    }
  });
});
