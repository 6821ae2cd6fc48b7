import { describe, expect, it } from 'vitest';
import { stepDecay } from './step-decay.js';

describe('stepDecay (PyTorch StepLR)', () => {
  it('multiplies by γ every stepSize steps, γ = 0.1 by default', () => {
    const schedule = stepDecay({ initValue: 1, stepSize: 30 });
    expect([0, 29, 30, 59, 60].map(schedule)).toEqual([1, 1, 0.1, 0.1, 0.1 ** 2]);
    expect(stepDecay({ initValue: 8, stepSize: 2, decayRate: 0.5 })(5)).toBe(2);
  });

  it('refuses a fractional stepSize', () => {
    expect(() => stepDecay({ initValue: 1, stepSize: 2.5 })).toThrow(/stepDecay: stepSize must be a positive integer/);
  });
});
