import { ShapeError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { fans } from './fans.js';

describe('fans', () => {
  it('reads dense weights as [fanIn, fanOut]', () => {
    expect(fans([784, 256])).toEqual({ fanIn: 784, fanOut: 256, receptiveField: 1 });
    expect(fans([1, 10])).toEqual({ fanIn: 1, fanOut: 10, receptiveField: 1 });
  });

  // Values of torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(shape)).
  it.each([
    { shape: [64, 32, 3, 3], fanIn: 288, fanOut: 576, receptiveField: 9 },
    { shape: [16, 8, 5], fanIn: 40, fanOut: 80, receptiveField: 5 },
    { shape: [4, 2, 3, 3, 3], fanIn: 54, fanOut: 108, receptiveField: 27 },
    { shape: [10, 3, 1, 1], fanIn: 3, fanOut: 10, receptiveField: 1 },
  ])('reads [out, in, ...kernel] as PyTorch does: $shape', ({ shape, ...expected }) => {
    expect(fans(shape)).toEqual(expected);
  });

  it('rejects shapes with fewer than 2 dimensions and malformed sizes', () => {
    expect(() => fans([5])).toThrow(ShapeError);
    expect(() => fans([5])).toThrow('fans: expected a shape with at least 2 dimensions, got [5] (1-D)');
    expect(() => fans([])).toThrow(ShapeError);
    expect(() => fans([3, -2])).toThrow('fans: shape [3,-2] has a size that is not a non-negative integer');
  });
});
