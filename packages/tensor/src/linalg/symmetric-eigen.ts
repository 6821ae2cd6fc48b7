import { ValueError } from '../errors.js';

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors of the symmetric n×n matrix `a` (row-major, both triangles
 * filled), in place: on return `values` holds the eigenvalues and `a` holds the eigenvectors as columns.
 * Householder tridiagonalization (EISPACK tred2) then implicit QL with Wilkinson-type shifts (tql2), as ported in
 * JAMA. Both stages apply orthogonal transformations only, so the result is backward stable: A + E = VΛVᵀ with
 * ‖E‖ ≈ n·eps·‖A‖, and repeated eigenvalues get an orthonormal basis of their eigenspace.
 * Returns false if some eigenvalue needed more than `maxIterations` QL sweeps (not seen for finite input).
 * @see Bowdler, Martin, Reinsch & Wilkinson 1968, "The QR and QL algorithms for symmetric matrices", https://doi.org/10.1007/BF02166356
 */
export function symmetricEigenInPlace(
  a: Float64Array,
  n: number,
  values: Float64Array,
  offDiagonal: Float64Array,
  maxIterations = 60,
): boolean {
  if (n === 0) return true;
  // Scale by a power of two (exact) so that intermediate squares can neither overflow nor underflow.
  let largest = 0;
  for (let i = 0; i < n * n; i++) largest = Math.max(largest, Math.abs(a[i]));
  const scale = largest === 0 ? 1 : 2 ** Math.round(Math.log2(largest));
  if (scale !== 1) for (let i = 0; i < n * n; i++) a[i] /= scale;
  tridiagonalize(a, n, values, offDiagonal);
  const converged = diagonalize(a, n, values, offDiagonal, maxIterations);
  if (scale !== 1) for (let i = 0; i < n; i++) values[i] *= scale;
  return converged;
}

/**
 * tred2: Householder reduction to tridiagonal form T = QᵀAQ, accumulating Q in `v`. On return `d` is T's diagonal
 * and `e[1..n−1]` its subdiagonal. Reads the lower triangle; each row is rescaled by its 1-norm to avoid underflow.
 */
function tridiagonalize(v: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = v[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        v[j * n + i] = f;
        g = e[j] + v[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[k * n + j] * d[k];
          e[k] += v[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) v[k * n + j] -= f * e[k] + g * d[k];
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = v[i * n + i];
    v[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k * n + i + 1] * v[k * n + j];
        for (let k = 0; k <= i; k++) v[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[(n - 1) * n + j];
    v[(n - 1) * n + j] = 0;
  }
  v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/**
 * tql2: implicit QL iteration on the tridiagonal (d, e), rotating the columns of `v`, then sorting ascending.
 * The shift is the eigenvalue of the leading 2×2 block nearer d[l], which gives cubic convergence in practice.
 */
function diagonalize(v: Float64Array, n: number, d: Float64Array, e: Float64Array, maxIterations: number): boolean {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    // Find a negligible subdiagonal entry: it splits off an unreduced block d[l..m].
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > maxIterations) return false;
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          for (let k = 0; k < n; k++) {
            const at = k * n + i;
            h = v[at + 1];
            v[at + 1] = s * v[at] + c * h;
            v[at] = c * v[at] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  // Selection sort: n swaps at most, each moving a whole eigenvector column.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      for (let j = 0; j < n; j++) {
        const held = v[j * n + i];
        v[j * n + i] = v[j * n + k];
        v[j * n + k] = held;
      }
    }
  }
  return true;
}

/** The error for a QL iteration that did not converge (`where` names the matrix of a batch, or is empty). */
export function notConverged(fn: string, where: string, maxIterations: number): ValueError {
  return new ValueError(
    `${fn}: eigenvalue iteration did not converge${where} (more than ${maxIterations} QL sweeps for one eigenvalue)`,
  );
}
