/** A clock the test moves by hand: timers fire only when `advance` passes their time. */
export function createFakeClock(start = 1_000_000) {
  let now = start;
  let nextHandle = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback: () => void, ms: number): unknown {
      nextHandle += 1;
      timers.set(nextHandle, { at: now + ms, callback });
      return nextHandle;
    },
    clearTimeout(handle: unknown) {
      timers.delete(handle as number);
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
    get pending() {
      return timers.size;
    },
  };
}
