import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchHeadsetFile, type HeadsetSwitch } from '../../src/agent/speech/headset-switch.js';

// The fake headset jack (a file). A headset plugged in the instant after the agent starts must be
// seen: a stat-watcher would take that moment as its baseline and never report the change.

let dir = '';
let jack: HeadsetSwitch | null = null;
afterEach(() => {
  jack?.stop();
  jack = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function changes(): { seen: boolean[]; next: () => Promise<boolean>; onChange: (connected: boolean) => void } {
  const seen: boolean[] = [];
  const waiters: ((connected: boolean) => void)[] = [];
  return {
    seen,
    next: () => new Promise((resolve) => waiters.push(resolve)),
    onChange: (connected) => {
      seen.push(connected);
      waiters.shift()?.(connected);
    },
  };
}

describe('fake headset jack', () => {
  it('reports a plug made right after it starts watching, then the unplug, once each', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-headset-'));
    const file = path.join(dir, 'headset');
    fs.writeFileSync(file, 'disconnected');
    const recorder = changes();
    // A busy agent: libuv's thread pool (4 threads) is taken by slow work, so any asynchronous
    // first look at the file waits behind it, as on a loaded kiosk.
    const busy = Array.from({ length: 4 }, () => new Promise((resolve) => crypto.pbkdf2('x', 'y', 300_000, 32, 'sha256', resolve)));
    jack = watchHeadsetFile(file, recorder.onChange);
    expect(jack.connected()).toBe(false);
    const plugged = recorder.next();
    fs.writeFileSync(file, 'connected'); // synchronously after starting: the race
    expect(await plugged).toBe(true);
    await Promise.all(busy);
    expect(jack.connected()).toBe(true);
    const unplugged = recorder.next();
    fs.rmSync(file); // no file: disconnected
    expect(await unplugged).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(recorder.seen).toEqual([true, false]);
  });

  it('starts connected when the file says so, and stops polling when stopped', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-headset-'));
    const file = path.join(dir, 'headset');
    fs.writeFileSync(file, 'connected\n');
    const recorder = changes();
    jack = watchHeadsetFile(file, recorder.onChange);
    expect(jack.connected()).toBe(true);
    jack.stop();
    fs.writeFileSync(file, 'disconnected');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(recorder.seen).toEqual([]);
  });
});
