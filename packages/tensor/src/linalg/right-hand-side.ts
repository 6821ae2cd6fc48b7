import { DTypeError, ShapeError } from '../errors.js';
import { assertFloat, assertTensor } from '../ops/validate.js';
import { formatShape, shapesEqual } from '../shape.js';
import { assertFinite, type MatrixStack } from './matrix-stack.js';

/** Right-hand sides laid out for in-place solves: one n×k block per matrix of the (possibly broadcast) batch. */
export interface RightHandSide {
  /** `count` row-major n×k blocks; solved in place, they become the result. */
  readonly values: Float64Array;
  /** Number of blocks: the batch size of the result. */
  readonly count: number;
  /** Columns per block: 1 for a vector `b`. */
  readonly k: number;
  /** True when one matrix `a` serves every block, so it is factored once. */
  readonly sharedMatrix: boolean;
  /** Shape of the result, the shape of `b` with any broadcast batch axes. */
  readonly shape: readonly number[];
}

/**
 * Validates `b` against the square stack `a` and copies it to float64. As in NumPy 2, `b` is a vector only when it is
 * 1-D (shape [n]); otherwise it is [..., n, k]. Batch axes must match, or one side may have none (it is reused for
 * every matrix of the other): a deliberate subset of full broadcasting that covers the common cases.
 */
export function readRightHandSide(fn: string, a: MatrixStack, b: unknown): RightHandSide {
  const x = assertTensor(fn, b, 'b');
  assertFloat(fn, x);
  if (x.dtype !== a.dtype) {
    throw new DTypeError(`${fn}: dtypes differ, a is ${a.dtype} and b is ${x.dtype} (cast one of them first)`);
  }
  const n = a.rows;
  const aShape = [...a.batchShape, n, n];
  const mismatch = () =>
    new ShapeError(
      `${fn}: a has shape ${formatShape(aShape)} but b has shape ${formatShape(x.shape)}; ` +
        `expected b of shape [${n}] or [..., ${n}, k] with a's batch axes`,
    );
  const rank = x.shape.length;
  if (rank === 0) throw mismatch();
  const vector = rank === 1;
  if (x.shape[vector ? 0 : rank - 2] !== n) throw mismatch();
  const k = vector ? 1 : x.shape[rank - 1];
  const bBatch = vector ? [] : x.shape.slice(0, -2);
  let batchShape: readonly number[];
  if (shapesEqual(bBatch, a.batchShape) || bBatch.length === 0) batchShape = a.batchShape;
  else if (a.batchShape.length === 0) batchShape = bBatch;
  else throw mismatch();
  let count = 1;
  for (const dim of batchShape) count *= dim;

  const source = Float64Array.from(x.dataSync());
  assertFinite(fn, 'b', source, x.shape);
  const block = n * k;
  let values = source;
  if (bBatch.length === 0 && count !== 1) {
    values = new Float64Array(count * block);
    for (let t = 0; t < count; t++) values.set(source, t * block);
  }
  const shape = vector ? [...batchShape, n] : [...batchShape, n, k];
  return { values, count, k, sharedMatrix: a.batchShape.length === 0, shape };
}
