/** Nearest-rank percentile of an unsorted sample (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export type Summary = { n: number; p50: number; p99: number; max: number; min: number };

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN, min: NaN };
  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p99: round(percentile(values, 99)),
    max: round(Math.max(...values)),
    min: round(Math.min(...values)),
  };
}

/**
 * Rounds of one measurement → the median of each figure across rounds, and the p99 of
 * the per-round figures (with 3 rounds that is the worst round: we say so in the report).
 */
export function acrossRounds<K extends string>(rounds: readonly Record<K, number>[], keys: readonly K[]) {
  const out = {} as Record<K, { median: number; p99: number }>;
  for (const k of keys) {
    const xs = rounds.map((r) => r[k]).filter((x) => Number.isFinite(x));
    // Shares (handled) keep 4 digits: rounded to one, 97.4 % read as 100 % and a saturated
    // rate counted as handled in full.
    const digits = k.endsWith('Share') ? 4 : 1;
    out[k] = { median: round(median(xs), digits), p99: round(percentile(xs, 99), digits) };
  }
  return out;
}

export const round = (x: number, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);
