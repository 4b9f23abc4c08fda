import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeartbeatSchema, PROTOCOL_VERSION, canonicalJson } from '@kiosk/shared';
import type { Heartbeat } from '@kiosk/shared';
import { ContentUpdater } from '../../src/agent/content/updater.js';
import type { ContentUpdaterOptions } from '../../src/agent/content/updater.js';
import { keyIdOf } from '../../src/agent/content/verify.js';
import { HeartbeatReporter } from '../../src/agent/sync/heartbeat.js';
import { closeServer, listenOnLoopback } from './helpers/loopback-server.js';

/** A small hub stand-in: serves whatever bundle and files the test sets, signed as the hub signs. */
const TOKEN = 'device-1.secret-for-tests';
const NOW = new Date('2026-11-28T10:00:00.000Z');
const DAY_MS = 86_400_000;

interface Manifest {
  version: number;
  createdAt: string;
  expiresAt: string;
  files: { path: string; sha256: string; size: number }[];
}

function keyPair() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { pem, keyId: keyIdOf(pem), privateKey };
}
type KeyPair = ReturnType<typeof keyPair>;

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

class FakeHub {
  key: KeyPair = keyPair();
  body: unknown = null;
  etag = '"content-0"';
  files = new Map<string, Buffer>();
  seenIfNoneMatch: (string | undefined)[] = [];
  fileRequests = 0;
  /** Send files without Content-Length (chunked), so only the bytes themselves can give a wrong size away. */
  chunkedFiles = false;
  private server = http.createServer((request, response) => this.answer(request, response));

  listen(): Promise<string> {
    return listenOnLoopback(this.server);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  /** Publishes a bundle: the files are stored by hash and the manifest signed over canonicalJson. */
  publish(version: number, contents: Record<string, string>, options: { expiresAt?: string; signer?: KeyPair; keyId?: string } = {}): Manifest {
    const files = Object.entries(contents).map(([filePath, text]) => {
      const bytes = Buffer.from(text, 'utf8');
      this.files.set(sha256(bytes), bytes);
      return { path: filePath, sha256: sha256(bytes), size: bytes.length };
    });
    const manifest: Manifest = { version, createdAt: NOW.toISOString(), expiresAt: options.expiresAt ?? new Date(NOW.getTime() + 7 * DAY_MS).toISOString(), files };
    this.serve(manifest, options.signer ?? this.key, options.keyId);
    return manifest;
  }

  serve(manifest: Manifest, signer: KeyPair = this.key, keyId = signer.keyId): void {
    const value = crypto.sign(null, Buffer.from(canonicalJson(manifest), 'utf8'), signer.privateKey).toString('base64');
    this.body = { manifest, signature: { algorithm: 'Ed25519', keyId, value } };
    this.etag = `"content-${manifest.version}-${crypto.randomUUID()}"`;
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return void response.writeHead(401).end();
    const url = request.url ?? '';
    if (url === '/fleet/v1/content/bundle') {
      const ifNoneMatch = request.headers['if-none-match'];
      this.seenIfNoneMatch.push(ifNoneMatch);
      if (ifNoneMatch === this.etag) return void response.writeHead(304, { etag: this.etag }).end();
      const text = typeof this.body === 'string' ? this.body : JSON.stringify(this.body);
      return void response.writeHead(200, { 'content-type': 'application/json', etag: this.etag }).end(text);
    }
    if (url === '/fleet/v1/content/public-key') {
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ algorithm: 'Ed25519', keyId: this.key.keyId, publicKey: this.key.pem }));
    }
    const file = /^\/fleet\/v1\/content\/files\/([0-9a-f]{64})$/.exec(url);
    const bytes = file?.[1] === undefined ? undefined : this.files.get(file[1]);
    if (bytes === undefined) return void response.writeHead(404).end();
    this.fileRequests += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    if (this.chunkedFiles) response.write(bytes.subarray(0, 1));
    response.end(this.chunkedFiles ? bytes.subarray(1) : bytes);
  }
}

let hub: FakeHub;
let baseUrl: string;
let dataDir: string;

beforeEach(async () => {
  hub = new FakeHub();
  baseUrl = await hub.listen();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-content-'));
});

