import { describe, expect, it } from 'vitest';
import { tensor } from '../../../creation/tensor.js';
import { exp } from '../../../ops/unary.js';

describe('float32 exp', () => {
  it('stays within one float32 rounding of Math.exp over the whole finite range', () => {
    const values: number[] = [];
    for (let x = -110; x <= 95; x += 0.0137) values.push(x);
    values.push(0, -0, 88.72, 88.73, -87.3, -103.2, 1e-30, -1e-30);
    const input = Float32Array.from(values);
    const got = exp(tensor(input)).dataSync();
    for (let i = 0; i < input.length; i++) {
      const expected = Math.fround(Math.exp(input[i]));
      if (!Number.isFinite(expected) || expected === 0) {
        expect(got[i]).toBe(expected);
        continue;
      }
      // One unit in the last place of a float32 near `expected`.
      const ulp = 2 ** (Math.floor(Math.log2(Math.abs(expected))) - 23);
      expect(Math.abs(got[i] - expected), `exp(${input[i]})`).toBeLessThanOrEqual(ulp);
    }
  });

  it('keeps NaN, infinities and the exact value at zero', () => {
    const got = Array.from(exp(tensor([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0])).dataSync());
    expect(got).toEqual([Number.NaN, Number.POSITIVE_INFINITY, 0, 1]);
  });
});
