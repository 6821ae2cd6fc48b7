import { ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { linearSchedule } from './linear-schedule.js';

describe('linearSchedule (Deep Learning eq. 8.14)', () => {
  const schedule = linearSchedule({ initValue: 0.1, endValue: 0.001, transitionSteps: 100 });

  it('interpolates ε_k = (1 − k/τ)ε₀ + (k/τ)ε_τ and holds ε_τ after τ', () => {
    expect(schedule(0)).toBe(0.1);
    expect(schedule(50)).toBeCloseTo(0.5 * 0.1 + 0.5 * 0.001, 16);
    expect(schedule(25)).toBeCloseTo(0.1 - 0.25 * (0.1 - 0.001), 16);
    expect(schedule(100)).toBe(0.001);
    expect(schedule(10_000)).toBe(0.001);
  });

  it('holds ε₀ until transitionBegin', () => {
    const delayed = linearSchedule({ initValue: 1, endValue: 0, transitionSteps: 10, transitionBegin: 5 });
    expect([0, 5, 10, 15, 20].map(delayed)).toEqual([1, 1, 0.5, 0, 0]);
  });

  it('refuses bad options and steps, naming itself', () => {
    expect(() => linearSchedule({ initValue: 1, endValue: 0, transitionSteps: 0 })).toThrow(
      /linearSchedule: transitionSteps must be a positive integer, got 0/,
    );
    expect(() => linearSchedule({ initValue: Number.NaN, endValue: 0, transitionSteps: 1 })).toThrow(ValueError);
    expect(() => schedule(-1)).toThrow(/linearSchedule: step must be a non-negative integer, got -1/);
    expect(() => schedule(1.5)).toThrow(ValueError);
  });
});
