import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CameraScanner } from '../../src/scanner/camera-scanner.js';
import type { FrameSourceStatus } from '../../src/scanner/frame-source.js';
import type { LuminanceFrame } from '../../src/scanner/luminance.js';
import { StillFileFrameSource } from '../../src/scanner/still-file-source.js';
import { encodeFramePng, writeFrameFileAtomically } from '../../src/sim/frame-files.js';
import { blankFrame, qrFrame } from '../../src/sim/frame-qr.js';
import { record, REFERENCE, tempDir } from './helpers.js';

// The production camera source for a capture process that keeps overwriting one PNG
// (ffmpeg ... -update 1 camera.png): real files in a temp directory, real polling, no sleeps
// beyond the source's own short poll interval.

const POLL_MS = 20;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(options: { staleAfterMs?: number } = {}): { path: string; source: StillFileFrameSource; statuses: FrameSourceStatus[] } {
  const { dir, remove } = tempDir();
  const path = join(dir, 'camera.png');
  const source = new StillFileFrameSource({ path, pollMs: POLL_MS, staleAfterMs: options.staleAfterMs ?? 60_000 });
  const statuses: FrameSourceStatus[] = [];
  source.watch((status) => statuses.push(status));
  cleanups.push(remove, () => source.close());
  return { path, source, statuses };
}

