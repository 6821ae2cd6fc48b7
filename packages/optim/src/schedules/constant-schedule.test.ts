import { describe, expect, it } from 'vitest';
import { constantSchedule } from './constant-schedule.js';

describe('constantSchedule', () => {
  it('returns the value at every step and refuses NaN', () => {
    expect([0, 1, 1e6].map(constantSchedule(0.3))).toEqual([0.3, 0.3, 0.3]);
    expect(() => constantSchedule(Number.NaN)).toThrow(/constantSchedule: value must be a finite number, got NaN/);
  });
});
