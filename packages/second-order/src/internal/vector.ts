// Dense vector helpers on Float64Arrays: the solvers keep their own bookkeeping here, out of the tensor engine,
// because on small problems the per-op overhead of tensors would dominate.

export function dot(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i] * b[i];
  return total;
}

export function norm2(a: Float64Array): number {
  // Scaled, so that huge or tiny vectors neither overflow nor underflow.
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const t = a[i] / scale;
    total += t * t;
  }
  return scale * Math.sqrt(total);
}

export function normInf(a: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) {
    const t = Math.abs(a[i]);
    if (t > largest || Number.isNaN(t)) largest = t;
  }
  return largest;
}

export function norm1(a: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += Math.abs(a[i]);
  return total;
}

/** x + a·d as a new array. */
export function along(x: Float64Array, a: number, d: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] + a * d[i];
  return out;
}

/** y = M x for a dense row-major n×n matrix. */
export function matVec(m: Float64Array, x: Float64Array, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    let total = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) total += m[row + j] * x[j];
    out[i] = total;
  }
  return out;
}

/** The first index holding a NaN or ±Infinity, or −1. */
export function firstNonFinite(a: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return i;
  return -1;
}

/** Short scientific notation for messages. */
export function format(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude >= 1e-3 && magnitude < 1e5 ? String(Number(value.toPrecision(4))) : value.toExponential(2);
}
