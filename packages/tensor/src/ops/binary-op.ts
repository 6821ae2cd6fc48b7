import { NO_ATTRS, runKernel } from '../backend/engine.js';
import type { Tensor } from '../tensor.js';
import type { TensorOrNumber } from './validate.js';

type BinaryKernel =
  | 'Add'
  | 'Sub'
  | 'Mul'
  | 'Div'
  | 'Pow'
  | 'Maximum'
  | 'Minimum'
  | 'Greater'
  | 'GreaterEqual'
  | 'Less'
  | 'LessEqual'
  | 'Equal'
  | 'NotEqual'
  | 'LogicalAnd'
  | 'LogicalOr';

/**
 * Runs a two-operand kernel after `check` validates and converts the operands. A number operand becomes a shared
 * constant scalar tensor (see `constantScalar`), so it creates nothing that outlives the op.
 */
export function binaryOp(
  fn: string,
  kernel: BinaryKernel,
  a: TensorOrNumber,
  b: TensorOrNumber,
  check: (fn: string, a: TensorOrNumber, b: TensorOrNumber) => readonly [Tensor, Tensor],
): Tensor {
  const [x, y] = check(fn, a, b);
  return runKernel(kernel, { a: x, b: y }, NO_ATTRS);
}
