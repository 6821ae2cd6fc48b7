import { tensor, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { closeTo, updatesFor, vector } from '../internal/test-helpers.js';
import { scaleByAdam } from './scale-by-adam.js';
import { trace } from './trace.js';

/** Adam on one coordinate, in plain scalar arithmetic (Kingma & Ba, Algorithm 1, PyTorch's order of operations). */
function scalarAdam(gradients: readonly number[], b1 = 0.9, b2 = 0.999, eps = 1e-8, amsgrad = false): number[] {
  let [m, v, vMax] = [0, 0, 0];
  return gradients.map((g, index) => {
    const t = index + 1;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    vMax = Math.max(vMax, v);
    return m / (1 - b1 ** t) / (Math.sqrt(amsgrad ? vMax : v) / Math.sqrt(1 - b2 ** t) + eps);
  });
}

describe('scaleByAdam', () => {
  it('makes the first step g / (|g| + eps): bias correction undoes the zero start', () => {
    const [first] = updatesFor(scaleByAdam(), [{ w: vector([3, -0.5, 0]) }]);
    expect(first[0]).toBeCloseTo(3 / (3 + 1e-8), 15);
    expect(first[1]).toBeCloseTo(-0.5 / (0.5 + 1e-8), 15);
    expect(first[2]).toBe(0);
  });

  it.each([
    { amsgrad: false, b1: 0.9, b2: 0.999 },
    { amsgrad: true, b1: 0.8, b2: 0.99 },
  ])('follows the scalar recurrence step by step (%o)', ({ amsgrad, b1, b2 }) => {
    // Large then small gradients: AMSGrad's maximum of v then differs from v.
    const sequence = [4, -3, 2, 0.1, 0.05, -0.02, 0.01];
    const got = updatesFor(
      scaleByAdam({ b1, b2, amsgrad }),
      sequence.map((g) => ({ w: vector([g]) })),
    ).map(([u]) => u);
    const expected = scalarAdam(sequence, b1, b2, 1e-8, amsgrad);
    expect(closeTo(got, expected), `${got} vs ${expected}`).toBe(true);
    if (amsgrad) expect(got[6]).not.toBeCloseTo(scalarAdam(sequence, b1, b2)[6], 3);
  });

  it('keeps float32 in float32', () => {
    const transformation = scaleByAdam();
    const params = { w: tensor([1, 2]) };
    const [updates, state] = transformation.update({ w: tensor([0.5, -1]) }, transformation.init(params));
    expect((updates as unknown as { w: { dtype: string } }).w.dtype).toBe('float32');
    expect((state.mu as unknown as { w: { dtype: string } }).w.dtype).toBe('float32');
  });

  it('refuses betas outside [0, 1) and negative or NaN eps, naming itself', () => {
    expect(() => scaleByAdam({ b1: 1 })).toThrow(/scaleByAdam: b1 must be in \[0, 1\), got 1/);
    expect(() => scaleByAdam({ b2: -0.1 })).toThrow(ValueError);
    expect(() => scaleByAdam({ b2: Number.NaN })).toThrow(/b2 must be in \[0, 1\), got NaN/);
    expect(() => scaleByAdam({ eps: -1 })).toThrow(/scaleByAdam: eps must be a finite number >= 0/);
  });

  it('refuses a state from another transformation or another parameter tree', () => {
    const params = { w: vector([1, 2]), b: vector([0]) };
    const adamState = scaleByAdam().init(params);
    const traceState = trace({ decay: 0.9 }).init(params);
    expect(() => scaleByAdam().update(params, traceState as never)).toThrow(
      /scaleByAdam: expected the state of scaleByAdam \(from its init\(\)\), got the state of trace/,
    );
    expect(() => scaleByAdam().update({ w: vector([1, 2]) }, adamState)).toThrow(
      /scaleByAdam: updates and state.mu have different structures: the root has keys \[w\] and \[b,w\]/,
    );
    expect(() => scaleByAdam().update({ w: vector([1, 2, 3]), b: vector([0]) }, adamState)).toThrow(
      /scaleByAdam: at w, updates is float64 \[3\] but state.mu is float64 \[2\]/,
    );
    expect(() => scaleByAdam({ amsgrad: true }).update(params, adamState)).toThrow(/amsgrad: false/);
  });
});
