import { ValueError } from '@descent/tensor';

/**
 * The Q factor of a tall m×n matrix (m ≥ n, row-major) by modified Gram-Schmidt, each column orthogonalized twice
 * ("twice is enough": one pass leaves an error of order ε·κ(A), the second brings it to order ε). R's diagonal
 * holds the norms the columns are divided by, so it is positive by construction: this is the unique QR with
 * diag(R) > 0 and needs no sign correction. Returns Q as a row-major m×n array.
 * @see Giraud, Langou, Rozložník & van den Eshof 2005, https://doi.org/10.1007/s00211-005-0615-4
 */
export function modifiedGramSchmidt(fn: string, a: Float64Array, m: number, n: number): Float64Array {
  // Column-major work array, so every inner loop runs over contiguous memory.
  const columns = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) columns[j * m + i] = a[i * n + j];
  for (let j = 0; j < n; j++) {
    const v = j * m;
    for (let pass = 0; pass < 2; pass++) {
      // Modified, not classical: each projection uses the already-updated column.
      for (let i = 0; i < j; i++) {
        const q = i * m;
        let r = 0;
        for (let t = 0; t < m; t++) r += columns[q + t] * columns[v + t];
        for (let t = 0; t < m; t++) columns[v + t] -= r * columns[q + t];
      }
    }
    let squares = 0;
    for (let t = 0; t < m; t++) squares += columns[v + t] * columns[v + t];
    const norm = Math.sqrt(squares);
    // A Gaussian matrix has full rank with probability 1; reaching this means the generator is broken.
    if (!(norm > 0)) throw new ValueError(`${fn}: column ${j} of the Gaussian draw is linearly dependent`);
    for (let t = 0; t < m; t++) columns[v + t] /= norm;
  }
  const q = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j] = columns[j * m + i];
  return q;
}
