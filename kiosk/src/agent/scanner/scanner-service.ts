import { CameraScanner, SerialScanner, StillFileFrameSource, scannerHealth, type ScanSource } from '@kiosk/hardware';
import type { DeviceHealth, KioskEventData } from '@kiosk/shared';
import type { Log } from '../log.js';
import type { ScannerSettings } from './scanner-settings.js';

export type ScannedCode = KioskEventData<'scanner.scanned'>;

export interface ScannerService {
  /** For devices.health and heartbeats: ok, warning while starting, offline with the reason. */
  health(): DeviceHealth;
  /** Every accepted scan, already classified (payload.ts); returns a function that stops listening. */
  onScan(listener: (scan: ScannedCode) => void): () => void;
  close(): Promise<void>;
}

export interface ScannerServiceOptions {
  /** Tests: a source other than the serial port or camera file the settings name. */
  readonly createSource?: (settings: ScannerDevice) => ScanSource;
  readonly now?: () => Date;
}

/** The settings of a scanner that is configured (not off). */
export type ScannerDevice = Exclude<ScannerSettings, { kind: 'off' }>;

/**
 * The hardware source the settings name: a serial scanner, or a camera whose capture process
 * keeps overwriting a PNG (decoded on a worker; health follows the file: missing, no new frames).
 */
export function scanSourceFor(settings: ScannerDevice): ScanSource {
  if (settings.kind === 'camera-file') {
    return new CameraScanner({
      frames: new StillFileFrameSource({
        path: settings.path,
        ...(settings.pollMs === undefined ? {} : { pollMs: settings.pollMs }),
        ...(settings.staleAfterMs === undefined ? {} : { staleAfterMs: settings.staleAfterMs }),
      }),
    });
  }
  return new SerialScanner({
    path: settings.path,
    ...(settings.baudRate === null ? {} : { baudRate: settings.baudRate }),
    ...(settings.reopenMaxMs === undefined ? {} : { reopenInitialMs: Math.min(200, settings.reopenMaxMs), reopenMaxMs: settings.reopenMaxMs }),
  });
}

/**
 * Opens the configured scanner through the hardware layer and keeps its health. The source itself
 * reconnects after an unplug; this only follows its state. Scans are handed on as {kind, value};
 * the log gets the kind, never the value (a reference, or whatever someone else's QR code holds).
 */
export async function startScanner(settings: ScannerSettings, log: Log, options: ScannerServiceOptions = {}): Promise<ScannerService> {
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(scan: ScannedCode) => void>();
  const onScan = (listener: (scan: ScannedCode) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  if (settings.kind === 'off') {
    const off: DeviceHealth = { state: 'offline', reason: 'not-configured', since: now().toISOString() };
    return { health: () => off, onScan, close: async () => undefined };
  }

  const source = (options.createSource ?? scanSourceFor)(settings);
  let health = scannerHealth(source.state, null, now());
  const unlisten = source.listen({
    // `since` from the source when it knows better (a camera with no frames: since the last one).
    state: (state, reason, since) => {
      health = scannerHealth(state, reason, since === undefined ? now() : new Date(since));
      log('scanner state', { state, reason });
    },
    scan: ({ origin, payload }) => {
      log('scanner read', { origin, kind: payload.kind });
      const scan: ScannedCode = { kind: payload.kind, value: payload.value };
      for (const listener of listeners) {
        // A failing listener (a closed socket) must not stop the others or the scanner.
        try {
          listener(scan);
        } catch (error) {
          log('scanner listener failed', { error: (error as Error).message });
        }
      }
    },
    rejected: ({ origin, reason, length }) => log('scanner read refused', { origin, reason, length }),
  });
  await source.start();
  return {
    health: () => health,
    onScan,
    async close() {
      listeners.clear();
      await source.stop();
      unlisten();
    },
  };
}
