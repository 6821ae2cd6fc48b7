import { DTypeError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary-op.js';
import type { TensorOrNumber } from './validate.js';

// Element-wise functions of two tensors with NumPy broadcasting. Operands share one dtype; a number takes the dtype
// of the tensor beside it. Shapes are checked here, so the error names the op (not the kernel) on every backend.

function numeric(fn: string, a: Tensor, b: Tensor): void {
  if (a.dtype === 'bool') throw new DTypeError(`${fn}: expected numeric tensors, got bool (cast them first)`);
  broadcastShapes(fn, a.shape, b.shape);
}

/**
 * Element-wise `a + b` with NumPy broadcasting.
 * @example add(tensor([1, 2]), 10) // → [11, 12]
 */
export function add(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('add', 'Add', a, b, numeric);
}

/** Element-wise `a - b` with broadcasting. */
export function sub(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('sub', 'Sub', a, b, numeric);
}

/** Element-wise `a * b` with broadcasting. */
export function mul(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('mul', 'Mul', a, b, numeric);
}

/** Element-wise `a / b` with broadcasting; int32 division floors, as NumPy's `//`. */
export function div(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('div', 'Div', a, b, numeric);
}

/** Element-wise `a ** b` with broadcasting. */
export function pow(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('pow', 'Pow', a, b, numeric);
}

/** Element-wise maximum; NaN propagates. */
export function maximum(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('maximum', 'Maximum', a, b, numeric);
}

/** Element-wise minimum; NaN propagates. */
export function minimum(a: TensorOrNumber, b: TensorOrNumber): Tensor {
  return binaryOp('minimum', 'Minimum', a, b, numeric);
}
