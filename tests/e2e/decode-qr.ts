import { decodeQrFrame, frameFromImageBytes } from '@kiosk/hardware';

/**
 * Decodes the QR code in a PNG (e.g. a Playwright element screenshot), or returns null, with the
 * kiosk's own decoder and its ladder of attempts (binarizers, quarter turns). One plain ZXing pass
 * is not enough even on a perfectly sharp screen capture: it missed 13 of 300 rendered status codes
 * (4%, depending on the payload), which made tests fail at random; the ladder read all 300.
 */
export function decodeQrPng(png: Buffer): string | null {
  return decodeQrFrame(frameFromImageBytes(png))?.text ?? null;
}
