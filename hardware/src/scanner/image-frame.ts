import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { luminanceFromRgba, type LuminanceFrame } from './luminance.js';

/**
 * Image bytes as a camera frame. PNG is decoded with pngjs. JPEG and GIF are recognised but not
 * decoded: no pure-JavaScript decoder for them is installed in this workspace, so they fail with
 * UnsupportedImageError, which says so, rather than with a confusing parse error.
 */

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'unknown';

export class UnsupportedImageError extends Error {
  constructor(readonly format: ImageFormat) {
    super(
      format === 'unknown'
        ? 'not an image format we recognise (PNG, JPEG or GIF)'
        : `${format.toUpperCase()} is not supported: no ${format.toUpperCase()} decoder is installed (only PNG is decoded)`,
    );
  }
}

export function sniffImageFormat(bytes: Uint8Array): ImageFormat {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x38) return 'gif';
  return 'unknown';
}

/**
 * Decodes image bytes to a luminance frame. Throws UnsupportedImageError for JPEG, GIF and others,
 * and pngjs's error for a damaged or cut-off PNG.
 */
export function frameFromImageBytes(bytes: Buffer): LuminanceFrame {
  const format = sniffImageFormat(bytes);
  if (format !== 'png') throw new UnsupportedImageError(format);
  const png = PNG.sync.read(bytes);
  return luminanceFromRgba(png.data, png.width, png.height);
}

/** Reads and decodes one image file (synchronously: for command-line tools). */
export const readImageFrame = (path: string): LuminanceFrame => frameFromImageBytes(readFileSync(path));
