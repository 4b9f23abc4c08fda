/**
 * Raw luminance frames: one byte per pixel (0 black .. 255 white), row by row. This is what a camera
 * gives in its Y plane and what the QR decoder reads, so every frame source converts to it once.
 */
export interface LuminanceFrame {
  readonly width: number;
  readonly height: number;
  /** `width * height` bytes, row-major. */
  readonly data: Uint8ClampedArray;
}

export class FrameShapeError extends Error {}

export function assertFrameShape(frame: LuminanceFrame): void {
  const { width, height, data } = frame;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new FrameShapeError(`frame size must be positive integers, got ${width}x${height}`);
  }
  if (data.length !== width * height) {
    throw new FrameShapeError(`frame of ${width}x${height} needs ${width * height} bytes, got ${data.length}`);
  }
}

/**
 * RGBA (4 bytes per pixel) to luminance with the integer weights ZXing's C++ port uses. A
 * transparent pixel is blended onto white, because a PNG QR code drawn on a transparent background
 * would otherwise read as black on black.
 */
export function luminanceFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): LuminanceFrame {
  const data = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < data.length; i += 1, p += 4) {
    const r = rgba[p] ?? 0;
    const g = rgba[p + 1] ?? 0;
    const b = rgba[p + 2] ?? 0;
    const a = rgba[p + 3] ?? 255;
    const grey = (r * 306 + g * 601 + b * 117) >> 10;
    data[i] = a === 255 ? grey : (grey * a + 255 * (255 - a)) / 255;
  }
  return { width, height, data };
}

export type QuarterTurns = 0 | 1 | 2 | 3;

/** Rotates a frame clockwise by `turns` quarter turns (a new frame; the input is not changed). */
export function rotateFrame(frame: LuminanceFrame, turns: QuarterTurns): LuminanceFrame {
  if (turns === 0) return frame;
  const { width: w, height: h, data } = frame;
  const out = new Uint8ClampedArray(w * h);
  const outWidth = turns === 2 ? w : h;
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const value = data[y * w + x] ?? 0;
      let nx: number;
      let ny: number;
      if (turns === 1) [nx, ny] = [h - 1 - y, x];
      else if (turns === 2) [nx, ny] = [w - 1 - x, h - 1 - y];
      else [nx, ny] = [y, w - 1 - x];
      out[ny * outWidth + nx] = value;
    }
  }
  return { width: outWidth, height: turns === 2 ? h : w, data: out };
}

/** Halves a frame by averaging 2x2 blocks: large photographs decode better (and faster) smaller. */
export function downscaleByTwo(frame: LuminanceFrame): LuminanceFrame {
  const width = Math.floor(frame.width / 2);
  const height = Math.floor(frame.height / 2);
  const out = new Uint8ClampedArray(width * height);
  const src = frame.data;
  const w = frame.width;
  for (let y = 0; y < height; y += 1) {
    const row = 2 * y * w;
    for (let x = 0; x < width; x += 1) {
      const i = row + 2 * x;
      out[y * width + x] = ((src[i] ?? 0) + (src[i + 1] ?? 0) + (src[i + w] ?? 0) + (src[i + w + 1] ?? 0) + 2) >> 2;
    }
  }
  return { width, height, data: out };
}
