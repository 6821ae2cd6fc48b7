import { tensor, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { stateFromJSON, stateToJSON } from './serialize.js';

const bits = (values: ArrayLike<number>, dtype: 'float32' | 'float64') =>
  Array.from(new Uint8Array((dtype === 'float64' ? Float64Array : Float32Array).from(values).buffer));

describe('stateToJSON / stateFromJSON', () => {
  it('round-trips float64 and float32 tensors bit for bit, −0, NaN and ±Infinity included', () => {
    const awkward = [0.1, 1 / 3, Math.PI * 1e-300, 5e-324, -0, Number.NaN, Number.POSITIVE_INFINITY, -1e308];
    const state = {
      kind: 'x',
      count: 3,
      pair: [tensor(awkward, { dtype: 'float64' }), tensor(awkward, { dtype: 'float32' })],
      empty: null,
    };
    const back = stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(state)))) as typeof state;
    expect(back.kind).toBe('x');
    expect(back.count).toBe(3);
    expect(back.empty).toBeNull();
    expect(back.pair[0].dtype).toBe('float64');
    expect(bits(back.pair[0].dataSync(), 'float64')).toEqual(bits(awkward, 'float64'));
    expect(back.pair[1].dtype).toBe('float32');
    expect(bits(back.pair[1].dataSync(), 'float32')).toEqual(bits(awkward, 'float32'));
  });

  it('writes dtype, shape and values', () => {
    expect(stateToJSON({ m: tensor([[1, 2]], { dtype: 'float64' }) })).toEqual({
      m: { $tensor: { dtype: 'float64', shape: [1, 2], values: [1, 2] } },
    });
    expect(stateToJSON({ n: Number.NaN })).toEqual({ n: { $number: 'NaN' } });
  });

  it('refuses what it cannot represent or read, naming the path', () => {
    expect(() => stateToJSON({ a: [new Map()] })).toThrow(/stateToJSON: a\[0\] is Map/);
    expect(() => stateFromJSON({ m: { $tensor: { dtype: 'float16', shape: [1], values: [1] } } })).toThrow(
      /stateFromJSON: m has dtype "float16"/,
    );
    expect(() => stateFromJSON({ m: { $tensor: { dtype: 'float64', shape: [2], values: [1] } } })).toThrow(ValueError);
    expect(() => stateFromJSON({ m: { $tensor: { dtype: 'float64', shape: [1], values: ['x'] } } })).toThrow(
      /m value 0 is "x"/,
    );
  });
});
