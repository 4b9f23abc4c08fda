import {
  BinaryBitmap,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  InvertedLuminanceSource,
  QRCodeReader,
  RGBLuminanceSource,
  type Binarizer,
  type LuminanceSource,
} from '@zxing/library';
import { assertFrameShape, downscaleByTwo, rotateFrame, type LuminanceFrame, type QuarterTurns } from './luminance.js';

/**
 * QR decoding of one luminance frame with @zxing/library's core (no DOM). One attempt rarely
 * suffices on photographs, so the decoder walks a list of attempts, cheapest first, and stops at the
 * first success. Each attempt is named so the benchmark can say which choices earn their time.
 */

export type BinarizerName = 'hybrid' | 'global';

export interface DecodeAttempt {
  readonly binarizer: BinarizerName;
  /** How many times the frame is halved first (0 = full size). */
  readonly halvings: number;
  readonly turns: QuarterTurns;
  /** Light modules on a dark background (some screens and stickers). */
  readonly inverted: boolean;
}

export const attemptName = (a: DecodeAttempt): string =>
  `${a.binarizer}/${a.halvings === 0 ? 'full' : `half${a.halvings}`}/r${a.turns * 90}${a.inverted ? '/inv' : ''}`;

const attempt = (binarizer: BinarizerName, halvings: number, turns: QuarterTurns = 0, inverted = false): DecodeAttempt =>
  ({ binarizer, halvings, turns, inverted });

/**
 * The default ladder, measured on the 716 blackbox tries by `cli/qr-bench.ts` (each attempt alone:
 * hybrid full size 613 at any turn; global histogram full size 559; hybrid halved 282; global
 * halved 257 plus 4 misreads; hybrid quartered 38). The hybrid binarizer first; then the global
 * one at each quarter turn, which adds 51 (low-contrast and unevenly lit photographs): 664 of 716
 * (92.7%), no misread, about 0.8 ms median per image. Hybrid at the other turns (the "rotate on
 * failure" retry) found nothing more here but is cheap and kept for skewed codes outside the set.
 * Halving added nothing, and the global binarizer on a halved frame misread a photograph, so
 * neither is in the ladder.
 */
export const DEFAULT_ATTEMPTS: readonly DecodeAttempt[] = [
  attempt('hybrid', 0),
  attempt('global', 0),
  attempt('global', 0, 3),
  attempt('global', 0, 2),
  attempt('global', 0, 1),
  attempt('hybrid', 0, 1),
  attempt('hybrid', 0, 2),
  attempt('hybrid', 0, 3),
];

/** Frames smaller than this on either side are not halved: modules would merge. */
export const MIN_SIDE_TO_HALVE = 160;

export interface QrDecodeOptions {
  readonly attempts?: readonly DecodeAttempt[];
  /** ZXing's TRY_HARDER hint: slower, finds more codes in photographs. */
  readonly tryHarder?: boolean;
}

export interface QrDecodeResult {
  readonly text: string;
  /** Which attempt succeeded (for the benchmark and logs; never the text itself). */
  readonly attempt: string;
  /** The AIM symbology identifier, e.g. `]Q1`, when the decoder reports one. */
  readonly symbology: string | null;
}

function binarizerFor(name: BinarizerName, source: LuminanceSource): Binarizer {
  return name === 'hybrid' ? new HybridBinarizer(source) : new GlobalHistogramBinarizer(source);
}

function scaled(frame: LuminanceFrame, halvings: number, cache: Map<number, LuminanceFrame | null>): LuminanceFrame | null {
  const cached = cache.get(halvings);
  if (cached !== undefined) return cached;
  let current: LuminanceFrame | null = frame;
  for (let i = 0; i < halvings && current !== null; i += 1) {
    current = Math.min(current.width, current.height) < MIN_SIDE_TO_HALVE ? null : downscaleByTwo(current);
  }
  cache.set(halvings, current);
  return current;
}

function symbologyOf(result: { getResultMetadata(): Map<unknown, unknown> | null }): string | null {
  // ResultMetadataType.SYMBOLOGY_IDENTIFIER is not exported by every release; match on the value.
  const metadata = result.getResultMetadata();
  if (metadata === null) return null;
  for (const value of metadata.values()) {
    if (typeof value === 'string' && /^\][A-Za-z]\d$/.test(value)) return value;
  }
  return null;
}

/** Decodes the first QR code found in `frame`, or returns null. Throws only on a malformed frame. */
export function decodeQrFrame(frame: LuminanceFrame, options: QrDecodeOptions = {}): QrDecodeResult | null {
  assertFrameShape(frame);
  const hints = new Map<DecodeHintType, unknown>();
  if (options.tryHarder ?? true) hints.set(DecodeHintType.TRY_HARDER, true);
  const reader = new QRCodeReader();
  const sizes = new Map<number, LuminanceFrame | null>();
  for (const step of options.attempts ?? DEFAULT_ATTEMPTS) {
    const base = scaled(frame, step.halvings, sizes);
    if (base === null) continue;
    const turned = rotateFrame(base, step.turns);
    let source: LuminanceSource = new RGBLuminanceSource(turned.data, turned.width, turned.height);
    if (step.inverted) source = new InvertedLuminanceSource(source);
    try {
      const result = reader.decode(new BinaryBitmap(binarizerFor(step.binarizer, source)), hints);
      return { text: result.getText(), attempt: attemptName(step), symbology: symbologyOf(result) };
    } catch {
      // NotFound / Checksum / Format: this attempt saw no readable code; the next one may.
      reader.reset();
    }
  }
  return null;
}
