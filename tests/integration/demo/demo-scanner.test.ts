import { mkdtempSync, rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mintReference } from '@kiosk/shared';
import { SerialScanner, type ScanEvent } from '@kiosk/hardware';
import { parseScannerArgs, typeLineScans, typeScan } from '@kiosk/hardware/sim';
import { startDemoScanner, type DemoScanner } from '../../stack/demo-scanner.js';

// `npm start`'s simulated scanner: a real socat pty pair in the data folder. What the agent is told
// to open must read what `npm run sim -- scanner --link <link> --type TEXT` types (the CLI types into
// `<link>.feed` when a pair is running), so a demo at the keyboard reaches the kiosk.

const APPOINTMENT = `CITA:${mintReference('C1TA', 42).display}`;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("npm start's simulated scanner", () => {
  it('gives the agent a serial port that reads what the sim CLI types for the printed link', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'demo-scanner-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const started = await startDemoScanner(dataDir);
    if (!('pair' in started)) throw new Error(started.missing);
    const demo: DemoScanner = started;
    cleanups.push(() => demo.pair.close());
    expect(demo.agentSetting).toBe(`serial:${join(dataDir, 'ttyScanner')}`);

    const scanner = new SerialScanner({ path: demo.agentSetting.slice('serial:'.length), baudRate: 9600 });
    const got = new Promise<ScanEvent>((resolve, reject) =>
      scanner.listen({ scan: resolve, rejected: (rejection) => reject(new Error(`scan refused: ${rejection.reason}`)) }),
    );
    await scanner.start();
    cleanups.push(() => scanner.stop());

    const { feed } = parseScannerArgs(['--link', demo.link]);
    await typeScan(feed, APPOINTMENT);
    const scan = await got;
    expect(scan.origin).toBe('serial');
    expect(scan.payload.text).toBe(APPOINTMENT);
  });

  it('types each non-blank line typed at the terminal as one scan, trimmed', async () => {
    const typed: string[] = [];
    const terminal = new PassThrough();
    const stop = typeLineScans(terminal, { type: async (text) => void typed.push(text) }, { skipBlank: true, label: 'scanner: ' });
    cleanups.push(stop);
    terminal.write(`  ${APPOINTMENT}  \n\n   \nHELLO\n`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(typed).toEqual([APPOINTMENT, 'HELLO']);
  });
});