afterEach(async () => {
  await hub.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function updater(options: Partial<ContentUpdaterOptions> = {}): ContentUpdater {
  return new ContentUpdater({ baseUrl, token: TOKEN, dataDir, now: () => NOW, ...options });
}

const text = (u: ContentUpdater, file: string) => u.readCurrentFile(file)?.toString('utf8') ?? null;

describe('the content updater, happy path', () => {
  it('pins the hub key, downloads, verifies and applies a bundle, and reports its version', async () => {
    hub.publish(1, { 'content/es.json': '{"locale":"es"}', 'content/en.json': '{"locale":"en"}' });
    const u = updater();
    expect(u.status()).toEqual({ version: null, expiresAt: null, expired: false, lastError: null });
    expect(await u.checkNow()).toEqual({ kind: 'applied', version: 1 });
    expect(text(u, 'content/es.json')).toBe('{"locale":"es"}');
    expect(text(u, 'content/en.json')).toBe('{"locale":"en"}');
    expect(u.status()).toMatchObject({ version: 1, expired: false, lastError: null });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'content/trusted-key.json'), 'utf8'))).toMatchObject({ keyId: hub.key.keyId });
    // Nothing left in staging after a swap.
    expect(fs.readdirSync(path.join(dataDir, 'content/staging'))).toEqual([]);
  });

  it('sends If-None-Match and does nothing on 304', async () => {
    hub.publish(1, { 'content/es.json': 'uno' });
    const u = updater();
    await u.checkNow();
    const filesBefore = hub.fileRequests;
    expect(await u.checkNow()).toEqual({ kind: 'unchanged', version: 1 });
    expect(hub.seenIfNoneMatch).toEqual([undefined, hub.etag]);
    expect(hub.fileRequests).toBe(filesBefore);
  });

  it('accepts a configured key without asking the hub for one', async () => {
    hub.publish(1, { 'content/es.json': 'uno' });
    const u = updater({ trustedPublicKeyPem: hub.key.pem });
    expect(await u.checkNow()).toEqual({ kind: 'applied', version: 1 });
    expect(fs.existsSync(path.join(dataDir, 'content/trusted-key.json'))).toBe(false);
  });

  it('keeps serving the last good bundle when the hub is gone, and says when it has expired', async () => {
    hub.publish(1, { 'content/es.json': 'uno' }, { expiresAt: new Date(NOW.getTime() + DAY_MS).toISOString() });
    let now = NOW;
    const u = updater({ now: () => now });
    await u.checkNow();
    await hub.close();
    now = new Date(NOW.getTime() + 2 * DAY_MS);
    const result = await u.checkNow();
    expect(result.kind).toBe('offline');
    expect(text(u, 'content/es.json')).toBe('uno');
    expect(u.status()).toMatchObject({ version: 1, expired: true, lastError: { code: 'hub-unavailable' } });
    hub = new FakeHub(); // afterEach closes a fresh one
    await hub.listen();
  });
});

