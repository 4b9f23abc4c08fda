import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceHealthSchema } from '@kiosk/shared';
import { SerialScanner, type SerialPortLike } from '../../src/scanner/serial-scanner.js';
import { scannerHealth } from '../../src/scanner/scanner-health.js';
import { startPtyPair, typeScan, writeScannerBytes, type PtyPair } from '../../src/sim/scanner-pty.js';
import { record, REFERENCE, tempDir } from './helpers.js';

// Real pseudo-terminals made by socat: the scanner writes to one end, SerialScanner reads the other.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(options: { interByteTimeoutMs?: number } = {}): Promise<{ pair: PtyPair; scanner: SerialScanner; events: ReturnType<typeof record>; dir: string }> {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  const pair = await startPtyPair({ scannerLink: join(dir, 'ttyScanner'), kioskLink: join(dir, 'ttyKiosk') });
  cleanups.push(() => pair.close());
  const scanner = new SerialScanner({ path: pair.kioskLink, baudRate: 9600, reopenInitialMs: 20, reopenMaxMs: 200, ...options });
  const events = record(scanner);
  await scanner.start();
  cleanups.push(() => scanner.stop());
  return { pair, scanner, events, dir };
}

describe('serial scanner on a real pty pair', () => {
  it('reads scans framed by CR, LF and CRLF and classifies them', async () => {
    const { pair, scanner, events } = await setUp();
    expect(scanner.state).toBe('connected');
    for (const suffix of ['\r', '\n', '\r\n'] as const) {
      const next = events.nextScan();
      await pair.type(`http://127.0.0.1:8080/status/${REFERENCE}`, { suffix });
      const scan = await next;
      expect(scan.origin).toBe('serial');
      expect(scan.payload).toMatchObject({ kind: 'status-url', value: REFERENCE });
    }
    expect(events.scans).toHaveLength(3);
  });

  it('strips the AIM ]Q1 prefix and frames a scanner with no suffix by the inter-byte timeout', async () => {
    const { pair, events } = await setUp({ interByteTimeoutMs: 60 });
    const next = events.nextScan();
    await pair.type(REFERENCE.toLowerCase(), { aimPrefix: ']Q1', suffix: '' });
    const scan = await next;
    expect(scan.payload).toMatchObject({ kind: 'receipt-reference', value: REFERENCE });
  });

  it('rejects binary garbage with a reason and keeps reading afterwards', async () => {
    const { pair, events } = await setUp();
    const rejected = events.nextRejection();
    await writeScannerBytes(pair.scannerLink, Uint8Array.from([0xff, 0xfe, 0x80, 0x41, 0x0d]));
    expect(await rejected).toMatchObject({ origin: 'serial', reason: 'binary', length: 4 });
    const tooLong = events.nextRejection();
    await writeScannerBytes(pair.scannerLink, Buffer.from(`${'X'.repeat(600)}\r`));
    expect(await tooLong).toMatchObject({ reason: 'too-long', length: 600 });
    const next = events.nextScan();
    await typeScan(pair.scannerLink, `CITA:${REFERENCE}`);
    expect((await next).payload).toMatchObject({ kind: 'appointment-code', value: REFERENCE });
    expect(events.scans).toHaveLength(1);
  });

  it('survives an unplug (socat killed) and reads again after the replug', async () => {
    const { pair, scanner, events } = await setUp();
    const disconnected = events.nextState('disconnected');
    await pair.close();
    expect(await disconnected).toBe('unplugged');
    expect(scanner.state).toBe('disconnected');

    const reconnected = events.nextState('connected');
    const replugged = await startPtyPair({ scannerLink: pair.scannerLink, kioskLink: pair.kioskLink });
    cleanups.push(() => replugged.close());
    await reconnected;
    const next = events.nextScan();
    await replugged.type(REFERENCE);
    expect((await next).payload).toMatchObject({ kind: 'receipt-reference', value: REFERENCE });
  });

  it('keeps retrying when the port does not exist yet, and connects once it appears', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const kioskLink = join(dir, 'ttyLate');
    const scanner = new SerialScanner({ path: kioskLink, reopenInitialMs: 20, reopenMaxMs: 100 });
    const events = record(scanner);
    await scanner.start();
    cleanups.push(() => scanner.stop());
    expect(scanner.state).toBe('disconnected');
    const connected = events.nextState('connected');
    const pair = await startPtyPair({ scannerLink: join(dir, 'ttyLateScanner'), kioskLink });
    cleanups.push(() => pair.close());
    await connected;
    expect(scanner.state).toBe('connected');
  });
});

describe('serial scanner port errors', () => {
  it('ignores modem-line ioctl errors and reports other port errors', async () => {
    class FakePort extends EventEmitter {
      isOpen = false;
      open(callback: (error: Error | null) => void): void {
        this.isOpen = true;
        callback(null);
      }
      close(callback?: (error?: Error | null) => void): void {
        this.isOpen = false;
        callback?.(null);
      }
    }
    const port = new FakePort();
    const scanner = new SerialScanner({ path: '/dev/ttyFAKE', createPort: () => port as unknown as SerialPortLike });
    const events = record(scanner);
    await scanner.start();
    port.emit('error', new Error('Error: Inappropriate ioctl for device, cannot set'));
    expect(scanner.state).toBe('connected');
    const down = events.nextState('disconnected');
    port.emit('error', new Error('EIO: i/o error'));
    expect(await down).toBe('port-error');
    await scanner.stop();
  });
});

describe('scanner health', () => {
  it('maps source states to the shared device-health model', () => {
    const since = new Date('2026-01-02T03:04:05Z');
    expect(scannerHealth('connected', null, since)).toEqual({ state: 'ok', reason: null, since: '2026-01-02T03:04:05.000Z' });
    expect(scannerHealth('disconnected', 'unplugged', since)).toMatchObject({ state: 'offline', reason: 'unplugged' });
    for (const state of ['starting', 'connected', 'disconnected', 'stopped'] as const) {
      expect(DeviceHealthSchema.safeParse(scannerHealth(state, null, since)).success).toBe(true);
    }
  });
});
