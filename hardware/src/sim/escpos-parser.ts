import type { EscPosCommand } from './escpos-commands.js';
import { ESC_FIXED_IGNORED, FS_FIXED_IGNORED, GS_FIXED_IGNORED } from './escpos-lengths.js';
import { ignored, PARSER_LIMITS, u16, type Parse } from './escpos-steps.js';
import { parseGraphics, parseGsParen } from './escpos-gs-paren.js';

export { PARSER_LIMITS } from './escpos-steps.js';

/**
 * A streaming ESC/POS parser: bytes in, commands out, across any split of the TCP stream. Payloads
 * that only need skipping (raster images, barcodes, other 2-D symbols) are skipped by their
 * declared length without being buffered. Unknown bytes become `unknown` commands: the parser
 * never throws on input.
 */

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const FS = 0x1c;
const LF = 0x0a;
const CR = 0x0d;
const HT = 0x09;

function parseEsc(b: Buffer, i: number): Parse {
  const have = b.length - i;
  const c = b[i + 1];
  if (c === undefined) return null;
  const arg = b[i + 2];
  const withArg = (command: EscPosCommand): Parse => (arg === undefined ? null : { command, consumed: 3 });
  switch (c) {
    case 0x40:
      return { command: { kind: 'init' }, consumed: 2 };
    case 0x74:
      return withArg({ kind: 'code-page', n: arg ?? 0 });
    case 0x21:
      return withArg({ kind: 'print-mode', n: arg ?? 0 });
    case 0x45:
      return withArg({ kind: 'emphasis', on: ((arg ?? 0) & 1) === 1 });
    case 0x2d:
      return withArg({ kind: 'underline', n: arg ?? 0 });
    case 0x61:
      return withArg({ kind: 'align', n: arg ?? 0 });
    case 0x64:
      return withArg({ kind: 'feed-lines', n: arg ?? 0 });
    case 0x24:
      // ESC $ nL nH: absolute print position; libraries that pad columns themselves use it.
      return have < 4 ? null : { command: { kind: 'position', from: 'line-start', dots: u16(b, i + 2) }, consumed: 4 };
    case 0x5c: {
      // ESC \ nL nH: relative print position, a signed 16-bit count of dots.
      if (have < 4) return null;
      const raw = u16(b, i + 2);
      return { command: { kind: 'position', from: 'current', dots: raw >= 0x8000 ? raw - 0x10000 : raw }, consumed: 4 };
    }
    case 0x2a: {
      // ESC * m nL nH: bit image, one byte per column (8-dot modes) or three (24-dot modes).
      if (have < 5) return null;
      const columns = u16(b, i + 3);
      const perColumn = (arg ?? 0) >= 32 ? 3 : 1;
      return { command: { kind: 'raster', command: 'ESC *', payloadBytes: columns * perColumn }, consumed: 5, skip: columns * perColumn };
    }
    case 0x28:
      // ESC ( fn pL pH ...
      return have < 5 ? null : ignored('ESC (', 5, u16(b, i + 3));
    case 0x44: {
      // ESC D n1..nk NUL: tab stops.
      const end = b.indexOf(0, i + 2);
      if (end < 0) return have > PARSER_LIMITS.maxTabStops + 2 ? ignored('ESC D (no NUL)', 2) : null;
      return ignored('ESC D', end - i + 1);
    }
    case 0x26: {
      // ESC & y c1 c2 [x d1...d(y*x)]...: user-defined characters, walked one by one.
      if (have < 5) return null;
      const height = b[i + 2] ?? 0;
      const count = Math.max(0, (b[i + 4] ?? 0) - (b[i + 3] ?? 0) + 1);
      let at = i + 5;
      for (let k = 0; k < count; k += 1) {
        const width = b[at];
        if (width === undefined) return null;
        at += 1 + height * width;
      }
      return at > b.length ? null : ignored('ESC &', at - i);
    }
    default: {
      const length = ESC_FIXED_IGNORED[c];
      if (length === undefined) return { command: { kind: 'unknown', bytes: b.subarray(i, i + 2) }, consumed: 2 };
      return have < length ? null : ignored(`ESC ${String.fromCharCode(c)}`, length);
    }
  }
}

