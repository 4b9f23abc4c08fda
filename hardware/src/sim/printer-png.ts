import { PNG } from 'pngjs';
import { printableDots, type PrinterProfile } from '../printer/profile.js';
import { Bitmap, drawGlyph, drawQr, drawRaster, qrModules } from './printer-bitmap.js';
import { GLYPH_HEIGHT, GLYPH_WIDTH } from '../printer/bitmap-font.js';
import type { PaperLine } from './paper.js';

/**
 * Draws what the emulator printed as the paper would look: a PNG `printableDots(profile)` wide
 * (576 dots for 80 mm at 203 dpi), one pixel per dot, Font A cells of 12x24 dots.
 */

export const PNG_LAYOUT = {
  /** Dots between text lines (ESC 2 default spacing is about 30 dots for a 24-dot font). */
  lineGapDots: 6,
  /** White dots above the first line and below the last, so the image does not start at the cut. */
  marginDots: 12,
  /** Height of the note drawn for an image the emulator cannot draw. */
  placeholderRows: 1,
} as const;

type Align = 'left' | 'center' | 'right';

function alignedX(align: Align, contentWidth: number, paperWidth: number): number {
  if (align === 'center') return Math.max(0, Math.floor((paperWidth - contentWidth) / 2));
  if (align === 'right') return Math.max(0, paperWidth - contentWidth);
  return 0;
}

/** Draws a text line; text wider than the paper wraps onto the next line, as on a printer. */
function drawText(
  bitmap: Bitmap,
  y: number,
  text: string,
  style: { align: Align; bold: boolean; widthMultiplier: number; heightMultiplier: number },
): number {
  const cellWidth = GLYPH_WIDTH * style.widthMultiplier;
  const lineHeight = GLYPH_HEIGHT * style.heightMultiplier + PNG_LAYOUT.lineGapDots;
  const perLine = Math.max(1, Math.floor(bitmap.width / cellWidth));
  const chars = [...text];
  let top = y;
  for (let start = 0; start < Math.max(1, chars.length); start += perLine) {
    const chunk = chars.slice(start, start + perLine);
    const x0 = alignedX(style.align, chunk.length * cellWidth, bitmap.width);
    chunk.forEach((char, i) => drawGlyph(bitmap, char, x0 + i * cellWidth, top, style));
    top += lineHeight;
  }
  bitmap.extendTo(top);
  return top;
}

function drawLine(bitmap: Bitmap, y: number, line: PaperLine): number {
  switch (line.kind) {
    case 'text':
      return drawText(bitmap, y, line.text, line);
    case 'qr': {
      const modules = qrModules(Buffer.from(line.payload, 'latin1'), line.errorLevel);
      const moduleSize = Math.max(1, line.moduleSize);
      const side = modules.size * moduleSize;
      drawQr(bitmap, modules, alignedX(line.align, side, bitmap.width), y, moduleSize);
      bitmap.extendTo(y + side);
      return y + side;
    }
    case 'image': {
      if (line.raster === undefined) {
        return drawText(bitmap, y, `[${line.command} image, ${line.bytes} bytes]`, { align: 'center', bold: false, widthMultiplier: 1, heightMultiplier: PNG_LAYOUT.placeholderRows });
      }
      const width = line.raster.widthBytes * 8 * line.raster.scaleX;
      const height = line.raster.height * line.raster.scaleY;
      drawRaster(bitmap, line.raster, alignedX(line.align, width, bitmap.width), y);
      bitmap.extendTo(y + height);
      return y + height;
    }
    case 'barcode':
      // 1-D barcodes are shown by their human-readable text only (no receipt of ours prints one).
      return drawText(bitmap, y, `|||| ${line.data} ||||`, { align: line.align, bold: false, widthMultiplier: 1, heightMultiplier: 1 });
  }
}

/** The paper as a 1-bit bitmap, `widthDots` wide. */
export function renderPaperBitmap(lines: readonly PaperLine[], widthDots: number): Bitmap {
  const bitmap = new Bitmap(widthDots);
  let y: number = PNG_LAYOUT.marginDots;
  bitmap.extendTo(y);
  for (const line of lines) y = drawLine(bitmap, y, line);
  bitmap.extendTo(y + PNG_LAYOUT.marginDots);
  return bitmap;
}

/** Encodes a bitmap as an 8-bit greyscale PNG (black dots on white paper). */
export function encodeBitmapPng(bitmap: Bitmap): Buffer {
  const png = new PNG({ width: bitmap.width, height: bitmap.height, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  const grey = Buffer.alloc(bitmap.width * bitmap.height, 0xff);
  for (let y = 0; y < bitmap.height; y += 1) {
    for (let x = 0; x < bitmap.width; x += 1) if (bitmap.isBlack(x, y)) grey[y * bitmap.width + x] = 0;
  }
  png.data = grey;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
}

/** The printed paper as PNG bytes, at the profile's width and one pixel per dot. */
export function renderPaperPng(lines: readonly PaperLine[], profile: Pick<PrinterProfile, 'columns'>): Buffer {
  return encodeBitmapPng(renderPaperBitmap(lines, printableDots(profile)));
}
