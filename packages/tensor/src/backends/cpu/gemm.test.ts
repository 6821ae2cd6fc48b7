import { describe, expect, it } from 'vitest';
import { gemm, type MatrixView } from './gemm.js';

// Sizes around the register tile (3 x 2) and the blocks (MC 96, KC 256): 1 and 2 take the vector paths or leave
// most of a tile empty, 31-33 and 64-65 straddle tile multiples, 130 spans two A blocks, 257 and 300 two k slices.
const SIZES = [1, 2, 3, 4, 5, 7, 31, 32, 33, 64, 65, 130, 257, 300];

type FloatArray = Float32Array | Float64Array;
type FloatArrayConstructor = Float32ArrayConstructor | Float64ArrayConstructor;
const DTYPES = [
  { name: 'float32', ArrayType: Float32Array },
  { name: 'float64', ArrayType: Float64Array },
] as const;

/** Deterministic values in [-1, 1) (an LCG), exactly representable in float32. */
function randomArray(ArrayType: FloatArrayConstructor, size: number, seed: number): FloatArray {
  const out = new ArrayType(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = Math.fround(state / 2 ** 31 - 1);
  }
  return out;
}

interface Layout {
  readonly name: string;
  readonly transposed: boolean;
  /** Extra elements between rows (columns when transposed): the view is a block of a larger matrix. */
  readonly padding: number;
  readonly offset: number;
}

/** A rows x cols operand stored in `layout`, filled with random values, and its strided view. */
function operand(
  ArrayType: FloatArrayConstructor,
  rows: number,
  cols: number,
  layout: Layout,
  seed: number,
): MatrixView {
  const { transposed, padding, offset } = layout;
  const leading = (transposed ? rows : cols) + padding;
  const data = randomArray(ArrayType, offset + (transposed ? cols : rows) * leading, seed);
  return transposed
    ? { data, offset, rowStride: 1, colStride: leading }
    : { data, offset, rowStride: leading, colStride: 1 };
}

const at = (view: MatrixView, i: number, j: number) => view.data[view.offset + i * view.rowStride + j * view.colStride];

/**
 * Runs gemm into the middle of a NaN-filled output and checks every element against a float64 triple loop, within
 * a bound on the rounding of a sum of k products (a few float32 roundings of partial sums when C is float32), and
 * that nothing outside the m x n block was written.
 */
function expectGemmMatches(
  ArrayType: FloatArrayConstructor,
  m: number,
  n: number,
  k: number,
  aLayout: Layout,
  bLayout: Layout,
): void {
  const a = operand(ArrayType, m, k, aLayout, 1 + m * 7 + k);
  const b = operand(ArrayType, k, n, bLayout, 2 + n * 11 + k);
  const cOffset = 5;
  const c = new ArrayType(cOffset + m * n + 3).fill(Number.NaN);
  gemm(m, n, k, a, b, c, cOffset);
  const unit = ArrayType === Float32Array ? 2 ** -24 * (3 + k / 128) : 2 ** -53 * (2 * k + 2);
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let magnitude = 0;
      for (let p = 0; p < k; p++) {
        const product = at(a, i, p) * at(b, p, j);
        sum += product;
        magnitude += Math.abs(product);
      }
      const error = Math.abs(c[cOffset + i * n + j] - sum);
      // `!(error <= ...)` also catches NaN: an element that was never written.
      if (!(error <= unit * magnitude + Number.MIN_VALUE)) worst = Math.max(worst, error || Number.POSITIVE_INFINITY);
    }
  }
  expect(worst, `${m}x${n}x${k} A ${aLayout.name} B ${bLayout.name}`).toBe(0);
  expect([...c.subarray(0, cOffset), ...c.subarray(cOffset + m * n)].every(Number.isNaN)).toBe(true);
}

const DENSE: Layout = { name: 'dense', transposed: false, padding: 0, offset: 0 };
const LAYOUTS: readonly Layout[] = [
  DENSE,
  { name: 'transposed', transposed: true, padding: 0, offset: 0 },
  { name: 'strided block', transposed: false, padding: 3, offset: 2 },
  { name: 'transposed strided block', transposed: true, padding: 5, offset: 1 },
];

describe.each(DTYPES)('gemm into $name', ({ ArrayType }) => {
  it('matches a float64 triple loop for every (m, n, k) from SIZES up to 1e6 multiply-adds', () => {
    for (const m of SIZES) {
      for (const n of SIZES) {
        for (const k of SIZES) if (m * n * k <= 1e6) expectGemmMatches(ArrayType, m, n, k, DENSE, DENSE);
      }
    }
  });

  it('handles the largest sizes, several k slices, and more columns than one B block (NC = 512)', () => {
    for (const [m, n, k] of [
      [300, 300, 300],
      [257, 130, 300],
      [7, 1030, 33],
      [65, 600, 257],
    ]) {
      expectGemmMatches(ArrayType, m, n, k, DENSE, DENSE);
    }
  });

  it('reads transposed and strided views of either operand', () => {
    const shapes = [
      [1, 1, 1],
      [1, 7, 33],
      [7, 1, 33],
      [2, 3, 4],
      [5, 7, 3],
      [33, 31, 65],
      [64, 65, 257],
      [130, 33, 300],
      [300, 2, 5],
    ];
    for (const aLayout of LAYOUTS) {
      for (const bLayout of LAYOUTS) {
        for (const [m, n, k] of shapes) expectGemmMatches(ArrayType, m, n, k, aLayout, bLayout);
      }
    }
  });
});

describe('gemm edge cases', () => {
  const view = (data: Float64Array, cols: number): MatrixView => ({ data, offset: 0, rowStride: cols, colStride: 1 });

  it('writes zeros when k = 0 and nothing when m or n is 0', () => {
    const empty = new Float64Array(0);
    const c = new Float64Array(8).fill(7);
    gemm(2, 3, 0, view(empty, 0), view(empty, 3), c, 1);
    expect([...c]).toEqual([7, 0, 0, 0, 0, 0, 0, 7]);
    gemm(0, 3, 4, view(empty, 4), view(new Float64Array(12), 3), c, 0);
    gemm(3, 0, 4, view(new Float64Array(12), 4), view(empty, 0), c, 0);
    expect([...c]).toEqual([7, 0, 0, 0, 0, 0, 0, 7]);
  });

  it('accumulates exactly in float64 and truncates into an int32 output', () => {
    const m = 40;
    const k = 300;
    const a = new Int32Array(m * k).map((_, i) => (i % 13) - 6);
    const b = new Int32Array(k * m).map((_, i) => (i % 7) - 3);
    const c = new Int32Array(m * m);
    gemm(
      m,
      m,
      k,
      { data: a, offset: 0, rowStride: k, colStride: 1 },
      { data: b, offset: 0, rowStride: m, colStride: 1 },
      c,
      0,
    );
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += a[i * k + p] * b[p * m + j];
        expect(c[i * m + j]).toBe(sum);
      }
    }
  });
});
