import { describe, expect, it } from 'vitest';
import { warmupCosineDecay } from './warmup-cosine-decay.js';

describe('warmupCosineDecay', () => {
  const schedule = warmupCosineDecay({ initValue: 0, peakValue: 1, warmupSteps: 10, decaySteps: 110, endValue: 0.2 });

  it('warms up linearly to the peak, then decays along a cosine to the end value', () => {
    expect([0, 5, 10].map(schedule)).toEqual([0, 0.5, 1]);
    expect(schedule(60)).toBeCloseTo(0.6, 15);
    expect(schedule(110)).toBe(0.2);
    expect(schedule(500)).toBe(0.2);
  });

  it('refuses decaySteps that do not exceed the warmup', () => {
    expect(() => warmupCosineDecay({ peakValue: 1, warmupSteps: 10, decaySteps: 10 })).toThrow(
      /warmupCosineDecay: decaySteps \(10\) must exceed warmupSteps \(10\)/,
    );
  });
});
