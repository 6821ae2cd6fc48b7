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

// GotoBLAS blocking. For each KC-deep slice of the product, a KC x NC block of B and then each MC x KC block of A
// are copied ("packed") into contiguous float64 panels, so that the micro-kernel reads both operands in order.
// A KC x NR sliver of B (4 KiB) stays in L1, the MC x KC block of A (192 KiB) in L2, the B block (1 MiB) in L3.
// GFLOP/s figures in this file are for float32 products on a 2-core AMD EPYC (Zen 4) with Node 20, process CPU
// time; the 4 x 4 kernel this replaces (typed-array panels passed as parameters) ran at 3.9-4.5 for n = 512.
// KC 128 costs 15% and KC 512 gains nothing; an NC below 384 costs 15%; MC from 30 to 120 makes no difference.
const MR = 3;
const NR = 2;
const KC = 256;
const MC = 96;
const NC = 512;

/**
 * Where the packed B block starts inside `packed`; the packed A block sits before it. MC is a multiple of MR, so the
 * zero-padded slivers of an A block fit in MC * KC, and those of a B block in KC * (nc + NR).
 */
const B_START = MC * KC;

/**
 * The packing buffer for both operands: a plain array, which V8 stores as unboxed float64s (PACKED_DOUBLE_ELEMENTS)
 * as long as it has no holes and only numbers are written to it. It is a module-level constant, so TurboFan knows
 * the array itself and checks its map once per k step; each load is then a bounds check and a move.
 *
 * Why not a Float64Array: a constant typed array is faster while no ArrayBuffer in the process has ever been
 * detached (6.7 vs 6.0 GFLOP/s), but the first detach anywhere (a transfer to a worker, a WebAssembly memory that
 * grows; loading TensorFlow.js is enough) makes V8 test a "detached" bit before every load, and it drops to 5.0.
 * A typed array passed as a parameter is slower still (4.5), as its map, length and data pointer are re-loaded every
 * step. Float32 panels halve the memory but convert on every load (4.9).
 */
const packed: number[] = [];

/** Grows `packed` to `size`. It pushes 0.5, not 0, so the array holds doubles from the start and never changes kind. */
function reserve(size: number): void {
  while (packed.length < size) packed.push(0.5);
}

/** Scratch for a micro-tile that overhangs the edge of C. */
const edgeTile = new Float64Array(MR * NR);

/**
 * C = A · B for an m x k view A and a k x n view B, written densely (row-major) into `c` at `cOffset`.
 * Products are accumulated in float64 and rounded once per KC-deep slice when C is float32.
 */
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
  // Packing pays even for an 8 x 8 x 8 product (2.8x faster than an i-p-j loop), and for thin products, whose
  // padded tiles waste up to half their work (1000 x 64 x 2: 3.2x). Vectors are the exception: packing would copy
  // as many values as the product multiplies, so they get loops of their own (1.3x and 2.7x the i-p-j loop).
  if (n === 1) {
    gemmDot(m, k, a, b, c, cOffset);
    return;
  }
  if (m === 1) {
    gemmRow(n, k, a, b, c, cOffset);
    return;
  }
  reserve(B_START + KC * (Math.min(n, NC) + NR));
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      packB(b, p0, kc, j0, nc);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(a, i0, mc, p0, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const at = cOffset + i0 * n + j0 + jr;
          tileColumn(kc, mc, B_START + jr * kc, c, at, n, Math.min(NR, nc - jr), p0 > 0);
        }
      }
    }
  }
}

/**
 * Packs rows [i0, i0 + mc) x columns [p0, p0 + kc) of A into `packed` as slivers of MR rows: sliver after sliver,
 * and inside a sliver column p's MR values side by side. Rows past the edge are zero, so the kernel never branches.
 */
function packA(a: MatrixView, i0: number, mc: number, p0: number, kc: number): void {
  const { data, offset, rowStride, colStride } = a;
  for (let ir = 0; ir < mc; ir += MR) {
    const base = ir * kc;
    const rows = Math.min(MR, mc - ir);
    for (let r = 0; r < MR; r++) {
      if (r < rows) {
        let from = offset + (i0 + ir + r) * rowStride + p0 * colStride;
        for (let p = 0; p < kc; p++, from += colStride) packed[base + p * MR + r] = data[from];
      } else for (let p = 0; p < kc; p++) packed[base + p * MR + r] = 0;
    }
  }
}

/** Packs rows [p0, p0 + kc) x columns [j0, j0 + nc) of B after the A block, as zero-padded slivers of NR columns. */
function packB(b: MatrixView, p0: number, kc: number, j0: number, nc: number): void {
  const { data, offset, rowStride, colStride } = b;
  for (let jr = 0; jr < nc; jr += NR) {
    const base = B_START + jr * kc;
    const cols = Math.min(NR, nc - jr);
    for (let col = 0; col < NR; col++) {
      if (col < cols) {
        let from = offset + p0 * rowStride + (j0 + jr + col) * colStride;
        for (let p = 0; p < kc; p++, from += rowStride) packed[base + p * NR + col] = data[from];
      } else for (let p = 0; p < kc; p++) packed[base + p * NR + col] = 0;
    }
  }
}

