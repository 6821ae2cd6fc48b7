import { DTypeError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary-op.js';
import type { TensorOrNumber } from './validate.js';

// Comparisons broadcast like arithmetic and return bool tensors.

/** Operands of one dtype whose shapes broadcast; the error names the op, not the kernel. */
function comparands(fn: string, a: Tensor, b: Tensor): void {
  broadcastShapes(fn, a.shape, b.shape);
}

/** `a > b` element-wise. @example greater(tensor([1, 3]), 2) // → [false, true] */
export function greater(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('greater', 'Greater', a, b, comparands);
}

/** `a >= b` element-wise. */
export function greaterEqual(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('greaterEqual', 'GreaterEqual', a, b, comparands);
}

/** `a < b` element-wise. */
export function less(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('less', 'Less', a, b, comparands);
}

/** `a <= b` element-wise. */
export function lessEqual(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('lessEqual', 'LessEqual', a, b, comparands);
}

/** `a === b` element-wise (NaN equals nothing). */
export function equal(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('equal', 'Equal', a, b, comparands);
}

/** `a !== b` element-wise. */
export function notEqual(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('notEqual', 'NotEqual', a, b, comparands);
}

function booleans(fn: string, a: Tensor, b: Tensor): void {
  comparands(fn, a, b);
  if (a.dtype !== 'bool') throw new DTypeError(`${fn}: expected bool tensors, got ${a.dtype}`);
}

/** Element-wise AND of bool tensors. */
export function logicalAnd(a: Tensor, b: Tensor): Tensor {
  return binaryOp('logicalAnd', 'LogicalAnd', a, b, booleans);
}

/** Element-wise OR of bool tensors. */
export function logicalOr(a: Tensor, b: Tensor): Tensor {
  return binaryOp('logicalOr', 'LogicalOr', a, b, booleans);
}
