import { ignored, PARSER_LIMITS, u16, type Parse } from './escpos-steps.js';

/** GS ( X pL pH fn ...: the family with a 2-byte length. */
export function parseGsParen(b: Buffer, i: number): Parse {
  if (b.length - i < 5) return null;
  const family = b[i + 2] ?? 0;
  const length = u16(b, i + 3);
  if (family === 0x6b) {
    // GS ( k pL pH cn fn [m] data: 2-D symbols; only QR (cn 49) is kept, others are skipped.
    const cn = b[i + 5];
    if (cn === undefined) return null;
    if (cn !== 0x31) return ignored(`GS ( k cn ${cn}`, 5, length);
    if (b.length - i < 5 + length) return null;
    const fn = b[i + 6] ?? 0;
    // fn 80 (store) carries m = 48 before the data; the other settings carry their one value.
    const data = fn === 0x50 ? b.subarray(i + 8, i + 5 + length) : b.subarray(i + 7, i + 5 + length);
    return { command: { kind: 'qr', fn, data: Buffer.from(data) }, consumed: 5 + length };
  }
  if (family === 0x48) {
    if (b.length - i < 5 + length) return null;
    if (length === 6 && b[i + 5] === 0x30 && b[i + 6] === 0x30) {
      return { command: { kind: 'completion-request', jobId: Buffer.from(b.subarray(i + 7, i + 11)) }, consumed: 11 };
    }
    return ignored('GS ( H', 5 + length);
  }
  if (family === 0x4c) {
    // GS ( L pL pH m fn ...: fn 112 stores raster graphics; the other functions are settings.
    if (b.length - i < 7) return null;
    if (b[i + 6] !== 0x70) return ignored('GS ( L', 5, length);
    // m fn a bx by c xL xH yL yH d...: monochrome (a 48), single colour plane, drawn; others skipped.
    const headerBytes = 10;
    if (length <= PARSER_LIMITS.maxDrawnRasterBytes && length > headerBytes) {
      if (b.length - i < 5 + length) return null;
      const widthDots = u16(b, i + 11);
      const height = u16(b, i + 13);
      const widthBytes = Math.ceil(widthDots / 8);
      const data = b.subarray(i + 5 + headerBytes, i + 5 + length);
      if (b[i + 7] === 0x30 && data.length === widthBytes * height) {
        const scaleX = b[i + 8] === 2 ? 2 : 1;
        const scaleY = b[i + 9] === 2 ? 2 : 1;
        const image = { widthBytes, height, scaleX, scaleY, data: Buffer.from(data) };
        return { command: { kind: 'raster', command: 'GS ( L', payloadBytes: length, image }, consumed: 5 + length };
      }
    }
    return { command: { kind: 'raster', command: 'GS ( L', payloadBytes: length }, consumed: 5, skip: length };
  }
  return ignored(`GS ( ${String.fromCharCode(family)}`, 5, length);
}
