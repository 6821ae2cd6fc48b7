import { DTypeError, ShapeError, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { constant, ones, zeros } from './constant.js';

describe('constant, zeros, ones', () => {
  it('fill the shape with the value', () => {
    expect(constant([2, 2], { value: 0.1, dtype: 'float64' }).toArray()).toEqual([
      [0.1, 0.1],
      [0.1, 0.1],
    ]);
    expect(Array.from(zeros([3]).dataSync())).toEqual([0, 0, 0]);
    expect(Array.from(ones([2, 1, 2]).dataSync())).toEqual([1, 1, 1, 1]);
    expect(zeros([]).shape).toEqual([]);
    expect(zeros([0, 4]).size).toBe(0);
  });

  it('validate value, dtype and shape, naming the function', () => {
    expect(() => constant([2], { value: Number.NaN })).toThrow(ValueError);
    expect(() => constant([2], {} as { value: number })).toThrow('constant: value must be a finite number');
    expect(() => zeros([2], { dtype: 'bool' as 'float32' })).toThrow(DTypeError);
    expect(() => ones([2, -1])).toThrow(ShapeError);
    expect(() => ones([2, -1])).toThrow('ones: shape [2,-1]');
  });
});
