import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { euclideanNorm } from './euclidean-norm.js';
import { readMatrixStack, toTensor } from './matrix-stack.js';

/** Options of {@link qr}: reduced or complete factors, and the sign convention of R's diagonal. */
export interface QrOptions {
  /**
   * `'reduced'` (default, as NumPy): Q is m×k and R is k×n with k = min(m, n).
   * `'complete'`: Q is m×m (an orthonormal basis of the whole space) and R is m×n.
   */
  readonly mode?: 'reduced' | 'complete';
  /**
   * Flip signs so that every diagonal entry of R is ≥ 0 (column j of Q and row j of R change sign together, so
   * QR is unchanged). Default false: LAPACK's Householder convention, whose diagonal signs depend on the data.
   * With the flip the factorization of a full-rank matrix is unique, and the Q of a matrix of i.i.d. standard normals
   * is Haar-distributed (uniform over orthogonal matrices); without it Q is biased, which matters for orthogonal
   * initialization (Saxe et al. 2014). See Mezzadri 2007, https://arxiv.org/abs/math-ph/0609050.
   */
  readonly nonNegativeDiagonal?: boolean;
}

/** The factors of A = QR. */
export interface QrResult {
  /** Orthonormal columns: QᵀQ = I. Shape [..., m, k] (reduced) or [..., m, m] (complete). */
  readonly q: Tensor;
  /** Upper triangular (zero below the diagonal). Shape [..., k, n] (reduced) or [..., m, n] (complete). */
  readonly r: Tensor;
}

/**
 * QR factorization A = QR by Householder reflections, in float64, for tall (m > n), square and wide (m < n)
 * matrices and [..., m, n] stacks. Step j reflects column j below the diagonal onto a multiple of e₁:
 * Hⱼ = I − τⱼ vⱼ vⱼᵀ with vⱼ = x − βe₁, β = −sign(x₁)‖x‖ (the sign that avoids cancellation), τⱼ = (β − x₁)/β;
 * then R = H_{k−1}⋯H₀ A and Q = H₀⋯H_{k−1}, accumulated backwards as LAPACK's geqr2/orgqr.
 * Householder QR is backward stable and its Q is orthogonal to working precision, unlike Gram–Schmidt.
 * @see Golub & Van Loan 2013, *Matrix Computations* (4th ed.), Algorithm 5.2.1, https://jhupbooks.press.jhu.edu/title/matrix-computations
 * @example
 * const { q, r } = linalg.qr(tensor([[3, 1], [4, 2]], { dtype: 'float64' }), { nonNegativeDiagonal: true })
 * // q → [[0.6, -0.8], [0.8, 0.6]], r → [[5, 2.2], [0, 0.4]]
 */
export function qr(a: Tensor, options: QrOptions = {}): QrResult {
  const fn = 'linalg.qr';
  const { mode = 'reduced', nonNegativeDiagonal = false } = options;
  if (mode !== 'reduced' && mode !== 'complete') {
    throw new ValueError(`${fn}: mode must be 'reduced' or 'complete', got ${JSON.stringify(mode)}`);
  }
  const matrices = readMatrixStack(fn, a);
  const { rows: m, cols: n, count } = matrices;
  const k = Math.min(m, n);
  const qCols = mode === 'complete' ? m : k;
  const rRows = mode === 'complete' ? m : k;
  const q = new Float64Array(count * m * qCols);
  const r = new Float64Array(count * rRows * n);
  const tau = new Float64Array(k);
  const w = new Float64Array(Math.max(n, qCols));
  for (let t = 0; t < count; t++) {
    // `work` holds R on and above the diagonal and the Householder vectors (with v₀ = 1 implied) below it.
    const work = matrices.values.subarray(t * m * n, (t + 1) * m * n);
    householderTriangularize(work, m, n, tau, w);
    const qBlock = q.subarray(t * m * qCols, (t + 1) * m * qCols);
    accumulateQ(work, m, n, tau, qBlock, qCols, w);
    const rBlock = r.subarray(t * rRows * n, (t + 1) * rRows * n);
    for (let i = 0; i < Math.min(rRows, m); i++) {
      for (let j = i; j < n; j++) rBlock[i * n + j] = work[i * n + j];
    }
    if (nonNegativeDiagonal) {
      for (let i = 0; i < k; i++) {
        if (rBlock[i * n + i] >= 0) continue;
        for (let j = i; j < n; j++) rBlock[i * n + j] = -rBlock[i * n + j];
        for (let row = 0; row < m; row++) qBlock[row * qCols + i] = -qBlock[row * qCols + i];
      }
    }
  }
  return {
    q: toTensor(q, [...matrices.batchShape, m, qCols], matrices.dtype),
    r: toTensor(r, [...matrices.batchShape, rRows, n], matrices.dtype),
  };
}

