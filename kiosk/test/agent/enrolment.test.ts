import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, startHub } from '@kiosk/hub';
import type { RunningHub } from '@kiosk/hub';
import { FleetDeviceSchema, normaliseEnrolmentCode } from '@kiosk/shared';
import type { KioskInfo } from '@kiosk/shared';
import type { RunningAgent } from '../../src/agent/agent.js';
import { loadAgentConfig } from '../../src/agent/config.js';
import { CredentialGuard } from '../../src/agent/enrolment/credential-guard.js';
import { Enroller } from '../../src/agent/enrolment/enroller.js';
import type { Sleep } from '../../src/agent/enrolment/enroller.js';
import { credentialsPath, pendingPath } from '../../src/agent/enrolment/files.js';
import { startKioskAgent } from '../../src/agent/enrolment/kiosk-agent.js';

/**
 * A kiosk with no credential against a real hub on a loopback port: it enrols (code, admin approval
 * over the console API, poll), becomes a normal agent without a restart, files a request, and stops
 * sending (outbox kept) once revoked. The enrolment's waits are a gate the test opens.
 */

/** Each sleep waits until the test opens the gate (or the enroller stops). */
function gatedSleep() {
  const waiting: Array<() => void> = [];
  const requested: number[] = [];
  const sleep: Sleep = (ms, signal) =>
    new Promise((resolve) => {
      requested.push(ms);
      waiting.push(() => resolve());
      signal.addEventListener('abort', () => resolve());
    });
  return { sleep, requested, open: () => waiting.splice(0).forEach((release) => release()), pending: () => waiting.length };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let hub: RunningHub;
let hubDir: string;
let kioskDir: string;
let cookie = '';
const logLines: string[] = [];
const log = (message: string, fields: Record<string, unknown> = {}) => void logLines.push(JSON.stringify({ message, ...fields }));

const CONSOLE = { 'x-requested-with': 'console' };
const JSON_BODY = { 'content-type': 'application/json' };

async function staff(method: 'GET' | 'POST', url: string, body?: object): Promise<Response> {
  const init = body === undefined ? { headers: { ...CONSOLE, cookie } } : { headers: { ...CONSOLE, ...JSON_BODY, cookie }, body: JSON.stringify(body) };
  return fetch(`${hub.url}${url}`, { method, ...init });
}

function kioskEnv(dataDir: string): NodeJS.ProcessEnv {
  return { DATA_DIR: dataDir, HUB_URL: hub.url, KIOSK_PORT: '0', PRINTER: 'none', RENDERER_DIR: path.join(dataDir, 'no-renderer'), HEARTBEAT_MS: '3600000', OUTBOX_SEND_WAIT_MS: '1500' };
}

const describeKiosk = (agent: RunningAgent): Promise<KioskInfo> => agent.handlers['kiosk.describe']({});

beforeAll(async () => {
  hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-enrol-'));
  kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-enrol-'));
  hub = await startHub(loadConfig({ DATA_DIR: hubDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(hubDir, 'none'), ADMIN_SECOND_FACTOR: 'off' }), { logger: false });
  const password = hub.firstRun.admin?.password;
  if (password === undefined) throw new Error('a fresh hub must create its admin');
  const login = await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: { ...CONSOLE, ...JSON_BODY }, body: JSON.stringify({ username: 'admin', password }) });
  expect(login.status).toBe(200);
  cookie = `__Host-session=${/^__Host-session=([^;]+);/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? ''}`;
});

afterAll(async () => {
  await hub?.close();
  fs.rmSync(hubDir, { recursive: true, force: true });
  fs.rmSync(kioskDir, { recursive: true, force: true });
});

