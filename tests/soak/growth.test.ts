import { describe, expect, it } from 'vitest';
import { judgeLifetimes, type ProbeSample } from './growth.js';

const MiB = 2 ** 20;

/** One sample every 5 s for `seconds`, heap given by `heapAt(uptime)`. */
function lifetime(pid: number, seconds: number, heapAt: (uptimeS: number) => number): ProbeSample[] {
  return Array.from({ length: seconds / 5 }, (_, i) => {
    const uptimeS = (i + 1) * 5;
    return { t: uptimeS * 1000, pid, uptimeS, rssBytes: heapAt(uptimeS) + 80 * MiB, heapUsedBytes: heapAt(uptimeS), eventLoopP50Ms: 1, eventLoopP99Ms: 5 + (i % 3), eventLoopMaxMs: 20 };
  });
}

describe('soak growth verdict', () => {
  it('passes a flat heap with GC noise', () => {
    const [verdict] = judgeLifetimes(lifetime(1, 600, (t) => 40 * MiB + ((t * 7919) % 11) * MiB));
    expect(verdict?.grew).toBe(false);
  });

  it('fails a heap that climbs past both the absolute and the relative bound', () => {
    // 40 MiB growing 0.2 MiB per second: +108 MiB over the judged nine minutes.
    const [verdict] = judgeLifetimes(lifetime(1, 600, (t) => 40 * MiB + t * 0.2 * MiB));
    expect(verdict?.grew).toBe(true);
    expect(verdict?.heapSlopeMiBPerHour).toBeGreaterThan(600);
  });

  it('does not fail a large heap that grows a little (under 50%)', () => {
    const [verdict] = judgeLifetimes(lifetime(1, 600, (t) => 400 * MiB + t * 0.15 * MiB));
    expect(verdict?.grew).toBe(false);
  });

  it('refuses to judge a lifetime shorter than the warm-up', () => {
    const [verdict] = judgeLifetimes(lifetime(1, 60, (t) => t * MiB));
    expect(verdict?.grew).toBeNull();
  });

  it('judges each process lifetime (a restart) on its own', () => {
    const samples = [...lifetime(1, 300, () => 40 * MiB), ...lifetime(2, 300, (t) => 40 * MiB + t * MiB)];
    expect(judgeLifetimes(samples).map((v) => [v.pid, v.grew])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});
