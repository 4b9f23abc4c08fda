import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { mintReference, type KioskEventData } from '@kiosk/shared';
import { startPtyPair, writeScannerBytes, type PtyPair } from '@kiosk/hardware/sim';
import { startAgent, type RunningAgent } from '../../src/agent/agent.js';
import { testAgentConfig } from './helpers/agent-config.js';
import { createWebSocketKioskClient, type SocketLike, type WebSocketKioskClient } from '../../src/renderer/bridge/ws-kiosk-client.js';
import { nextEvent } from './helpers/events.js';

// A real agent (startAgent, temp DATA_DIR, hub unreachable, no printer) whose scanner is one end of
// a real socat pty pair; scans are typed into the other end and read by the renderer's own client.

const REFERENCE = mintReference('K7QM', 4242).display;
let dir: string;
let pair: PtyPair;
let agent: RunningAgent;
let client: WebSocketKioskClient;
const logLines: string[] = [];
const scans: KioskEventData<'scanner.scanned'>[] = [];

const nextScan = () => nextEvent(client, 'scanner.scanned');

const scannerHealth = async () => (await client.call('devices.health', {})).scanner;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-scanner-'));
  pair = await startPtyPair({ scannerLink: join(dir, 'ttyScanner'), kioskLink: join(dir, 'ttyKiosk') });
  const config = testAgentConfig(dir, { scanner: { kind: 'serial', path: pair.kioskLink, baudRate: 9600, reopenMaxMs: 200 } });
  agent = await startAgent(config, (message, fields) => logLines.push(JSON.stringify({ message, ...fields })));
  const url = `${agent.url.replace('http', 'ws')}/agent?token=${encodeURIComponent(agent.token)}`;
  client = createWebSocketKioskClient({ url, createSocket: (target) => new WebSocket(target, { origin: agent.url }) as unknown as SocketLike });
  client.on('scanner.scanned', (scan) => scans.push(scan));
  // The client connects lazily: the first call opens the socket, so events can arrive afterwards.
  await client.call('kiosk.describe', {});
});

afterAll(async () => {
  client?.close();
  await agent?.close();
  await pair?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the agent with a serial scanner on a real pty', () => {
  it('reports the scanner ok once the port is open', async () => {
    expect(await scannerHealth()).toMatchObject({ state: 'ok', reason: null });
  });

  it.each([
    ['an appointment confirmation', `CITA:${REFERENCE}`, 'appointment-code', REFERENCE],
    ['a receipt reference, lower case', REFERENCE.toLowerCase(), 'receipt-reference', REFERENCE],
    ['a receipt status link', `https://sede.villademo.es/status/${REFERENCE}`, 'status-url', REFERENCE],
    ["someone else's QR code", 'WIFI:S:cafe;T:WPA;P:hunter2zz;;', 'unknown', 'WIFI:S:cafe;T:WPA;P:hunter2zz;;'],
  ])('pushes %s to the renderer as scanner.scanned, classified', async (_name, text, kind, value) => {
    const next = nextScan();
    await pair.type(text);
    expect(await next).toEqual({ kind, value });
  });

  it('drops garbage (binary, damaged codes) without a crash and keeps reading', async () => {
    const before = scans.length;
    await writeScannerBytes(pair.scannerLink, Uint8Array.from([0xff, 0xfe, 0x00, 0x41, 0x0d]));
    // A CITA code whose check character is wrong: refused by the classifier, never passed on.
    await pair.type(`CITA:${REFERENCE.slice(0, -1)}${REFERENCE.endsWith('X') ? 'Y' : 'X'}`);
    const next = nextScan();
    await pair.type(`CITA:${REFERENCE}`);
    expect(await next).toEqual({ kind: 'appointment-code', value: REFERENCE });
    expect(scans.slice(before)).toEqual([{ kind: 'appointment-code', value: REFERENCE }]);
    expect(logLines.filter((line) => line.includes('scanner read refused'))).toHaveLength(2);
    expect(await scannerHealth()).toMatchObject({ state: 'ok' });
  });

  it('reports the scanner offline when unplugged and recovers when it is back', async () => {
    await pair.close();
    await vi.waitFor(async () => expect(await scannerHealth()).toMatchObject({ state: 'offline', reason: 'unplugged' }), { timeout: 5_000, interval: 50 });

    pair = await startPtyPair({ scannerLink: pair.scannerLink, kioskLink: pair.kioskLink });
    await vi.waitFor(async () => expect(await scannerHealth()).toMatchObject({ state: 'ok', reason: null }), { timeout: 5_000, interval: 50 });
    const next = nextScan();
    await pair.type(`CITA:${REFERENCE}`);
    expect(await next).toEqual({ kind: 'appointment-code', value: REFERENCE });
  });

  it('never logs what was scanned, only its kind', () => {
    const log = logLines.join('\n');
    expect(log).toContain('"kind":"appointment-code"');
    expect(log).not.toContain(REFERENCE);
    expect(log).not.toContain(REFERENCE.toLowerCase());
    expect(log).not.toContain('hunter2zz');
  });
});
