/** One line of probe.ts output. */
export interface ProbeSample {
  readonly t: number;
  readonly pid: number;
  readonly uptimeS: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly eventLoopP50Ms: number;
  readonly eventLoopP99Ms: number;
  readonly eventLoopMaxMs: number;
}

/**
 * The stated bound: after a warm-up (caches filled, JIT settled), a process may not grow its heap
 * by more than `maxGrowthBytes` AND `maxGrowthRatio` between the start and the end of its life.
 * Both must be exceeded to fail, because a small heap doubling from 20 to 40 MiB is noise while a
 * slow steady climb shows in absolute terms. Start and end are medians of a few samples, so a GC
 * that happens to land on one sample does not decide the verdict.
 */
export interface GrowthBound {
  readonly warmUpS: number;
  readonly maxGrowthBytes: number;
  readonly maxGrowthRatio: number;
}

export const DEFAULT_BOUND: GrowthBound = { warmUpS: 60, maxGrowthBytes: 48 * 2 ** 20, maxGrowthRatio: 0.5 };

export interface LifetimeVerdict {
  readonly pid: number;
  readonly samples: number;
  readonly durationS: number;
  readonly heapStartBytes: number;
  readonly heapEndBytes: number;
  readonly rssStartBytes: number;
  readonly rssEndBytes: number;
  /** Least-squares slope of the heap after warm-up, in MiB per hour (noisy over short runs). */
  readonly heapSlopeMiBPerHour: number;
  readonly eventLoopP99MaxMs: number;
  readonly eventLoopP99MedianMs: number;
  /** null: too short to judge (fewer than 6 samples after warm-up). */
  readonly grew: boolean | null;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** Splits samples by process id (each restart is a new lifetime) and judges each one. */
export function judgeLifetimes(samples: readonly ProbeSample[], bound: GrowthBound = DEFAULT_BOUND): LifetimeVerdict[] {
  const byPid = new Map<number, ProbeSample[]>();
  for (const sample of samples) byPid.set(sample.pid, [...(byPid.get(sample.pid) ?? []), sample]);
  return [...byPid.entries()].map(([pid, all]) => {
    const warm = all.filter((s) => s.uptimeS >= bound.warmUpS);
    const head = warm.slice(0, 3);
    const tail = warm.slice(-3);
    const heapStart = median(head.map((s) => s.heapUsedBytes));
    const heapEnd = median(tail.map((s) => s.heapUsedBytes));
    const growth = heapEnd - heapStart;
    const grew = warm.length < 6 ? null : growth > bound.maxGrowthBytes && growth > heapStart * bound.maxGrowthRatio;
    const perHour = slope(warm.map((s) => [s.t / 3_600_000, s.heapUsedBytes / 2 ** 20] as const));
    return {
      pid,
      samples: all.length,
      durationS: all.length > 0 ? Math.round(((all.at(-1)?.t ?? 0) - (all[0]?.t ?? 0)) / 1000) : 0,
      heapStartBytes: heapStart,
      heapEndBytes: heapEnd,
      rssStartBytes: median(head.map((s) => s.rssBytes)),
      rssEndBytes: median(tail.map((s) => s.rssBytes)),
      heapSlopeMiBPerHour: perHour,
      eventLoopP99MaxMs: Math.max(0, ...all.map((s) => s.eventLoopP99Ms)),
      eventLoopP99MedianMs: median(all.map((s) => s.eventLoopP99Ms)),
      grew,
    };
  });
}

export function parseProbeFile(text: string): ProbeSample[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ProbeSample);
}
