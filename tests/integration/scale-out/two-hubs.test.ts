import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoKioskFileSchema } from '@kiosk/hub';
import type { DemoKioskFile } from '@kiosk/hub';
import { PROTOCOL_VERSION, mintReference } from '@kiosk/shared';
import type { JobView, ReceiptOutcome } from '@kiosk/shared';
import { JobRunner } from '../../../kiosk/src/agent/jobs/job-runner.js';
import { JobStore } from '../../../kiosk/src/agent/jobs/job-store.js';
import { openAgentDatabase } from '../../../kiosk/src/agent/store/database.js';
import { HubClient } from '../../../kiosk/src/agent/sync/hub-client.js';
import { freePort, startProcess, waitForHttp } from '../../stack/processes.js';
import type { ManagedProcess } from '../../stack/processes.js';

/**
 * Scale-out (issue 6): two real hub processes on one fresh PostgreSQL database, behind a loopback
 * round-robin TCP proxy, work as one. A kiosk's doorbell held by one hub rings for a job created
 * on the other (LISTEN/NOTIFY carrying ids; the job table is the truth).
 */

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const PG_ADMIN_URL = process.env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONSOLE = { 'x-requested-with': 'console', 'content-type': 'application/json' };
const skip = process.env['DATABASE_TESTS'] === 'off';

