/** The part of pino background jobs use. They log counts and error codes only, never contents. */
export interface JobLogger {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface PeriodicJobOptions<R> {
  /** Whether a finished run is worth a log line (default: always). */
  readonly worthLogging?: (result: R) => boolean;
  /** Called after each successful run (tests await it instead of sleeping). */
  readonly onRun?: (result: R) => void;
}

export interface PeriodicJobs {
  /** Runs `run` now, then `intervalMs` after each run ENDS, so runs of one job never overlap. */
  add<R extends object>(job: string, intervalMs: number, run: () => Promise<R>, options?: PeriodicJobOptions<R>): void;
  /** No new runs; waits for the ones in progress. */
  stop(): Promise<void>;
}

/**
 * The hub's in-process timers for background work (notification outbox, retention, forwarding).
 * A failed run is logged by error type and code and simply runs again at the next interval.
 */
export function createPeriodicJobs(logger?: JobLogger): PeriodicJobs {
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  return {
    add(job, intervalMs, run, options = {}) {
      const tick = async () => {
        try {
          const result = await run();
          if (options.worthLogging?.(result) ?? true) logger?.info({ job, ...result }, `${job} run finished`);
          options.onRun?.(result);
        } catch (error) {
          const e = error as { name?: string; code?: string };
          logger?.error({ job, error: { type: e.name, code: e.code } }, `${job} run failed; it will run again`);
        }
      };
      const schedule = (delay: number) => {
        if (stopped) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          const pass = tick().finally(() => {
            running.delete(pass);
            schedule(intervalMs);
          });
          running.add(pass);
        }, delay);
        timers.add(timer);
      };
      schedule(0);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
