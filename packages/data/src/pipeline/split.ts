import { type Rng, ValueError } from '@descent/tensor';
import { assertClassLabels, assertExamples, assertInteger, resolveRng } from '../internal/validate.js';
import type { Examples } from '../types.js';
import { take } from './take.js';

/** Shares of the samples, each in [0, 1], summing to at most 1 (what is left over is dropped). */
export interface SplitFractions {
  /** Default: whatever validation and test leave. */
  readonly train?: number;
  readonly validation?: number;
  readonly test?: number;
}

/** How `split` sizes and orders the parts. */
export interface SplitOptions {
  /** Shares per part (default `{ test: 0.25 }`, scikit-learn's; train gets the rest). Rounded at cumulative bounds. */
  readonly fractions?: SplitFractions;
  /** Sample counts instead of fractions; an omitted trainSize takes the rest. */
  readonly trainSize?: number;
  readonly validationSize?: number;
  readonly testSize?: number;
  /** Shuffle before splitting (default true; then `rng` is required). `false` keeps the order: train comes first. */
  readonly shuffle?: boolean;
  /** The generator (or a seed) for the shuffle. */
  readonly rng?: Rng | number;
  /** Keep each class's share in every part (default false); needs int32 labels. */
  readonly stratified?: boolean;
}

/** Train, validation and test parts (a part with no share has 0 samples), and which samples went where. */
export interface Splits<D extends Examples> {
  readonly train: D;
  readonly validation: D;
  readonly test: D;
  readonly indices: { readonly train: Int32Array; readonly validation: Int32Array; readonly test: Int32Array };
}

/**
 * Splits a dataset into disjoint train, validation and test parts, by fractions or counts, shuffled by a seeded
 * generator. With `stratified`, each class is spread over the parts in proportion (within one sample per class and
 * part) while the part sizes stay exact: samples are ordered by their quantile within their class, then cut at the
 * cumulative sizes. Every part keeps the dataset's other fields (names, description); the input is not changed.
 * A fraction that rounds a requested part down to 0 samples is an error, as is an empty dataset.
 * @example
 * const iris = await loadDataset('iris');
 * const { train, validation, test } = split(iris, { fractions: { train: 0.6, validation: 0.2, test: 0.2 }, rng: createRng(0), stratified: true });
 * train.x.shape; // [90, 4]
 */
export function split<D extends Examples>(dataset: D, options: SplitOptions = {}): Splits<D> {
  const fn = 'split';
  const n = assertExamples(fn, dataset);
  const sizes = partSizes(fn, n, options);
  const { shuffle = true, stratified = false } = options;
  const rng = shuffle ? resolveRng(fn, options.rng, 'shuffling (pass shuffle: false to keep the order)') : undefined;
  const order = rng === undefined ? identity(n) : rng.permutationIndices(n);
  const ordered = stratified ? stratify(order, assertClassLabels(fn, dataset.y)) : order;

  const parts: Int32Array[] = [];
  let start = 0;
  for (const size of sizes) {
    const part = ordered.slice(start, start + size);
    start += size;
    // Stratified parts come out class-interleaved; shuffle them again, or restore the dataset's order.
    if (stratified) {
      if (rng === undefined) part.sort();
      else shuffleInPlace(part, rng);
    }
    parts.push(part);
  }
  const [train, validation, test] = parts.map((indices) => ({ ...dataset, ...take(dataset.x, dataset.y, indices) }));
  return { train, validation, test, indices: { train: parts[0], validation: parts[1], test: parts[2] } };
}

/** [train, validation, test] sample counts, checked. */
function partSizes(fn: string, n: number, options: SplitOptions): [number, number, number] {
  const { fractions, trainSize, validationSize, testSize } = options;
  const counted = trainSize !== undefined || validationSize !== undefined || testSize !== undefined;
  if (fractions !== undefined && counted) {
    throw new ValueError(`${fn}: give fractions or trainSize/validationSize/testSize, not both`);
  }
  if (counted) {
    const validation = validationSize === undefined ? 0 : assertInteger(fn, 'validationSize', validationSize, 0);
    const test = testSize === undefined ? 0 : assertInteger(fn, 'testSize', testSize, 0);
    const train = trainSize === undefined ? n - validation - test : assertInteger(fn, 'trainSize', trainSize, 0);
    if (train < 0 || train + validation + test > n) {
      throw new ValueError(
        `${fn}: sizes train=${trainSize ?? 'rest'}, validation=${validation}, test=${test} need more than the ${n} samples`,
      );
    }
    if (train === 0) throw new ValueError(`${fn}: the train part would be empty (n=${n})`);
    return [train, validation, test];
  }
  const given = fractions ?? { test: 0.25 };
  if (given === null || typeof given !== 'object') throw new ValueError(`${fn}: fractions must be an object`);
  for (const key of Object.keys(given)) {
    if (key !== 'train' && key !== 'validation' && key !== 'test') {
      throw new ValueError(`${fn}: unknown fraction '${key}'; use train, validation and test`);
    }
    const value = given[key];
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new ValueError(`${fn}: fractions.${key} must be a number in [0, 1], got ${String(value)}`);
    }
  }
  const validation = given.validation ?? 0;
  const test = given.test ?? 0;
  const train = given.train ?? 1 - validation - test;
  const total = train + validation + test;
  // A little slack for sums such as 0.7 + 0.2 + 0.1 = 1.0000000000000002.
  if (train < -1e-12 || total > 1 + 1e-9) {
    throw new ValueError(
      `${fn}: fractions must sum to at most 1, got train=${given.train ?? 'rest'} + validation=${validation} + test=${test} = ${total}`,
    );
  }
  // Rounding at the cumulative bounds keeps the sum exact: parts never overlap or exceed n.
  const bound1 = Math.min(n, Math.round(Math.max(train, 0) * n));
  const bound2 = Math.min(n, Math.round((Math.max(train, 0) + validation) * n));
  const bound3 = Math.min(n, Math.round(total * n));
  const sizes: [number, number, number] = [bound1, bound2 - bound1, bound3 - bound2];
  const names = ['train', 'validation', 'test'] as const;
  const shares = [train, validation, test];
  if (sizes[0] === 0 && !(train > 1e-12)) throw new ValueError(`${fn}: the train part would be empty (n=${n})`);
  for (let part = 0; part < 3; part++) {
    if (shares[part] > 1e-12 && sizes[part] === 0) {
      throw new ValueError(`${fn}: the ${names[part]} fraction ${shares[part]} of ${n} samples rounds to 0 samples`);
    }
  }
  return sizes;
}

/**
 * Reorders `order` so that any prefix holds each class in proportion: the r-th of a class's k samples gets the key
 * (r + ½)/k, its quantile within the class, and samples are sorted by key (ties by class, a stable order).
 */
function stratify(order: Int32Array, labels: Int32Array): Int32Array {
  const counts = new Map<number, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const seen = new Map<number, number>();
  const keys = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const label = labels[order[i]];
    const rank = seen.get(label) ?? 0;
    seen.set(label, rank + 1);
    keys[i] = (rank + 0.5) / (counts.get(label) as number);
  }
  const positions = Array.from(order.keys()).sort(
    (a, b) => keys[a] - keys[b] || labels[order[a]] - labels[order[b]] || a - b,
  );
  return Int32Array.from(positions, (position) => order[position]);
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function shuffleInPlace(values: Int32Array, rng: Rng): void {
  const order = rng.permutationIndices(values.length);
  const copy = values.slice();
  for (let i = 0; i < values.length; i++) values[i] = copy[order[i]];
}
