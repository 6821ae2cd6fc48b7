/**
 * ‖x‖₂ of `count` values from `offset`, `stride` apart, without overflow or underflow: the values are divided by
 * the largest magnitude before squaring (as `Math.hypot`), so 1e200 and 1e-200 entries give the right norm where
 * √Σx² would give Infinity or 0. NaN propagates; an Infinity entry gives Infinity.
 * @see Blue 1978, "A Portable Fortran Program to Find the Euclidean Norm of a Vector", https://doi.org/10.1145/355769.355771
 */
export function euclideanNorm(values: Float64Array, offset: number, stride: number, count: number): number {
  let largest = 0;
  for (let i = 0, at = offset; i < count; i++, at += stride) {
    const magnitude = Math.abs(values[at]);
    if (magnitude > largest) largest = magnitude;
    else if (Number.isNaN(magnitude)) return Number.NaN;
  }
  if (largest === 0 || largest === Number.POSITIVE_INFINITY) return largest;
  let sum = 0;
  for (let i = 0, at = offset; i < count; i++, at += stride) {
    const scaled = values[at] / largest;
    sum += scaled * scaled;
  }
  return largest * Math.sqrt(sum);
}
