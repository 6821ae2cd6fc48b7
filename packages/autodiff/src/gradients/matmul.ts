import { matmul, type Tensor } from '@descent/tensor';
import { sumToShape } from '../sum-to-shape.js';
import type { GradientFn } from './types.js';

/**
 * For C = op(A)·op(B): dA and dB as matrix products with the right operands transposed, read through strides
 * (no transposes are materialized). Broadcast batch axes are summed back.
 *   C = A B:    dA = dC Bᵀ,   dB = Aᵀ dC
 *   C = Aᵀ B:   dA = B dCᵀ,   dB = A dC
 *   C = A Bᵀ:   dA = dC B,    dB = dCᵀ A
 *   C = Aᵀ Bᵀ:  dA = Bᵀ dCᵀ,  dB = dCᵀ Aᵀ
 */
export const matMulGradient: GradientFn<'MatMul'> = ({
  dy,
  inputs: { a, b },
  attrs: { transposeA, transposeB },
  needs,
}) => {
  const da = () => {
    if (!transposeA) return matmul(dy, b, { transposeB: !transposeB });
    return matmul(b, dy, { transposeA: transposeB, transposeB: true });
  };
  const db = () => {
    if (!transposeB) return matmul(a, dy, { transposeA: !transposeA });
    return matmul(dy, a, { transposeA: true, transposeB: transposeA });
  };
  const result: { a?: Tensor; b?: Tensor } = {};
  if (needs(a)) result.a = sumToShape(da(), a.shape);
  if (needs(b)) result.b = sumToShape(db(), b.shape);
  return result;
};
