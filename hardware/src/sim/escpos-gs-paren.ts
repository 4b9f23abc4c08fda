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
  if (family === 0x4c) return parseGraphics(b, i, 5, length, 'GS ( L');
  return ignored(`GS ( ${String.fromCharCode(family)}`, 5, length);
}

/**
 * The graphics body shared by `GS ( L` (2-byte length) and `GS 8 L` (4-byte length), starting at
 * `i + bodyAt`: m fn [a bx by c xL xH yL yH d...]. fn 112 stores raster graphics: monochrome
 * (a 48) is kept to be drawn (and counts as printed at once: every sender follows it with fn 50,
 * print); other functions are settings, skipped by their length.
 */
export function parseGraphics(b: Buffer, i: number, bodyAt: number, length: number, name: string): Parse {
  const body = i + bodyAt;
  if (b.length - body < 2) return null;
  if (b[body + 1] !== 0x70) return ignored(name, bodyAt, length);
  const headerBytes = 10;
  if (length <= PARSER_LIMITS.maxDrawnRasterBytes && length > headerBytes) {
    if (b.length - body < length) return null;
    const widthDots = u16(b, body + 6);
    const height = u16(b, body + 8);
    const widthBytes = Math.ceil(widthDots / 8);
    const data = b.subarray(body + headerBytes, body + length);
    if (b[body + 2] === 0x30 && data.length === widthBytes * height) {
      const scaleX = b[body + 3] === 2 ? 2 : 1;
      const scaleY = b[body + 4] === 2 ? 2 : 1;
      const image = { widthBytes, height, scaleX, scaleY, data: Buffer.from(data) };
      return { command: { kind: 'raster', command: name, payloadBytes: length, image }, consumed: bodyAt + length };
    }
  }
  return { command: { kind: 'raster', command: name, payloadBytes: length }, consumed: bodyAt, skip: length };
}
