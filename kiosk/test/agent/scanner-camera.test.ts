import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { mintReference } from '@kiosk/shared';
import { encodeFramePng, qrFrame, writeFrameFileAtomically } from '@kiosk/hardware/sim';
import { startAgent, type RunningAgent } from '../../src/agent/agent.js';
import { testAgentConfig } from './helpers/agent-config.js';
import { createWebSocketKioskClient, type SocketLike, type WebSocketKioskClient } from '../../src/renderer/bridge/ws-kiosk-client.js';
import { nextEvent } from './helpers/events.js';

// A real agent (startAgent, temp DATA_DIR, hub unreachable, no printer) whose scanner is a camera:
// KIOSK_SCANNER=camera-file:<path>, the PNG a capture process (ffmpeg -update 1) keeps overwriting.
// The test plays the capture process: it rewrites the picture the camera sees every 100 ms, as
// ffmpeg does, atomically (temp + rename), with real QR codes; scans are read by the renderer's own
// client, exactly as serial ones are (scanner.test.ts).

const REFERENCE = mintReference('K7QM', 5150).display;
const STALE_MS = 800;
let dir: string;
let frameFile: string;
let agent: RunningAgent;
let client: WebSocketKioskClient;
const logLines: string[] = [];

const nextScan = () => nextEvent(client, 'scanner.scanned');

const scannerHealth = async () => (await client.call('devices.health', {})).scanner;
const waitForHealth = (expected: { state: string; reason: string | null }) =>
  vi.waitFor(async () => expect(await scannerHealth()).toMatchObject(expected), { timeout: 5_000, interval: 25 });

/** The capture process: keeps writing what the camera sees until stopped. */
let capture: NodeJS.Timeout | null = null;
let picture: Buffer | null = null;
const capturing = () => {
  capture ??= setInterval(() => {
    if (picture !== null) void writeFrameFileAtomically(frameFile, picture);
  }, 100);
};
const stopCapture = () => {
  if (capture !== null) clearInterval(capture);
  capture = null;
};
/** Holds a code in front of the camera: written at once, then again with every captured frame. */
async function show(text: string): Promise<void> {
  picture = encodeFramePng(qrFrame(text, { noise: 20, seed: text.length }));
  await writeFrameFileAtomically(frameFile, picture);
  capturing();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-camera-'));
  frameFile = join(dir, 'camera.png');
  const config = testAgentConfig(dir, { scanner: { kind: 'camera-file', path: frameFile, pollMs: 25, staleAfterMs: STALE_MS } });
  agent = await startAgent(config, (message, fields) => logLines.push(JSON.stringify({ message, ...fields })));
  const url = `${agent.url.replace('http', 'ws')}/agent?token=${encodeURIComponent(agent.token)}`;
  client = createWebSocketKioskClient({ url, createSocket: (target) => new WebSocket(target, { origin: agent.url }) as unknown as SocketLike });
  // The client connects lazily: the first call opens the socket, so events can arrive afterwards.
  await client.call('kiosk.describe', {});
});

afterAll(async () => {
  stopCapture();
  client?.close();
  await agent?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the agent with a camera (KIOSK_SCANNER=camera-file:...)', () => {
  it('reports the scanner offline, file-missing, until the capture process writes a frame', async () => {
    await waitForHealth({ state: 'offline', reason: 'file-missing' });
  });

  it('pushes an appointment QR to the renderer as scanner.scanned, like a serial scan, and is then ok', async () => {
    const next = nextScan();
    await show(`CITA:${REFERENCE}`);
    expect(await next).toEqual({ kind: 'appointment-code', value: REFERENCE });
    expect(await scannerHealth()).toMatchObject({ state: 'ok', reason: null });
  });

  it.each([
    ['a receipt status link', `https://sede.villademo.es/status/${REFERENCE}`, 'status-url', REFERENCE],
    ["someone else's QR code", 'WIFI:S:cafe;T:WPA;P:hunter2zz;;', 'unknown', 'WIFI:S:cafe;T:WPA;P:hunter2zz;;'],
  ])('pushes %s, classified', async (_name, text, kind, value) => {
    const next = nextScan();
    await show(text);
    expect(await next).toEqual({ kind, value });
  });

  it('survives a torn write: a half-written frame is skipped, the completed one is read', async () => {
    const png = encodeFramePng(qrFrame(REFERENCE.toLowerCase()));
    const next = nextScan();
    stopCapture(); // a capture process that writes in place, caught half-way
    writeFileSync(frameFile, png.subarray(0, Math.floor(png.length / 2)));
    await new Promise((resolve) => setTimeout(resolve, 150));
    writeFileSync(frameFile, png);
    expect(await next).toEqual({ kind: 'receipt-reference', value: REFERENCE });
    expect(await scannerHealth()).toMatchObject({ state: 'ok' });
    picture = png;
    capturing();
  });

  it('reports no frames when the capture stops (since the last frame), and ok when frames come back', async () => {
    stopCapture();
    const lastWrite = statSync(frameFile).mtimeMs;
    await waitForHealth({ state: 'offline', reason: 'no-frames' });
    // Since the last frame was written, not since the moment it was noticed.
    expect(Math.abs(Date.parse((await scannerHealth()).since) - lastWrite)).toBeLessThan(2);
    await show('https://example.com/menu');
    await waitForHealth({ state: 'ok', reason: null });
  });

  it('never logs what was scanned, only its kind', () => {
    const log = logLines.join('\n');
    expect(log).toContain('"kind":"appointment-code"');
    expect(log).toContain('"origin":"camera"');
    expect(log).not.toContain(REFERENCE);
    expect(log).not.toContain(REFERENCE.toLowerCase());
    expect(log).not.toContain('hunter2zz');
  });
});
