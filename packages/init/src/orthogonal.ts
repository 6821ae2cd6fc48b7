import { linalg, type Shape, sizeOf, type Tensor, tensor, zeros } from '@descent/tensor';
import { modifiedGramSchmidt } from './internal/gram-schmidt.js';
import { assertOneOf, assertPositive, checkShape, randomOptions } from './internal/validate.js';
import type { InitOptions } from './types.js';

/** How the Gaussian draw is orthonormalized; both give the same matrix up to rounding. */
export type OrthogonalMethod = 'householder' | 'gram-schmidt';

export interface OrthogonalOptions extends InitOptions {
  /** Multiplies the orthogonal matrix, > 0; default 1. Saxe et al. use √2 for ReLU networks: see {@link calculateGain}. */
  readonly gain?: number;
  /**
   * `'householder'` (default): `linalg.qr` with the signs of R's diagonal made positive. `'gram-schmidt'`: modified
   * Gram-Schmidt with reorthogonalization, positive by construction. Same Q for the same draw.
   */
  readonly method?: OrthogonalMethod;
}

const METHODS: readonly OrthogonalMethod[] = ['householder', 'gram-schmidt'];

/**
 * A random orthogonal matrix times `gain`, drawn uniformly (Haar measure) from the orthogonal group or, for a
 * non-square shape, the Stiefel manifold. Draw A ~ N(0, 1)^{rows×cols} with rows = shape[0] and cols = the product of
 * the other dimensions (trailing dimensions flattened, as PyTorch), factor A = QR (transposing a wide A first), flip
 * the signs so that diag(R) > 0, and reshape Q·gain to `shape`. The sign fix is what makes Q Haar-distributed: plain
 * Householder QR ties Q's signs to the data (LAPACK's R₁₁ has the sign opposite A₁₁, so Q₁₁ < 0 always) and biases
 * it (Mezzadri 2007). The result satisfies, for `[fanIn, fanOut]`:
 * - tall or square (fanIn ≥ fanOut): `WᵀW = gain²·I` (orthonormal columns);
 * - wide (fanIn < fanOut): `WWᵀ = gain²·I` (orthonormal rows).
 *
 * For a deep linear network this gives dynamical isometry: every singular value of the layer's Jacobian is `gain`,
 * so signals neither grow nor fade with depth (Saxe et al. 2013). Needs at least 2 dimensions (ShapeError
 * otherwise); fans play no role. The same construction as PyTorch's `orthogonal_` (rows = shape[0]) and Keras's
 * `Orthogonal`; Keras flattens the leading dimensions instead, as its kernels put the output last. Computed in
 * float64, then rounded to `dtype`.
 * @see Saxe, McClelland & Ganguli 2013, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks", https://arxiv.org/abs/1312.6120
 * @see Mezzadri 2007, "How to generate random matrices from the classical compact groups", https://arxiv.org/abs/math-ph/0609050
 * @example
 * const w = orthogonal([256, 256], { rng: createRng(0), gain: Math.SQRT2 });
 * // matmul(transpose(w), w) ≈ 2·I
 */
export function orthogonal(shape: Shape, options: OrthogonalOptions): Tensor {
  const fn = 'orthogonal';
  const { rng, dtype } = randomOptions(fn, options);
  const checked = checkShape(fn, shape, { min: 2 });
  const gain = assertPositive(fn, 'gain', options.gain ?? 1);
  const method = assertOneOf(fn, 'method', options.method ?? 'householder', METHODS);
  const size = sizeOf(checked);
  if (size === 0) return zeros(checked, { dtype });
  const rows = checked[0];
  const cols = size / rows;
  const draw = rng.normal([rows, cols], { dtype: 'float64' });
  const gaussian = draw.dataSync() as Float64Array;
  draw.dispose();
  // Factor a tall matrix: a wide one is transposed, so that its rows come out orthonormal.
  const wide = rows < cols;
  const [m, n] = wide ? [cols, rows] : [rows, cols];
  const a = wide ? transposed(gaussian, rows, cols) : gaussian;
  const q = method === 'householder' ? householderQ(a, m, n) : modifiedGramSchmidt(fn, a, m, n);
  const w = wide ? transposed(q, m, n) : q;
  for (let i = 0; i < w.length; i++) w[i] *= gain;
  return tensor(w, { shape: checked, dtype });
}

/** Q of the reduced QR of a tall m×n matrix, with diag(R) ≥ 0 (row-major m×n). */
function householderQ(a: Float64Array, m: number, n: number): Float64Array {
  const matrix = tensor(a, { shape: [m, n], dtype: 'float64' });
  const { q, r } = linalg.qr(matrix, { mode: 'reduced', nonNegativeDiagonal: true });
  const values = Float64Array.from(q.dataSync());
  for (const t of [matrix, q, r]) t.dispose();
  return values;
}

function transposed(values: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = values[i * cols + j];
  return out;
}
