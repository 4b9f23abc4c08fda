import { ARABIC_BASELINE, ARABIC_GLYPH_HEIGHT, arabicGlyph } from './arabic-font.js';
import { shapeArabic, visualOrder } from './arabic-shaping.js';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows, LATIN_BASELINE } from './bitmap-font.js';

/**
 * Text the printer's code page cannot carry (Arabic), drawn into a raster image to send with
 * `GS v 0`: shaped, wrapped to the paper width in dots, put in visual order, and aligned to the
 * start of a right-to-left line. Latin letters and digits inside it use the receipt font.
 */

export const RASTER_TEXT_LAYOUT = {
  /** Dots between raster text lines. */
  lineGapDots: 4,
} as const;

export interface RasterTextOptions {
  readonly align: 'start' | 'center';
  /** Double width and height (a `large` block). */
  readonly large?: boolean;
  /** Double strike, as the printer does for emphasis. */
  readonly bold?: boolean;
}

/** A 1-bit image in `GS v 0` layout: rows of `widthBytes` bytes, top bit leftmost, 1 = black. */
export interface TextRaster {
  readonly widthBytes: number;
  readonly height: number;
  readonly data: Buffer;
}

interface Glyph {
  readonly width: number;
  readonly rows: readonly number[];
  /** Rows from the top of the line to the glyph's first row. */
  readonly top: number;
}

const MISSING_BOX = { width: GLYPH_WIDTH, rows: Array.from({ length: GLYPH_HEIGHT }, (_, y) => (y < 4 || y > 20 ? 0 : y === 4 || y === 20 ? 0x7fc : 0x404)) };

function glyphOf(char: string): Glyph {
  const cp = char.codePointAt(0) ?? 0;
  const arabic = arabicGlyph(cp);
  if (arabic !== undefined) return { ...arabic, top: 0 };
  const latinTop = ARABIC_BASELINE - LATIN_BASELINE;
  const rows = glyphRows(cp);
  return rows === undefined ? { ...MISSING_BOX, top: latinTop } : { width: GLYPH_WIDTH, rows, top: latinTop };
}

const widthOf = (text: string): number => [...text].reduce((sum, char) => sum + glyphOf(char).width, 0);

/** Greedy word wrap by width in dots (words longer than a line are cut). Works on shaped text. */
function wrapByWidth(text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (widthOf(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    let rest = [...word];
    while (widthOf(rest.join('')) > maxWidth) {
      let take = rest.length - 1;
      while (take > 1 && widthOf(rest.slice(0, take).join('')) > maxWidth) take -= 1;
      lines.push(rest.slice(0, take).join(''));
      rest = rest.slice(take);
    }
    line = rest.join('');
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Draws `text` (a paragraph; it may mix Arabic and Latin) `widthDots` wide. */
export function rasterizeText(text: string, widthDots: number, options: RasterTextOptions): TextRaster {
  const scale = options.large === true ? 2 : 1;
  const widthBytes = Math.ceil(widthDots / 8);
  const lineHeight = (ARABIC_GLYPH_HEIGHT + RASTER_TEXT_LAYOUT.lineGapDots) * scale;
  const lines = wrapByWidth(shapeArabic(text), Math.floor(widthDots / scale));
  const data = Buffer.alloc(widthBytes * lineHeight * lines.length);
  const setDot = (x: number, y: number): void => {
    if (x < 0 || x >= widthDots) return;
    const index = y * widthBytes + (x >> 3);
    data[index] = (data[index] ?? 0) | (0x80 >> (x & 7));
  };
  lines.forEach((logical, lineIndex) => {
    const drawn = visualOrder(logical);
    const width = widthOf(drawn) * scale;
    // A right-to-left line starts at the right edge.
    let x = options.align === 'center' ? Math.floor((widthDots - width) / 2) : widthDots - width;
    for (const char of drawn) {
      const glyph = glyphOf(char);
      glyph.rows.forEach((row, gy) => {
        const inked = options.bold === true ? row | (row >> 1) : row;
        for (let gx = 0; gx < glyph.width; gx += 1) {
          if (((inked >> (glyph.width - 1 - gx)) & 1) === 0) continue;
          for (let dy = 0; dy < scale; dy += 1) {
            for (let dx = 0; dx < scale; dx += 1) setDot(x + gx * scale + dx, lineIndex * lineHeight + (glyph.top + gy) * scale + dy);
          }
        }
      });
      x += glyph.width * scale;
    }
  });
  return { widthBytes, height: lineHeight * lines.length, data };
}

/** `GS v 0 0 xL xH yL yH d...`: print a raster image at normal density. */
export function rasterImageCommand(image: TextRaster): Buffer {
  const header = Buffer.from([0x1d, 0x76, 0x30, 0x00, image.widthBytes & 0xff, image.widthBytes >> 8, image.height & 0xff, image.height >> 8]);
  return Buffer.concat([header, image.data]);
}
