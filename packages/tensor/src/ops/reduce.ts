import { opScope, runKernel } from '../backend/engine.js';
import { makeScalar } from '../creation/scalar-value.js';
import { ShapeError } from '../errors.js';
import { normalizeAxes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { div } from './arithmetic.js';
import { assertFloat, assertNumeric, assertTensor } from './validate.js';

/** Axes to reduce: one axis, several, or all of them when omitted. Negative axes count from the end. */
export type Axes = number | readonly number[];

/** Options of the reductions ({@link sum}, {@link mean}, {@link max}, {@link argmax}, …). */
export interface ReduceOptions {
  /** Keep reduced axes as size 1, so the result broadcasts against the input. Default false. */
  readonly keepDims?: boolean;
}

function reduction(fn: string, x: Tensor, axis: Axes | undefined, options: ReduceOptions) {
  assertTensor(fn, x);
  return { axes: normalizeAxes(fn, axis, x.shape.length), keepDims: options.keepDims ?? false };
}

/**
 * Sum over `axis` (all axes when omitted), accumulated in float64. Booleans sum to int32.
 * @example sum(tensor([[1, 2], [3, 4]]), 0) // → [4, 6]
 */
export function sum(x: Tensor, axis?: Axes, options: ReduceOptions = {}): Tensor {
  return runKernel('Sum', { x }, reduction('sum', x, axis, options));
}

/** Product over `axis` (all axes when omitted). */
export function prod(x: Tensor, axis?: Axes, options: ReduceOptions = {}): Tensor {
  return runKernel('Prod', { x }, reduction('prod', x, axis, options));
}

/** Arithmetic mean over `axis` (all axes when omitted). The mean of no elements is NaN, as in NumPy. */
export function mean(x: Tensor, axis?: Axes, options: ReduceOptions = {}): Tensor {
  assertFloat('mean', assertTensor('mean', x));
  const attrs = reduction('mean', x, axis, options);
  let count = 1;
  for (const a of attrs.axes) count *= x.shape[a];
  return opScope(() => div(runKernel('Sum', { x }, attrs), makeScalar(count, x.dtype)));
}

function nonEmpty(fn: string, x: Tensor, axes: readonly number[]): void {
  for (const a of axes) {
    if (x.shape[a] === 0) throw new ShapeError(`${fn}: cannot reduce over axis ${a} of size 0 (shape [${x.shape}])`);
  }
}

/** Maximum over `axis` (all axes when omitted); NaN propagates. */
export function max(x: Tensor, axis?: Axes, options: ReduceOptions = {}): Tensor {
  const attrs = reduction('max', x, axis, options);
  assertNumeric('max', x);
  nonEmpty('max', x, attrs.axes);
  return runKernel('Max', { x }, attrs);
}

/** Minimum over `axis` (all axes when omitted); NaN propagates. */
export function min(x: Tensor, axis?: Axes, options: ReduceOptions = {}): Tensor {
  const attrs = reduction('min', x, axis, options);
  assertNumeric('min', x);
  nonEmpty('min', x, attrs.axes);
  return runKernel('Min', { x }, attrs);
}

/**
 * log Σ exp(x) over `axis`, shifted by the maximum so that it never overflows.
 * @example logSumExp(tensor([1000, 1000])) // → 1000.693…
 */
export function logSumExp(x: Tensor, axis?: Axes, options: ReduceOptions = {}): Tensor {
  assertFloat('logSumExp', assertTensor('logSumExp', x));
  return runKernel('LogSumExp', { x }, reduction('logSumExp', x, axis, options));
}