function parseGs(b: Buffer, i: number): Parse {
  const have = b.length - i;
  const c = b[i + 1];
  if (c === undefined) return null;
  const arg = b[i + 2];
  switch (c) {
    case 0x21:
      return arg === undefined ? null : { command: { kind: 'char-size', n: arg }, consumed: 3 };
    case 0x56: {
      if (arg === undefined) return null;
      // GS V m: m 0/1/48/49 cut at once; 65/66/97/98/103/104 take a feed amount n.
      const withFeed = [65, 66, 97, 98, 103, 104].includes(arg);
      if (withFeed && have < 4) return null;
      return { command: { kind: 'cut', mode: arg }, consumed: withFeed ? 4 : 3 };
    }
    case 0x28:
      return parseGsParen(b, i);
    case 0x6b: {
      if (arg === undefined) return null;
      if (arg <= 6) {
        const end = b.indexOf(0, i + 3);
        if (end < 0) return have > PARSER_LIMITS.maxNulTerminatedBarcode + 3 ? ignored('GS k (no NUL)', 3) : null;
        return { command: { kind: 'barcode', type: arg, data: Buffer.from(b.subarray(i + 3, end)) }, consumed: end - i + 1 };
      }
      const n = b[i + 3];
      if (n === undefined || have < 4 + n) return null;
      return { command: { kind: 'barcode', type: arg, data: Buffer.from(b.subarray(i + 4, i + 4 + n)) }, consumed: 4 + n };
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH d...: raster bit image of (x bytes) * (y dots).
      if (have < 8) return null;
      const widthBytes = u16(b, i + 4);
      const height = u16(b, i + 6);
      const payload = widthBytes * height;
      if (payload > PARSER_LIMITS.maxDrawnRasterBytes) {
        return { command: { kind: 'raster', command: 'GS v 0', payloadBytes: payload }, consumed: 8, skip: payload };
      }
      if (have < 8 + payload) return null;
      // m: bit 0 doubles the width, bit 1 the height (modes 1/49, 2/50, 3/51).
      const m = (b[i + 3] ?? 0) & 0x03;
      const image = { widthBytes, height, scaleX: m & 1 ? 2 : 1, scaleY: m & 2 ? 2 : 1, data: Buffer.from(b.subarray(i + 8, i + 8 + payload)) };
      return { command: { kind: 'raster', command: 'GS v 0', payloadBytes: payload, image }, consumed: 8 + payload };
    }
    case 0x51: {
      // GS Q 0 m xL xH yL yH d...: variable-size raster image.
      if (have < 8) return null;
      const payload = u16(b, i + 4) * u16(b, i + 6);
      return { command: { kind: 'raster', command: 'GS Q 0', payloadBytes: payload }, consumed: 8, skip: payload };
    }
    case 0x38: {
      // GS 8 L p1 p2 p3 p4 m fn ...: GS ( L with a 4-byte length, for graphics over 64 KB (receiptline
      // sends every QR code this way).
      if (have < 7) return null;
      const payload = (b[i + 3] ?? 0) + (b[i + 4] ?? 0) * 0x100 + (b[i + 5] ?? 0) * 0x10000 + (b[i + 6] ?? 0) * 0x1000000;
      if (arg !== 0x4c) return { command: { kind: 'raster', command: 'GS 8', payloadBytes: payload }, consumed: 7, skip: payload };
      return parseGraphics(b, i, 7, payload, 'GS 8 L');
    }
    case 0x2a: {
      // GS * x y d...: downloaded bit image of x*y*8 bytes.
      if (have < 4) return null;
      const payload = (b[i + 2] ?? 0) * (b[i + 3] ?? 0) * 8;
      return { command: { kind: 'raster', command: 'GS *', payloadBytes: payload }, consumed: 4, skip: payload };
    }
    case 0x72:
      return arg === undefined ? null : { command: { kind: 'transmit-status', n: arg }, consumed: 3 };
    case 0x61:
      return arg === undefined ? null : { command: { kind: 'automatic-status', n: arg }, consumed: 3 };
    default: {
      const length = GS_FIXED_IGNORED[c];
      if (length === undefined) return { command: { kind: 'unknown', bytes: b.subarray(i, i + 2) }, consumed: 2 };
      return have < length ? null : ignored(`GS ${String.fromCharCode(c)}`, length);
    }
  }
}

