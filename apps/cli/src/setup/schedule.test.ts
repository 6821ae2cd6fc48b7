import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { hiddenSizes } from './model.js';
import { resolveSchedule } from './schedule.js';

describe('resolveSchedule', () => {
  it('turns epoch counts into steps', () => {
    const step = resolveSchedule('step:2,0.5', 0.1, 10, 6);
    expect([0, 19, 20, 39, 40].map(step.at)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    const exponential = resolveSchedule('exponential:0.5', 1, 4, 3);
    expect(exponential.at(4)).toBeCloseTo(0.5, 12);
    const cosine = resolveSchedule('cosine', 1, 10, 2);
    expect(cosine.at(0)).toBe(1);
    expect(cosine.at(10)).toBeCloseTo(0.5, 12);
    expect(cosine.at(20)).toBeCloseTo(0, 12);
    const warmup = resolveSchedule('warmup-cosine:1', 1, 10, 3);
    expect(warmup.at(0)).toBe(0);
    expect(warmup.at(10)).toBeCloseTo(1, 12);
    expect(resolveSchedule('linear:0.1', 1, 10, 1).at(10)).toBeCloseTo(0.1, 12);
    expect(resolveSchedule('constant', 0.3, 10, 1).learningRate).toBe(0.3);
  });

  it.each(['sawtooth', 'step', 'step:0', 'exponential:x', 'exponential:-1'])('rejects %s as bad usage', (spec) => {
    expect(() => resolveSchedule(spec, 0.1, 10, 5)).toThrow(UsageError);
  });
});

describe('hiddenSizes', () => {
  it('reads mlp specs', () => {
    expect(hiddenSizes('mlp:64,32')).toEqual([64, 32]);
    expect(hiddenSizes('mlp')).toEqual([128]);
    expect(hiddenSizes('linear')).toEqual([]);
    expect(() => hiddenSizes('mlp:64,0')).toThrow(/layer sizes must be positive integers, got '0'/);
    expect(() => hiddenSizes('cnn')).toThrow(UsageError);
  });
});