describe('kiosk enrolment against a real hub', () => {
  it('enrols without a credential, survives a restart mid-enrolment, files a request, and stops sending once revoked', async () => {
    const config = loadAgentConfig(kioskEnv(kioskDir));
    expect(config.hub.token).toBe('');

    // 1. No credential: the agent shows a code and its QR link, and keeps the pending secret on disk only.
    const firstGate = gatedSleep();
    let agent = await startKioskAgent(config, log, { enrolmentSleep: firstGate.sleep });
    const shown = await until('a code on screen', async () => {
      const info = await describeKiosk(agent);
      return info.enrolment?.phase === 'waiting' ? info.enrolment : undefined;
    });
    expect(shown.userCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const code = normaliseEnrolmentCode(shown.userCode ?? '');
    expect(shown.approveUrl).toBe(`${hub.url}/console/enrol?code=${code}`);
    expect(fs.statSync(pendingPath(kioskDir)).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(credentialsPath(kioskDir))).toBe(false);
    await expect(agent.handlers['catalog.list']({ locale: 'es' })).rejects.toMatchObject({ code: 'not-found' });

    // 2. A restart while the code is valid resumes the same code instead of asking for another.
    await agent.close();
    const gate = gatedSleep();
    agent = await startKioskAgent(loadAgentConfig(kioskEnv(kioskDir)), log, { enrolmentSleep: gate.sleep });
    try {
      expect((await describeKiosk(agent)).enrolment?.userCode).toBe(shown.userCode);
      const pendingList = (await (await staff('GET', '/api/fleet/enrolments')).json()) as { enrolments: unknown[] };
      expect(pendingList.enrolments).toHaveLength(1);

      // 3. The admin approves; at its next poll the kiosk saves its credential and becomes a normal agent.
      const approval = await staff('POST', '/api/fleet/enrolments/approve', { code: shown.userCode, label: 'Entrance kiosk', site: 'Main hall', group: 'ring-1' });
      expect(approval.status).toBe(201);
      const device = FleetDeviceSchema.parse(await approval.json());
      await until('the poll', () => (gate.pending() > 0 ? true : undefined));
      gate.open();
      const enrolled = await until('the enrolled agent', async () => {
        const info = await describeKiosk(agent);
        return info.enrolment === undefined ? info : undefined;
      });
      expect(enrolled).toMatchObject({ kioskId: device.id, issuer: device.issuer, credential: 'ok' });
      expect(gate.requested[0]).toBe(5_000);
      const saved = JSON.parse(fs.readFileSync(credentialsPath(kioskDir), 'utf8')) as { deviceId: string; token: string };
      expect(saved.deviceId).toBe(device.id);
      expect(fs.statSync(credentialsPath(kioskDir)).mode & 0o777).toBe(0o600);
      expect(fs.existsSync(pendingPath(kioskDir))).toBe(false);
      const secret = saved.token.slice(device.id.length + 1);
      expect(logLines.join('\n')).not.toContain(secret);
      expect(logLines.join('\n')).not.toContain(code ?? 'no code');

      // 4. The credential works: a request filed at the kiosk reaches the hub.
      const filed = await agent.handlers['request.file']({ draftId: 'draft-enrol-0001', serviceCode: 'litter', description: 'La farola de la plaza no enciende.', attributes: {}, locale: 'es' });
      expect(filed.sync).toBe('sent');
      expect(filed.reference.startsWith(device.issuer)).toBe(true);

      // 5. Revoked: the next submission gets 401; the agent stops sending, keeps the request, says so.
      expect((await staff('POST', `/api/fleet/devices/${device.id}/revoke`)).status).toBe(200);
      const queued = await agent.handlers['request.file']({ draftId: 'draft-enrol-0002', serviceCode: 'litter', description: 'Hay un bache grande en la acera.', attributes: {}, locale: 'es' });
      expect(queued.sync).toBe('queued');
      await until('the revoked state', async () => ((await describeKiosk(agent)).credential === 'revoked' ? true : undefined));
      expect(logLines.some((line) => line.includes('401'))).toBe(true);
      expect(logLines.join('\n')).not.toContain(secret);
    } finally {
      await agent.close();
    }
    const store = new Database(path.join(kioskDir, 'kiosk', `${loadAgentConfig(kioskEnv(kioskDir)).kioskId}.sqlite`), { readonly: true });
    try {
      const states = store.prepare('SELECT state FROM outbox ORDER BY id').all() as Array<{ state: string }>;
      expect(states.map((s) => s.state)).toEqual(['acked', 'pending']);
    } finally {
      store.close();
    }
    // 6. After a restart the saved credential is picked up: no enrolment again.
    expect(loadAgentConfig(kioskEnv(kioskDir)).hub.token.startsWith(`${FleetDeviceSchema.shape.id.parse(JSON.parse(fs.readFileSync(credentialsPath(kioskDir), 'utf8')).deviceId)}.`)).toBe(true);
  });

  it('asks for a new code when its code is rejected or expires', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-enrol-new-code-'));
    let now = Date.now();
    const gate = gatedSleep();
    const enroller = new Enroller({ hubUrl: hub.url, timeoutMs: 5_000, dataDir, agentVersion: '0.1.0', log, sleep: gate.sleep, now: () => new Date(now) });
    const run = enroller.run();
    run.catch(() => undefined);
    try {
      const waitingCode = async (not?: string | null) =>
        until('a code', () => {
          const state = enroller.state();
          return state.phase === 'waiting' && state.userCode !== not && gate.pending() > 0 ? state.userCode : undefined;
        });
      const first = await waitingCode();
      expect((await staff('POST', '/api/fleet/enrolments/reject', { code: first })).status).toBe(200);
      gate.open();
      const second = await waitingCode(first);
      expect(second).not.toBe(first);

      // Past its expiry on the kiosk's clock: the next round asks for a fresh code.
      now += 11 * 60_000;
      gate.open();
      const third = await waitingCode(second);
      expect(third).not.toBe(second);
    } finally {
      enroller.stop();
      await run.catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('credential guard', () => {
  it('a 401 heartbeat trips it: nothing more is sent, submissions are held (kept pending), not dead-lettered', async () => {
    const lines: string[] = [];
    const guard = new CredentialGuard((message) => void lines.push(message));
    let revokedCalls = 0;
    guard.onRevoked(() => void (revokedCalls += 1));
    let sends = 0;
    await expect(guard.guardHeartbeat(async () => ((sends += 1), { serverTime: 'x' }))).resolves.toEqual({ serverTime: 'x' });
    await expect(guard.guardHeartbeat(async () => ((sends += 1), Promise.reject(new Error('heartbeat: hub answered 500'))))).rejects.toThrow('500');
    expect(guard.state()).toBe('ok');
    await expect(guard.guardHeartbeat(async () => ((sends += 1), Promise.reject(new Error('heartbeat: hub answered 401'))))).rejects.toThrow('401');
    expect(guard.state()).toBe('revoked');
    expect(revokedCalls).toBe(1);
    await expect(guard.guardHeartbeat(async () => ((sends += 1), { serverTime: 'y' }))).rejects.toThrow('revoked');
    let submits = 0;
    const submit = guard.guardSubmit(async () => ((submits += 1), { kind: 'acked' as const, serverId: 's' }));
    const held = await submit({} as Parameters<typeof submit>[0]);
    expect(held).toMatchObject({ kind: 'retry' });
    expect([sends, submits, revokedCalls]).toEqual([3, 0, 1]);
  });
});
