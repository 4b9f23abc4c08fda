import { describe, expect, it, vi } from 'vitest';
import { scannerSettingsFromEnv } from '../../src/agent/scanner/scanner-settings.js';
import { startScanner } from '../../src/agent/scanner/scanner-service.js';

describe('KIOSK_SCANNER', () => {
  it.each([
    [{}, { kind: 'off' }],
    [{ KIOSK_SCANNER: '' }, { kind: 'off' }],
    [{ KIOSK_SCANNER: 'off' }, { kind: 'off' }],
    [{ KIOSK_SCANNER: 'serial:/dev/ttyACM0' }, { kind: 'serial', path: '/dev/ttyACM0', baudRate: null }],
    [{ KIOSK_SCANNER: 'serial:/dev/ttyS1@115200' }, { kind: 'serial', path: '/dev/ttyS1', baudRate: 115200 }],
    // What `npm run sim -- scanner` tells the kiosk; KIOSK_SCANNER wins when both are set.
    [{ SCANNER_PATH: '/tmp/ttyScanner' }, { kind: 'serial', path: '/tmp/ttyScanner', baudRate: null }],
    [{ SCANNER_PATH: '/tmp/ttyScanner', KIOSK_SCANNER: 'off' }, { kind: 'off' }],
    // A camera: the still image its capture process keeps overwriting (ffmpeg ... -update 1).
    [{ KIOSK_SCANNER: 'camera-file:/run/kiosk/camera.png' }, { kind: 'camera-file', path: '/run/kiosk/camera.png' }],
    [{ KIOSK_SCANNER: ' camera-file:/run/kiosk/Frame.PNG ' }, { kind: 'camera-file', path: '/run/kiosk/Frame.PNG' }],
    [{ SCANNER_PATH: '/tmp/ttyScanner', KIOSK_SCANNER: 'camera-file:/tmp/cam.png' }, { kind: 'camera-file', path: '/tmp/cam.png' }],
  ])('%j reads as %j', (env, expected) => {
    expect(scannerSettingsFromEnv(env)).toEqual(expected);
  });

  it.each([['usb'], ['serial:'], ['serial:ttyACM0'], ['serial:/dev/ttyACM0@fast'], ['serial:/dev/ttyACM0@9'], ['camera:0'], ['camera-file']])(
    'refuses %s with a message naming the setting',
    (value) => {
      expect(() => scannerSettingsFromEnv({ KIOSK_SCANNER: value })).toThrow(/KIOSK_SCANNER/);
    },
  );

  it.each([
    ['camera-file:', /absolute path/],
    ['camera-file:camera.png', /absolute path/],
    ['camera-file:./run/camera.png', /absolute path/],
    ['camera-file:/run/kiosk/../camera.png', /"\." or "\.\." segments/],
    ['camera-file:/run/kiosk/camera.jpg', /\.png file \(only PNG frames are decoded/],
    ['camera-file:/dev/video0', /\.png file/],
    ['camera-file:/run/kiosk/', /\.png file/],
    ['camera-file:/.png', /\.png file/],
  ])('refuses %s clearly at start-up', (value, because) => {
    expect(() => scannerSettingsFromEnv({ KIOSK_SCANNER: value })).toThrow(because);
    expect(() => scannerSettingsFromEnv({ KIOSK_SCANNER: value })).toThrow(/KIOSK_SCANNER camera-file/);
  });
});

describe('a kiosk without a scanner', () => {
  it('reports it offline, not configured', async () => {
    const scanner = await startScanner({ kind: 'off' }, () => {});
    expect(scanner.health()).toMatchObject({ state: 'offline', reason: 'not-configured' });
    await scanner.close();
  });
});

describe('a camera whose capture file is absent', () => {
  it('starts anyway, a warning while starting, then offline with file-missing', async () => {
    const lines: string[] = [];
    const scanner = await startScanner({ kind: 'camera-file', path: '/nonexistent/camera.png', pollMs: 20 }, (message, fields) =>
      lines.push(JSON.stringify({ message, ...fields })),
    );
    try {
      await vi.waitFor(() => expect(scanner.health()).toMatchObject({ state: 'offline', reason: 'file-missing' }), { timeout: 2_000, interval: 10 });
      expect(lines.some((line) => line.includes('file-missing'))).toBe(true);
    } finally {
      await scanner.close();
    }
  });
});

describe('a serial scanner whose device is absent', () => {
  it('starts anyway and reports it offline with open-failed, not an error', async () => {
    const lines: string[] = [];
    const scanner = await startScanner({ kind: 'serial', path: '/nonexistent/ttyScanner', baudRate: null, reopenMaxMs: 100 }, (message, fields) =>
      lines.push(JSON.stringify({ message, ...fields })),
    );
    try {
      expect(scanner.health()).toMatchObject({ state: 'offline', reason: 'open-failed' });
      expect(lines.some((line) => line.includes('open-failed'))).toBe(true);
    } finally {
      await scanner.close();
    }
  });
});