describe('the content updater refuses', () => {
  async function withVersion1(options: Partial<ContentUpdaterOptions> = {}): Promise<ContentUpdater> {
    hub.publish(1, { 'content/es.json': 'uno' });
    const u = updater(options);
    expect(await u.checkNow()).toEqual({ kind: 'applied', version: 1 });
    return u;
  }

  async function expectRefusal(u: ContentUpdater, code: string): Promise<void> {
    const result = await u.checkNow();
    expect(result).toMatchObject({ kind: 'refused', code });
    expect(u.status().lastError?.code).toBe(code);
    // The last good bundle is untouched and staging is clean.
    expect(u.status().version).toBe(1);
    expect(text(u, 'content/es.json')).toBe('uno');
    expect(fs.readdirSync(path.join(dataDir, 'content/staging'))).toEqual([]);
  }

  it('a file whose bytes do not match its hash (bad-hash)', async () => {
    const u = await withVersion1();
    const manifest = hub.publish(2, { 'content/es.json': 'dos' });
    hub.files.set(manifest.files[0]!.sha256, Buffer.from('DOS', 'utf8')); // same length, other bytes
    await expectRefusal(u, 'bad-hash');
  });

  it('a file of the wrong size (bad-size)', async () => {
    const u = await withVersion1();
    const manifest = hub.publish(2, { 'content/es.json': 'dos' });
    hub.files.set(manifest.files[0]!.sha256, Buffer.from('dos and more', 'utf8'));
    await expectRefusal(u, 'bad-size');
  });

  it('a file streamed without a length that runs past its size (bad-size)', async () => {
    const u = await withVersion1();
    hub.chunkedFiles = true;
    const manifest = hub.publish(2, { 'content/es.json': 'dos' });
    hub.files.set(manifest.files[0]!.sha256, Buffer.from('dos and a great deal more', 'utf8'));
    await expectRefusal(u, 'bad-size');
  });

  it('a manifest changed after signing (bad-signature)', async () => {
    const u = await withVersion1();
    const manifest = hub.publish(2, { 'content/es.json': 'dos' });
    const body = hub.body as { manifest: Manifest };
    body.manifest = { ...manifest, expiresAt: new Date(NOW.getTime() + 365 * DAY_MS).toISOString() };
    await expectRefusal(u, 'bad-signature');
  });

  it('a bundle signed by another key under the trusted key id (bad-signature)', async () => {
    const u = await withVersion1();
    hub.publish(2, { 'content/es.json': 'dos' }, { signer: keyPair(), keyId: hub.key.keyId });
    await expectRefusal(u, 'bad-signature');
  });

  it('a bundle signed with a key it does not trust, even when the hub now offers that key (unknown-key)', async () => {
    const u = await withVersion1();
    hub.key = keyPair(); // the pinned key is not replaced by whatever the hub says later
    hub.publish(2, { 'content/es.json': 'dos' });
    await expectRefusal(u, 'unknown-key');
  });

  it('an older version (older-version)', async () => {
    hub.publish(2, { 'content/es.json': 'uno' });
    const u = updater();
    expect(await u.checkNow()).toEqual({ kind: 'applied', version: 2 });
    hub.publish(1, { 'content/es.json': 'old' });
    const result = await u.checkNow();
    expect(result).toMatchObject({ kind: 'refused', code: 'older-version' });
    expect(text(u, 'content/es.json')).toBe('uno');
  });

  it('the same version number with different content (older-version), but not the same bundle again', async () => {
    const u = await withVersion1();
    hub.publish(1, { 'content/es.json': 'uno' }); // identical manifest, new ETag
    expect(await u.checkNow()).toEqual({ kind: 'unchanged', version: 1 });
    hub.publish(1, { 'content/es.json': 'changed' });
    await expectRefusal(u, 'older-version');
  });

  it('an expired manifest (expired)', async () => {
    const u = await withVersion1();
    hub.publish(2, { 'content/es.json': 'dos' }, { expiresAt: new Date(NOW.getTime() - 1000).toISOString() });
    await expectRefusal(u, 'expired');
  });

  it('a body that is not a signed manifest (malformed)', async () => {
    const u = await withVersion1();
    hub.body = '{"manifest": {"version": "two"}';
    hub.etag = '"broken-1"';
    await expectRefusal(u, 'malformed');
    hub.body = { manifest: { version: 2, createdAt: NOW.toISOString(), expiresAt: NOW.toISOString(), files: [] }, signature: { algorithm: 'RSA', keyId: 'x', value: 'y' } };
    hub.etag = '"broken-2"';
    await expectRefusal(u, 'malformed');
  });

  it('a file path that would leave the bundle folder (malformed)', async () => {
    const u = await withVersion1();
    hub.publish(2, { '../escape.json': 'dos' });
    await expectRefusal(u, 'malformed');
    expect(fs.existsSync(path.join(dataDir, 'content/versions/escape.json'))).toBe(false);
  });
});

describe('the content updater keeps the previous bundle', () => {
  it('rolls back to the previous bundle, which is kept on disk, and the rollback holds', async () => {
    hub.publish(1, { 'content/es.json': 'uno' });
    const u = updater();
    await u.checkNow();
    hub.publish(2, { 'content/es.json': 'dos' });
    expect(await u.checkNow()).toEqual({ kind: 'applied', version: 2 });
    expect(fs.readFileSync(path.join(dataDir, 'content/versions/1/content/es.json'), 'utf8')).toBe('uno');
    expect(u.rollback()).toBe(true);
    expect(u.status().version).toBe(1);
    expect(text(u, 'content/es.json')).toBe('uno');
    expect(await u.checkNow()).toEqual({ kind: 'unchanged', version: 1 });
    hub.publish(3, { 'content/es.json': 'tres' });
    expect(await u.checkNow()).toEqual({ kind: 'applied', version: 3 });
    // Only the live and the previous bundle are kept.
    expect(fs.readdirSync(path.join(dataDir, 'content/versions')).sort()).toEqual(['1', '3']);
  });

  it('a crash between staging and swap leaves the previous bundle live, and a restart recovers', async () => {
    hub.publish(1, { 'content/es.json': 'uno' });
    const first = updater();
    await first.checkNow();
    hub.publish(2, { 'content/es.json': 'dos' });
    const crashing = updater({
      beforeSwap: () => {
        throw new Error('power cut');
      },
    });
    await expect(crashing.checkNow()).rejects.toThrow('power cut');
    expect(crashing.status().version).toBe(1);
    expect(text(crashing, 'content/es.json')).toBe('uno');

    // A real crash leaves the staging folder behind: simulate that litter, then restart.
    fs.mkdirSync(path.join(dataDir, 'content/staging/leftover/content'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'content/staging/leftover/content/es.json'), 'half');
    const restarted = updater();
    expect(fs.readdirSync(path.join(dataDir, 'content/staging'))).toEqual([]);
    expect(text(restarted, 'content/es.json')).toBe('uno');
    expect(await restarted.checkNow()).toEqual({ kind: 'applied', version: 2 });
    expect(text(restarted, 'content/es.json')).toBe('dos');
  });
});

