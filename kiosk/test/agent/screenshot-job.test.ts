import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KIOSK_FILE, DemoKioskFileSchema, loadConfig, startHub } from '@kiosk/hub';
import type { DemoKioskFile, RunningHub } from '@kiosk/hub';
import { SCREENSHOT_JOB_HEADER, deviceScreenshotPath, readPngSize } from '@kiosk/shared';
import type { JobView } from '@kiosk/shared';
import { startAgent, type RunningAgent } from '../../src/agent/agent.js';
import { testAgentConfig } from './helpers/agent-config.js';
import { createShellCapture } from '../../src/agent/jobs/shell-capture.js';
import { createAgentLink, type AgentPort } from '../../src/electron/ipc/agent-link.js';
import { greyPng } from '../electron/png-fixture.js';

// A real agent (startAgent) with the Electron capture wired as electron-entry.ts wires it: its
// requests go through main's real agent link (over a fake port, messages cloned), whose capture
// gives a PNG; the agent uploads it to a real hub, where an admin then sees it.

const CONSOLE = { 'x-requested-with': 'console', 'content-type': 'application/json' };
let hub: RunningHub;
let hubDir: string;
let kioskDir: string;
let kiosk: DemoKioskFile;
let cookie = '';
let agent: RunningAgent;
/** What the shell's capture gives next: a PNG, or an error. */
let window: { png: Buffer } | { error: string } = { png: greyPng(1280, 720) };
/** Runs while the shell captures (a citizen touching the screen at that moment). */
let duringCapture: () => Promise<void> = async () => {};
const captures: string[] = [];

async function staff(method: string, url: string, body?: object): Promise<Response> {
  return fetch(`${hub.url}${url}`, { method, headers: { ...CONSOLE, cookie }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}
async function screenshotJob(): Promise<JobView> {
  const answer = await staff('POST', '/api/fleet/jobs', { type: 'screenshot', deviceIds: [kiosk.deviceId] });
  expect(answer.status).toBe(201);
  return ((await answer.json()) as { jobs: JobView[] }).jobs[0] as JobView;
}
async function finished(id: string): Promise<JobView> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const job = (await (await staff('GET', `/api/fleet/jobs/${id}`)).json()) as JobView;
    if (['succeeded', 'failed', 'rejected'].includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.state}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-shot-'));
  kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-shot-'));
  hub = await startHub(loadConfig({ DATA_DIR: hubDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(hubDir, 'none'), ADMIN_SECOND_FACTOR: 'off' }), { logger: false });
  kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(hubDir, DEMO_KIOSK_FILE), 'utf8')));
  const login = await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: CONSOLE, body: JSON.stringify({ username: 'admin', password: hub.firstRun.admin?.password }) });
  expect(login.status).toBe(200);
  cookie = `__Host-session=${/^__Host-session=([^;]+);/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? ''}`;

  // Main's side: the real agent link, whose capture is the "window".
  const link = createAgentLink({
    callTimeoutMs: 5_000,
    onEvent: () => {},
    log: () => {},
    capture: async () => {
      captures.push(new Date().toISOString());
      await duringCapture();
      if ('error' in window) throw new Error(window.error);
      return window.png.toString('base64');
    },
  });
  let toMain: (message: unknown) => void = () => {};
  const shell = createShellCapture({ post: (message) => toMain(structuredClone(message)), timeoutMs: 5_000 });
  link.attach({
    postMessage: (message: unknown) => void shell.receive(structuredClone(message)),
    on(event: 'message' | 'exit', listener: (value: never) => void) {
      if (event === 'message') toMain = listener as (message: unknown) => void;
      return undefined;
    },
  } as AgentPort);

  const config = testAgentConfig(kioskDir, { hub: { url: hub.url, token: kiosk.token, requestTimeoutMs: 5_000 }, kioskId: kiosk.deviceId, issuer: kiosk.issuer });
  agent = await startAgent(config, () => {}, { captureScreen: () => shell.capture() });
});

afterAll(async () => {
  await agent?.close();
  await hub?.close();
  fs.rmSync(hubDir, { recursive: true, force: true });
  fs.rmSync(kioskDir, { recursive: true, force: true });
});

describe('a screenshot job on an Electron kiosk', () => {
  it('captures through the shell, uploads the PNG to the hub and reports only its size', async () => {
    window = { png: greyPng(1280, 720) };
    const job = await finished((await screenshotJob()).id);
    expect(job).toMatchObject({ state: 'succeeded', error: null, result: { bytes: window.png.length, width: 1280, height: 720 } });
    const shown = await staff('GET', deviceScreenshotPath(kiosk.deviceId));
    expect(shown.status).toBe(200);
    expect(shown.headers.get(SCREENSHOT_JOB_HEADER)).toBe(job.id);
    expect(Buffer.from(await shown.arrayBuffer()).equals(window.png)).toBe(true);
  });

  it('fails the job with the shell’s reason when the capture fails, and keeps the last good image', async () => {
    window = { error: 'there is no kiosk window to capture' };
    const job = await finished((await screenshotJob()).id);
    expect(job).toMatchObject({ state: 'failed', error: 'shell-capture-failed: there is no kiosk window to capture' });
    const shown = await staff('GET', deviceScreenshotPath(kiosk.deviceId));
    expect(readPngSize(new Uint8Array(await shown.arrayBuffer()))).toEqual({ width: 1280, height: 720 });
  });

  it('refuses while a citizen uses the kiosk, without asking the shell', async () => {
    window = { png: greyPng(640, 480) };
    await agent.handlers['session.changed']({ active: true });
    const before = captures.length;
    try {
      const job = await finished((await screenshotJob()).id);
      expect(job.state).toBe('rejected');
      expect(job.error).toMatch(/^session-active/);
      expect(captures.length).toBe(before);
    } finally {
      await agent.handlers['session.changed']({ active: false });
    }
  });

  it('does not upload a capture taken while a citizen began a session', async () => {
    window = { png: greyPng(320, 200) };
    duringCapture = async () => void (await agent.handlers['session.changed']({ active: true }));
    try {
      const job = await finished((await screenshotJob()).id);
      expect(job).toMatchObject({ state: 'failed', error: 'session-active: a citizen began a session during the capture; not uploaded' });
      const shown = await staff('GET', deviceScreenshotPath(kiosk.deviceId));
      expect(readPngSize(new Uint8Array(await shown.arrayBuffer()))).toEqual({ width: 1280, height: 720 });
    } finally {
      duringCapture = async () => {};
      await agent.handlers['session.changed']({ active: false });
    }
  });
});
