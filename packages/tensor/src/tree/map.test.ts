import { describe, expect, it } from 'vitest';
import { tensor } from '../creation/tensor.js';
import { ValueError } from '../errors.js';
import { add } from '../ops/arithmetic.js';
import { map, zip } from './map.js';
import { flatten, unflatten } from './structure.js';

describe('tree', () => {
  const params = { w: tensor([[1, 2]]), layers: [{ b: tensor([3]) }, null], a: tensor(4) };

  it('flattens objects by sorted key and arrays by index, and rebuilds the same tree', () => {
    const { leaves, structure } = flatten(params);
    expect(leaves.map((leaf) => leaf.toArray())).toEqual([4, [3], [[1, 2]]]);
    const rebuilt = unflatten(structure, leaves) as typeof params;
    expect(rebuilt.w).toBe(params.w);
    expect(rebuilt.layers[1]).toBeNull();
    expect(JSON.parse(JSON.stringify(structure))).toEqual(structure);
  });

  it('maps over several trees leaf by leaf', () => {
    const doubled = map(params, (x, y) => add(x, y), params) as typeof params;
    expect(doubled.w.toArray()).toEqual([[2, 4]]);
    expect((doubled.layers[0] as { b: ReturnType<typeof tensor> }).b.toArray()).toEqual([6]);
  });

  it('names the path where two structures differ', () => {
    const other = { ...params, layers: [{ c: tensor([3]) }, null] };
    expect(() => map(params, (x) => x, other)).toThrow(ValueError);
    expect(() => map(params, (x) => x, other)).toThrow(/layers\[0\] has keys \[b\] and \[c\]/);
    expect(() => zip(params, { w: params.w })).toThrow(/keys/);
  });

  it('rejects leaves that are not tensors', () => {
    expect(() => flatten({ w: [1, 2] } as never)).toThrow(/w\[0\] is number/);
    expect(() => unflatten({ kind: 'leaf' }, [])).toThrow(/more than 0 leaves/);
  });
});
