import type { Heartbeat } from '@kiosk/shared';
import type { Log } from '../log.js';

/**
 * Reports the kiosk's health to the hub every `intervalMs` (DESIGN.md section 6): versions, device
 * health, outbox figures, whether a session is active (a boolean only). The hub stamps its own
 * time and measures the skew. A failed report is only logged: the next one follows on schedule.
 */
export class HeartbeatReporter {
  private timer: NodeJS.Timeout | null = null;
  private sending = false;
  /** The hub's clock at the last accepted heartbeat (null until one got through). */
  lastServerTime: string | null = null;

  constructor(
    private readonly build: () => Promise<Heartbeat>,
    private readonly send: (heartbeat: Heartbeat) => Promise<{ serverTime: string }>,
    private readonly intervalMs: number,
    private readonly log: Log,
  ) {}

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
      const answer = await this.send(await this.build());
      this.lastServerTime = answer.serverTime;
      return true;
    } catch (error) {
      this.log('heartbeat not delivered; the next one follows on schedule', { error: (error as Error).message });
      return false;
    } finally {
      this.sending = false;
    }
  }
}
