import { describe, expect, it } from 'vitest';
import { closeTo, updatesFor, vector } from '../internal/test-helpers.js';
import { scaleByNadam } from './scale-by-nadam.js';

/** Dozat's NAdam with PyTorch's momentum schedule, on one coordinate. */
function scalarNadam(gradients: readonly number[], b1 = 0.9, b2 = 0.999, eps = 1e-8, psi = 4e-3): number[] {
  const mu = (t: number) => b1 * (1 - 0.5 * 0.96 ** (t * psi));
  let [m, v, product] = [0, 0, 1];
  return gradients.map((g, index) => {
    const t = index + 1;
    product *= mu(t);
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    const denominator = Math.sqrt(v / (1 - b2 ** t)) + eps;
    return (
      ((1 - mu(t)) / (1 - product)) * (g / denominator) + (mu(t + 1) / (1 - product * mu(t + 1))) * (m / denominator)
    );
  });
}

describe('scaleByNadam', () => {
  it('follows the scalar recurrence with the momentum schedule', () => {
    const sequence = [1, -2, 0.5, 3, 0.25, -0.1];
    const got = updatesFor(
      scaleByNadam({ momentumDecay: 0.01 }),
      sequence.map((g) => ({ w: vector([g]) })),
    ).map(([u]) => u);
    const expected = scalarNadam(sequence, 0.9, 0.999, 1e-8, 0.01);
    expect(closeTo(got, expected), `${got} vs ${expected}`).toBe(true);
  });
});
