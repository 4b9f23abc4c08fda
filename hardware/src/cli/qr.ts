import { readFile } from 'node:fs/promises';
import { decodeQrFrame, DEFAULT_ATTEMPTS } from '../scanner/qr-decode.js';
import { frameFromImageBytes } from '../scanner/image-frame.js';

/**
 * `npm run -s qr -- [--naive] FILE...`: decodes the QR code in each image and prints one JSON line
 * per file: `{"file","text","ms"}` (text null when no code was found; ms is the QR decoding time,
 * without reading and unpacking the file). PNG is decoded; JPEG and GIF are recognised but no
 * decoder for them is installed, so their line has text null and an "error" saying so.
 * `--naive` uses one attempt only (hybrid binarizer, upright), @zxing/library as usually called.
 */

interface Line {
  readonly file: string;
  readonly text: string | null;
  readonly ms: number | null;
  readonly error?: string;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

async function decodeFile(file: string, naive: boolean): Promise<Line> {
  try {
    const frame = frameFromImageBytes(await readFile(file));
    const started = performance.now();
    const result = decodeQrFrame(frame, naive ? { attempts: DEFAULT_ATTEMPTS.slice(0, 1) } : {});
    return { file, text: result?.text ?? null, ms: round(performance.now() - started) };
  } catch (error) {
    return { file, text: null, ms: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function main(args: readonly string[]): Promise<number> {
  const naive = args.includes('--naive');
  const files = args.filter((a) => a !== '--naive');
  if (files.length === 0 || files.some((f) => f.startsWith('--'))) {
    console.error('usage: npm run -s qr -- [--naive] FILE...');
    return 2;
  }
  for (const file of files) process.stdout.write(`${JSON.stringify(await decodeFile(file, naive))}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
