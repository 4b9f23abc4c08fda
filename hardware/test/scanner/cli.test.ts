import { execFile, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialScanner } from '../../src/scanner/serial-scanner.js';
import { parseScannerArgs } from '../../src/sim/scanner-cli.js';
import { parseCameraArgs } from '../../src/sim/camera-cli.js';
import { decodeQrFrame, readImageFrame } from '../../src/index.js';
import { record, REFERENCE, tempDir } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);
const BLACKBOX_PNG = join(ROOT, '../shared/data/qr-blackbox/qrcode-1/1.png');
const BLACKBOX_TEXT = 'MEBKM:URL:http\\://en.wikipedia.org/wiki/Main_Page;;';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('qr command', () => {
  it('prints one JSON line per file, and says clearly when a format cannot be decoded', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const jpeg = join(dir, 'photo.jpg');
    writeFileSync(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'hardware/src/cli/qr.ts', BLACKBOX_PNG, jpeg, join(dir, 'missing.png')], { cwd: ROOT });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ file: BLACKBOX_PNG, text: BLACKBOX_TEXT, ms: expect.any(Number) });
    expect(lines[1]).toMatchObject({ file: jpeg, text: null, error: expect.stringMatching(/JPEG is not supported/) });
    expect(lines[2]).toMatchObject({ text: null, error: expect.stringMatching(/ENOENT/) });
  });

  it('exits with 2 and the usage when given no file', async () => {
    await expect(run(process.execPath, ['--import', 'tsx', 'hardware/src/cli/qr.ts'], { cwd: ROOT })).rejects.toMatchObject({ code: 2 });
  });
});

describe('sim scanner command', () => {
  it('parses its options', () => {
    expect(parseScannerArgs(['--link', '/tmp/a', '--aim', '--suffix', 'cr'])).toEqual({ link: '/tmp/a', feed: '/tmp/a.feed', text: null, suffix: '\r', aimPrefix: ']Q1' });
    expect(() => parseScannerArgs(['--suffix', 'tab'])).toThrow(/--suffix takes/);
  });

  it('starts a pty pair the kiosk can open, and types a scan into a running pair', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const link = join(dir, 'ttyScanner');
    const sim = spawn(process.execPath, ['--import', 'tsx', 'hardware/src/sim/cli.ts', 'scanner', '--link', link], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => sim.once('exit', resolve));
    cleanups.push(async () => {
      sim.kill('SIGTERM');
      await exited;
    });
    await new Promise<void>((resolve) => {
      let out = '';
      sim.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('scanner pty ready')) resolve();
      });
    });
    expect(existsSync(link)).toBe(true);

    const scanner = new SerialScanner({ path: link });
    const events = record(scanner);
    await scanner.start();
    cleanups.push(() => scanner.stop());

    const fromStdin = events.nextScan();
    sim.stdin.write(`${REFERENCE}\n`);
    expect((await fromStdin).payload).toMatchObject({ kind: 'receipt-reference', value: REFERENCE });

    const fromCommand = events.nextScan();
    await run(process.execPath, ['--import', 'tsx', 'hardware/src/sim/cli.ts', 'scanner', '--link', link, '--type', `CITA:${REFERENCE}`, '--aim'], { cwd: ROOT });
    expect((await fromCommand).payload).toMatchObject({ kind: 'appointment-code', value: REFERENCE });
  });
});

describe('sim camera command', () => {
  it('writes a camera picture the kiosk decoder reads, an empty one, and refuses unclear arguments', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const picture = join(dir, 'camera.png');
    const sim = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'hardware/src/sim/cli.ts', 'camera', ...args], { cwd: ROOT });

    const shown = await sim('--file', picture, '--show', `CITA:${REFERENCE}`);
    expect(shown.stdout).not.toContain(REFERENCE); // only the length is printed
    expect(decodeQrFrame(readImageFrame(picture))?.text).toBe(`CITA:${REFERENCE}`);

    await sim('--file', picture, '--blank');
    expect(readImageFrame(picture)).toMatchObject({ width: 640, height: 480 });
    expect(decodeQrFrame(readImageFrame(picture))).toBeNull();

    for (const args of [['--show', 'X'], ['--file', picture], ['--file', picture, '--show', 'X', '--blank'], ['--file', picture, '--zoom', '2']]) {
      await expect(sim(...args), args.join(' ')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('sim camera --file PATH') });
    }
    expect(parseCameraArgs(['--blank', '--file', 'a.png'])).toEqual({ file: 'a.png', text: null });
  });
});
