import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { DEMO_KIOSK_FILE, DemoKioskFileSchema, loadConfig, startHub } from '@kiosk/hub';
import type { DemoKioskFile, RunningHub } from '@kiosk/hub';
import { DOORBELL_CLOSE } from '@kiosk/shared';
import type { JobView, KioskJob, ReceiptOutcome } from '@kiosk/shared';
import { DoorbellClient } from '../../src/agent/jobs/doorbell-client.js';
import type { JobCapabilities } from '../../src/agent/jobs/executors.js';
import { JobRunner } from '../../src/agent/jobs/job-runner.js';
import type { JobHub } from '../../src/agent/jobs/job-runner.js';
import { JobStore } from '../../src/agent/jobs/job-store.js';
import { LogRing, withLogRing } from '../../src/agent/log.js';
import { openAgentDatabase } from '../../src/agent/store/database.js';
import type { AgentDatabase } from '../../src/agent/store/database.js';
import { HubClient } from '../../src/agent/sync/hub-client.js';

const CONSOLE = { 'x-requested-with': 'console', 'content-type': 'application/json' };
const printed: ReceiptOutcome = { state: 'printed', reason: null, warning: null };
const quiet = () => undefined;

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Capabilities that record what they were asked to do. */
function fakeCapabilities(calls: string[], overrides: Partial<JobCapabilities> = {}): JobCapabilities {
  return {
    reloadContent: async () => (calls.push('reload-content'), { ok: true, detail: 'unchanged' }),
    applyConfig: async () => void calls.push('apply-config'),
    restartRenderer: () => void calls.push('restart-renderer'),
    printTestPage: async () => (calls.push('print-test-page'), printed),
    logLines: () => [],
    uploadLogs: async () => undefined,
    setMaintenance: (on) => void calls.push(on ? 'maintenance-on' : 'maintenance-off'),
    ...overrides,
  };
}

let hub: RunningHub;
let hubDir: string;
let kioskDir: string;
let kiosk: DemoKioskFile;
let cookie = '';
let db: AgentDatabase;

async function staff(method: string, url: string, body?: object): Promise<Response> {
  return fetch(`${hub.url}${url}`, { method, headers: { ...CONSOLE, cookie }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}
async function queue(type: string, params: object = {}): Promise<JobView> {
  const answer = await staff('POST', '/api/fleet/jobs', { type, params, deviceIds: [kiosk.deviceId] });
  expect(answer.status).toBe(201);
  const { jobs } = (await answer.json()) as { jobs: JobView[] };
  return jobs[0] as JobView;
}
async function jobState(id: string): Promise<JobView> {
  return (await (await staff('GET', `/api/fleet/jobs/${id}`)).json()) as JobView;
}

beforeAll(async () => {
  hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-jobs-'));
  kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-jobs-'));
  hub = await startHub(loadConfig({ DATA_DIR: hubDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(hubDir, 'none'), ADMIN_SECOND_FACTOR: 'off' }), { logger: false });
  kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(hubDir, DEMO_KIOSK_FILE), 'utf8')));
  const login = await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: CONSOLE, body: JSON.stringify({ username: 'admin', password: hub.firstRun.admin?.password }) });
  expect(login.status).toBe(200);
  cookie = `__Host-session=${/^__Host-session=([^;]+);/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? ''}`;
  db = openAgentDatabase(path.join(kioskDir, 'kiosk.sqlite'));
});

afterAll(async () => {
  db?.close();
  await hub?.close();
  fs.rmSync(hubDir, { recursive: true, force: true });
  fs.rmSync(kioskDir, { recursive: true, force: true });
});

