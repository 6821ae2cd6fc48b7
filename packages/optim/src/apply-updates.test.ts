import { DTypeError, tensor, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { applyUpdates } from './apply-updates.js';

describe('applyUpdates', () => {
  const params = { w: tensor([1, 2]), layers: [{ b: tensor([3]) }, null] };

  it('adds the updates leaf by leaf and leaves the inputs alone', () => {
    const updates = { w: tensor([0.5, -0.5]), layers: [{ b: tensor([1]) }, null] };
    const next = applyUpdates(params, updates);
    expect(next.w.toArray()).toEqual([1.5, 1.5]);
    expect((next.layers[0] as { b: ReturnType<typeof tensor> }).b.toArray()).toEqual([4]);
    expect(next.layers[1]).toBeNull();
    expect(params.w.toArray()).toEqual([1, 2]);
  });

  it('refuses updates of another structure, shape or dtype, naming the leaf', () => {
    expect(() => applyUpdates(params, { w: tensor([1, 1]) })).toThrow(
      /applyUpdates: params and updates have different structures: the root has keys \[layers,w\] and \[w\]/,
    );
    expect(() => applyUpdates(params, { w: tensor([1]), layers: [{ b: tensor([1]) }, null] })).toThrow(
      /applyUpdates: at w, params is float32 \[2\] but updates is float32 \[1\]/,
    );
    const float64 = { w: tensor([1, 1], { dtype: 'float64' }), layers: [{ b: tensor([1]) }, null] };
    expect(() => applyUpdates(params, float64)).toThrow(DTypeError);
    expect(() => applyUpdates({ w: [1, 2] } as never, params)).toThrow(ValueError);
  });
});
