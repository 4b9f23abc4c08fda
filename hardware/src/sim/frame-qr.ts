import QRCode from 'qrcode';
import type { FrameSource } from '../scanner/frame-source.js';
import type { LuminanceFrame } from '../scanner/luminance.js';

/**
 * Synthetic camera frames showing a QR code, for the demo and tests: the code is drawn with real
 * modules (so the decoder must really read it), on a grey background, with optional sensor noise.
 */

export const QR_FRAME_DEFAULTS = {
  modulePixels: 4,
  quietZoneModules: 4,
  /** The whole frame, like a small camera image; the code sits in the middle. */
  frameWidth: 320,
  frameHeight: 240,
  dark: 30,
  light: 220,
  background: 140,
} as const;

export interface QrFrameOptions {
  readonly modulePixels?: number;
  readonly frameWidth?: number;
  readonly frameHeight?: number;
  /** Amplitude of uniform noise added to every pixel, from a seeded generator (repeatable). */
  readonly noise?: number;
  readonly seed?: number;
}

/** A small deterministic generator: the same seed gives the same frame in every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function qrFrame(text: string, options: QrFrameOptions = {}): LuminanceFrame {
  const d = QR_FRAME_DEFAULTS;
  const moduleSize = options.modulePixels ?? d.modulePixels;
  const symbol = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const side = (symbol.size + 2 * d.quietZoneModules) * moduleSize;
  const width = Math.max(options.frameWidth ?? d.frameWidth, side);
  const height = Math.max(options.frameHeight ?? d.frameHeight, side);
  const data = new Uint8ClampedArray(width * height).fill(d.background);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const mx = Math.floor(x / moduleSize) - d.quietZoneModules;
      const my = Math.floor(y / moduleSize) - d.quietZoneModules;
      const inside = mx >= 0 && my >= 0 && mx < symbol.size && my < symbol.size;
      data[(top + y) * width + left + x] = inside && symbol.get(my, mx) === 1 ? d.dark : d.light;
    }
  }
  const noise = options.noise ?? 0;
  if (noise > 0) {
    const random = mulberry32(options.seed ?? 1);
    for (let i = 0; i < data.length; i += 1) data[i] = (data[i] ?? 0) + (random() * 2 - 1) * noise;
  }
  return { width, height, data };
}

/** Frames from a list (a blank scene is `null` in the list); ends after the last one. */
export function listFrameSource(frames: readonly (LuminanceFrame | null)[], blank: LuminanceFrame = blankFrame()): FrameSource {
  let index = 0;
  return {
    nextFrame: (signal) => Promise.resolve(signal.aborted || index >= frames.length ? null : (frames[index++] ?? blank)),
    close: () => Promise.resolve(),
  };
}

export function blankFrame(width: number = QR_FRAME_DEFAULTS.frameWidth, height: number = QR_FRAME_DEFAULTS.frameHeight): LuminanceFrame {
  return { width, height, data: new Uint8ClampedArray(width * height).fill(QR_FRAME_DEFAULTS.background) };
}
