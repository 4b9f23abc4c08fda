import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQrFrame, type LuminanceFrame } from '../../src/index.js';

// Sharp, clean codes as a screen draws them (the kiosk's own status and booking QR codes, a photo
// of a phone's screen): a single ZXing pass misses a few of them, depending on the payload alone,
// so a test or a scan that relies on one pass fails at random. The decoder's ladder reads them all.

/** The code of `text` drawn with black square modules of `size / extent` pixels (not always whole). */
function rendered(text: string, size: number): LuminanceFrame {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const modulePixels = size / (modules.size + quiet * 2);
  const data = new Uint8ClampedArray(size * size).fill(255);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const col = Math.floor(x / modulePixels) - quiet;
      const row = Math.floor(y / modulePixels) - quiet;
      if (col >= 0 && row >= 0 && col < modules.size && row < modules.size && modules.get(row, col)) data[y * size + x] = 0;
    }
  }
  return { data, width: size, height: size };
}

describe('sharp rendered codes', () => {
  it('reads all 300 status addresses, which one plain pass does not', () => {
    let singlePassMisses = 0;
    const ladderMisses: string[] = [];
    for (let i = 0; i < 300; i += 1) {
      const text = `http://127.0.0.1:${40000 + i * 37}/status/T${String.fromCharCode(65 + (i % 26))}9C-0${i % 10}0${i % 7}1-Y`;
      const frame = rendered(text, i % 2 === 0 ? 296 : 320);
      if (decodeQrFrame(frame, { attempts: [{ binarizer: 'hybrid', halvings: 0, turns: 0, inverted: false }] })?.text !== text) singlePassMisses += 1;
      if (decodeQrFrame(frame)?.text !== text) ladderMisses.push(text);
    }
    expect(ladderMisses).toEqual([]);
    // The weakness this guards against is real in the ZXing release we use (6 of 300 here); if an
    // upgrade fixes it, this says so, and tests/e2e/decode-qr.ts's note can go.
    expect(singlePassMisses).toBeGreaterThan(0);
  });
});
