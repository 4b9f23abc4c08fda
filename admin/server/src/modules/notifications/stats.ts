/** Percentiles of small samples. Pure. */

/**
 * Linear interpolation between closest ranks (the "type 7" of R and of spreadsheets' PERCENTILE),
 * so the median of an even sample is the mean of its middle two, as readers expect.
 */
export function percentile(sortedAscending: readonly number[], fraction: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  if (fraction < 0 || fraction > 1) throw new RangeError('fraction must be within 0..1');
  const rank = fraction * (n - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sortedAscending[lower] ?? 0;
  const high = sortedAscending[upper] ?? low;
  return low + (high - low) * (rank - lower);
}

/** One decimal, the precision a citizen reads ("3.5 days"). */
export function roundTenth(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
