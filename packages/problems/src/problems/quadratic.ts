import {
  createRng,
  type FloatDType,
  linalg,
  matmul,
  mul,
  reshape,
  square,
  sum,
  type Tensor,
  tensor,
  tidy,
} from '@descent/tensor';
import { defineProblem } from '../internal/define-problem.js';
import type { Problem } from '../types.js';

/** The eigenvalues λᵢ = κ^(i/(n−1)), log-spaced from 1 to κ (just 1 when n = 1). */
export function quadraticEigenvalues(dimension: number, conditionNumber: number): Float64Array {
  const values = new Float64Array(dimension);
  for (let i = 0; i < dimension; i++) values[i] = dimension === 1 ? 1 : conditionNumber ** (i / (dimension - 1));
  return values;
}

/**
 * An ill-conditioned quadratic f(x) = ½ xᵀAx with A = Q diag(λ) Qᵀ, λᵢ = κ^(i/(n−1)) (log-spaced from 1 to κ) and Q
 * either a Haar-random rotation drawn from `createRng(seed)` (the Q of a sign-corrected QR of a Gaussian matrix) or
 * the identity. Minimum 0 at the origin; the Hessian is A everywhere.
 */
export function quadratic(
  dimension: number,
  conditionNumber: number,
  rotation: 'random' | 'axis-aligned',
  seed: number,
  dtype: FloatDType,
): Problem {
  const eigenvalues = quadraticEigenvalues(dimension, conditionNumber);
  let basis: Float64Array | undefined;
  if (rotation === 'random') {
    basis = tidy(() => {
      const gaussian = createRng(seed).normal([dimension, dimension], { dtype: 'float64' });
      return Float64Array.from(linalg.qr(gaussian, { nonNegativeDiagonal: true }).q.dataSync());
    });
  }
  // Constants are rebuilt per call in the input's dtype, so float32 and float64 inputs both work.
  const constant = (values: Float64Array, shape: number[], like: Tensor) =>
    tensor(values, { shape, dtype: like.dtype });
  const axes = rotation === 'random' ? 'a seeded random rotation' : 'the coordinate axes';
  return defineProblem({
    name: 'quadratic',
    title: 'Ill-conditioned quadratic',
    description:
      `½ xᵀAx in ${dimension} dimensions with Hessian eigenvalues log-spaced from 1 to ${conditionNumber} along ` +
      `${axes}. Gradient descent must keep its step below 2/λmax, so progress along the flattest direction takes ` +
      'about κ times longer than along the steepest; Newton and conjugate gradients are immune (8.2.1, ' +
      'ill-conditioning; 8.6.2 on CG).',
    section: '8.2.1',
    dimension,
    dtype,
    minimum: 0,
    minima: [{ x: new Array<number>(dimension).fill(0), value: 0 }],
    start: new Array<number>(dimension).fill(1),
    bounds: { x: [-2, 2], y: [-2, 2] },
    evaluate: (x) => {
      const lambda = constant(eigenvalues, [dimension], x);
      let coordinates = x;
      if (basis !== undefined) {
        const rows = reshape(x, [-1, dimension]);
        coordinates = reshape(matmul(rows, constant(basis, [dimension, dimension], x)), x.shape);
      }
      return mul(sum(mul(lambda, square(coordinates)), -1), 0.5);
    },
  });
}
