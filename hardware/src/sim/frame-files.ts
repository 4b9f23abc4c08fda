import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import type { FrameSource } from '../scanner/frame-source.js';
import { frameFromImageBytes, readImageFrame, sniffImageFormat, UnsupportedImageError, type ImageFormat } from '../scanner/image-frame.js';
import type { LuminanceFrame } from '../scanner/luminance.js';

/**
 * Image files as camera frames, for tests and the demo. The decoding itself (PNG only) lives in
 * scanner/image-frame.ts, because production's still-file camera source uses it too.
 */

export { frameFromImageBytes, readImageFrame, sniffImageFormat, UnsupportedImageError, type ImageFormat };

/** A frame source that plays image files in order (optionally forever), like a camera pointed at them. */
export function fileFrameSource(paths: readonly string[], options: { readonly loop?: boolean } = {}): FrameSource {
  let index = 0;
  return {
    async nextFrame(signal) {
      if (signal.aborted || paths.length === 0) return null;
      if (index >= paths.length) {
        if (options.loop !== true) return null;
        index = 0;
      }
      const path = paths[index++] as string;
      return frameFromImageBytes(await readFile(path, { signal }));
    },
    close: () => Promise.resolve(),
  };
}

/** A luminance frame as a greyscale PNG (what a capture process would write). */
export function encodeFramePng(frame: LuminanceFrame): Buffer {
  const options = { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false } as const;
  const png = new PNG({ width: frame.width, height: frame.height, ...options });
  png.data = Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
  return PNG.sync.write(png, options);
}

/**
 * Writes an image the way a careful capture process does: to a temporary file beside `path`, then
 * renamed over it, so a reader sees the old image or the new one, never half of one.
 */
export async function writeFrameFileAtomically(path: string, image: LuminanceFrame | Buffer): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, Buffer.isBuffer(image) ? image : encodeFramePng(image));
  await rename(temp, path);
}
