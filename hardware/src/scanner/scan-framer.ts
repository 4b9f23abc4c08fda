/**
 * Splits a serial scanner's byte stream into scans (pure: the caller owns the clock). Each scan is
 * one burst ending in CR, LF or CRLF; a scanner set to send no suffix is framed by the caller
 * calling `flush()` after an inter-byte timeout. Empty frames (the LF of a CRLF split across two
 * reads) are dropped. A frame that grows past `maxFrameBytes` with no terminator is discarded up to
 * the next terminator and reported once as too long, so a babbling device cannot eat memory.
 */

export const DEFAULT_MAX_FRAME_BYTES = 2048;

const CR = 0x0d;
const LF = 0x0a;

export type FramerOutput = { readonly kind: 'frame'; readonly bytes: Uint8Array } | { readonly kind: 'overflow'; readonly length: number };

export class ScanFramer {
  private pending: number[] = [];
  private overflowing = false;
  private overflowLength = 0;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Feeds bytes; returns the frames (and overflows) they completed. */
  push(chunk: Uint8Array): FramerOutput[] {
    const out: FramerOutput[] = [];
    for (const byte of chunk) {
      if (byte === CR || byte === LF) {
        this.endFrame(out);
      } else if (this.overflowing) {
        this.overflowLength += 1;
      } else {
        this.pending.push(byte);
        if (this.pending.length > this.maxFrameBytes) {
          this.overflowing = true;
          this.overflowLength = this.pending.length;
          this.pending = [];
        }
      }
    }
    return out;
  }

  /** Ends the frame in progress (the inter-byte timeout fired); returns it, if any. */
  flush(): FramerOutput[] {
    const out: FramerOutput[] = [];
    this.endFrame(out);
    return out;
  }

  get hasPending(): boolean {
    return this.pending.length > 0 || this.overflowing;
  }

  reset(): void {
    this.pending = [];
    this.overflowing = false;
    this.overflowLength = 0;
  }

  private endFrame(out: FramerOutput[]): void {
    if (this.overflowing) {
      out.push({ kind: 'overflow', length: this.overflowLength });
    } else if (this.pending.length > 0) {
      out.push({ kind: 'frame', bytes: Uint8Array.from(this.pending) });
    }
    this.reset();
  }
}

/** AIM symbology identifiers look like `]Q1` (QR), `]C0`, `]d2`: three characters starting with `]`. */
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/** Drops a leading AIM symbology identifier, which scanners add when configured to. */
export function stripAimPrefix(text: string): string {
  return text.replace(AIM_PREFIX, '');
}