describe('the job runner against the real hub', () => {
  const client = () => new HubClient({ baseUrl: hub.url, token: kiosk.token, timeoutMs: 5_000 });

  it('runs a job the doorbell rang for, once, and the hub sees it succeeded', async () => {
    const calls: string[] = [];
    // Polling every minute: only the doorbell can make this test finish in time.
    const runner = new JobRunner({ store: new JobStore(db), hub: client(), capabilities: fakeCapabilities(calls), sessionActive: () => false, log: quiet, pollMs: 60_000, doorbell: { baseMs: 10, capMs: 100 } });
    runner.start();
    try {
      await until(() => runner.doorbellConnected(), 'the doorbell');
      await runner.idle();
      const job = await queue('print-test-page');
      await until(async () => (await jobState(job.id)).state === 'succeeded', 'the job to succeed');
      expect(calls).toEqual(['print-test-page']);
      expect((await jobState(job.id)).result).toEqual({ printed: true, warning: null });
    } finally {
      runner.stop();
      await runner.idle();
    }
  });

  it('holds a disruptive job while a citizen is using the kiosk, and runs it when the session ends', async () => {
    const calls: string[] = [];
    let session = true;
    const runner = new JobRunner({ store: new JobStore(db), hub: client(), capabilities: fakeCapabilities(calls), sessionActive: () => session, log: quiet, pollMs: 60_000, doorbell: false });
    const job = await queue('maintenance-on');
    runner.start();
    try {
      await runner.idle();
      expect(calls).toEqual([]);
      expect((await jobState(job.id)).state).toBe('delivered');
      session = false;
      runner.sessionChanged(false);
      await until(async () => (await jobState(job.id)).state === 'succeeded', 'the held job to run');
      expect(calls).toEqual(['maintenance-on']);
    } finally {
      runner.stop();
      await runner.idle();
    }
  });

  it('rejects, with a reason, what this kiosk cannot do: a screenshot in browser mode, a reprint without support', async () => {
    const calls: string[] = [];
    const shot = await queue('screenshot');
    const reprint = await queue('reprint-last');
    const runner = new JobRunner({ store: new JobStore(db), hub: client(), capabilities: fakeCapabilities(calls), sessionActive: () => false, log: quiet, doorbell: false });
    runner.start();
    await runner.idle();
    runner.stop();
    expect(await jobState(shot.id)).toMatchObject({ state: 'rejected' });
    expect((await jobState(shot.id)).error).toMatch(/^not-supported: no screen capture in browser mode/);
    expect((await jobState(reprint.id)).error).toMatch(/^not-supported/);
    expect(calls).toEqual([]);
  });

  it('reports a job that was running when the agent died as failed (interrupted) and never runs it again', async () => {
    const calls: string[] = [];
    const job = await queue('restart-renderer');
    await client().fetchJobs();
    const store = new JobStore(db);
    // The previous agent claimed it, told the hub, then died mid-job.
    expect(store.claim(job.id, job.type)).toBe(true);
    expect(await client().reportJobState(job.id, { state: 'in-progress' })).toBe('accepted');
    const runner = new JobRunner({ store, hub: client(), capabilities: fakeCapabilities(calls), sessionActive: () => false, log: quiet, doorbell: false });
    runner.start();
    await runner.idle();
    runner.stop();
    expect(await jobState(job.id)).toMatchObject({ state: 'failed', error: 'interrupted' });
    expect(calls).toEqual([]);
  });

  it('does not run a job cancelled between the poll and the start', async () => {
    const calls: string[] = [];
    const job = await queue('print-test-page');
    const real = client();
    let cancelStatus = 0;
    const racing: JobHub = {
      fetchJobs: async () => {
        const jobs = await real.fetchJobs();
        cancelStatus = (await staff('POST', `/api/fleet/jobs/${job.id}/cancel`, {})).status;
        return jobs;
      },
      reportJobState: (id, report) => real.reportJobState(id, report),
      doorbellConnection: () => real.doorbellConnection(),
    };
    const runner = new JobRunner({ store: new JobStore(db), hub: racing, capabilities: fakeCapabilities(calls), sessionActive: () => false, log: quiet, doorbell: false });
    runner.start();
    await runner.idle();
    runner.stop();
    expect(cancelStatus).toBe(200);
    expect(calls).toEqual([]);
    expect((await jobState(job.id)).state).toBe('cancelled');
    expect(new JobStore(db).has(job.id)).toBe(false);
  });

  it('uploads the log lines of the asked time window', async () => {
    const ring = new LogRing(100, 200);
    const times = [new Date('2026-03-01T09:00:00Z'), new Date('2026-03-01T10:00:00Z'), new Date('2026-03-01T11:00:00Z')];
    const log = withLogRing(quiet, ring, () => times.shift() ?? new Date());
    log('too early', { n: 1 });
    log('in the window', { n: 2 });
    log('too late', { n: 3 });
    const real = client();
    const job = await queue('upload-logs', { from: '2026-03-01T09:30:00Z', to: '2026-03-01T10:30:00Z' });
    const caps = fakeCapabilities([], { logLines: (from, to, limit) => ring.between(from, to, limit), uploadLogs: (id, lines) => real.uploadJobLogs(id, lines) });
    const runner = new JobRunner({ store: new JobStore(db), hub: real, capabilities: caps, sessionActive: () => false, log: quiet, doorbell: false });
    runner.start();
    await runner.idle();
    runner.stop();
    expect(await jobState(job.id)).toMatchObject({ state: 'succeeded', result: { lines: 1 } });
    const logs = (await (await staff('GET', `/api/fleet/jobs/${job.id}/logs`)).json()) as { lines: string[] };
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toContain('in the window');
  });
});

