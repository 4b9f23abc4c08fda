import { percentile } from './figures.js';

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
}

/**
 * Sends `total` requests with `concurrency` in flight over loopback HTTP and measures each one.
 * A request counts as failed unless its status is `expectStatus`.
 */
export async function loadTest(send: (i: number) => Promise<Response>, total: number, concurrency: number, expectStatus: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next;
      next += 1;
      const t0 = performance.now();
      const response = await send(i);
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (response.status !== expectStatus) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { requestsPerSecond: total / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), failures };
}