describe('the content updater reports refused bundles in heartbeats', () => {
  const ok = { state: 'ok' as const, reason: null, since: NOW.toISOString() };
  /** A reporter building heartbeats as agent.ts does (versions.content and content from the updater); returns what the hub receives. */
  function reporterFor(u: ContentUpdater): { reporter: HeartbeatReporter; received: Heartbeat[] } {
    const received: Heartbeat[] = [];
    const reporter = new HeartbeatReporter(
      async (): Promise<Heartbeat> => ({
        sentAt: NOW.toISOString(),
        versions: { agent: 'test', protocol: PROTOCOL_VERSION, content: u.status().version === null ? null : String(u.status().version) },
        devices: { printer: ok, scanner: ok },
        outbox: { depth: 0, oldestAgeSeconds: null, dead: 0 },
        sessionActive: false,
        shell: null,
        clockSkewMs: null,
        disk: null,
        config: { appliedVersion: null, error: null },
        maintenance: false,
        content: u.report(),
      }),
      // Through JSON and the hub's own schema, as the heartbeat route receives it.
      async (heartbeat) => (received.push(HeartbeatSchema.parse(JSON.parse(JSON.stringify(heartbeat)))), { serverTime: NOW.toISOString() }),
      60_000,
      () => {},
    );
    return { reporter, received };
  }

  it('sends the refused version and why in the next heartbeat, keeps it across a restart, and clears it once a bundle applies', async () => {
    hub.publish(1, { 'content/es.json': 'uno' });
    const u = updater();
    const { reporter, received } = reporterFor(u);
    await u.checkNow();
    expect(await reporter.beat()).toBe(true);
    expect(received[0]).toMatchObject({ versions: { content: '1' }, content: { error: null } });

    // Version 2 arrives with a file whose bytes do not match: refused, version 1 kept.
    const manifest = hub.publish(2, { 'content/es.json': 'dos' });
    hub.files.set(manifest.files[0]!.sha256, Buffer.from('DOS', 'utf8'));
    expect(await u.checkNow()).toMatchObject({ kind: 'refused', code: 'bad-hash' });
    await reporter.beat();
    expect(received[1]?.versions.content).toBe('1');
    expect(received[1]?.content.error).toEqual({ version: '2', reason: expect.stringMatching(/^bad-hash: /) as unknown });

    // A restarted agent still reports it (DATA_DIR/content/refused.json) until a bundle applies.
    const restarted = updater();
    expect(restarted.report()).toEqual(u.report());
    // The hub being unreachable is not a refusal: the report stays as it was.
    const key = hub.key;
    await hub.close();
    expect((await u.checkNow()).kind).toBe('offline');
    expect(u.report().error?.version).toBe('2');
    hub = new FakeHub(); // back, on another port, with the key the kiosk pinned
    hub.key = key;
    baseUrl = await hub.listen();

    const good = updater();
    hub.publish(3, { 'content/es.json': 'tres' });
    expect(await good.checkNow()).toEqual({ kind: 'applied', version: 3 });
    const after = reporterFor(good);
    await after.reporter.beat();
    expect(after.received[0]).toMatchObject({ versions: { content: '3' }, content: { error: null } });
    expect(fs.existsSync(path.join(dataDir, 'content/refused.json'))).toBe(false);
  });

  it('names the version of an older or malformed bundle when it can be read, and none when it cannot', async () => {
    hub.publish(5, { 'content/es.json': 'cinco' });
    const u = updater();
    await u.checkNow();
    hub.publish(4, { 'content/es.json': 'cuatro' });
    await u.checkNow();
    expect(u.report().error).toEqual({ version: '4', reason: 'older-version: bundle version 4 is older than the applied version 5' });

    hub.publish(6, { '../escape.json': 'seis' });
    expect(await u.checkNow()).toMatchObject({ kind: 'refused', code: 'malformed' });
    expect(u.report().error?.version).toBe('6');

    hub.body = 'not json at all';
    hub.etag = '"broken"';
    expect(await u.checkNow()).toMatchObject({ kind: 'refused', code: 'malformed' });
    expect(u.report().error).toEqual({ version: null, reason: "malformed: the hub's answer is not JSON" });
    // Whatever the message, the report fits the heartbeat schema's limit.
    expect(u.report().error?.reason.length).toBeLessThanOrEqual(300);
  });
});
