import { type Rng, type Tensor, ValueError } from '@descent/tensor';
import { assertExamples, resolveRng } from '../internal/validate.js';
import type { Examples } from '../types.js';
import { take } from './take.js';

/** How `batches` cuts an epoch. */
export interface BatchOptions {
  /**
   * Samples per batch: `'full'` (or n) for batch gradient descent, m < n for minibatches, 1 for one example at a
   * time (Goodfellow et al. 2016, section 8.1.3).
   */
  readonly batchSize: number | 'full';
  /** Visit samples in a new random order each epoch (default true, except for full batches); needs `rng`. */
  readonly shuffle?: boolean;
  /** The generator (or a seed) for the shuffles; each epoch draws its permutation from it. */
  readonly rng?: Rng | number;
  /** Skip the last, smaller batch of an epoch when batchSize does not divide n (default false). */
  readonly dropLast?: boolean;
  /** Epochs to iterate (default 1; `Infinity` never stops). */
  readonly epochs?: number;
}

/** One batch: new tensors owned by the caller (dispose them, or iterate inside `tidy`). */
export interface Batch {
  readonly x: Tensor;
  readonly y: Tensor;
  /** Which samples of the dataset this batch holds. */
  readonly indices: Int32Array;
  /** Epoch number, from 0. */
  readonly epoch: number;
  /** Batch number within the epoch, from 0. */
  readonly step: number;
}

/**
 * Iterates over a dataset in batches: full batch, minibatches or single examples. Each epoch visits every sample
 * exactly once (all but the remainder with `dropLast`), in a fresh permutation drawn from `rng` when shuffling, so
 * a seed fixes the whole sequence. Minibatches should be drawn at random (Goodfellow et al. 2016, 8.1.3), hence the
 * shuffle default. A synchronous generator: options are checked when `batches` is called, batches are gathered
 * lazily on the backend that holds the data.
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, section 8.1.3, https://www.deeplearningbook.org/contents/optimization.html
 * @example
 * const data = synthetic('xor', { n: 100, rng: 0 });
 * for (const { x, y, epoch, step } of batches(data, { batchSize: 32, rng: createRng(1), epochs: 2 })) {
 *   console.log(epoch, step, x.shape); // 0 0 [32, 2], 0 1 [32, 2], 0 2 [32, 2], 0 3 [4, 2], 1 0 [32, 2], …
 *   x.dispose();
 *   y.dispose();
 * }
 */
export function batches(dataset: Examples, options: BatchOptions): Generator<Batch, void, undefined> {
  const fn = 'batches';
  const n = assertExamples(fn, dataset);
  if (options === null || typeof options !== 'object') {
    throw new ValueError(`${fn}: expected options with a batchSize, got ${String(options)}`);
  }
  const { batchSize: requested, dropLast = false, epochs = 1 } = options;
  if (
    requested !== 'full' &&
    (typeof requested !== 'number' || !Number.isInteger(requested) || requested < 1 || requested > 2 ** 31 - 1)
  ) {
    throw new ValueError(`${fn}: batchSize must be a positive integer or 'full', got ${String(requested)}`);
  }
  const batchSize = requested === 'full' ? n : Math.min(requested, n);
  if (dropLast && requested !== 'full' && requested > n) {
    throw new ValueError(`${fn}: batchSize ${requested} exceeds the ${n} samples, so dropLast would leave no batch`);
  }
  if (typeof epochs !== 'number' || !(epochs >= 1) || (!Number.isInteger(epochs) && epochs !== Infinity)) {
    throw new ValueError(`${fn}: epochs must be a positive integer or Infinity, got ${String(epochs)}`);
  }
  const { shuffle = batchSize < n } = options;
  const rng = shuffle ? resolveRng(fn, options.rng, 'shuffling (pass shuffle: false to keep the order)') : undefined;
  return iterate(dataset, n, batchSize, dropLast, epochs, rng);
}

function* iterate(
  dataset: Examples,
  n: number,
  batchSize: number,
  dropLast: boolean,
  epochs: number,
  rng: Rng | undefined,
): Generator<Batch, void, undefined> {
  const steps = dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = rng === undefined ? Int32Array.from({ length: n }, (_, i) => i) : rng.permutationIndices(n);
    for (let step = 0; step < steps; step++) {
      const indices = order.slice(step * batchSize, Math.min(n, (step + 1) * batchSize));
      yield { ...take(dataset.x, dataset.y, indices), indices, epoch, step };
    }
  }
}
