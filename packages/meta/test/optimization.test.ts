import { add, matmul, mul, pow, sub, sum, type Tensor, tensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { continuation, coordinateDescent } from '../src/index.js';

describe('coordinateDescent', () => {
  const a = [
    [4, 1, 0.5],
    [1, 3, 0.2],
    [0.5, 0.2, 2],
  ];
  const b = [1, -2, 0.5];
  const quadratic = (x: Tensor) =>
    sub(
      mul(sum(mul(x, matmul(tensor(a, { dtype: 'float64' }), x))), 0.5),
      sum(mul(tensor(b, { dtype: 'float64' }), x)),
    );

  it('reproduces the Gauss-Seidel iterates on an SPD quadratic, sweep by sweep', () => {
    let x = [0, 0, 0];
    for (let sweep = 1; sweep <= 4; sweep++) {
      for (let i = 0; i < 3; i++) x[i] = (b[i] - a[i].reduce((s, v, j) => (j === i ? s : s + v * x[j]), 0)) / a[i][i];
      const result = coordinateDescent(quadratic, tensor([0, 0, 0], { dtype: 'float64' }), { sweeps: sweep });
      expect(Array.from(result.x.dataSync())).toEqual(x.map((v) => expect.closeTo(v, 10)));
    }
    x = [...x];
  });

  it('minimizes a whole block exactly in one Newton step, and decreases f every sweep', () => {
    const result = coordinateDescent(quadratic, tensor([3, 3, 3], { dtype: 'float64' }), {
      blocks: [[0, 1, 2]],
      sweeps: 1,
    });
    const solution = solve3(a, b);
    expect(Array.from(result.x.dataSync())).toEqual(solution.map((v) => expect.closeTo(v, 10)));
    const slow = coordinateDescent(quadratic, tensor([3, 3, 3], { dtype: 'float64' }), {
      sweeps: 6,
      order: 'random',
      rng: 1,
    });
    for (let i = 1; i < slow.values.length; i++) expect(slow.values[i]).toBeLessThanOrEqual(slow.values[i - 1] + 1e-12);
  });
});

/** Cramer's rule for a 3×3 system: an oracle independent of linalg. */
function solve3(m: number[][], r: number[]): number[] {
  const det = (q: number[][]) =>
    q[0][0] * (q[1][1] * q[2][2] - q[1][2] * q[2][1]) -
    q[0][1] * (q[1][0] * q[2][2] - q[1][2] * q[2][0]) +
    q[0][2] * (q[1][0] * q[2][1] - q[1][1] * q[2][0]);
  const d = det(m);
  return [0, 1, 2].map((c) => det(m.map((row, i) => row.map((v, j) => (j === c ? r[i] : v)))) / d);
}

describe('continuation', () => {
  // f(x) = x⁴ − 4x² + x: a local minimum near x = 1.35 and the global one near x = −1.47.
  const f = (x: Tensor) => add(sub(sum(pow(x, 4)), mul(sum(mul(x, x)), 4)), sum(x));
  const start = () => tensor([2], { dtype: 'float64' });

  it('reaches the global minimum where plain gradient descent stops in the local one', () => {
    const plain = continuation(f, start(), { widths: [0], steps: 400, learningRate: 0.01 });
    expect(plain.x.item()).toBeCloseTo(1.35, 1);
    const smoothed = continuation(f, start(), { widths: [1.5, 1, 0.5, 0], steps: 400, learningRate: 0.01, rng: 3 });
    expect(smoothed.x.item()).toBeCloseTo(-1.47, 1);
    expect(f(smoothed.x).item()).toBeLessThan(f(plain.x).item() - 2);
    expect(smoothed.path).toHaveLength(4);
  });
});
