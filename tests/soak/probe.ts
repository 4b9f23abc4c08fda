import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Preloaded into a soak process with `--import`: every SOAK_PROBE_MS it appends one JSON line with
 * the process's resident memory, heap and event-loop delay to SOAK_PROBE_FILE. Measured inside the
 * process because event-loop delay cannot be seen from outside.
 */
const file = process.env.SOAK_PROBE_FILE;
if (file) {
  const intervalMs = Number(process.env.SOAK_PROBE_MS ?? 5_000);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const timer = setInterval(() => {
    const memory = process.memoryUsage();
    const sample = {
      t: Date.now(),
      pid: process.pid,
      uptimeS: Math.round(process.uptime()),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopP50Ms: delay.percentile(50) / 1e6,
      eventLoopP99Ms: delay.percentile(99) / 1e6,
      eventLoopMaxMs: delay.max / 1e6,
    };
    delay.reset();
    appendFileSync(file, `${JSON.stringify(sample)}\n`);
  }, intervalMs);
  timer.unref();
}
