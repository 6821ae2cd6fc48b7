import { ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { updatesFor, vector } from '../internal/test-helpers.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';

describe('scaleByLearningRate', () => {
  const grads = [1, 2, 3].map(() => ({ w: vector([2, -4]) }));

  it('multiplies by −ε, or +ε without flipSign', () => {
    expect(updatesFor(scaleByLearningRate(0.5), grads)[0]).toEqual([-1, 2]);
    expect(updatesFor(scaleByLearningRate(0.5, { flipSign: false }), grads)[0]).toEqual([1, -2]);
  });

  it('evaluates a schedule at the 0-based step', () => {
    const seen: number[] = [];
    const schedule = (step: number) => {
      seen.push(step);
      return 1 / (step + 1);
    };
    expect(updatesFor(scaleByLearningRate(schedule), grads)).toEqual([
      [-2, 4],
      [-1, 2],
      [-2 / 3, 4 / 3],
    ]);
    expect(seen).toEqual([0, 1, 2]);
  });

  it.each([-0.1, Number.NaN, Number.POSITIVE_INFINITY, '0.1'])('refuses learning rate %s', (rate) => {
    expect(() => scaleByLearningRate(rate as never)).toThrow(ValueError);
    expect(() => scaleByLearningRate(rate as never)).toThrow(/scaleByLearningRate: learningRate must be/);
  });

  it('refuses a schedule value that is NaN or negative, naming the step', () => {
    const transformation = scaleByLearningRate((step) => (step === 1 ? Number.NaN : 0.1));
    expect(() => updatesFor(transformation, grads)).toThrow(
      /scaleByLearningRate: the schedule returned NaN at step 1; expected a finite number >= 0/,
    );
  });
});
