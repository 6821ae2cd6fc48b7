import { describe, expect, it } from 'vitest';
import { closeTo, updatesFor, vector } from '../internal/test-helpers.js';
import { scaleByAdamax } from './scale-by-adamax.js';

describe('scaleByAdamax', () => {
  it('divides the corrected first moment by max(β₂·n, |g| + δ)', () => {
    const sequence = [1, -2, 0.5, 3, 0.25];
    const got = updatesFor(
      scaleByAdamax(),
      sequence.map((g) => ({ w: vector([g]) })),
    ).map(([u]) => u);
    let [m, n] = [0, 0];
    const expected = sequence.map((g, index) => {
      m = 0.9 * m + 0.1 * g;
      n = Math.max(0.999 * n, Math.abs(g) + 1e-8);
      return m / n / (1 - 0.9 ** (index + 1));
    });
    expect(closeTo(got, expected), `${got} vs ${expected}`).toBe(true);
  });
});
