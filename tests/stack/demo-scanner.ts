import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SOCAT_PATH, startPtyPair, typeLineScans, type PtyPair } from '@kiosk/hardware/sim';

// `npm start`'s simulated serial QR scanner: a socat pty pair in the data folder. The agent opens
// `<data>/ttyScanner` (KIOSK_SCANNER=serial:...); scans are typed into `<data>/ttyScanner.feed`,
// which is where `npm run sim -- scanner --link <data>/ttyScanner --type TEXT` types when a pair
// for that link is already running. Without socat the product still runs, only without a scanner.

export interface DemoScanner {
  /** The KIOSK_SCANNER value for the agent. */
  readonly agentSetting: string;
  /** The link to pass to `npm run sim -- scanner --link`. */
  readonly link: string;
  readonly pair: PtyPair;
}

export async function startDemoScanner(dataDir: string): Promise<DemoScanner | { readonly missing: string }> {
  if (!existsSync(SOCAT_PATH)) return { missing: `socat is not installed (apt-get install socat): the kiosk runs without a scanner` };
  const link = join(dataDir, 'ttyScanner');
  const pair = await startPtyPair({ kioskLink: link, scannerLink: `${link}.feed` });
  return { agentSetting: `serial:${link}`, link, pair };
}

/** Every line typed into this terminal is held to the scanner, as a convenience for a demo at the keyboard. */
export function scanLinesFromTerminal(pair: PtyPair): () => void {
  if (!process.stdin.isTTY) return () => undefined;
  return typeLineScans(process.stdin, pair, { skipBlank: true, label: 'scanner: ' });
}
