import { NO_ATTRS, runKernel } from '../backend/engine.js';
import type { Tensor } from '../tensor.js';
import { assertSameDType, operand, type TensorOrNumber } from './validate.js';

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
 * Runs a two-operand kernel after resolving the operands (a number becomes a shared constant scalar tensor, see
 * `constantScalar`, so it creates nothing that outlives the op) and letting `check` validate them. Nothing is
 * allocated besides the kernel's inputs: these ops run hundreds of thousands of times a second on 2-D problems.
 */
export function binaryOp(
  fn: string,
  kernel: BinaryKernel,
  a: TensorOrNumber,
  b: TensorOrNumber,
  check: (fn: string, a: Tensor, b: Tensor) => void,
): Tensor {
  const x = operand(fn, a, b, 'a');
  const y = operand(fn, b, a, 'b');
  assertSameDType(fn, x, y);
  check(fn, x, y);
  return runKernel(kernel, { a: x, b: y }, NO_ATTRS);
}