/** The next frame within `ms`, or null: the source is asked, then its wait is aborted. */
async function frameWithin(source: StillFileFrameSource, ms: number): Promise<LuminanceFrame | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  try {
    return await source.nextFrame(abort.signal);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * ZXing's blackbox photographs (../shared/data beside the repository, read-only), found by walking
 * up from here, so the test runs from a git worktree as well as from the main checkout.
 */
function blackboxSet(): string | null {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data', 'qr-blackbox', 'qrcode-1');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}
const BLACKBOX_SET = blackboxSet();

const size = (frame: LuminanceFrame | null) => (frame === null ? null : `${frame.width}x${frame.height}`);

describe('a still file as a camera (StillFileFrameSource)', () => {
  it('yields a frame only when the file has changed', async () => {
    const { path, source, statuses } = setup();
    await writeFrameFileAtomically(path, blankFrame(40, 30));
    expect(size(await frameWithin(source, 2_000))).toBe('40x30');
    // Unchanged: several polls, no frame.
    expect(await frameWithin(source, POLL_MS * 8)).toBeNull();
    await writeFrameFileAtomically(path, blankFrame(50, 20));
    expect(size(await frameWithin(source, 2_000))).toBe('50x20');
    // The same picture written again is a new frame (a code held still is seen again; the scanner de-duplicates).
    await writeFrameFileAtomically(path, blankFrame(50, 20));
    expect(size(await frameWithin(source, 2_000))).toBe('50x20');
    expect(await frameWithin(source, POLL_MS * 8)).toBeNull();
    expect(statuses.map((s) => [s.live, s.reason])).toEqual([[true, null]]);
  });

  it('survives a torn write: the half-written file is skipped, the completed one is read', async () => {
    const { path, source, statuses } = setup();
    const png = encodeFramePng(blankFrame(64, 48));
    // A capture process writing in place, caught half-way: a cut-off PNG.
    writeFileSync(path, png.subarray(0, Math.floor(png.length / 2)));
    expect(await frameWithin(source, POLL_MS * 8)).toBeNull();
    // The same length with a damaged tail (a write that has extended the file but not filled it yet).
    const damaged = Buffer.from(png);
    damaged.fill(0, Math.floor(png.length / 2));
    writeFileSync(path, damaged);
    expect(await frameWithin(source, POLL_MS * 8)).toBeNull();
    writeFileSync(path, png);
    expect(size(await frameWithin(source, 2_000))).toBe('64x48');
    expect(statuses.every((s) => s.live)).toBe(true);
  });

  it('reports a missing file, and recovers when the capture process writes it', async () => {
    const { path, source, statuses } = setup();
    const before = Date.now();
    expect(await frameWithin(source, POLL_MS * 4)).toBeNull();
    expect(source.status).toMatchObject({ live: false, reason: 'file-missing' });
    expect(source.status?.since).toBeGreaterThanOrEqual(before);
    await writeFrameFileAtomically(path, blankFrame(40, 30));
    expect(size(await frameWithin(source, 2_000))).toBe('40x30');
    expect(statuses.map((s) => s.reason)).toEqual(['file-missing', null]);
  });

  it('reports no frames once the file stops changing, since it was last written', async () => {
    const { path, source, statuses } = setup({ staleAfterMs: 200 });
    await writeFrameFileAtomically(path, blankFrame(40, 30));
    const writtenAt = statSync(path).mtimeMs;
    expect(await frameWithin(source, 2_000)).not.toBeNull();
    expect(await frameWithin(source, 400)).toBeNull();
    expect(source.status).toMatchObject({ live: false, reason: 'no-frames' });
    expect(Math.abs((source.status?.since ?? 0) - writtenAt)).toBeLessThan(2);
    await writeFrameFileAtomically(path, blankFrame(40, 30));
    expect(await frameWithin(source, 2_000)).not.toBeNull();
    expect(statuses.map((s) => s.reason)).toEqual([null, 'no-frames', null]);
  });

  it('never yields a file left from before (a capture process that is gone), and says no frames', async () => {
    const { path, source } = setup({ staleAfterMs: 200 });
    await writeFrameFileAtomically(path, blankFrame(40, 30));
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(path, hourAgo, hourAgo);
    expect(await frameWithin(source, 400)).toBeNull();
    expect(source.status).toMatchObject({ live: false, reason: 'no-frames' });
    // Live again, then an old picture put back: still not what the camera sees now.
    await writeFrameFileAtomically(path, blankFrame(50, 20));
    expect(size(await frameWithin(source, 2_000))).toBe('50x20');
    await writeFrameFileAtomically(path, blankFrame(40, 30));
    utimesSync(path, hourAgo, hourAgo);
    expect(await frameWithin(source, 400)).toBeNull();
    expect(source.status).toMatchObject({ live: false, reason: 'no-frames' });
  });

  it('reports bad frames when the file changes but never decodes', async () => {
    const { path, source } = setup({ staleAfterMs: 200 });
    writeFileSync(path, 'not an image at all');
    expect(await frameWithin(source, 400)).toBeNull();
    expect(source.status).toMatchObject({ live: false, reason: 'bad-frames' });
    await writeFrameFileAtomically(path, blankFrame(40, 30));
    expect(size(await frameWithin(source, 2_000))).toBe('40x30');
    expect(source.status).toMatchObject({ live: true, reason: null });
  });
});

describe('a camera scanner on a still file', () => {
  function cameraOn(path: string, staleAfterMs = 60_000) {
    const camera = new CameraScanner({ frames: new StillFileFrameSource({ path, pollMs: POLL_MS, staleAfterMs }) });
    cleanups.push(() => camera.stop());
    return { camera, events: record(camera) };
  }

  it('is starting, then offline while the file is missing, then reads a code once it is written, torn write first', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const path = join(dir, 'camera.png');
    const { camera, events } = cameraOn(path);
    const missing = events.nextState('disconnected');
    await camera.start();
    expect(camera.state).toBe('starting');
    expect(await missing).toBe('file-missing');

    const png = encodeFramePng(qrFrame(`CITA:${REFERENCE}`));
    writeFileSync(path, png.subarray(0, png.length - 100));
    const scan = events.nextScan();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 4));
    writeFileSync(path, png);
    expect(await scan).toMatchObject({ origin: 'camera', payload: { kind: 'appointment-code', value: REFERENCE } });
    expect(camera.state).toBe('connected');
    expect(events.states).toEqual(['starting', 'disconnected', 'connected']);
    expect(events.rejections).toEqual([]);
  });

  it('goes offline with no-frames when the capture stops, and back when it resumes', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const path = join(dir, 'camera.png');
    await writeFrameFileAtomically(path, blankFrame());
    const { camera, events } = cameraOn(path, 250);
    const stale = events.nextState('disconnected');
    await camera.start();
    await vi.waitFor(() => expect(camera.state).toBe('connected'), { timeout: 2_000, interval: 10 });
    expect(await stale).toBe('no-frames');
    const back = events.nextState('connected');
    await writeFrameFileAtomically(path, blankFrame());
    await back;
    await camera.stop();
    expect(events.states).toEqual(['starting', 'connected', 'disconnected', 'connected', 'stopped']);
  });

  it.skipIf(BLACKBOX_SET === null)("reads a real photograph the capture process wrote (someone else's code: passed on as unknown)", async () => {
    const blackbox = BLACKBOX_SET ?? '';
    const photo = readdirSync(blackbox).filter((f) => f.endsWith('.png')).sort()[0] ?? '';
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const path = join(dir, 'camera.png');
    const { camera, events } = cameraOn(path);
    await camera.start();
    const scan = events.nextScan();
    await writeFrameFileAtomically(path, readFileSync(join(blackbox, photo)));
    const { payload } = await scan;
    expect(payload).toMatchObject({ kind: 'unknown', value: readFileSync(join(blackbox, photo.replace(/\.png$/, '.txt')), 'utf8').trim() });
  });
});
