import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attemptName, decodeQrFrame, DEFAULT_ATTEMPTS, type DecodeAttempt } from '../scanner/qr-decode.js';
import { rotateFrame, type LuminanceFrame, type QuarterTurns } from '../scanner/luminance.js';
import { readImageFrame } from '../scanner/image-frame.js';

/**
 * The QR decoding benchmark on ZXing's blackbox photographs (shared/data/qr-blackbox): every image
 * upright and turned 90/180/270 degrees (179 x 4 = 716 tries); a try counts only if the text is
 * exactly the expected one, and a different text is a misread. Compares the naive single attempt
 * with the default ladder and says which attempt found each code.
 *   node --import tsx hardware/src/cli/qr-bench.ts [--json] [DIR]
 */

export const DEFAULT_BLACKBOX_DIR = fileURLToPath(new URL('../../../../shared/data/qr-blackbox/', import.meta.url));
const TURNS: readonly QuarterTurns[] = [0, 1, 2, 3];

export interface BenchImage {
  readonly set: string;
  readonly path: string;
  readonly expected: string;
}

export interface BenchReport {
  readonly name: string;
  readonly tries: number;
  readonly decoded: number;
  readonly misreads: number;
  readonly rate: number;
  readonly medianMsPerImage: number;
  readonly bySet: Record<string, string>;
  readonly byAttempt: Record<string, number>;
  readonly misreadTries: string[];
}

export function loadBlackbox(dir: string = DEFAULT_BLACKBOX_DIR): BenchImage[] {
  return readdirSync(dir)
    .filter((d) => d.startsWith('qrcode-'))
    .sort()
    .flatMap((set) =>
      readdirSync(join(dir, set))
        .filter((f) => f.endsWith('.png'))
        .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
        .map((f) => ({ set, path: join(dir, set, f), expected: readFileSync(join(dir, set, f.replace(/\.png$/, '.txt')), 'utf8') })),
    );
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export function runBench(name: string, images: readonly BenchImage[], attempts: readonly DecodeAttempt[]): BenchReport {
  let decoded = 0;
  const misreadTries: string[] = [];
  const perImageMs: number[] = [];
  const setCounts = new Map<string, number[]>();
  const byAttempt: Record<string, number> = {};
  for (const image of images) {
    const frame: LuminanceFrame = readImageFrame(image.path);
    const counts = setCounts.get(image.set) ?? [0, 0, 0, 0, 0];
    setCounts.set(image.set, counts);
    counts[4] = (counts[4] ?? 0) + 1;
    const turned = TURNS.map((t) => rotateFrame(frame, t));
    const started = performance.now();
    turned.forEach((rotated, t) => {
      const result = decodeQrFrame(rotated, { attempts });
      if (result === null) return;
      if (result.text === image.expected) {
        decoded += 1;
        counts[t] = (counts[t] ?? 0) + 1;
        byAttempt[result.attempt] = (byAttempt[result.attempt] ?? 0) + 1;
      } else {
        misreadTries.push(`${image.set}/${image.path.split('/').at(-1) ?? ''} r${t * 90}`);
      }
    });
    perImageMs.push((performance.now() - started) / TURNS.length);
  }
  const bySet: Record<string, string> = {};
  for (const [set, c] of setCounts) bySet[set] = `${c.slice(0, 4).join('/')} of ${c[4] ?? 0} images`;
  const tries = images.length * TURNS.length;
  return {
    name,
    tries,
    decoded,
    misreads: misreadTries.length,
    rate: tries === 0 ? 0 : decoded / tries,
    medianMsPerImage: Math.round(median(perImageMs) * 1000) / 1000,
    bySet,
    byAttempt,
    misreadTries,
  };
}

function printReport(report: BenchReport): void {
  console.log(`${report.name}: ${report.decoded}/${report.tries} decoded (${(report.rate * 100).toFixed(1)}%), ${report.misreads} misreads, median ${report.medianMsPerImage} ms per image`);
  for (const [set, line] of Object.entries(report.bySet)) console.log(`  ${set}: ${line} (0/90/180/270)`);
  console.log(`  found by: ${Object.entries(report.byAttempt).map(([a, n]) => `${a} ${n}`).join(', ')}`);
  for (const miss of report.misreadTries) console.log(`  MISREAD ${miss}`);
}

function main(args: readonly string[]): void {
  const json = args.includes('--json');
  const dir = args.find((a) => !a.startsWith('--')) ?? DEFAULT_BLACKBOX_DIR;
  const images = loadBlackbox(dir);
  const reports = [
    runBench('naive (hybrid binarizer, upright, TRY_HARDER)', images, DEFAULT_ATTEMPTS.slice(0, 1)),
    runBench(`ladder (${DEFAULT_ATTEMPTS.map(attemptName).join(' > ')})`, images, DEFAULT_ATTEMPTS),
  ];
  if (json) console.log(JSON.stringify(reports));
  else reports.forEach(printReport);
  const best = reports.at(-1);
  if (best !== undefined && best.misreads > 0) process.exitCode = 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
