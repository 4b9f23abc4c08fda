import QRCode from 'qrcode';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows } from '../printer/bitmap-font.js';
import type { RasterImage } from './escpos-commands.js';

/**
 * A 1-bit drawing surface the size of the printed paper, and the few things a thermal head
 * draws: font glyphs (scaled like `GS !`), QR modules and raster images.
 */

/** Rows are added in chunks as the paper grows, so a long receipt never reallocates per line. */
const GROW_ROWS = 512;

export class Bitmap {
  private dots: Uint8Array;
  private rows = 0;

  constructor(readonly width: number) {
    this.dots = new Uint8Array(width * GROW_ROWS);
  }

  get height(): number {
    return this.rows;
  }

  /** Makes sure rows [0, rows) exist (white). */
  extendTo(rows: number): void {
    if (rows <= this.rows) return;
    const needed = rows * this.width;
    if (needed > this.dots.length) {
      const bigger = new Uint8Array(Math.max(needed, this.dots.length * 2));
      bigger.set(this.dots);
      this.dots = bigger;
    }
    this.rows = rows;
  }

  set(x: number, y: number): void {
    if (x < 0 || x >= this.width || y < 0) return;
    this.extendTo(y + 1);
    this.dots[y * this.width + x] = 1;
  }

  isBlack(x: number, y: number): boolean {
    return this.dots[y * this.width + x] === 1;
  }

  fill(x: number, y: number, w: number, h: number): void {
    for (let dy = 0; dy < h; dy += 1) for (let dx = 0; dx < w; dx += 1) this.set(x + dx, y + dy);
  }
}

export interface GlyphStyle {
  readonly widthMultiplier: number;
  readonly heightMultiplier: number;
  readonly bold: boolean;
}

/** Draws one character; one the font lacks is drawn as an empty box, as printers do. */
export function drawGlyph(bitmap: Bitmap, char: string, x: number, y: number, style: GlyphStyle): void {
  const rows = glyphRows(char.codePointAt(0) ?? 0) ?? missingGlyph();
  const { widthMultiplier: sx, heightMultiplier: sy } = style;
  for (let gy = 0; gy < GLYPH_HEIGHT; gy += 1) {
    const row = rows[gy] ?? 0;
    // Emphasis on a thermal head is a second strike one dot to the right.
    const inked = style.bold ? row | (row >> 1) : row;
    for (let gx = 0; gx < GLYPH_WIDTH; gx += 1) {
      if ((inked >> (GLYPH_WIDTH - 1 - gx)) & 1) bitmap.fill(x + gx * sx, y + gy * sy, sx, sy);
    }
  }
}

function missingGlyph(): number[] {
  const box = 0b0111_1111_1100;
  const side = 0b0100_0000_0100;
  return Array.from({ length: GLYPH_HEIGHT }, (_, y) => (y < 4 || y > 20 ? 0 : y === 4 || y === 20 ? box : side));
}

/** The modules of the QR code a printer makes from these bytes (byte mode, as `GS ( k` stores them). */
export function qrModules(payload: Buffer, errorLevel: string): { size: number; isDark(row: number, col: number): boolean } {
  const level = ['L', 'M', 'Q', 'H'].includes(errorLevel) ? (errorLevel as 'L' | 'M' | 'Q' | 'H') : 'M';
  const symbol = QRCode.create([{ data: payload, mode: 'byte' }], { errorCorrectionLevel: level });
  return { size: symbol.modules.size, isDark: (row, col) => symbol.modules.get(row, col) === 1 };
}

export function drawQr(bitmap: Bitmap, modules: ReturnType<typeof qrModules>, x: number, y: number, moduleSize: number): void {
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.isDark(row, col)) bitmap.fill(x + col * moduleSize, y + row * moduleSize, moduleSize, moduleSize);
    }
  }
}

/** Draws a raster image dot for dot as it was sent (scaled by its mode). */
export function drawRaster(bitmap: Bitmap, image: RasterImage, x: number, y: number): void {
  for (let row = 0; row < image.height; row += 1) {
    for (let byteIndex = 0; byteIndex < image.widthBytes; byteIndex += 1) {
      const byte = image.data[row * image.widthBytes + byteIndex] ?? 0;
      for (let bit = 0; bit < 8; bit += 1) {
        if ((byte >> (7 - bit)) & 1) {
          bitmap.fill(x + (byteIndex * 8 + bit) * image.scaleX, y + row * image.scaleY, image.scaleX, image.scaleY);
        }
      }
    }
  }
}