/**
 * The micro-kernel: multiplies every A sliver of the packed block by the B sliver at `bAt`, which stays in L1,
 * giving a column of 3 x 2 tiles of C (or adding to it, after the first k slice). Each tile takes kc steps of 5
 * loads and 6 multiply-adds, with its accumulators in registers.
 *
 * Why 3 x 2: V8 computes in scalar float64 registers (15 usable on x64), and TurboFan schedules all of a step's
 * products before its additions, so a tile needs about two registers per accumulator. 3 x 2 and 2 x 3 are the
 * largest tiles that never spill: 6.0 GFLOP/s at n = 512, where 4 x 3 reached 5.5, 3 x 3 and 4 x 4 5.0, and 2 x 4
 * 4.5 (spilled accumulators round-trip through the stack every step). Unrolling k by 2 spills too (5.3).
 * The `| 0` keeps the index arithmetic in int32 with no overflow checks (without it: 5.3). Looping over the tiles
 * here rather than calling a function per tile matters when k is small: 1000 x 64 x 2 runs at 2.3, not 1.6.
 */
// biome-ignore format: one row of the tile per line reads as the matrix it computes
function tileColumn(
  kc: number, mc: number, bAt: number, c: TypedArray, cAt: number, ldc: number, nr: number, accumulate: boolean,
): void {
  // Locals, not the module bindings: a bundler that turns top-level `const` into `var` (esbuild does) would make V8
  // reload them in every iteration of the inner loop, at half the speed.
  const buffer = packed;
  const rowStep = MR;
  const colStep = NR;
  for (let ir = 0; ir < mc; ir += rowStep, cAt += rowStep * ldc) {
    let c00 = 0, c01 = 0;
    let c10 = 0, c11 = 0;
    let c20 = 0, c21 = 0;
    for (let p = 0, a = ir * kc, b = bAt; p < kc; p++, a = (a + rowStep) | 0, b = (b + colStep) | 0) {
      const a0 = buffer[a], a1 = buffer[(a + 1) | 0], a2 = buffer[(a + 2) | 0];
      const b0 = buffer[b], b1 = buffer[(b + 1) | 0];
      c00 += a0 * b0; c01 += a0 * b1;
      c10 += a1 * b0; c11 += a1 * b1;
      c20 += a2 * b0; c21 += a2 * b1;
    }
    const mr = Math.min(MR, mc - ir);
    if (mr === MR && nr === NR) {
      const at1 = cAt + ldc, at2 = at1 + ldc;
      if (accumulate) {
        c[cAt] += c00; c[cAt + 1] += c01;
        c[at1] += c10; c[at1 + 1] += c11;
        c[at2] += c20; c[at2 + 1] += c21;
      } else {
        c[cAt] = c00; c[cAt + 1] = c01;
        c[at1] = c10; c[at1 + 1] = c11;
        c[at2] = c20; c[at2 + 1] = c21;
      }
      continue;
    }
    // A tile that overhangs C's edge: write only its valid mr x nr corner.
    edgeTile[0] = c00; edgeTile[1] = c01;
    edgeTile[2] = c10; edgeTile[3] = c11;
    edgeTile[4] = c20; edgeTile[5] = c21;
    for (let r = 0; r < mr; r++) {
      for (let col = 0; col < nr; col++) {
        const at = cAt + r * ldc + col;
        c[at] = (accumulate ? c[at] : 0) + edgeTile[r * NR + col];
      }
    }
  }
}

/** C = A · b for a column b (n = 1): one float64 dot product per row of A. */
function gemmDot(m: number, k: number, a: MatrixView, b: MatrixView, c: TypedArray, cOffset: number): void {
  const { data: aData, offset: aOffset, rowStride: aRowStride, colStride: aColStride } = a;
  const { data: bData, offset: bOffset, rowStride: bRowStride } = b;
  for (let i = 0; i < m; i++) {
    let sum = 0;
    let from = aOffset + i * aRowStride;
    for (let p = 0, at = bOffset; p < k; p++, from += aColStride, at += bRowStride) sum += aData[from] * bData[at];
    c[cOffset + i] = sum;
  }
}

/** c = a · B for a row a (m = 1): rows of B scaled and summed into a float64 row, streaming through B in order. */
function gemmRow(n: number, k: number, a: MatrixView, b: MatrixView, c: TypedArray, cOffset: number): void {
  const { data: aData, offset: aOffset, colStride: aColStride } = a;
  const { data: bData, offset: bOffset, rowStride: bRowStride, colStride: bColStride } = b;
  const row = new Float64Array(n);
  for (let p = 0; p < k; p++) {
    const ap = aData[aOffset + p * aColStride];
    let from = bOffset + p * bRowStride;
    for (let j = 0; j < n; j++, from += bColStride) row[j] += ap * bData[from];
  }
  for (let j = 0; j < n; j++) c[cOffset + j] = row[j];
}
