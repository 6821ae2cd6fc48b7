import { createRng, DTypeError, Rng, ShapeError, type Tensor, ValueError } from '@descent/tensor';
import type { Examples } from '../types.js';

/** Checks that `dataset` holds `x` and `y` tensors with the same number of samples, at least one; returns n. */
export function assertExamples(fn: string, dataset: Examples, name = 'dataset'): number {
  if (dataset === null || typeof dataset !== 'object' || !isTensor(dataset.x) || !isTensor(dataset.y)) {
    throw new ValueError(`${fn}: ${name} must be an object with tensors x and y`);
  }
  const { x, y } = dataset;
  if (x.rank === 0) throw new ShapeError(`${fn}: ${name}.x must have the samples along axis 0, got a scalar`);
  if (y.rank !== 1) throw new ShapeError(`${fn}: ${name}.y must have shape [n], got [${y.shape}]`);
  if (x.shape[0] !== y.shape[0]) {
    throw new ShapeError(`${fn}: ${name}.x has ${x.shape[0]} samples but ${name}.y has ${y.shape[0]} labels`);
  }
  if (x.shape[0] === 0) throw new ValueError(`${fn}: ${name} is empty (0 samples)`);
  return x.shape[0];
}

/** Checks that `y` holds int32 class indices (for stratification). */
export function assertClassLabels(fn: string, y: Tensor): Int32Array {
  if (y.dtype !== 'int32') throw new DTypeError(`${fn}: class labels y must be int32, got ${y.dtype}`);
  const labels = y.dataSync() as Int32Array;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0) throw new ValueError(`${fn}: class labels must be non-negative, got y[${i}] = ${labels[i]}`);
  }
  return labels;
}

function isTensor(value: unknown): value is Tensor {
  return (
    value !== null &&
    typeof value === 'object' &&
    Array.isArray((value as Tensor).shape) &&
    typeof (value as Tensor).dataSync === 'function'
  );
}

/** An `Rng` as given, or a new one from a seed. Duck-typed, so a second copy of @descent/tensor still works. */
export function resolveRng(fn: string, rng: Rng | number | undefined, why: string): Rng {
  if (typeof rng === 'number') {
    if (!Number.isSafeInteger(rng)) throw new ValueError(`${fn}: a seed must be a safe integer, got ${rng}`);
    return createRng(rng);
  }
  if (rng instanceof Rng) return rng;
  if (rng !== null && typeof rng === 'object' && typeof (rng as Rng).permutationIndices === 'function') return rng;
  if (rng === undefined) {
    throw new ValueError(
      `${fn}: ${why} needs options.rng, an Rng or a seed (e.g. createRng(0)); Descent never draws unseeded random numbers`,
    );
  }
  throw new ValueError(`${fn}: options.rng must be an Rng (createRng(seed)) or an integer seed, got ${String(rng)}`);
}

/** Checks a count option: an integer in [min, 2^31 − 1]. */
export function assertInteger(fn: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 2 ** 31 - 1) {
    throw new ValueError(`${fn}: ${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
}
