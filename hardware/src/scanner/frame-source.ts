import type { LuminanceFrame } from './luminance.js';

/**
 * Where camera frames come from. Injectable, because Chromium's fake camera is unreliable in
 * Electron: production wraps the real camera (the renderer or a capture process hands over the
 * Y plane), tests and the demo use files or generated frames (hardware/src/sim/frame-*.ts).
 */
export interface FrameSource {
  /** Resolves with the next frame, or null when the source has ended (or `signal` aborted). */
  nextFrame(signal: AbortSignal): Promise<LuminanceFrame | null>;
  /** Releases the camera or files. */
  close(): Promise<void>;
}
