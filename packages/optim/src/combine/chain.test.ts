import { ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { updatesFor, vector } from '../internal/test-helpers.js';
import { clipByValue } from '../transforms/clip-by-value.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { trace } from '../transforms/trace.js';
import { chain } from './chain.js';

describe('chain', () => {
  const grads = [{ w: vector([5, -1]) }, { w: vector([1, 1]) }];

  it('applies transformations left to right, keeping a tuple of states', () => {
    const clipThenScale = chain(clipByValue(2), scaleByLearningRate(0.5));
    const scaleThenClip = chain(scaleByLearningRate(0.5), clipByValue(2));
    expect(updatesFor(clipThenScale, grads)[0]).toEqual([-1, 0.5]);
    expect(updatesFor(scaleThenClip, grads)[0]).toEqual([-2, 0.5]);
    const state = clipThenScale.init(grads[0]);
    expect(state.map((s) => s.kind)).toEqual(['clipByValue', 'scaleByLearningRate']);
  });

  it('is the identity when empty, and nests', () => {
    expect(updatesFor(chain(), grads)[0]).toEqual([5, -1]);
    const flat = chain(trace({ decay: 0.9 }), scaleByLearningRate(0.1));
    const nested = chain(chain(trace({ decay: 0.9 })), chain(scaleByLearningRate(0.1)));
    expect(updatesFor(nested, grads)).toEqual(updatesFor(flat, grads));
  });

  it('refuses a state of the wrong length and arguments that are not transformations', () => {
    const twoLinks = chain(clipByValue(1), scaleByLearningRate(1));
    expect(() => twoLinks.update(grads[0], [twoLinks.init(grads[0])[0]] as never)).toThrow(
      /chain: got 1 states for 2 transforms; was init\(\) called on this chain\?/,
    );
    expect(() => chain(0.1 as never)).toThrow(ValueError);
  });
});
