import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startPtyPair, typeScan, type PtyPair, type ScanSuffix, type TypeScanOptions } from './scanner-pty.js';

/**
 * `npm run sim -- scanner [--link /tmp/ttyScanner] [--feed PATH] [--type TEXT] [--suffix crlf|cr|lf|none] [--aim]`
 *
 * The kiosk opens `--link` as its scanner port (SCANNER_PATH); scans are typed into the other end
 * of the pty pair, `--feed` (default `<link>.feed`). When a pair for that link is already running,
 * `--type TEXT` types one scan into it and exits; otherwise the pair is started, TEXT (if given)
 * is typed once, and every line read from stdin is typed as a scan until Ctrl-C (an unplug).
 */

export const DEFAULT_SCANNER_LINK = '/tmp/ttyScanner';
export const SCANNER_USAGE =
  'sim scanner [--link /tmp/ttyScanner] [--feed <link>.feed] [--type TEXT] [--suffix crlf|cr|lf|none] [--aim]';

export class ScannerUsageError extends Error {}

const SUFFIXES: Readonly<Record<string, ScanSuffix>> = { crlf: '\r\n', cr: '\r', lf: '\n', none: '' };

interface ScannerArgs {
  readonly link: string;
  readonly feed: string;
  readonly text: string | null;
  readonly suffix: ScanSuffix;
  readonly aimPrefix: string;
}

export function parseScannerArgs(args: readonly string[]): ScannerArgs {
  const values = new Map<string, string>();
  let aim = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--aim') {
      aim = true;
      continue;
    }
    if (!['--link', '--feed', '--type', '--suffix'].includes(arg)) throw new ScannerUsageError(`unexpected argument: ${arg}`);
    const value = args[i + 1];
    if (value === undefined) throw new ScannerUsageError(`${arg} needs a value`);
    values.set(arg.slice(2), value);
    i += 1;
  }
  const suffixName = values.get('suffix') ?? 'crlf';
  const suffix = SUFFIXES[suffixName];
  if (suffix === undefined) throw new ScannerUsageError(`--suffix takes ${Object.keys(SUFFIXES).join('|')}`);
  const link = values.get('link') ?? DEFAULT_SCANNER_LINK;
  return { link, feed: values.get('feed') ?? `${link}.feed`, text: values.get('type') ?? null, suffix, aimPrefix: aim ? ']Q1' : '' };
}

/**
 * Every line read from `input` is typed into `pair` as one scan (`skipBlank`: empty lines are not,
 * and lines are trimmed). Only the length is printed: a scan may carry personal data, which never
 * goes to logs. Returns a function that stops reading.
 */
export function typeLineScans(input: NodeJS.ReadableStream, pair: Pick<PtyPair, 'type'>, options: TypeScanOptions & { readonly skipBlank?: boolean; readonly label?: string } = {}): () => void {
  const { skipBlank = false, label = '', ...typeOptions } = options;
  const lines = createInterface({ input });
  lines.on('line', (line) => {
    const text = skipBlank ? line.trim() : line;
    if (skipBlank && text === '') return;
    pair.type(text, typeOptions).then(
      () => console.log(`${label}sent a scan of ${text.length} characters`),
      (error: unknown) => console.error(`${label}could not send${skipBlank ? ' the scan' : ''}: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  return () => lines.close();
}

/** The `scanner` subcommand of sim/cli.ts; a usage mistake prints the usage and exits with 2. */
export async function runScanner(args: readonly string[]): Promise<void> {
  let options: ScannerArgs;
  try {
    options = parseScannerArgs(args);
  } catch (error) {
    if (!(error instanceof ScannerUsageError)) throw error;
    console.error(`${error.message}\nusage: ${SCANNER_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const typeOptions = { suffix: options.suffix, aimPrefix: options.aimPrefix };
  if (options.text !== null && existsSync(options.feed)) {
    await typeScan(options.feed, options.text, typeOptions);
    console.log(`typed one scan (${options.text.length} characters) into ${options.feed}`);
    return;
  }
  const pair = await startPtyPair({ scannerLink: options.feed, kioskLink: options.link });
  console.log(`scanner pty ready: the kiosk opens ${pair.kioskLink}; scans are typed into ${pair.scannerLink}`);
  console.log('type a scan and press Enter to send it; Ctrl-C unplugs the scanner');
  if (options.text !== null) await pair.type(options.text, typeOptions);
  const stopReading = typeLineScans(process.stdin, pair, typeOptions);
  const stop = (): void => {
    stopReading();
    pair.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  void pair.exited.then((code) => {
    console.error(`socat exited (${code ?? 'signal'}): the scanner is unplugged`);
    process.exit(1);
  });
}
