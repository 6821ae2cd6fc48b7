import { createRng, DTypeError, type Shape, type Tensor, ValueError } from '@descent/tensor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  constant,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  type Initializer,
  identity,
  lecunNormal,
  lecunUniform,
  normal,
  ones,
  orthogonal,
  sparse,
  truncatedNormal,
  uniform,
  varianceScaling,
  zeros,
} from '../src/index.js';

/** Every random initializer, typed as `Initializer` so that a signature drifting from the contract fails tsc. */
const RANDOM: readonly { name: string; init: Initializer; shape: Shape }[] = [
  { name: 'uniform', init: uniform, shape: [6, 5] },
  { name: 'normal', init: normal, shape: [6, 5] },
  { name: 'truncatedNormal', init: truncatedNormal, shape: [6, 5] },
  { name: 'lecunUniform', init: lecunUniform, shape: [6, 5] },
  { name: 'lecunNormal', init: lecunNormal, shape: [6, 5] },
  { name: 'glorotUniform', init: glorotUniform, shape: [6, 5] },
  { name: 'glorotNormal', init: glorotNormal, shape: [6, 5] },
  { name: 'heUniform', init: heUniform, shape: [6, 5] },
  { name: 'heNormal', init: heNormal, shape: [4, 3, 2, 2] },
  { name: 'varianceScaling', init: varianceScaling, shape: [6, 5] },
  { name: 'orthogonal', init: orthogonal, shape: [4, 3, 2] },
  { name: 'sparse', init: sparse, shape: [20, 7] },
];

const DETERMINISTIC: readonly { name: string; init: Initializer; shape: Shape }[] = [
  { name: 'zeros', init: zeros, shape: [3, 2] },
  { name: 'ones', init: ones, shape: [3, 2] },
  { name: 'identity', init: identity, shape: [3, 2] },
  { name: 'constant', init: (shape, options) => constant(shape, { ...options, value: 0.5 }), shape: [3, 2] },
];

const values = (t: Tensor) => Array.from(t.dataSync());

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(RANDOM)('$name', ({ name, init, shape }) => {
  it('returns the shape and a float32 tensor by default, float64 on request', () => {
    const w32 = init(shape, { rng: createRng(1) });
    expect([w32.shape, w32.dtype]).toEqual([shape, 'float32']);
    const w64 = init(shape, { rng: createRng(1), dtype: 'float64' });
    expect([w64.shape, w64.dtype]).toEqual([shape, 'float64']);
    expect(w32.dataSync()).toBeInstanceOf(Float32Array);
    expect(w64.dataSync()).toBeInstanceOf(Float64Array);
    expect(values(w64).every(Number.isFinite)).toBe(true);
  });

  it('gives the same tensor for the same seed and a different one for another seed or a later draw', () => {
    const a = values(init(shape, { rng: createRng(7) }));
    expect(values(init(shape, { rng: createRng(7) }))).toEqual(a);
    expect(values(init(shape, { rng: createRng(8) }))).not.toEqual(a);
    const rng = createRng(7);
    init(shape, { rng });
    expect(values(init(shape, { rng }))).not.toEqual(a);
  });

  it('draws only from the generator, never Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    init(shape, { rng: createRng(3) });
    expect(spy).not.toHaveBeenCalled();
  });

  it('requires an rng, with an error that names the function', () => {
    const call = init as (shape: Shape, options?: unknown) => Tensor;
    expect(() => call(shape)).toThrow(new RegExp(`^${name}: .*rng`));
    expect(() => call(shape, {})).toThrow(ValueError);
    expect(() => call(shape, {})).toThrow(`${name}: options.rng must be a generator from createRng(seed), got none`);
    expect(() => call(shape, { rng: 42 })).toThrow(`${name}: options.rng must be a generator`);
  });

  it('rejects a non-float dtype and a malformed shape', () => {
    const options = { rng: createRng(0), dtype: 'int32' } as unknown as { rng: ReturnType<typeof createRng> };
    expect(() => init(shape, options)).toThrow(DTypeError);
    expect(() => init(shape, options)).toThrow(`${name}: dtype must be float32 or float64, got "int32"`);
    expect(() => init([2, -1], { rng: createRng(0) })).toThrow(`${name}: shape [2,-1] has a size`);
    expect(() => init([2, 1.5], { rng: createRng(0) })).toThrow(`${name}:`);
  });
});

describe.each(DETERMINISTIC)('$name', ({ init, shape }) => {
  it('needs no rng, ignores one, and honours dtype', () => {
    const call = init as (shape: Shape, options?: unknown) => Tensor;
    const plain = call(shape, { dtype: 'float64' });
    expect([plain.shape, plain.dtype]).toEqual([shape, 'float64']);
    expect(values(init(shape, { rng: createRng(5) }))).toEqual(values(plain));
    expect(init(shape, { rng: createRng(5) }).dtype).toBe('float32');
  });
});
