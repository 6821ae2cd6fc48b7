import { createRng, ShapeError, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import {
  chiSquare,
  chiSquareCritical,
  KS_CRITICAL,
  momentErrors,
  normalCdfOf,
  scaledKolmogorovSmirnov,
} from '../test/statistics.js';
import { sparse } from './sparse.js';

/** Non-zeros per column and per row of a row-major [rows, cols] matrix, and the non-zero values. */
function census(values: ArrayLike<number>, rows: number, cols: number) {
  const perColumn = new Array<number>(cols).fill(0);
  const perRow = new Array<number>(rows).fill(0);
  const nonZeros: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const x = values[i * cols + j];
      if (x === 0) continue;
      perColumn[j]++;
      perRow[i]++;
      nonZeros.push(x);
    }
  }
  return { perColumn, perRow, nonZeros };
}

describe('sparse', () => {
  it.each(['float32', 'float64'] as const)('gives each column exactly k non-zeros from N(0, std²) in %s', (dtype) => {
    const [rows, cols, k, std] = [200, 2000, 25, 0.3];
    const { perColumn, perRow, nonZeros } = census(
      sparse([rows, cols], { rng: createRng(51), k, std, dtype }).dataSync(),
      rows,
      cols,
    );
    expect(new Set(perColumn)).toEqual(new Set([k]));
    // The rows are drawn uniformly: each row's count is Binomial(cols, k/rows), all with the same mean.
    const expected = new Array<number>(rows).fill((cols * k) / rows);
    expect(chiSquare(perRow, expected)).toBeLessThan(chiSquareCritical(rows - 1));
    const { meanErrors, varianceErrors } = momentErrors(nonZeros, 0, std * std);
    expect(meanErrors).toBeLessThan(5);
    expect(varianceErrors).toBeLessThan(5);
    expect(scaledKolmogorovSmirnov(nonZeros, normalCdfOf(0, std))).toBeLessThan(KS_CRITICAL);
    expect(scaledKolmogorovSmirnov(nonZeros, normalCdfOf(0, 1))).toBeGreaterThan(KS_CRITICAL);
  });

  it('defaults to Martens: 15 non-zeros per column from N(0, 1), fewer when fanIn < 15', () => {
    const wide = census(sparse([100, 40], { rng: createRng(52), dtype: 'float64' }).dataSync(), 100, 40);
    expect(new Set(wide.perColumn)).toEqual(new Set([15]));
    const narrow = census(sparse([6, 10], { rng: createRng(52) }).dataSync(), 6, 10);
    expect(new Set(narrow.perColumn)).toEqual(new Set([6]));
  });

  it.each([
    { sparsity: 0.9, rows: 100, zeros: 90 },
    { sparsity: 0.25, rows: 10, zeros: 3 }, // ceil(2.5), as torch.nn.init.sparse_
    { sparsity: 0, rows: 7, zeros: 0 },
    { sparsity: 1, rows: 7, zeros: 7 },
  ])('zeroes ceil(sparsity·rows) of each column with sparsity $sparsity', ({ sparsity, rows, zeros }) => {
    const cols = 30;
    const { perColumn } = census(sparse([rows, cols], { rng: createRng(53), sparsity }).dataSync(), rows, cols);
    expect(new Set(perColumn)).toEqual(new Set([rows - zeros]));
  });

  it('validates shape, k, sparsity and std, naming the function', () => {
    const rng = createRng(0);
    expect(() => sparse([10, 5, 2], { rng })).toThrow(ShapeError);
    expect(() => sparse([10], { rng })).toThrow('sparse: expected a 2-D shape, got [10] (1-D)');
    expect(() => sparse([10, 5], { rng, k: 11 })).toThrow(ValueError);
    expect(() => sparse([10, 5], { rng, k: 11 })).toThrow('sparse: k=11 non-zero weights per column exceeds fanIn=10');
    expect(() => sparse([10, 5], { rng, k: 2.5 })).toThrow('sparse: k must be a non-negative integer, got 2.5');
    expect(() => sparse([10, 5], { rng, sparsity: 1.5 })).toThrow('sparse: sparsity must be in [0, 1], got 1.5');
    expect(() => sparse([10, 5], { rng, k: 2, sparsity: 0.5 })).toThrow('sparse: give k or sparsity, not both');
    expect(() => sparse([10, 5], { rng, std: 0 })).toThrow('sparse: std must be a positive finite number, got 0');
  });
});
