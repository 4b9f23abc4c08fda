import type { FrameSource } from './frame-source.js';
import { classifyScanPayload, type PayloadOptions } from './payload.js';
import { QrDecoderWorker, type DecodeOutcome } from './qr-worker-client.js';
import { ScanEmitter, type ScanSource, type ScanSourceListeners, type ScanSourceState } from './scan-source.js';
import type { LuminanceFrame } from './luminance.js';

/**
 * A camera as a QR scanner: pulls frames from an injected FrameSource, decodes them on a worker
 * thread, and emits each code once. A camera sees the same code in frame after frame, so a text is
 * not emitted again until it has been out of sight for `repeatAfterMs`. Its state follows the frame
 * source's status when the source reports one (FrameSource.watch), else it is connected once started.
 */

export const CAMERA_DEFAULTS = {
  repeatAfterMs: 3_000,
} as const;

export interface CameraScannerOptions extends PayloadOptions {
  readonly frames: FrameSource;
  readonly repeatAfterMs?: number;
  /** Replaceable for tests (a fake decoder) or to share one worker between cameras. */
  readonly decode?: (frame: LuminanceFrame) => Promise<DecodeOutcome>;
  readonly now?: () => number;
}

export class CameraScanner implements ScanSource {
  readonly origin = 'camera' as const;
  private readonly emitter = new ScanEmitter('camera');
  private readonly ownWorker: QrDecoderWorker | null;
  private readonly decode: (frame: LuminanceFrame) => Promise<DecodeOutcome>;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private unwatch: (() => void) | null = null;
  private lastText: string | null = null;
  private lastSeenAt = 0;

  constructor(private readonly options: CameraScannerOptions) {
    this.ownWorker = options.decode === undefined ? new QrDecoderWorker() : null;
    this.decode = options.decode ?? ((frame) => (this.ownWorker as QrDecoderWorker).decode(frame));
  }

  get state(): ScanSourceState {
    return this.emitter.state;
  }

  listen(listeners: ScanSourceListeners): () => void {
    return this.emitter.listen(listeners);
  }

  start(): Promise<void> {
    if (this.loop !== null) return Promise.resolve();
    this.abort = new AbortController();
    const { frames } = this.options;
    if (frames.watch === undefined) {
      this.emitter.setState('connected');
    } else {
      // The source knows whether frames arrive (a capture file missing or stale): health follows it.
      this.emitter.setState('starting');
      this.unwatch = frames.watch(({ live, reason, since }) => {
        if (this.abort?.signal.aborted !== false) return;
        this.emitter.report(live ? 'connected' : 'disconnected', live ? null : reason, since);
      });
    }
    this.loop = this.run(this.abort.signal);
    return Promise.resolve();
  }

  /** Resolves when the frame loop has ended: on stop, or when the source ran out of frames. */
  get finished(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    this.unwatch?.();
    this.unwatch = null;
    await this.loop;
    this.loop = null;
    await this.ownWorker?.close();
    await this.options.frames.close();
    this.emitter.setState('stopped');
  }

  private async run(signal: AbortSignal): Promise<void> {
    const now = this.options.now ?? Date.now;
    while (!signal.aborted) {
      let frame: LuminanceFrame | null;
      try {
        frame = await this.options.frames.nextFrame(signal);
      } catch {
        this.emitter.setState('disconnected', 'camera-error');
        return;
      }
      if (frame === null || signal.aborted) break;
      let outcome: DecodeOutcome;
      try {
        outcome = await this.decode(frame);
      } catch {
        continue; // a frame the decoder choked on: the next one will do
      }
      this.handle(outcome, now());
    }
    if (!signal.aborted) this.emitter.setState('disconnected', 'no-more-frames');
  }

  private handle(outcome: DecodeOutcome, at: number): void {
    const text = outcome.result?.text;
    if (text === undefined) return;
    const repeat = text === this.lastText && at - this.lastSeenAt < (this.options.repeatAfterMs ?? CAMERA_DEFAULTS.repeatAfterMs);
    this.lastText = text;
    this.lastSeenAt = at;
    if (repeat) return;
    const check = classifyScanPayload(text, this.options);
    if (check.ok) this.emitter.emitScan(check, at);
    else this.emitter.emitRejected(check.reason, text.length, at);
  }
}
