// Regression tests for the sharp edges of gpu.js 2.24 listed in shared/GPUJS.md that this backend works around.
import { add, exp, leakyRelu, matmul, max, ones, sum, tensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { matMulFlat, matMulGrid } from '../src/kernels/matmul.js';
import { maxChunks, minChunks, sumChunks } from '../src/kernels/reduce.js';
import { backendFor, MODES, on, randomTensor } from './helpers.js';

describe.each(MODES)('gpu.js mode %s', (mode) => {
  const backend = backendFor(mode);
  const name = `gpujs-${mode}`;

  describe('loops longer than 1000 iterations (gpu.js cuts them silently unless loopMaxIterations is set)', () => {
    it('matmul with k = 1500 sums every term', () => {
      const product = on(name, () => matmul(ones([2, 1500]), ones([1500, 3])));
      expect(product.backend).toBe(backend);
      expect(Array.from(product.dataSync())).toEqual(new Array(6).fill(1500));
    });

    it('a sum over 5000 elements, and over rows of 1500 in one pass, is exact', () => {
      expect(on(name, () => sum(ones([5000])).item())).toBe(5000);
      const rows = on(name, () => sum(ones([100, 1500]), 1));
      expect(rows.backend).toBe(backend);
      expect(Array.from(rows.dataSync())).toEqual(new Array(100).fill(1500));
    });

    it('a max over rows of 3000 sees the last element', () => {
      const values = new Float32Array(64 * 3000);
      for (let row = 0; row < 64; row++) values[row * 3000 + 2999] = row + 1;
      const rowMax = on(name, () => max(tensor(values, { shape: [64, 3000] }), 1));
      expect(Array.from(rowMax.dataSync())).toEqual(Array.from({ length: 64 }, (_, row) => row + 1));
    });
  });

  it('reuses one cached kernel as sizes change between calls', () => {
    on(name, () => add(tensor([1, 2, 3]), tensor([1, 1, 1])));
    const kernels = backend.storage.programs.stats().kernels;
    for (const size of [5, 3, 4097, 1, 3]) {
      const x = Float32Array.from({ length: size }, (_, i) => i);
      const sumOf = on(name, () => add(tensor(x), tensor(x)));
      expect(Array.from(sumOf.dataSync())).toEqual(Array.from(x, (v) => 2 * v));
    }
    const shapes = [
      [2, 3, 4],
      [5, 6, 7],
      [2, 3, 4],
      [1, 9, 2],
    ] as const;
    for (const [m, k, n] of shapes) {
      const product = on(name, () => matmul(ones([m, k]), ones([k, n])));
      expect(product.shape).toEqual([m, n]);
      expect(Array.from(product.dataSync())).toEqual(new Array(m * n).fill(k));
    }
    // One more kernel at most (MatMul, if no earlier test compiled it): no kernel per size.
    expect(backend.storage.programs.stats().kernels).toBeLessThanOrEqual(kernels + 1);
  });

  it('passes scalars as arguments, so a changed value is used (constants would be baked in)', () => {
    const x = () => tensor([-2, -1, 1, 2]);
    const first = on(name, () => leakyRelu(x(), { alpha: 0.1 }));
    const kernels = backend.storage.programs.stats().kernels;
    const second = on(name, () => leakyRelu(x(), { alpha: 0.3 }));
    expect(Array.from(first.dataSync())).toEqual([-0.2, -0.1, 1, 2].map(Math.fround));
    expect(Array.from(second.dataSync())).toEqual([-0.6, -0.3, 1, 2].map(Math.fround));
    expect(Array.from(on(name, () => add(x(), 10)).dataSync())).toEqual([8, 9, 11, 12]);
    expect(Array.from(on(name, () => add(x(), 20)).dataSync())).toEqual([18, 19, 21, 22]);
    expect(backend.storage.programs.stats().kernels).toBeLessThanOrEqual(kernels + 1);
  });

  it('keeps each result when the same kernel runs again (pipeline outputs are immutable)', () => {
    const [first, second, third] = on(name, () => [
      exp(randomTensor([300, 40], 31)),
      exp(randomTensor([300, 40], 32)),
      exp(randomTensor([300, 40], 31)),
    ]);
    expect(Array.from(first.dataSync())).toEqual(Array.from(third.dataSync()));
    expect(Array.from(first.dataSync())).not.toEqual(Array.from(second.dataSync()));
  });
});

it('writes kernels as plain function declarations (gpu.js compiles their source text)', () => {
  for (const kernel of [matMulFlat, matMulGrid, sumChunks, maxChunks, minChunks]) {
    const source = kernel.toString();
    expect(source.startsWith(`function ${kernel.name}(`), source.slice(0, 60)).toBe(true);
    expect(source).not.toMatch(/=>|\b__\w+|require\(|import\(/);
  }
});
