/** Counts of values in equal-width bins over [min, max], with the mean and standard deviation. */
export interface Histogram {
  readonly min: number;
  readonly max: number;
  readonly counts: readonly number[];
  readonly mean: number;
  readonly std: number;
  /** Values exactly zero: dead relu units show here. */
  readonly zeros: number;
}

/** Bins finite values into `bins` equal bins over their range (a zero-width range gets width 1e-12). */
export function histogram(values: ArrayLike<number>, bins: number): Histogram {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    count++;
    if (v === 0) zeros++;
  }
  const counts = new Array<number>(bins).fill(0);
  if (count === 0) return { min: 0, max: 0, counts, mean: 0, std: 0, zeros };
  const mean = sum / count;
  let squares = 0;
  const width = Math.max(max - min, 1e-12);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    squares += (v - mean) * (v - mean);
    counts[Math.min(bins - 1, Math.floor(((v - min) / width) * bins))]++;
  }
  return { min, max, counts, mean, std: Math.sqrt(squares / count), zeros };
}
