// The memory model: every tensor is an offset into one WebAssembly.Memory. Growing that memory detaches every view
// of the old ArrayBuffer, so tensors must keep working across growth (views are rebuilt), `dataSync()` must hand out
// copies that growth cannot detach, and dispose, tidy and the garbage-collection safety net must free blocks so that
// training loops run in flat memory.

import { adam, Optimizer, sgd } from '@descent/optim';
import { add, type DType, exp, memory, mul, setBackend, sum, tensor, tidy, ValueError, zeros } from '@descent/tensor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wasmMemory } from '../src/index.js';
import { expectSameBits, randomValues, wasmBackend } from './helpers.js';

const allocator = () => wasmBackend().storage.runtime().allocator;

beforeEach(() => setBackend('wasm'));
afterEach(() => setBackend('cpu'));

const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

function valuesFor(dtype: DType, seed: number): number[] {
  const values = randomValues(37, seed, -100, 100);
  return dtype === 'bool' ? values.map((v) => (v > 0 ? 1 : 0)) : dtype === 'int32' ? values.map(Math.trunc) : values;
}

describe('growth of the WebAssembly memory', () => {
  it('keeps every tensor readable, and computable by wasm and CPU kernels, after a forced grow', () => {
    const tensors = DTYPES.map((dtype, i) => tensor(valuesFor(dtype, i), { dtype }));
    const before = tensors.map((t) => t.dataSync());
    const generation = allocator().generation;
    const buffer = allocator().memory.buffer;
    allocator().growBy(4);
    expect(allocator().generation).toBe(generation + 1);
    expect(allocator().memory.buffer).not.toBe(buffer);
    tensors.forEach((t, i) => {
      expectSameBits(t.dataSync(), before[i], t.dtype);
    });
    const [f32] = tensors;
    // A wasm kernel (offsets) and a CPU fallback (views, rebuilt for the new buffer) on the old tensors.
    expectSameBits(
      add(f32, f32).dataSync(),
      Float32Array.from(before[0], (v) => v + v),
    );
    setBackend('cpu');
    const cpuExp = exp(tensor(before[0])).dataSync();
    setBackend('wasm');
    expectSameBits(exp(f32).dataSync(), cpuExp);
  });

  it('grows on demand when a tensor does not fit, and the older tensors survive it', () => {
    const small = tensor(randomValues(1001, 1));
    const values = small.dataSync();
    const { memoryBytes, grows } = wasmMemory();
    const big = zeros([memoryBytes / 4 + 1]);
    expect(wasmMemory().grows).toBeGreaterThan(grows);
    expect(wasmMemory().memoryBytes).toBeGreaterThan(memoryBytes);
    expectSameBits(small.dataSync(), values);
    expect(sum(big).item()).toBe(0);
    expectSameBits(
      mul(small, 2).dataSync(),
      Float32Array.from(values, (v) => 2 * v),
    );
    big.dispose();
  });

  it('dataSync returns a copy in JavaScript memory: writing it changes nothing, and growth cannot detach it', () => {
    const t = tensor([1, 2, 3, 4, 5]);
    const copy = t.dataSync();
    expect(copy.buffer).not.toBe(allocator().memory.buffer);
    copy[0] = 100;
    expect(t.dataSync()[0]).toBe(1);
    allocator().growBy(1);
    expect(Array.from(copy)).toEqual([100, 2, 3, 4, 5]);
  });

  it('reads a disposed tensor as an error, never as stale memory', () => {
    const t = tensor([1, 2, 3]);
    t.dispose();
    expect(() => t.dataSync()).toThrow(ValueError);
    expect(() => add(t, 1)).toThrow(/disposed/);
  });
});

describe('freeing', () => {
  it('dispose and tidy return the blocks', () => {
    const x = tensor(randomValues(1000, 3));
    // The numbers 1 and 2 become shared scalar tensors, kept for the whole process: create them first.
    tidy(() => [add(x, 1), add(x, 2)]);
    const before = wasmMemory().liveBytes;
    const t = tensor(randomValues(1000, 2));
    expect(wasmMemory().liveBytes).toBe(before + 4000);
    t.dispose();
    expect(wasmMemory().liveBytes).toBe(before);
    const kept = tidy(() => mul(add(x, 1), add(x, 2)));
    expect(wasmMemory().liveBytes).toBe(before + 4000);
    x.dispose();
    expect(wasmMemory().liveBytes).toBe(before);
    kept.dispose();
    expect(wasmMemory().liveBytes).toBe(before - 4000);
  });

  it('stays flat across 1,000 optimizer steps: live blocks, live bytes, memory size and live tensors', () => {
    // w takes the deferred scalings and fused adds (at least 1,024 elements), b the plain kernels.
    const params = { w: tensor(randomValues(2002, 4), { shape: [77, 26] }), b: tensor(randomValues(13, 5)) };
    const grads = { w: tensor(randomValues(2002, 6), { shape: [77, 26] }), b: tensor(randomValues(13, 7)) };
    const optimizers = [new Optimizer(adam(1e-3), params), new Optimizer(sgd(1e-2, { momentum: 0.9 }), params)];
    const step = () => {
      for (const optimizer of optimizers) optimizer.step(grads);
    };
    for (let i = 0; i < 5; i++) step();
    const settled = { ...wasmMemory(), liveTensors: memory().liveTensors };
    for (let i = 0; i < 1_000; i++) step();
    const after = { ...wasmMemory(), liveTensors: memory().liveTensors };
    expect(after.liveTensors).toBe(settled.liveTensors);
    expect(after.liveBlocks).toBe(settled.liveBlocks);
    expect(after.liveBytes).toBe(settled.liveBytes);
    expect(after.memoryBytes).toBe(settled.memoryBytes);
    expect(after.grows).toBe(settled.grows);
    for (const optimizer of optimizers) optimizer.dispose();
  });

  it.skipIf(typeof globalThis.gc !== 'function')(
    // Needs --expose-gc (vitest.config.ts passes it); without it the safety net cannot be triggered on demand.
    'frees the blocks of tensors dropped without dispose once they are garbage-collected',
    async () => {
      const collect = globalThis.gc as () => void;
      const settle = async () => {
        collect();
        await new Promise((resolve) => setTimeout(resolve, 10));
      };
      // Earlier tests' garbage first, so that what is counted below is this test's.
      for (let i = 0; i < 3; i++) await settle();
      const { collected, liveBytes } = wasmMemory();
      // New tensors join the safety net in batches of 1,024 (registering each costs more than a small op), so drop
      // enough of them that at least 1,024 are registered.
      const dropped = 2_048;
      (() => {
        for (let i = 0; i < dropped; i++) tensor(randomValues(100, i));
      })();
      expect(wasmMemory().liveBytes).toBe(liveBytes + dropped * 400);
      for (let attempt = 0; attempt < 50 && wasmMemory().collected < collected + 1_024; attempt++) await settle();
      expect(wasmMemory().collected - collected).toBeGreaterThanOrEqual(1_024);
      expect(wasmMemory().liveBytes).toBeLessThanOrEqual(liveBytes + (dropped - 1_024) * 400);
    },
  );
});
