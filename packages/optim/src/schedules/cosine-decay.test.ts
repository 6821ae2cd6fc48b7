import { describe, expect, it } from 'vitest';
import { cosineDecay } from './cosine-decay.js';

describe('cosineDecay', () => {
  const schedule = cosineDecay({ initValue: 1, decaySteps: 100, endValue: 0.1 });

  it('goes from ε₀ through the midpoint to ε_min along half a cosine, then holds', () => {
    expect(schedule(0)).toBe(1);
    expect(schedule(50)).toBeCloseTo(0.55, 15);
    expect(schedule(25)).toBeCloseTo(0.1 + 0.9 * (0.5 + 0.5 * Math.SQRT1_2), 15);
    expect(schedule(100)).toBe(0.1);
    expect(schedule(1000)).toBe(0.1);
  });

  it('raises the cosine factor to `exponent`', () => {
    expect(cosineDecay({ initValue: 1, decaySteps: 2, exponent: 2 })(1)).toBeCloseTo(0.25, 15);
  });
});