describe('the job runner with an unreliable hub', () => {
  const job = (id: string, type: string, disruptive = false): KioskJob => ({ id, type, params: {}, disruptive, createdAt: '2026-03-01T10:00:00Z', expiresAt: '2026-03-02T10:00:00Z' });

  it('runs a job handed out twice only once, rejects unknown types, and retries reports until the hub takes them', async () => {
    const store = new JobStore(openAgentDatabase(path.join(kioskDir, 'flaky.sqlite')));
    const reports: string[] = [];
    let hubDown = false;
    let startFails = 1;
    const flaky: JobHub = {
      fetchJobs: async () => [job('job_a', 'print-test-page'), job('job_b', 'format-disk')],
      reportJobState: async (id, report) => {
        if (report.state === 'in-progress' && startFails-- > 0) throw new Error('network down');
        if (hubDown && report.state !== 'in-progress') throw new Error('network down');
        reports.push(`${id}:${report.state}${report.error === undefined ? '' : `:${report.error.split(':')[0] ?? ''}`}`);
        return 'accepted';
      },
      doorbellConnection: () => ({ url: 'ws://127.0.0.1:9/', headers: {} }),
    };
    const calls: string[] = [];
    const runner = new JobRunner({ store, hub: flaky, capabilities: fakeCapabilities(calls), sessionActive: () => false, log: quiet, doorbell: false });
    runner.start();
    await runner.idle();
    // The start could not be confirmed: nothing ran, the claim was given back.
    expect(calls).toEqual([]);
    expect(store.has('job_a')).toBe(false);
    hubDown = true;
    runner.kick();
    await runner.idle();
    expect(calls).toEqual(['print-test-page']);
    expect(reports).toEqual(['job_a:in-progress']);
    hubDown = false;
    runner.kick();
    await runner.idle();
    runner.kick();
    await runner.idle();
    runner.stop();
    expect(calls).toEqual(['print-test-page']);
    expect(reports.sort()).toEqual(['job_a:in-progress', 'job_a:succeeded', 'job_b:rejected:unknown-job-type']);
    expect(store.unreported()).toEqual([]);
  });
});

describe('the doorbell client', () => {
  it('reconnects with jitter after the hub drops it, polls after each connection, and stops for good on revocation', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    let connections = 0;
    wss.on('connection', (ws) => {
      connections += 1;
      if (connections === 1) setTimeout(() => ws.terminate(), 20);
      else if (connections === 2) ws.send(JSON.stringify({ ring: 'jobs' }));
      else ws.close(DOORBELL_CLOSE.revoked, 'device-revoked');
    });
    const events: string[] = [];
    const delays: number[] = [];
    const doorbell = new DoorbellClient({
      connection: () => ({ url, headers: { authorization: 'Bearer x.y' } }),
      baseMs: 20,
      capMs: 50,
      random: () => {
        delays.push(1);
        return 0.5;
      },
      onRing: (ring) => events.push(`ring:${ring}`),
      onConnected: () => events.push('connected'),
      onRevoked: () => events.push('revoked'),
      log: quiet,
    });
    try {
      doorbell.start();
      await until(() => events.includes('ring:jobs'), 'a ring after reconnecting');
      // The test server closes the second connection only when the third arrives; force it.
      for (const ws of wss.clients) ws.close(1001);
      await until(() => events.includes('revoked'), 'revocation');
      expect(events.filter((e) => e === 'connected').length).toBe(3);
      expect(events.at(-1)).toBe('revoked');
      expect(delays.length).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(connections).toBe(3);
    } finally {
      doorbell.stop();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
  });
});
