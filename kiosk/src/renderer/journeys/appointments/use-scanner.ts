import { useEffect, useRef } from 'react';
import { useKioskClient } from '../../bridge/client-context';
import { checkInPayloadFor } from './scanned-code';

/** Longest pause between two characters of one scan: people type slower, scanners much faster. */
export const SCAN_KEY_GAP_MS = 60;
const MIN_SCAN_LENGTH = 6;

/**
 * A keyboard-wedge QR reader "types" what it read and presses Enter. While `active`, characters
 * that arrive in a fast burst outside any text field are collected and handed to `onScan` on
 * Enter. Nothing is kept after that: the code goes to the journey and the buffer is cleared.
 */
export function useScanner(active: boolean, onScan: (payload: string) => void): void {
  const buffer = useRef('');
  const last = useRef(0);
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    if (!active) return undefined;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      const now = event.timeStamp;
      if (now - last.current > SCAN_KEY_GAP_MS) buffer.current = '';
      last.current = now;
      if (event.key === 'Enter') {
        const payload = buffer.current;
        buffer.current = '';
        if (payload.length >= MIN_SCAN_LENGTH) handler.current(payload);
      } else if (event.key.length === 1) {
        buffer.current += event.key;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}

/**
 * A scanner the agent owns (serial or camera) pushes 'scanner.scanned'; while the check-in screen
 * is shown, each code for check-in goes to `onScan` (see checkInPayloadFor), others are dropped.
 */
export function useAgentScanner(onScan: (payload: string) => void): void {
  const client = useKioskClient();
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(
    () =>
      client.on('scanner.scanned', (scan) => {
        const payload = checkInPayloadFor(scan);
        if (payload !== null) handler.current(payload);
      }),
    [client],
  );
}
