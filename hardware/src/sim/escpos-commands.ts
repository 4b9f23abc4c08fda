/** A raster bit image as sent: rows of `widthBytes` bytes, top bit leftmost, 1 = black. */
export interface RasterImage {
  readonly widthBytes: number;
  readonly height: number;
  /** Dot scaling of `GS v 0` modes 1-3 (double width and/or height). */
  readonly scaleX: number;
  readonly scaleY: number;
  readonly data: Buffer;
}

/** The commands the emulator's parser recognises, in the order they arrive on the wire. */
export type EscPosCommand =
  | { readonly kind: 'text'; readonly bytes: Buffer }
  | { readonly kind: 'line-feed' }
  | { readonly kind: 'carriage-return' }
  | { readonly kind: 'tab' }
  | { readonly kind: 'init' }
  | { readonly kind: 'code-page'; readonly n: number }
  | { readonly kind: 'print-mode'; readonly n: number }
  | { readonly kind: 'emphasis'; readonly on: boolean }
  | { readonly kind: 'underline'; readonly n: number }
  | { readonly kind: 'align'; readonly n: number }
  | { readonly kind: 'feed-lines'; readonly n: number }
  | { readonly kind: 'char-size'; readonly n: number }
  /** `ESC $` (from the line start) and `ESC \\` (from here, signed) move the print position, in dots. */
  | { readonly kind: 'position'; readonly from: 'line-start' | 'current'; readonly dots: number }
  | { readonly kind: 'cut'; readonly mode: number }
  /** `GS ( k` for a QR code (cn 49): fn 65 model, 67 module size, 69 error level, 80 store, 81 print. */
  | { readonly kind: 'qr'; readonly fn: number; readonly data: Buffer }
  | { readonly kind: 'barcode'; readonly type: number; readonly data: Buffer }
  /** A bit image; `image` is set for the kinds the emulator draws (`GS v 0`, `GS ( L` / `GS 8 L` fn 112). */
  | { readonly kind: 'raster'; readonly command: string; readonly payloadBytes: number; readonly image?: RasterImage }
  /** `DLE EOT n`: answered at once, whatever the printer is doing. */
  | { readonly kind: 'realtime-status'; readonly n: number }
  /** `GS ( H` fn 48: answer `37 22 id 00` once everything before it is printed. */
  | { readonly kind: 'completion-request'; readonly jobId: Buffer }
  /** `GS r n`: paper sensor (1) or drawer (2) status, answered in turn (not in real time). */
  | { readonly kind: 'transmit-status'; readonly n: number }
  /** `GS a n`: automatic status back. */
  | { readonly kind: 'automatic-status'; readonly n: number }
  /** A known command with no effect on the emulated paper (margins, spacing, fonts...). */
  | { readonly kind: 'ignored'; readonly name: string }
  /** Bytes the parser did not recognise; skipped and counted. */
  | { readonly kind: 'unknown'; readonly bytes: Buffer };

/** Commands that act even while the printer cannot print (they are not queued behind the paper). */
export function isRealTime(command: EscPosCommand): boolean {
  return command.kind === 'realtime-status';
}
