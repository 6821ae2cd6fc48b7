import { opScope, runKernel } from '../backend/engine.js';
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
 * Runs a two-operand kernel after `check` validates and converts the operands. A number operand becomes a scalar
 * tensor: that path runs in an op scope so the scalar does not outlive the op (GPU memory is not collected).
 */
export function binaryOp(
  fn: string,
  kernel: BinaryKernel,
  a: TensorOrNumber,
  b: TensorOrNumber,
  check: (fn: string, a: TensorOrNumber, b: TensorOrNumber) => readonly [Tensor, Tensor],
): Tensor {
  if (typeof a === 'number' || typeof b === 'number') {
    return opScope(() => {
      const [x, y] = check(fn, a, b);
      return runKernel(kernel, { a: x, b: y }, {});
    });
  }
  const [x, y] = check(fn, a, b);
  return runKernel(kernel, { a: x, b: y }, {});
}
