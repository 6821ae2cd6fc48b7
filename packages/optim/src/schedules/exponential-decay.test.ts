import { describe, expect, it } from 'vitest';
import { exponentialDecay } from './exponential-decay.js';

describe('exponentialDecay', () => {
  it('is ε₀·γ^(k/T), continuous or as a staircase', () => {
    const smooth = exponentialDecay({ initValue: 2, decayRate: 0.5, transitionSteps: 10 });
    const stairs = exponentialDecay({ initValue: 2, decayRate: 0.5, transitionSteps: 10, staircase: true });
    expect(smooth(0)).toBe(2);
    expect(smooth(10)).toBe(1);
    expect(smooth(5)).toBeCloseTo(2 * Math.SQRT1_2, 15);
    expect([0, 9, 10, 19, 20].map(stairs)).toEqual([2, 2, 1, 1, 0.5]);
  });

  it('holds until transitionBegin and never passes endValue', () => {
    const bounded = exponentialDecay({
      initValue: 1,
      decayRate: 0.1,
      transitionSteps: 1,
      transitionBegin: 2,
      endValue: 0.05,
    });
    expect([0, 2, 3, 4, 100].map(bounded)).toEqual([1, 1, 0.1, 0.05, 0.05]);
  });

  it('refuses an endValue on the wrong side and a non-positive rate', () => {
    expect(() => exponentialDecay({ initValue: 1, decayRate: 0.5, transitionSteps: 1, endValue: 2 })).toThrow(
      /exponentialDecay: endValue 2 is on the wrong side/,
    );
    expect(() => exponentialDecay({ initValue: 1, decayRate: 0, transitionSteps: 1 })).toThrow(/decayRate/);
  });
});
