import { describe, expect, it } from 'vitest';
import { closeTo, updatesFor, vector } from '../internal/test-helpers.js';
import { scaleByAdadelta } from './scale-by-adadelta.js';

describe('scaleByAdadelta', () => {
  it("follows Zeiler's recurrence with δ inside both roots", () => {
    const sequence = [1, -2, 0.5, 3, 0.25];
    const got = updatesFor(
      scaleByAdadelta({ rho: 0.95, eps: 1e-6 }),
      sequence.map((g) => ({ w: vector([g]) })),
    ).map(([u]) => u);
    let [squares, deltas] = [0, 0];
    const expected = sequence.map((g) => {
      squares = 0.95 * squares + 0.05 * g * g;
      const delta = (Math.sqrt(deltas + 1e-6) / Math.sqrt(squares + 1e-6)) * g;
      deltas = 0.95 * deltas + 0.05 * delta * delta;
      return delta;
    });
    expect(closeTo(got, expected), `${got} vs ${expected}`).toBe(true);
  });

  it('refuses rho = 1', () => {
    expect(() => scaleByAdadelta({ rho: 1 })).toThrow(/scaleByAdadelta: rho must be in \[0, 1\)/);
  });
});
