import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';
import { PNG } from 'pngjs';

/** A decoded PNG as black/white dots, for checks that look at what was drawn. */
export interface Dots {
  readonly width: number;
  readonly height: number;
  isBlack(x: number, y: number): boolean;
  /** The smallest box holding every black dot, or null for a blank image. */
  inkBox(): { left: number; top: number; right: number; bottom: number } | null;
}

export function readPng(bytes: Buffer): { width: number; height: number; luminance: Uint8ClampedArray } {
  const png = PNG.sync.read(bytes);
  const luminance = new Uint8ClampedArray(png.width * png.height);
  for (let i = 0; i < luminance.length; i += 1) {
    const r = png.data[i * 4] ?? 0;
    const g = png.data[i * 4 + 1] ?? 0;
    const b = png.data[i * 4 + 2] ?? 0;
    luminance[i] = Math.round((r * 299 + g * 587 + b * 114) / 1000);
  }
  return { width: png.width, height: png.height, luminance };
}

export function pngDots(bytes: Buffer): Dots {
  const { width, height, luminance } = readPng(bytes);
  const isBlack = (x: number, y: number): boolean => (luminance[y * width + x] ?? 255) < 128;
  return {
    width,
    height,
    isBlack,
    inkBox() {
      let box: { left: number; top: number; right: number; bottom: number } | null = null;
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          if (!isBlack(x, y)) continue;
          box = box
            ? { left: Math.min(box.left, x), top: box.top, right: Math.max(box.right, x), bottom: y }
            : { left: x, top: y, right: x, bottom: y };
        }
      }
      return box;
    },
  };
}

/** Reads the QR code in a PNG with @zxing/library (an independent decoder); null when none is found. */
export function decodeQrPng(bytes: Buffer): string | null {
  const { width, height, luminance } = readPng(bytes);
  const source = new RGBLuminanceSource(luminance, width, height);
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.TRY_HARDER, true],
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
    // Byte-mode payloads are read as Latin-1, the way the emulator stored them.
    [DecodeHintType.CHARACTER_SET, 'ISO-8859-1'],
  ]);
  try {
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText();
  } catch {
    return null;
  }
}
