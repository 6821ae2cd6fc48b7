import { DescentError, linalg, type Tensor, tensor, tidy, transpose } from '@descent/tensor';

// Dense linear algebra on row-major Float64Arrays, through @descent/tensor's linalg (float64 throughout).

const asMatrix = (values: Float64Array, n: number): Tensor => tensor(values, { shape: [n, n], dtype: 'float64' });
const asVector = (values: Float64Array): Tensor => tensor(values, { dtype: 'float64' });
const read = (t: Tensor): Float64Array => Float64Array.from(t.dataSync() as ArrayLike<number>);

/** (A + Aᵀ)/2 in place: an autodiff Hessian is symmetric only up to rounding. */
export function symmetrize(a: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const mean = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = mean;
      a[j * n + i] = mean;
    }
  }
  return a;
}

/** A + λI as a new array. */
export function shifted(a: Float64Array, n: number, lambda: number): Float64Array {
  const out = Float64Array.from(a);
  for (let i = 0; i < n; i++) out[i * n + i] += lambda;
  return out;
}

/** x with A x = b by LU with partial pivoting, or undefined when A is singular to working precision. */
export function solve(a: Float64Array, b: Float64Array): Float64Array | undefined {
  try {
    return tidy(() => read(linalg.solve(asMatrix(a, b.length), asVector(b))));
  } catch (error) {
    if (error instanceof DescentError) return undefined;
    throw error;
  }
}

/** x with A x = b through the Cholesky factor A = LLᵀ, or undefined when A is not positive definite. */
export function choleskySolve(a: Float64Array, b: Float64Array): Float64Array | undefined {
  const n = b.length;
  try {
    return tidy(() => {
      const lower = linalg.cholesky(asMatrix(a, n));
      const y = linalg.solveTriangular(lower, asVector(b), { lower: true });
      return read(linalg.solveTriangular(transpose(lower), y, { lower: false }));
    });
  } catch (error) {
    if (error instanceof DescentError) return undefined;
    throw error;
  }
}

/** Eigenvalues (ascending) and eigenvectors (columns, row-major n×n) of a symmetric matrix. */
export function eigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  return tidy(() => {
    const { values, vectors } = linalg.eigh(asMatrix(a, n));
    return { values: read(values), vectors: read(vectors) };
  });
}
