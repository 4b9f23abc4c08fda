import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDevicePrinter } from '../src/index.js';
import type { PrinterEmulator } from '../src/sim/index.js';
import { nextReceipt, sampleReceipt, TEST_PROFILE, withEmulator } from './fixtures.js';

/**
 * A printer on a serial/USB device file, for real: socat makes a pseudo-terminal (the "device")
 * and carries its bytes to the emulator's TCP port, so the same emulator parser is the printer.
 */

const SOCAT = '/usr/bin/socat';

/** Starts socat and resolves once it has opened both ends (it says so on stderr with -d -d). */
function startSerialBridge(devicePath: string, emulator: PrinterEmulator): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(SOCAT, ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `tcp:${emulator.host}:${emulator.port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes('starting data transfer loop')) resolve(child);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`socat exited early (${code ?? 'signal'}): ${log}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe.skipIf(!existsSync(SOCAT))('printer on a device file (socat pty -> emulator)', () => {
  it('prints with status and ack over the device, refuses on paper end, and reports a vanished device', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printer-dev-'));
    const devicePath = join(dir, 'ttyPrinter');
    try {
      await withEmulator(async (emulator) => {
        const bridge = await startSerialBridge(devicePath, emulator);
        const printer = createDevicePrinter({ path: devicePath, profile: TEST_PROFILE });
        try {
          const receipt = sampleReceipt({ serial: '000042' });
          const printed = nextReceipt(emulator);
          expect(await printer.print(receipt)).toMatchObject({ state: 'printed', reason: null });
          const paper = await printed;
          expect(paper.text).toContain('#000042');
          expect(paper.qrPayloads).toEqual([receipt.qrPayload]);

          emulator.setState({ paperEnd: true });
          expect(await printer.print(receipt)).toMatchObject({ state: 'failed', reason: 'paper-end' });
          emulator.setState({ paperEnd: false, paperNearEnd: true });
          expect(await printer.status()).toMatchObject({ state: 'warning', reason: 'paper-near-end' });
          expect(emulator.receipts()).toHaveLength(1);

          await stop(bridge);
          expect(await printer.status()).toMatchObject({ state: 'offline', reason: 'unreachable' });
        } finally {
          await printer.close();
          await stop(bridge);
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
