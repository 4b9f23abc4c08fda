import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintReference } from '@kiosk/shared';
import type { ScanEvent, ScanRejection, ScanSource, ScanSourceState } from '../../src/scanner/scan-source.js';

/** A valid reference to scan (the check character is computed, not typed in). */
export const REFERENCE = mintReference('K7QM', 330).display;

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-scanner-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Collects a source's events and lets a test await the next one of a kind: no sleeps. */
export function record(source: ScanSource): {
  scans: ScanEvent[];
  rejections: ScanRejection[];
  states: ScanSourceState[];
  nextScan: () => Promise<ScanEvent>;
  nextRejection: () => Promise<ScanRejection>;
  nextState: (wanted: ScanSourceState) => Promise<string | null>;
} {
  const scans: ScanEvent[] = [];
  const rejections: ScanRejection[] = [];
  const states: ScanSourceState[] = [];
  const scanWaiters: ((e: ScanEvent) => void)[] = [];
  const rejectionWaiters: ((r: ScanRejection) => void)[] = [];
  const stateWaiters: { wanted: ScanSourceState; resolve: (reason: string | null) => void }[] = [];
  source.listen({
    scan: (e) => {
      scans.push(e);
      scanWaiters.shift()?.(e);
    },
    rejected: (r) => {
      rejections.push(r);
      rejectionWaiters.shift()?.(r);
    },
    state: (s, reason) => {
      states.push(s);
      for (const w of stateWaiters.filter((x) => x.wanted === s)) {
        stateWaiters.splice(stateWaiters.indexOf(w), 1);
        w.resolve(reason);
      }
    },
  });
  return {
    scans,
    rejections,
    states,
    nextScan: () => new Promise((resolve) => scanWaiters.push(resolve)),
    nextRejection: () => new Promise((resolve) => rejectionWaiters.push(resolve)),
    nextState: (wanted) => new Promise((resolve) => stateWaiters.push({ wanted, resolve })),
  };
}
