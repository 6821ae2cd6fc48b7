import { findBackend, setBackend, type Tensor, type TypedArray, tensor } from '@descent/tensor';
import { expect } from 'vitest';
import type { WasmBackend } from '../src/backend.js';
import { getWasmBackendInfo } from '../src/index.js';

/** The registered wasm backend (importing the package registered it). */
export function wasmBackend(): WasmBackend {
  return findBackend('wasm') as WasmBackend;
}

/** Runs `fn` with `name` as the current backend, then goes back to the CPU. */
export function on<T>(name: 'cpu' | 'wasm', fn: () => T): T {
  setBackend(name);
  try {
    return fn();
  } finally {
    setBackend('cpu');
  }
}

/** mulberry32 (Tommy Ettinger, 2017): seeded test data without Math.random. */
export function random(seed: number): (low?: number, high?: number) => number {
  let state = seed >>> 0;
  return (low = -1, high = 1) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return low + ((high - low) * ((t ^ (t >>> 14)) >>> 0)) / 4294967296;
  };
}

/** Seeded values in [low, high) as a plain array (each backend makes its own tensor from it). */
export function randomValues(size: number, seed: number, low = -1, high = 1): number[] {
  const next = random(seed);
  return Array.from({ length: size }, () => next(low, high));
}

/** The same values, shape and dtype on the current backend. */
export function copyOf(t: Tensor): Tensor {
  return tensor(t.dataSync(), { shape: [...t.shape], dtype: t.dtype });
}

/** Bit-for-bit equality of two typed arrays (NaN equals NaN, -0 differs from +0). */
export function expectSameBits(actual: TypedArray, expected: TypedArray, label = ''): void {
  expect(actual.constructor, label).toBe(expected.constructor);
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`${label} element ${i}: ${actual[i]}, expected ${expected[i]}`);
  }
}

/** |actual − expected| ≤ rtol·|expected| + atol per element; NaN must meet NaN and infinities must match. */
export function expectClose(actual: TypedArray, expected: TypedArray, rtol: number, atol = 0, label = ''): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const [x, y] = [actual[i], expected[i]];
    const ok = Number.isNaN(y)
      ? Number.isNaN(x)
      : !Number.isFinite(y)
        ? x === y
        : Math.abs(x - y) <= atol + rtol * Math.abs(y);
    if (!ok) expect.fail(`${label} element ${i}: ${x}, expected ${y} (rtol ${rtol}, atol ${atol})`);
  }
}

/** How many times `kernel` has fallen back to the CPU reference on the wasm backend so far. */
export function fallbacksOf(kernel: string): number {
  return getWasmBackendInfo().fallbacks[kernel] ?? 0;
}
