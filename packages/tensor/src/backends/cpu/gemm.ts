import type { TypedArray } from '../../dtype.js';

/**
 * A strided view of a matrix inside a flat array: element (i, j) is `data[offset + i * rowStride + j * colStride]`.
 * Transposes are views with the strides swapped, so `gemm` never copies an operand to transpose it.
 */
export interface MatrixView {
  readonly data: TypedArray;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

// Block sizes (GotoBLAS order): a KC x NC block of B and an MC x KC block of A are packed into contiguous panels
// so that the 4 x 4 micro-kernel streams through memory in order. KC x 4 float64s of B (4 KiB) stay in L1.
const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
/** Below this many multiply-adds the packing costs more than it saves: a plain loop is faster. */
const SMALL = 32 * 32 * 32;

// Packing buffers, grown on demand and reused across calls: a matmul in a training loop allocates nothing here.
const packedA = new Float64Array(MC * KC);
let packedB = new Float64Array(KC * 64);

/** C = A · B for an m x k view A and a k x n view B, written densely (row-major) into `c` at `cOffset`. */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: TypedArray,
  cOffset: number,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    c.fill(0, cOffset, cOffset + m * n);
    return;
  }
  if (m * n * k <= SMALL || m < MR || n < NR) {
    gemmSmall(m, n, k, a, b, c, cOffset);
    return;
  }
  const panelsB = Math.ceil(n / NR);
  if (packedB.length < KC * NR * panelsB) packedB = new Float64Array(KC * NR * panelsB);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    packB(b, p0, kc, n, packedB);
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = Math.min(MC, m - i0);
      packA(a, i0, mc, p0, kc, packedA);
      for (let jp = 0; jp < panelsB; jp++) {
        const j0 = jp * NR;
        const nr = Math.min(NR, n - j0);
        for (let ip = 0; ip * MR < mc; ip++) {
          const mr = Math.min(MR, mc - ip * MR);
          microKernel(
            kc,
            packedA,
            ip * MR * kc,
            packedB,
            jp * NR * kc,
            c,
            cOffset + (i0 + ip * MR) * n + j0,
            n,
            mr,
            nr,
            p0 > 0,
          );
        }
      }
    }
  }
}

/** Packs rows [i0, i0 + mc) x columns [p0, p0 + kc) of A as panels of 4 rows: panel-major, then p, then row. */
function packA(a: MatrixView, i0: number, mc: number, p0: number, kc: number, out: Float64Array): void {
  const { data, offset, rowStride, colStride } = a;
  for (let ip = 0; ip * MR < mc; ip++) {
    const base = ip * MR * kc;
    const rows = Math.min(MR, mc - ip * MR);
    for (let r = 0; r < MR; r++) {
      if (r < rows) {
        let from = offset + (i0 + ip * MR + r) * rowStride + p0 * colStride;
        for (let p = 0; p < kc; p++, from += colStride) out[base + p * MR + r] = data[from];
      } else for (let p = 0; p < kc; p++) out[base + p * MR + r] = 0;
    }
  }
}

/** Packs rows [p0, p0 + kc) of B as panels of 4 columns, zero-padded at the right edge. */
function packB(b: MatrixView, p0: number, kc: number, n: number, out: Float64Array): void {
  const { data, offset, rowStride, colStride } = b;
  for (let jp = 0; jp * NR < n; jp++) {
    const base = jp * NR * kc;
    const cols = Math.min(NR, n - jp * NR);
    for (let col = 0; col < NR; col++) {
      if (col < cols) {
        let from = offset + p0 * rowStride + (jp * NR + col) * colStride;
        for (let p = 0; p < kc; p++, from += rowStride) out[base + p * NR + col] = data[from];
      } else for (let p = 0; p < kc; p++) out[base + p * NR + col] = 0;
    }
  }
}

/** The 4 x 4 register tile: 16 accumulators in locals, 8 loads per 16 multiply-adds. */
function microKernel(
  kc: number,
  a: Float64Array,
  aBase: number,
  b: Float64Array,
  bBase: number,
  c: TypedArray,
  cBase: number,
  ldc: number,
  mr: number,
  nr: number,
  accumulate: boolean,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  let ai = aBase;
  let bi = bBase;
  for (let p = 0; p < kc; p++, ai += 4, bi += 4) {
    const a0 = a[ai],
      a1 = a[ai + 1],
      a2 = a[ai + 2],
      a3 = a[ai + 3];
    const b0 = b[bi],
      b1 = b[bi + 1],
      b2 = b[bi + 2],
      b3 = b[bi + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  if (mr === 4 && nr === 4) {
    if (accumulate) {
      c[cBase] += c00;
      c[cBase + 1] += c01;
      c[cBase + 2] += c02;
      c[cBase + 3] += c03;
      cBase += ldc;
      c[cBase] += c10;
      c[cBase + 1] += c11;
      c[cBase + 2] += c12;
      c[cBase + 3] += c13;
      cBase += ldc;
      c[cBase] += c20;
      c[cBase + 1] += c21;
      c[cBase + 2] += c22;
      c[cBase + 3] += c23;
      cBase += ldc;
      c[cBase] += c30;
      c[cBase + 1] += c31;
      c[cBase + 2] += c32;
      c[cBase + 3] += c33;
    } else {
      c[cBase] = c00;
      c[cBase + 1] = c01;
      c[cBase + 2] = c02;
      c[cBase + 3] = c03;
      cBase += ldc;
      c[cBase] = c10;
      c[cBase + 1] = c11;
      c[cBase + 2] = c12;
      c[cBase + 3] = c13;
      cBase += ldc;
      c[cBase] = c20;
      c[cBase + 1] = c21;
      c[cBase + 2] = c22;
      c[cBase + 3] = c23;
      cBase += ldc;
      c[cBase] = c30;
      c[cBase + 1] = c31;
      c[cBase + 2] = c32;
      c[cBase + 3] = c33;
    }
    return;
  }
  // Edge tile: write only the valid mr x nr corner.
  const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let r = 0; r < mr; r++) {
    for (let col = 0; col < nr; col++) {
      const at = cBase + r * ldc + col;
      c[at] = (accumulate ? c[at] : 0) + tile[r * 4 + col];
    }
  }
}

/** i-p-j loop for small or thin products, accumulating each row of C in float64. */
function gemmSmall(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: TypedArray,
  cOffset: number,
): void {
  const row = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    row.fill(0);
    for (let p = 0; p < k; p++) {
      const aip = a.data[a.offset + i * a.rowStride + p * a.colStride];
      let from = b.offset + p * b.rowStride;
      for (let j = 0; j < n; j++, from += b.colStride) row[j] += aip * b.data[from];
    }
    const to = cOffset + i * n;
    for (let j = 0; j < n; j++) c[to + j] = row[j];
  }
}
