import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CameraScanner } from '../../src/scanner/camera-scanner.js';
import { QrDecoderWorker } from '../../src/scanner/qr-worker-client.js';
import { rotateFrame } from '../../src/scanner/luminance.js';
import { decodeQrFrame } from '../../src/scanner/qr-decode.js';
import { fileFrameSource, readImageFrame, UnsupportedImageError, frameFromImageBytes } from '../../src/sim/frame-files.js';
import { blankFrame, listFrameSource, qrFrame } from '../../src/sim/frame-qr.js';
import { record, REFERENCE } from './helpers.js';

const BLACKBOX = fileURLToPath(new URL('../../../../shared/data/qr-blackbox/', import.meta.url));
const STATUS_URL = `https://sede.villademo.es/status/${REFERENCE}`;

/** Every image of the ZXing blackbox sets with its exact expected text. */
function blackbox(): { path: string; expected: string }[] {
  return readdirSync(BLACKBOX)
    .filter((d) => d.startsWith('qrcode-'))
    .sort()
    .flatMap((set) =>
      readdirSync(`${BLACKBOX}${set}`)
        .filter((f) => f.endsWith('.png'))
        .map((f) => ({ path: `${BLACKBOX}${set}/${f}`, expected: readFileSync(`${BLACKBOX}${set}/${f.replace(/\.png$/, '.txt')}`, 'utf8') })),
    );
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('QR decoding of camera frames', () => {
  it('reads at least 92% of the 716 blackbox tries (179 photographs x 4 rotations) with no misread', () => {
    const images = blackbox();
    expect(images).toHaveLength(179);
    let decoded = 0;
    const misreads: string[] = [];
    for (const { path, expected } of images) {
      const frame = readImageFrame(path);
      for (const turns of [0, 1, 2, 3] as const) {
        const result = decodeQrFrame(rotateFrame(frame, turns));
        if (result === null) continue;
        if (result.text === expected) decoded += 1;
        else misreads.push(`${path} r${turns * 90}`);
      }
    }
    expect(misreads).toEqual([]);
    // Measured 664 of 716 (92.7%); the target is 92% (659).
    expect(decoded).toBeGreaterThanOrEqual(659);
  });

  it('decodes on a worker thread and reports no code in a blank frame', async () => {
    const worker = new QrDecoderWorker();
    closers.push(() => worker.close());
    const [first] = blackbox();
    const outcome = await worker.decode(readImageFrame(first?.path ?? ''));
    expect(outcome.result?.text).toBe(first?.expected);
    expect(outcome.ms).toBeGreaterThanOrEqual(0);
    expect((await worker.decode(blankFrame())).result).toBeNull();
    await expect(worker.decode({ width: 4, height: 4, data: new Uint8ClampedArray(3) })).rejects.toThrow(/needs 16 bytes/);
  });

  it('refuses JPEG and GIF clearly (no decoder installed)', () => {
    expect(() => frameFromImageBytes(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toThrow(UnsupportedImageError);
    expect(() => frameFromImageBytes(Buffer.from('GIF89a......'))).toThrow(/GIF is not supported/);
  });
});

describe('camera scanner', () => {
  it('emits a code once while it stays in view, through the common scan event', async () => {
    const code = qrFrame(STATUS_URL, { noise: 25, seed: 7 });
    let clock = 0;
    const camera = new CameraScanner({ frames: listFrameSource([null, code, code, code, null]), now: () => (clock += 100) });
    const events = record(camera);
    await camera.start();
    await camera.finished;
    await camera.stop();
    expect(events.scans).toEqual([{ origin: 'camera', payload: expect.objectContaining({ kind: 'status-url', value: REFERENCE }), at: 200 }]); // the second frame, at the clock's second reading
    expect(events.states).toEqual(['connected', 'disconnected', 'stopped']);
  });

  it('emits the same code again once it has been out of sight long enough', async () => {
    const code = qrFrame(`CITA:${REFERENCE}`);
    let clock = 0;
    const camera = new CameraScanner({ frames: listFrameSource([code, null, code]), repeatAfterMs: 1_000, now: () => (clock += 2_000) });
    const events = record(camera);
    await camera.start();
    await camera.finished;
    await camera.stop();
    expect(events.scans.map((s) => s.payload.kind)).toEqual(['appointment-code', 'appointment-code']);
  });

  it('reads real photographs from files through the injected frame source', async () => {
    const images = blackbox().slice(0, 3);
    const camera = new CameraScanner({ frames: fileFrameSource(images.map((i) => i.path)), repeatAfterMs: 0 });
    const events = record(camera);
    await camera.start();
    await camera.finished;
    await camera.stop();
    // Someone else's codes: readable, so passed on as unknown, with their exact text.
    expect(events.scans.map((s) => s.payload.value)).toEqual(images.map((i) => i.expected.trim()));
    expect(events.scans.every((s) => s.payload.kind === 'unknown')).toBe(true);
  });
});
