import { NO_ATTRS, opScope, runKernel } from '../backend/engine.js';
import { DTypeError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, operands, type TensorOrNumber } from './validate.js';

/**
 * Picks `a` where `condition` is true and `b` elsewhere; all three broadcast together.
 * @example where(greater(x, 0), x, 0) // relu
 */
export function where(condition: Tensor, a: TensorOrNumber, b: TensorOrNumber): Tensor {
  assertTensor('where', condition, 'condition');
  if (condition.dtype !== 'bool') throw new DTypeError(`where: condition must be bool, got ${condition.dtype}`);
  const run = () => {
    const [x, y] = operands('where', a, b);
    broadcastShapes('where', broadcastShapes('where', condition.shape, x.shape), y.shape);
    return runKernel('Where', { condition, a: x, b: y }, NO_ATTRS);
  };
  // A number branch becomes a scalar tensor that must not outlive the op.
  return typeof a === 'number' || typeof b === 'number' ? opScope(run) : run();
}
