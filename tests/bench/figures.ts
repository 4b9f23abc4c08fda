/** One measured figure of the benchmark report, with the baseline it is compared with. */
export interface Figure {
  readonly benchmark: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** A value measured in the same run that this one should be read against (machines are noisy). */
  readonly baseline?: { readonly name: string; readonly value: number; readonly unit: string };
  readonly note?: string;
  /** The benchmark's name in run.ts (set by the runner), so one can be rerun alone with --only. */
  readonly suite?: string;
}

export interface BenchContext {
  /** `--quick`: fewer repetitions, for a first look in well under three minutes. */
  readonly quick: boolean;
}

export type Benchmark = (context: BenchContext) => Promise<Figure[]>;

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
