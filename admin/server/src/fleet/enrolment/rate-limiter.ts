/**
 * A sliding-window counter per key (client address, staff user), in memory: enough to make
 * guessing codes or flooding the enrolment table slow. Each hub process counts on its own.
 */
export interface RateLimit {
  readonly max: number;
  readonly windowMs: number;
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => Date,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may now (without counting a hit). */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit.max) return 0;
    return Math.max(1, (recent[0] ?? 0) + this.limit.windowMs - this.now().getTime());
  }

  hit(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now().getTime());
    this.hits.set(key, recent);
  }

  private recent(key: string): number[] {
    const since = this.now().getTime() - this.limit.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    // Forget idle keys so the map cannot grow with every address that ever knocked.
    if (recent.length === 0) this.hits.delete(key);
    return recent;
  }
}
