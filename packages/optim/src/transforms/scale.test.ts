import { tensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { updatesFor, vector } from '../internal/test-helpers.js';
import { scale } from './scale.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';

describe('scale', () => {
  it('multiplies every update by the factor', () => {
    expect(updatesFor(scale(-2), [{ w: vector([1, -0.5]), b: vector([3]) }])[0]).toEqual([-6, -2, 1]);
  });

  it('keeps each leaf in its dtype', () => {
    const transformation = scale(0.5);
    const mixed = { a: tensor([3]), b: tensor([4], { dtype: 'float64' }) };
    const [out] = transformation.update(mixed, transformation.init(mixed));
    const { a, b } = out as typeof mixed;
    expect([a.dtype, b.dtype]).toEqual(['float32', 'float64']);
    expect([a.item(), b.item()]).toEqual([1.5, 2]);
  });

  it('refuses a factor that is not a finite number, and the state of another transformation', () => {
    expect(() => scale(Number.NaN)).toThrow(/^scale: factor must be a finite number, got NaN/);
    expect(() => scale('2' as never)).toThrow(/^scale: factor must be a finite number/);
    const other = scaleByLearningRate(0.1);
    const grads = { w: vector([1]) };
    expect(() => scale(2).update(grads, other.init(grads) as never)).toThrow(/scale: expected the state of scale/);
  });
});
