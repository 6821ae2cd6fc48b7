import { opScope, runKernel } from '../backend/engine.js';
import { ShapeError } from '../errors.js';
import { broadcastShapes, formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reshape } from './reshape.js';
import { assertNumeric, operands } from './validate.js';

/** Options of {@link matmul}: transpose either operand's last two axes on the fly, without a copy. */
export interface MatMulOptions {
  /** Use the transpose of `a`'s last two axes. Free: the kernel reads with swapped strides. */
  readonly transposeA?: boolean;
  /** Use the transpose of `b`'s last two axes. Free, as `transposeA`. */
  readonly transposeB?: boolean;
}

/**
 * Matrix product over the last two axes; leading axes broadcast (NumPy's matmul). A 1-D `a` is a row vector and a
 * 1-D `b` a column vector, and the added axis is removed from the result.
 * @example matmul(tensor([[1, 2]]), tensor([[3], [4]])) // → [[11]]
 */
export function matmul(a: Tensor, b: Tensor, options: MatMulOptions = {}): Tensor {
  if (a instanceof Object && b instanceof Object && (a.shape?.length === 1 || b.shape?.length === 1)) {
    // Vector operands are reshaped to matrices and back: keep only the result alive.
    return opScope(() => product(a, b, options));
  }
  return product(a, b, options);
}

function product(a: Tensor, b: Tensor, options: MatMulOptions): Tensor {
  const [x, y] = operands('matmul', a, b);
  assertNumeric('matmul', x);
  const { transposeA = false, transposeB = false } = options;
  if (x.shape.length === 0 || y.shape.length === 0) {
    throw new ShapeError(
      `matmul: operands must have at least 1 dimension, got ${formatShape(x.shape)} x ${formatShape(y.shape)}`,
    );
  }
  const left = x.shape.length === 1 ? reshape(x, transposeA ? [x.shape[0], 1] : [1, x.shape[0]]) : x;
  const right = y.shape.length === 1 ? reshape(y, transposeB ? [1, y.shape[0]] : [y.shape[0], 1]) : y;
  const [ra, rb] = [left.shape.length, right.shape.length];
  const k = transposeA ? left.shape[ra - 2] : left.shape[ra - 1];
  const kb = transposeB ? right.shape[rb - 1] : right.shape[rb - 2];
  if (k !== kb) {
    const describe = (t: Tensor, transposed: boolean) => `${formatShape(t.shape)}${transposed ? 'ᵀ' : ''}`;
    throw new ShapeError(`matmul: inner dimensions differ, ${describe(x, transposeA)} x ${describe(y, transposeB)}`);
  }
  broadcastShapes('matmul', left.shape.slice(0, -2), right.shape.slice(0, -2));
  const product = runKernel('MatMul', { a: left, b: right }, { transposeA, transposeB });
  if (x.shape.length > 1 && y.shape.length > 1) return product;
  const shape = product.shape.slice();
  if (y.shape.length === 1) shape.splice(shape.length - 1, 1);
  if (x.shape.length === 1) shape.splice(shape.length - (y.shape.length === 1 ? 1 : 2), 1);
  return reshape(product, shape);
}
