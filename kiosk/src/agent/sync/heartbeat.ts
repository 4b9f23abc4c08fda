import { statfs } from 'node:fs/promises';
import type { Heartbeat } from '@kiosk/shared';
import type { Log } from '../log.js';

/** What the hub answers a heartbeat with; older hubs send no desired configuration version. */
export interface HeartbeatReply {
  readonly serverTime: string;
  readonly desiredConfigVersion?: number;
}

export interface HeartbeatReporterOptions {
  /** The local clock (tests inject one). */
  readonly now?: () => number;
  /** Each accepted heartbeat's answer (the agent hands the desired config version to ConfigSync). */
  readonly onAnswer?: (answer: { serverTime: string; desiredConfigVersion: number }) => void;
}

/**
 * Reports the kiosk's health to the hub every `intervalMs` (DESIGN.md section 6): versions, device
 * health, outbox figures, whether a session is active (a boolean only), disk, configuration, and the
 * clock skew it measured against the hub's previous answer. A failed report is only logged: the
 * next one follows on schedule.
 */
export class HeartbeatReporter {
  private timer: NodeJS.Timeout | null = null;
  private sending = false;
  private readonly now: () => number;
  /** The hub's clock at the last accepted heartbeat (null until one got through). */
  lastServerTime: string | null = null;
  /**
   * Local clock minus hub clock (positive: the kiosk runs ahead), against the midpoint of the
   * last round trip so network latency does not count as skew. Null until one got through.
   */
  clockSkewMs: number | null = null;

  constructor(
    private readonly build: () => Promise<Heartbeat>,
    private readonly send: (heartbeat: Heartbeat) => Promise<HeartbeatReply>,
    private readonly intervalMs: number,
    private readonly log: Log,
    private readonly options: HeartbeatReporterOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
  }

  start(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One report now; overlapping beats are skipped (a slow hub must not pile requests up). */
  async beat(): Promise<boolean> {
    if (this.sending) return false;
    this.sending = true;
    try {
      const heartbeat = await this.build();
      const sentAt = this.now();
      const answer = await this.send(heartbeat);
      const answeredAt = this.now();
      this.lastServerTime = answer.serverTime;
      const serverTime = Date.parse(answer.serverTime);
      if (!Number.isNaN(serverTime)) this.clockSkewMs = Math.round((sentAt + answeredAt) / 2 - serverTime);
      this.options.onAnswer?.({ serverTime: answer.serverTime, desiredConfigVersion: answer.desiredConfigVersion ?? 0 });
      return true;
    } catch (error) {
      this.log('heartbeat not delivered; the next one follows on schedule', { error: (error as Error).message });
      return false;
    } finally {
      this.sending = false;
    }
  }
}

/** Free and total bytes of the file system holding `dir` (DATA_DIR): a full disk stops the outbox. */
export async function diskSpace(dir: string): Promise<{ freeBytes: number; totalBytes: number } | null> {
  try {
    const stats = await statfs(dir);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    return null;
  }
}
