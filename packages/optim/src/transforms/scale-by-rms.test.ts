import { describe, expect, it } from 'vitest';
import { closeTo, updatesFor, vector } from '../internal/test-helpers.js';
import { scaleByRms } from './scale-by-rms.js';

/** RMSProp on one coordinate: r ← ρr + (1 − ρ)g²; centered subtracts ḡ²; δ outside or inside the root. */
function scalarRms(gradients: readonly number[], decay: number, eps: number, centered: boolean, inSqrt: boolean) {
  let [r, mean] = [0, 0];
  return gradients.map((g) => {
    r = decay * r + (1 - decay) * g * g;
    mean = decay * mean + (1 - decay) * g;
    const variance = centered ? r - mean * mean : r;
    return g / (inSqrt ? Math.sqrt(variance + eps) : Math.sqrt(variance) + eps);
  });
}

describe('scaleByRms', () => {
  const sequence = [1, -2, 0.5, 3, 0.25, -0.1];
  it.each([
    { decay: 0.99, eps: 1e-8, centered: false, epsInSqrt: false },
    { decay: 0.9, eps: 1e-6, centered: true, epsInSqrt: false },
    { decay: 0.9, eps: 1e-6, centered: false, epsInSqrt: true },
  ])('follows the scalar recurrence (%o)', ({ decay, eps, centered, epsInSqrt }) => {
    const got = updatesFor(
      scaleByRms({ decay, eps, centered, epsInSqrt }),
      sequence.map((g) => ({ w: vector([g]) })),
    ).map(([u]) => u);
    const expected = scalarRms(sequence, decay, eps, centered, epsInSqrt);
    expect(closeTo(got, expected), `${got} vs ${expected}`).toBe(true);
  });

  it('defaults to PyTorch: ρ = 0.99 and δ = 1e-8 outside the root', () => {
    const [[first]] = updatesFor(scaleByRms(), [{ w: vector([2]) }]);
    expect(closeTo([first], [2 / (Math.sqrt(0.01 * 4) + 1e-8)])).toBe(true);
  });

  it('refuses a non-centered state when centered', () => {
    const params = { w: vector([1]) };
    expect(() => scaleByRms({ centered: true }).update(params, scaleByRms().init(params))).toThrow(
      /scaleByRms: centered, but the state has no mu/,
    );
  });
});
