/**
 * A small seeded PRNG (mulberry32): the same seed gives the same chaos schedule, so a failing
 * fault-injection run can be replayed with FAULT_SEED=<seed>. Not for anything secret.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** An independent generator derived from this one (one stream per chaos source, so adding a
   * draw in one place does not shift every other decision of the run). */
  fork(): Prng;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    fork: () => createPrng(Math.floor(next() * 4_294_967_296)),
  };
}

/** FAULT_SEED from the environment when given (a replay), else a fresh one. */
export function seedFromEnv(env: NodeJS.ProcessEnv): number {
  const given = env['FAULT_SEED'];
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`FAULT_SEED must be an integer from 0 to 4294967295, got "${given}"`);
    return seed;
  }
  return Math.floor(Math.random() * 0xffffffff);
}
