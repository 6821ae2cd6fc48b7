import { describe, expect, it } from 'vitest';
import { updatesFor, vector } from '../internal/test-helpers.js';
import { scaleByAdam } from '../transforms/scale-by-adam.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { masked } from './masked.js';

describe('masked', () => {
  const params = { encoder: { w: vector([1, 2]), b: vector([3]) }, head: vector([4]) };
  const grads = { encoder: { w: vector([0.5, -0.5]), b: vector([2]) }, head: vector([8]) };

  it('applies the inner transformation to the selected leaves and passes the rest through', () => {
    // Leaves in flatten order: encoder.b, encoder.w (2 values), head.
    const onEncoder = masked(scaleByLearningRate(0.1), { encoder: true, head: false });
    expect(updatesFor(onEncoder, [grads], params)[0]).toEqual([-0.2, -0.05, 0.05, 8]);
  });

  it('takes a function of the path, and keeps inner state for the selected leaves only', () => {
    const notBiases = masked(scaleByAdam(), (path) => !path.endsWith('.b'));
    const state = notBiases.init(params);
    expect(Array.isArray(state.inner.mu) && state.inner.mu.length).toBe(2);
    const [updates] = notBiases.update(grads, state, params);
    expect((updates as typeof grads).encoder.b).toBe(grads.encoder.b);
  });

  it('names the path where a mask tree does not fit', () => {
    const bad = masked(scaleByLearningRate(1), { encoder: { w: true }, head: false } as never);
    expect(() => bad.init(params)).toThrow(/masked: mask at encoder has keys \[w\]; the parameters have keys \[b,w\]/);
  });
});
