import {
  add,
  div,
  full,
  getBackend,
  leakyRelu,
  mul,
  setBackend,
  sqrt,
  sub,
  type Tensor,
  tensor,
  ValueError,
} from '@descent/tensor';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fuse, registerGpujsBackend } from '../src/index.js';
import { backendFor, expectClose, MODES, on, randomTensor } from './helpers.js';

/** An Adam-style update with bias corrections as numbers: p - lr * m / (sqrt(v) + eps). */
const update = fuse((p, m, v, lr, eps) => p.sub(m.mul(lr).div(v.sqrt().add(eps))));
const reference = (p: Tensor, m: Tensor, v: Tensor, lr: number, eps: number) =>
  sub(p, div(mul(m, lr), add(sqrt(v), eps)));
const TOLERANCE = { rtol: 2e-6, atol: 1e-7 };

beforeAll(() => registerGpujsBackend({ mode: MODES[0] }));
afterEach(() => setBackend('cpu'));

describe('fuse', () => {
  const inputs = () =>
    [randomTensor([64, 33], 41), randomTensor([64, 33], 42), randomTensor([64, 33], 43, 0, 1)] as const;

  it('runs the whole chain as one gpu.js kernel on gpujs, equal to the separate ops', () => {
    setBackend('gpujs');
    const backend = getBackend() as ReturnType<typeof backendFor>;
    const [p, m, v] = inputs();
    update(p, m, v, 1e-2, 1e-8); // compiles, and on GL uploads the inputs once (they keep their textures)
    const before = backend.storage.programs.stats();
    const fused = update(p, m, v, 1e-3, 1e-8);
    const after = backend.storage.programs.stats();
    expect(fused.backend).toBe(backend);
    expect(after.calls - before.calls).toBe(1);
    const expected = on('cpu', () => reference(p, m, v, 1e-3, 1e-8));
    expectClose(fused, expected, TOLERANCE);
    // A new learning rate is a kernel argument: same kernel, new value.
    setBackend('gpujs');
    const again = update(p, m, v, 5e-3, 1e-8);
    expect(backend.storage.programs.stats().kernels).toBe(after.kernels);
    expectClose(
      again,
      on('cpu', () => reference(p, m, v, 5e-3, 1e-8)),
      TOLERANCE,
    );
  });

  it.each(MODES)('matches the separate ops on mode %s, with one-element tensors and inputs from the CPU', (mode) => {
    const backend = backendFor(mode);
    const [p, m, v] = inputs();
    const lr = tensor(0.01);
    const run = () => update(p, m, v, lr, 1e-8);
    const expected = on('cpu', run);
    expect(expected.backend.name).toBe('cpu');
    registerGpujsBackend({ mode });
    setBackend('gpujs');
    const actual = run();
    expect((actual.backend as unknown as { mode: string }).mode).toBe(backend.mode);
    // Inputs from another backend move to the device, as the engine moves an op's inputs, so the next call finds
    // them there; the one-element learning rate is read in place.
    expect(p.backend.name).toBe('gpujs');
    expect(lr.backend.name).toBe('cpu');
    expectClose(actual, expected, TOLERANCE);
  });

  it('defaults leakyRelu to the slope of the tensor op', () => {
    setBackend('gpujs');
    const x = randomTensor([64, 33], 46, -4, 4);
    const fused = fuse((value) => value.leakyRelu())(x);
    expectClose(
      fused,
      on('cpu', () => leakyRelu(x)),
      TOLERANCE,
    );
  });

  it('evaluates op by op for other dtypes, general broadcasting and other backends', () => {
    setBackend('gpujs');
    const affine = fuse((x, w, b) => x.mul(w).add(b).tanh());
    const x = randomTensor([4, 5], 44);
    const w = randomTensor([5], 45);
    const b = full([], 0.5);
    const broadcast = affine(x, w, b);
    expectClose(
      broadcast,
      on('cpu', () => affine(x, w, b)),
      TOLERANCE,
    );
    const doubles = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'float64' },
    );
    expect(affine(doubles, doubles, 1).dtype).toBe('float64');
  });

  it('returns a new tensor when the function returns an argument or a number-only value', () => {
    setBackend('gpujs');
    const x = tensor([1, -2, 3]);
    const same = fuse((a) => a)(x);
    expect(same).not.toBe(x);
    expect(Array.from(same.dataSync())).toEqual([1, -2, 3]);
  });

  it('rejects values from outside the function and calls without a tensor', () => {
    let leaked: Parameters<Parameters<typeof fuse>[0]>[0] | undefined;
    const capture = fuse((a) => {
      leaked = a;
      return a.neg();
    });
    capture(tensor([1]));
    const misuse = fuse((a) => a.add(leaked as typeof a));
    expect(() => misuse(tensor([1]))).toThrow(ValueError);
    expect(() => fuse((a) => a.exp())(2)).toThrow(ValueError);
  });

  it('picks a path under auto and gives the same values', () => {
    setBackend('auto');
    const [p, m, v] = inputs();
    expectClose(
      update(p, m, v, 1e-3, 1e-8),
      on('cpu', () => reference(p, m, v, 1e-3, 1e-8)),
      TOLERANCE,
    );
  });
});
