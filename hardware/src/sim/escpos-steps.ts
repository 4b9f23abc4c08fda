import type { EscPosCommand } from './escpos-commands.js';

/** The small shared pieces of the ESC/POS parser: a parse step, its limits, byte helpers. */

/** A parsed command, how many bytes it used now, and how many payload bytes follow to skip. */
export interface Step {
  readonly command: EscPosCommand;
  readonly consumed: number;
  readonly skip?: number;
}
/** null: not enough bytes yet. */
export type Parse = Step | null;

/** Limits that stop a malformed stream from holding the parser forever. */
export const PARSER_LIMITS = {
  /** A `GS k` type 0-6 barcode longer than this without its NUL is treated as garbage. */
  maxNulTerminatedBarcode: 255,
  /** `ESC D` holds at most 32 tab stops and a NUL. */
  maxTabStops: 33,
  /**
   * Raster images up to this size are buffered so the emulator can draw them (a full-width
   * 576-dot image 4000 dots tall is 288 KB); bigger ones are skipped unseen.
   */
  maxDrawnRasterBytes: 1024 * 1024,
} as const;

export const ignored = (name: string, consumed: number, skip = 0): Step => ({ command: { kind: 'ignored', name }, consumed, skip });

export const u16 = (b: Buffer, i: number): number => (b[i] ?? 0) + (b[i + 1] ?? 0) * 256;