/** Householder triangularization in place (LAPACK geqr2 with dlarfg's choice of β and τ). */
function householderTriangularize(work: Float64Array, m: number, n: number, tau: Float64Array, w: Float64Array): void {
  const k = Math.min(m, n);
  for (let j = 0; j < k; j++) {
    const alpha = work[j * n + j];
    const tailNorm = euclideanNorm(work, (j + 1) * n + j, n, m - j - 1);
    if (tailNorm === 0) {
      // Already zero below the diagonal: H = I, and the diagonal keeps its sign (fixed later if asked).
      tau[j] = 0;
      continue;
    }
    const beta = (alpha >= 0 ? -1 : 1) * Math.hypot(alpha, tailNorm);
    tau[j] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) work[i * n + j] *= scale;
    work[j * n + j] = beta;
    // Apply H = I − τ v vᵀ to the trailing columns: w = vᵀA, then A −= τ v w. Row-wise, so loops stay contiguous.
    const width = n - j - 1;
    if (width === 0) continue;
    for (let c = 0; c < width; c++) w[c] = work[j * n + j + 1 + c];
    for (let i = j + 1; i < m; i++) {
      const v = work[i * n + j];
      if (v === 0) continue;
      const row = i * n + j + 1;
      for (let c = 0; c < width; c++) w[c] += v * work[row + c];
    }
    const step = tau[j];
    for (let c = 0; c < width; c++) work[j * n + j + 1 + c] -= step * w[c];
    for (let i = j + 1; i < m; i++) {
      const v = step * work[i * n + j];
      if (v === 0) continue;
      const row = i * n + j + 1;
      for (let c = 0; c < width; c++) work[row + c] -= v * w[c];
    }
  }
}

/**
 * Forms the first `qCols` columns of Q = H₀H₁⋯H_{k−1} by applying the reflections to the identity from the last
 * to the first (LAPACK orgqr): Hⱼ touches only rows ≥ j, and columns < j of the partial product are still unit
 * vectors there, so each step updates only the trailing block.
 */
function accumulateQ(
  work: Float64Array,
  m: number,
  n: number,
  tau: Float64Array,
  q: Float64Array,
  qCols: number,
  w: Float64Array,
): void {
  const k = Math.min(m, n);
  for (let i = 0; i < Math.min(m, qCols); i++) q[i * qCols + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const step = tau[j];
    if (step === 0) continue;
    const width = qCols - j;
    // w = vᵀ Q[j:, j:], with v₀ = 1.
    for (let c = 0; c < width; c++) w[c] = q[j * qCols + j + c];
    for (let i = j + 1; i < m; i++) {
      const v = work[i * n + j];
      if (v === 0) continue;
      const row = i * qCols + j;
      for (let c = 0; c < width; c++) w[c] += v * q[row + c];
    }
    for (let c = 0; c < width; c++) q[j * qCols + j + c] -= step * w[c];
    for (let i = j + 1; i < m; i++) {
      const v = step * work[i * n + j];
      if (v === 0) continue;
      const row = i * qCols + j;
      for (let c = 0; c < width; c++) q[row + c] -= v * w[c];
    }
  }
}
