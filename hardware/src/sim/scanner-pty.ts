import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * A serial QR scanner simulated on a pseudo-terminal pair made by socat: the kiosk opens one end
 * as its scanner port, and scans are typed into the other end as the bytes a real scanner sends
 * (optional AIM prefix, the text, the suffix). Killing the pair is an unplug; starting it again on
 * the same link paths is a replug.
 */

export const SOCAT_PATH = '/usr/bin/socat';
/** How long socat may take to create both links before we give up. */
export const PTY_START_TIMEOUT_MS = 5_000;

export type ScanSuffix = '\r' | '\n' | '\r\n' | '';

export interface PtyPairOptions {
  /** Link the scanner side appears at (where scans are typed). */
  readonly scannerLink: string;
  /** Link the kiosk opens as its scanner port. */
  readonly kioskLink: string;
  readonly socatPath?: string;
  readonly startTimeoutMs?: number;
}

export interface PtyPair {
  readonly scannerLink: string;
  readonly kioskLink: string;
  readonly pid: number;
  /** Types one scan into the scanner side. */
  type(text: string, options?: TypeScanOptions): Promise<void>;
  /** Kills socat: the kiosk side sees a hang-up, like an unplugged USB scanner. Resolves when it has exited. */
  close(): Promise<void>;
  /** Resolves when socat exits, for whatever reason. */
  readonly exited: Promise<number | null>;
}

export interface TypeScanOptions {
  readonly suffix?: ScanSuffix;
  /** Prefix an AIM symbology identifier, e.g. `]Q1`. */
  readonly aimPrefix?: string;
}

export class PtyStartError extends Error {}

/** Starts `socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B` and waits until it is ready. */
export async function startPtyPair(options: PtyPairOptions): Promise<PtyPair> {
  const socat = options.socatPath ?? SOCAT_PATH;
  if (!existsSync(socat)) throw new PtyStartError(`socat is not installed at ${socat} (apt-get install socat)`);
  const child = spawn(socat, ['-d', '-d', `pty,raw,echo=0,link=${options.scannerLink}`, `pty,raw,echo=0,link=${options.kioskLink}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitUntilReady(child, exited, options.startTimeoutMs ?? PTY_START_TIMEOUT_MS);
  return {
    scannerLink: options.scannerLink,
    kioskLink: options.kioskLink,
    pid: child.pid ?? -1,
    exited,
    type: (text, typeOptions) => typeScan(options.scannerLink, text, typeOptions),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function waitUntilReady(child: ChildProcess, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new PtyStartError(`socat did not start within ${timeoutMs} ms: ${log.trim()}`));
    }, timeoutMs);
    // socat -d -d announces the transfer loop once both ptys and links exist: an event, not a sleep.
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new PtyStartError(`socat exited (${code}) before it was ready: ${log.trim()}`));
    });
  });
}

/** Writes one scan (prefix + text + suffix) into a pty path, as one burst. */
export async function typeScan(path: string, text: string, options: TypeScanOptions = {}): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.write(Buffer.from(`${options.aimPrefix ?? ''}${text}${options.suffix ?? '\r\n'}`, 'utf8'));
  } finally {
    await handle.close();
  }
}

/** Writes raw bytes into a pty path (binary garbage, split bursts). */
export async function writeScannerBytes(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.write(bytes);
  } finally {
    await handle.close();
  }
}
