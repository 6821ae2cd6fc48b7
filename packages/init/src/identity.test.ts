import { ShapeError, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { identity } from './identity.js';

describe('identity', () => {
  it('puts scale on the main diagonal for square, tall and wide shapes, as torch.nn.init.eye_', () => {
    expect(identity([2, 2]).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(identity([3, 2], { scale: 0.5 }).toArray()).toEqual([
      [0.5, 0],
      [0, 0.5],
      [0, 0],
    ]);
    expect(identity([2, 3], { dtype: 'float64', scale: -2 }).toArray()).toEqual([
      [-2, 0, 0],
      [0, -2, 0],
    ]);
    expect(identity([0, 3]).shape).toEqual([0, 3]);
  });

  it('needs exactly 2 dimensions and a finite scale', () => {
    expect(() => identity([3])).toThrow(ShapeError);
    expect(() => identity([2, 2, 2])).toThrow('identity: expected a 2-D shape, got [2,2,2] (3-D)');
    expect(() => identity([2, 2], { scale: Number.POSITIVE_INFINITY })).toThrow(ValueError);
  });
});