function parseDle(b: Buffer, i: number): Parse {
  const have = b.length - i;
  const c = b[i + 1];
  const n = b[i + 2];
  if (c === undefined || n === undefined) return null;
  if (c === 0x04) {
    if (n === 7 || n === 8) return have < 4 ? null : ignored('DLE EOT', 4);
    return { command: { kind: 'realtime-status', n }, consumed: 3 };
  }
  if (c === 0x05) return ignored('DLE ENQ', 3);
  if (c === 0x14) {
    const length = n === 3 ? 8 : n === 7 ? 4 : n === 8 ? 10 : 5;
    return have < length ? null : ignored('DLE DC4', length);
  }
  return { command: { kind: 'unknown', bytes: b.subarray(i, i + 2) }, consumed: 2 };
}

function parseFs(b: Buffer, i: number): Parse {
  const c = b[i + 1];
  if (c === undefined) return null;
  if (c === 0x28) return b.length - i < 5 ? null : ignored('FS (', 5, u16(b, i + 3));
  const length = FS_FIXED_IGNORED[c];
  if (length === undefined) return { command: { kind: 'unknown', bytes: b.subarray(i, i + 2) }, consumed: 2 };
  return b.length - i < length ? null : ignored(`FS ${String.fromCharCode(c)}`, length);
}

function parseAt(b: Buffer, i: number): Parse {
  const byte = b[i] ?? 0;
  if (byte >= 0x20) {
    let end = i;
    while (end < b.length && (b[end] ?? 0) >= 0x20) end += 1;
    return { command: { kind: 'text', bytes: Buffer.from(b.subarray(i, end)) }, consumed: end - i };
  }
  switch (byte) {
    case LF:
      return { command: { kind: 'line-feed' }, consumed: 1 };
    case CR:
      return { command: { kind: 'carriage-return' }, consumed: 1 };
    case HT:
      return { command: { kind: 'tab' }, consumed: 1 };
    case ESC:
      return parseEsc(b, i);
    case GS:
      return parseGs(b, i);
    case DLE:
      return parseDle(b, i);
    case FS:
      return parseFs(b, i);
    default:
      return { command: { kind: 'unknown', bytes: b.subarray(i, i + 1) }, consumed: 1 };
  }
}

export interface EscPosParser {
  /** Parses what it can of `chunk` (plus what was left over) and returns the complete commands. */
  push(chunk: Buffer): EscPosCommand[];
  /** Bytes held back waiting for the rest of a command. */
  pendingBytes(): number;
}

export function createEscPosParser(): EscPosParser {
  let pending = Buffer.alloc(0);
  let skipRemaining = 0;
  return {
    push(chunk) {
      let data = chunk;
      if (skipRemaining > 0) {
        const skipped = Math.min(skipRemaining, data.length);
        skipRemaining -= skipped;
        data = data.subarray(skipped);
      }
      const buffer = pending.length > 0 ? Buffer.concat([pending, data]) : data;
      const commands: EscPosCommand[] = [];
      let at = 0;
      while (at < buffer.length) {
        const step = parseAt(buffer, at);
        if (step === null) break;
        commands.push(step.command);
        at += step.consumed;
        if (step.skip !== undefined && step.skip > 0) {
          const available = buffer.length - at;
          if (step.skip > available) {
            skipRemaining = step.skip - available;
            at = buffer.length;
          } else {
            at += step.skip;
          }
        }
      }
      pending = Buffer.from(buffer.subarray(at));
      return commands;
    },
    pendingBytes() {
      return pending.length;
    },
  };
}
