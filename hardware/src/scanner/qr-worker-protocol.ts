import type { QrDecodeOptions, QrDecodeResult } from './qr-decode.js';

/** Messages between QrDecoderWorker and qr-worker.ts. The frame's bytes are transferred, not copied. */
export interface WorkerRequest {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly data: ArrayBuffer;
  readonly options: QrDecodeOptions;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: QrDecodeResult | null; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly ms: number };
