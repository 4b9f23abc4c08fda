import { readFile, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FrameSource, FrameSourceStatus } from './frame-source.js';
import { frameFromImageBytes } from './image-frame.js';
import type { LuminanceFrame } from './luminance.js';

/**
 * Camera frames from a still image that a capture process keeps overwriting, e.g.
 *
 *   ffmpeg -f v4l2 -i /dev/video0 -vf fps=5 -update 1 /run/kiosk/camera.png
 *
 * The file is polled (stat every `pollMs`); a frame is yielded only when it changed (inode, size or
 * modification time), so an idle capture process costs a stat, not a decode. Capture tools often
 * write in place, so a read may catch a half-written PNG: a read whose length differs from the
 * stat is dropped, and a version that fails to decode is skipped (read again at most
 * `retriesPerVersion` times, in case its write finished within the same timestamp) - never fatal.
 *
 * The status (FrameSource.watch) says whether frames arrive: live; `file-missing` (no file yet, or
 * the capture process removed it); `file-error` (not a readable regular file); `no-frames` (the
 * file not written for `staleAfterMs`, by its modification time, so a slow decode does not count:
 * the capture process died or the camera stalls; `since` the last write); `bad-frames` (nothing
 * that decodes for that long). A version of the file already older than `staleAfterMs` when first
 * seen (left by a capture process that is gone) is never yielded: it may show someone's old code.
 */

export const STILL_FILE_DEFAULTS = {
  pollMs: 175,
  /** ffmpeg at fps=5 rewrites the file 5 times a second; 5 s without a frame is a dead capture. */
  staleAfterMs: 5_000,
  retriesPerVersion: 2,
} as const;

export type StillFileReason = 'file-missing' | 'file-error' | 'no-frames' | 'bad-frames';

export interface StillFileSourceOptions {
  /** The image the capture process writes (PNG). */
  readonly path: string;
  readonly pollMs?: number;
  readonly staleAfterMs?: number;
  readonly retriesPerVersion?: number;
  /** The wall clock (it is compared with file modification times). */
  readonly now?: () => number;
}

export class StillFileFrameSource implements FrameSource {
  private readonly path: string;
  private readonly pollMs: number;
  private readonly staleAfterMs: number;
  private readonly retriesPerVersion: number;
  private readonly now: () => number;
  private readonly listeners = new Set<(status: FrameSourceStatus) => void>();
  private current: FrameSourceStatus | null = null;
  /** The version (inode:size:mtime) last yielded or given up on. */
  private seenVersion: string | null = null;
  private failedVersion: string | null = null;
  /** A file older than staleAfterMs when first seen: never yielded. */
  private leftoverVersion: string | null = null;
  private failures = 0;
  /** When polling began: nothing before it counts as a recent frame. */
  private startedAt = 0;
  /** When the last frame that decoded was written (its modification time), or null before one. */
  private lastGoodAt: number | null = null;
  private closed = false;

  constructor(options: StillFileSourceOptions) {
    this.path = options.path;
    this.pollMs = options.pollMs ?? STILL_FILE_DEFAULTS.pollMs;
    this.staleAfterMs = options.staleAfterMs ?? STILL_FILE_DEFAULTS.staleAfterMs;
    this.retriesPerVersion = options.retriesPerVersion ?? STILL_FILE_DEFAULTS.retriesPerVersion;
    this.now = options.now ?? Date.now;
  }

  /** The last reported status; null before the first poll. */
  get status(): FrameSourceStatus | null {
    return this.current;
  }

  watch(listener: (status: FrameSourceStatus) => void): () => void {
    this.listeners.add(listener);
    if (this.current !== null) listener(this.current);
    return () => this.listeners.delete(listener);
  }

  async nextFrame(signal: AbortSignal): Promise<LuminanceFrame | null> {
    if (this.startedAt === 0) this.startedAt = this.now();
    while (!signal.aborted && !this.closed) {
      const frame = await this.poll();
      if (frame !== null) return signal.aborted ? null : frame;
      try {
        await sleep(this.pollMs, undefined, { signal });
      } catch {
        return null; // aborted
      }
    }
    return null;
  }

  close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    return Promise.resolve();
  }

  /** One look at the file: a new frame, or null (unchanged, absent, torn or undecodable). */
  private async poll(): Promise<LuminanceFrame | null> {
    const at = this.now();
    let info;
    try {
      info = await stat(this.path, { bigint: true });
    } catch (error) {
      this.report(false, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file-missing' : 'file-error', at);
      return null;
    }
    if (!info.isFile()) {
      this.report(false, 'file-error', at);
      return null;
    }
    const version = `${info.ino}:${info.size}:${info.mtimeNs}`;
    // When the capture process last wrote the file: staleness is measured from here, not from when a
    // frame was consumed (a slow decode must not look like a dead camera). A leftover from before
    // the start counts as written at the start.
    const modifiedAt = Number(info.mtimeNs / 1_000_000n);
    const writtenAt = version === this.leftoverVersion ? Math.max(modifiedAt, this.startedAt) : modifiedAt;
    if (version === this.seenVersion || (version === this.failedVersion && this.failures > this.retriesPerVersion)) {
      this.checkStale(at, writtenAt, version === this.failedVersion);
      return null;
    }
    if (at - modifiedAt > this.staleAfterMs) {
      // An old picture (left by a capture process that is gone, or put back): not what the camera sees now.
      this.seenVersion = version;
      this.leftoverVersion = version;
      this.checkStale(at, Math.max(modifiedAt, this.startedAt), false);
      return null;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch {
      return null; // gone between stat and read: the next poll says so
    }
    if (BigInt(bytes.length) !== info.size) return null; // changed while read: the next poll sees the new version
    let frame: LuminanceFrame;
    try {
      frame = frameFromImageBytes(bytes);
    } catch {
      // Torn (half-written) or not a PNG: skipped, never fatal.
      this.failures = version === this.failedVersion ? this.failures + 1 : 1;
      this.failedVersion = version;
      this.checkStale(at, writtenAt, true);
      return null;
    }
    this.seenVersion = version;
    this.failedVersion = null;
    this.failures = 0;
    this.lastGoodAt = writtenAt;
    this.report(true, null, at);
    return frame;
  }

  /**
   * Nothing written for staleAfterMs: `no-frames` since the last write (or `bad-frames` when what
   * is there does not decode). Written but nothing decoding for that long: `bad-frames`.
   */
  private checkStale(at: number, writtenAt: number, undecodable: boolean): void {
    const lastGood = this.lastGoodAt ?? this.startedAt;
    if (at - writtenAt >= this.staleAfterMs) this.report(false, undecodable ? 'bad-frames' : 'no-frames', undecodable ? lastGood : writtenAt);
    else if (at - lastGood >= this.staleAfterMs) this.report(false, 'bad-frames', lastGood);
  }

  private report(live: boolean, reason: StillFileReason | null, since: number): void {
    if (this.current !== null && this.current.live === live && this.current.reason === reason) return;
    this.current = { live, reason, since };
    for (const listener of this.listeners) listener(this.current);
  }
}