/** Hands each new connection to the next backend in turn and remembers which one it picked. */
function roundRobinProxy(ports: readonly number[]) {
  let next = 0;
  const picked: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const port = ports[next % ports.length] ?? 0;
    next += 1;
    picked.push(port);
    const upstream = net.connect(port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return {
    picked,
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(skip)('two hub processes on one PostgreSQL behind a round-robin proxy', () => {
  const dbName = `hub_scale_${crypto.randomBytes(5).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-scale-'));
  const hubs: Array<{ process: ManagedProcess; url: string; port: number }> = [];
  let proxy: ReturnType<typeof roundRobinProxy>;
  let proxyUrl = '';
  let kiosk: DemoKioskFile;
  let password = '';
  const cookies = new Map<string, string>();

  async function startOne(name: string): Promise<void> {
    const port = await freePort();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${dbName}`;
    let banner = '';
    const child = startProcess({
      name,
      command: process.execPath,
      args: ['--import', 'tsx', 'admin/server/src/main.ts'],
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CONSOLE_DIR: path.join(dataDir, 'none'), LOG_LEVEL: 'warn', ADMIN_SECOND_FACTOR: 'off' },
      output: (_name, line) => {
        banner += `${line}\n`;
      },
    });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000, child);
    // The banner (with the first run's password) is printed after listen: /healthz can answer first.
    for (let waited = 0; !banner.includes('Kiosk hub listening on') && waited < 15_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    const match = /console password: (\S+)/.exec(banner);
    if (match?.[1] !== undefined) password = match[1];
    hubs.push({ process: child, url: `http://127.0.0.1:${port}`, port });
  }

  async function login(hubUrl: string): Promise<string> {
    const cached = cookies.get(hubUrl);
    if (cached !== undefined) return cached;
    const answer = await fetch(`${hubUrl}/api/auth/login`, { method: 'POST', headers: CONSOLE, body: JSON.stringify({ username: 'admin', password }) });
    expect(answer.status).toBe(200);
    const cookie = `__Host-session=${/^__Host-session=([^;]+);/.exec(answer.headers.get('set-cookie') ?? '')?.[1] ?? ''}`;
    cookies.set(hubUrl, cookie);
    return cookie;
  }

  const staff = async (hubUrl: string, method: string, url: string, body?: object) =>
    fetch(`${hubUrl}${url}`, { method, headers: { ...CONSOLE, cookie: await login(hubUrl) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const fleet = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${kiosk.token}`, 'x-protocol-version': String(PROTOCOL_VERSION), 'content-type': 'application/json', ...extra });

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    // One after the other: the first migrates, seeds and writes the demo kiosk credential both share.
    await startOne('hub-a');
    await startOne('hub-b');
    expect(password).not.toBe('');
    kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-kiosk.json'), 'utf8')));
    proxy = roundRobinProxy(hubs.map((h) => h.port));
    proxyUrl = `http://127.0.0.1:${await proxy.listen()}`;
  }, 90_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(hubs.map((h) => h.process.stop('SIGTERM', 5_000)));
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('delivers a job created on one hub to a kiosk whose doorbell is held by the other, and both see the result', async () => {
    const calls: string[] = [];
    const printed: ReceiptOutcome = { state: 'printed', reason: null, warning: null };
    const db = openAgentDatabase(path.join(dataDir, 'kiosk', 'kiosk.sqlite'));
    const runner = new JobRunner({
      store: new JobStore(db),
      hub: new HubClient({ baseUrl: proxyUrl, token: kiosk.token, timeoutMs: 5_000 }),
      capabilities: {
        reloadContent: async () => ({ ok: true, detail: 'unchanged' }),
        applyConfig: async () => undefined,
        restartRenderer: () => undefined,
        printTestPage: async () => (calls.push('print-test-page'), printed),
        logLines: () => [],
        uploadLogs: async () => undefined,
        setMaintenance: () => undefined,
      },
      sessionActive: () => false,
      log: () => undefined,
      // Only a ring can make this test finish in time: no polling fallback within it.
      pollMs: 10 * 60_000,
      doorbell: { baseMs: 50, capMs: 500 },
    });
    try {
      runner.start();
      await until(() => runner.doorbellConnected(), 'the doorbell through the proxy');
      await runner.idle();
      // The proxy's first connection was the doorbell: that hub holds the socket.
      const holder = proxy.picked[0];
      const other = hubs.find((h) => h.port !== holder);
      expect(other).toBeDefined();
      const created = await staff(other?.url ?? '', 'POST', '/api/fleet/jobs', { type: 'print-test-page', deviceIds: [kiosk.deviceId] });
      expect(created.status).toBe(201);
      const job = ((await created.json()) as { jobs: JobView[] }).jobs[0];
      for (const hub of hubs) {
        await until(async () => ((await (await staff(hub.url, 'GET', `/api/fleet/jobs/${job?.id ?? ''}`)).json()) as JobView).state === 'succeeded', `the result on ${hub.url}`);
      }
      expect(calls).toEqual(['print-test-page']);
    } finally {
      runner.stop();
      await runner.idle();
      db.close();
    }
  });

  it('keeps heartbeats and cases consistent whichever hub takes them', async () => {
    const [a, b] = hubs;
    if (a === undefined || b === undefined) throw new Error('two hubs expected');
    const heartbeat = {
      sentAt: new Date().toISOString(),
      versions: { agent: '0.1.0', protocol: PROTOCOL_VERSION, content: null },
      devices: { printer: { state: 'ok', reason: null, since: new Date().toISOString() }, scanner: { state: 'ok', reason: null, since: new Date().toISOString() } },
      outbox: { depth: 0, oldestAgeSeconds: null, dead: 0 },
      sessionActive: false,
      shell: null,
    };
    const beat = await fetch(`${a.url}/fleet/v1/heartbeat`, { method: 'POST', headers: fleet(), body: JSON.stringify(heartbeat) });
    expect(beat.status).toBe(200);
    const config = await staff(b.url, 'GET', `/api/fleet/devices/${kiosk.deviceId}/config`);
    expect(config.status).toBe(200);
    const reported = ((await config.json()) as { reported: { receivedAt: string } | null }).reported;
    expect(reported).not.toBeNull();
    expect(Date.parse(reported?.receivedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(heartbeat.sentAt) - 60_000);

    const sequence = 9_001;
    const submission = {
      serviceCode: 'litter',
      description: 'Farola apagada en la plaza.',
      attributes: {},
      locale: 'es',
      localReference: mintReference(kiosk.issuer, sequence).display,
      sequence,
      submittedAt: new Date().toISOString(),
    };
    const key = crypto.randomUUID();
    const first = await fetch(`${a.url}/fleet/v1/requests`, { method: 'POST', headers: fleet({ 'idempotency-key': key }), body: JSON.stringify(submission) });
    expect(first.status).toBe(201);
    const accepted = (await first.json()) as { serviceRequestId: string };
    // The same key on the other hub is a replay of the stored answer, not a second case.
    const replay = await fetch(`${b.url}/fleet/v1/requests`, { method: 'POST', headers: fleet({ 'idempotency-key': key }), body: JSON.stringify(submission) });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { serviceRequestId: string }).serviceRequestId).toBe(accepted.serviceRequestId);
    const list = (await (await staff(b.url, 'GET', '/api/cases')).json()) as { cases: Array<{ id?: string; serviceRequestId?: string; reference?: string }> };
    expect(JSON.stringify(list)).toContain(accepted.serviceRequestId);
  });
});
