import { runKernel } from '../backend/engine.js';
import { DTypeError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { operands, type TensorOrNumber } from './validate.js';

// Comparisons broadcast like arithmetic and return bool tensors.

/** Operands of one dtype whose shapes broadcast; the error names the op, not the kernel. */
function comparands(fn: string, a: TensorOrNumber, b: TensorOrNumber): readonly [Tensor, Tensor] {
  const pair = operands(fn, a, b);
  broadcastShapes(fn, pair[0].shape, pair[1].shape);
  return pair;
}

/** `a > b` element-wise. @example greater(tensor([1, 3]), 2) // → [false, true] */
export function greater(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  const [x, y] = comparands('greater', a, b);
  return runKernel('Greater', { a: x, b: y }, {});
}

/** `a >= b` element-wise. */
export function greaterEqual(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  const [x, y] = comparands('greaterEqual', a, b);
  return runKernel('GreaterEqual', { a: x, b: y }, {});
}

/** `a < b` element-wise. */
export function less(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  const [x, y] = comparands('less', a, b);
  return runKernel('Less', { a: x, b: y }, {});
}

/** `a <= b` element-wise. */
export function lessEqual(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  const [x, y] = comparands('lessEqual', a, b);
  return runKernel('LessEqual', { a: x, b: y }, {});
}

/** `a === b` element-wise (NaN equals nothing). */
export function equal(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  const [x, y] = comparands('equal', a, b);
  return runKernel('Equal', { a: x, b: y }, {});
}

/** `a !== b` element-wise. */
export function notEqual(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  const [x, y] = comparands('notEqual', a, b);
  return runKernel('NotEqual', { a: x, b: y }, {});
}

function booleans(fn: string, a: Tensor, b: Tensor): readonly [Tensor, Tensor] {
  const pair = comparands(fn, a, b);
  if (pair[0].dtype !== 'bool') throw new DTypeError(`${fn}: expected bool tensors, got ${pair[0].dtype}`);
  return pair;
}

/** Element-wise AND of bool tensors. */
export function logicalAnd(a: Tensor, b: Tensor): Tensor {
  const [x, y] = booleans('logicalAnd', a, b);
  return runKernel('LogicalAnd', { a: x, b: y }, {});
}

/** Element-wise OR of bool tensors. */
export function logicalOr(a: Tensor, b: Tensor): Tensor {
  const [x, y] = booleans('logicalOr', a, b);
  return runKernel('LogicalOr', { a: x, b: y }, {});
}
