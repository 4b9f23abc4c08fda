import type { LuminanceFrame } from './luminance.js';

/**
 * Where camera frames come from. Injectable, because Chromium's fake camera is unreliable in
 * Electron: production wraps the real camera (the renderer or a capture process hands over the
 * Y plane; `still-file-source.ts` reads the still image a capture process keeps overwriting),
 * tests and the demo use files or generated frames (hardware/src/sim/frame-*.ts).
 */
export interface FrameSource {
  /** Resolves with the next frame, or null when the source has ended (or `signal` aborted). */
  nextFrame(signal: AbortSignal): Promise<LuminanceFrame | null>;
  /** Releases the camera or files. */
  close(): Promise<void>;
  /**
   * Optional: a source that can tell whether frames are arriving reports it here, and the camera
   * scanner's state (device health) follows it; the listener is called at once with the current
   * status when one is known. Without it, a started camera counts as connected.
   */
  watch?(listener: (status: FrameSourceStatus) => void): () => void;
}

/** Whether a frame source is delivering frames, and if not, why. */
export interface FrameSourceStatus {
  readonly live: boolean;
  /** Machine-readable, null while live: e.g. `file-missing`, `no-frames` (still-file-source.ts). */
  readonly reason: string | null;
  /** Since when (milliseconds since the epoch): for `no-frames`, the last frame (or the start). */
  readonly since: number;
}
