// Mul by a one-element operand is deferred on tensors of DEFER_MIN_ELEMENTS or more, and an Add of the deferred
// product runs as one fused pass. Every way of using a deferred tensor must give the CPU backend's bits, keep its
// source alive as long as needed, and free everything in the end.

import {
  add,
  exp,
  lerp,
  maximum,
  mul,
  pow,
  registerBackend,
  reshape,
  setBackend,
  sub,
  sum,
  type Tensor,
  tensor,
  tidy,
} from '@descent/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { createWasmBackend } from '../src/backend.js';
import { wasmMemory } from '../src/index.js';
import { DEFER_MIN_ELEMENTS } from '../src/kernels/binary.js';
import type { WasmData } from '../src/storage.js';
import { expectSameBits, randomValues } from './helpers.js';

afterEach(() => setBackend('cpu'));

const N = DEFER_MIN_ELEMENTS + 37; // past the threshold, with a tail after the unrolled vectors
const isDeferred = (t: Tensor) => (t.dataId as WasmData).scale !== undefined;

type Uses = (x: Tensor, d: Tensor, y: Tensor) => Tensor;

/** What each use of a deferred `d = g·s` computes, run on both backends from the same values. */
const USES: readonly (readonly [string, Uses])[] = [
  ['read back', (_x, d) => d],
  ['add(x, d): fused', (x, d) => add(x, d)],
  ['add(d, x): fused', (x, d) => add(d, x)],
  ['add(d, d)', (_x, d) => add(d, d)],
  ['add(d, mul(y, 2)): both deferred', (_x, d, y) => add(d, mul(y, 2))],
  ['sub(x, d)', (x, d) => sub(x, d)],
  ['mul(d, 3): a deferred source', (_x, d) => mul(d, 3)],
  ['lerp(d, x, 0.3)', (x, d) => lerp(d, x, 0.3)],
  ['maximum(x, d)', (x, d) => maximum(x, d)],
  ['sum(d)', (_x, d) => sum(d)],
  ['exp(d): a CPU fallback', (_x, d) => exp(d)],
  ['pow(d, y): a CPU fallback with two inputs', (_x, d, y) => pow(d, y)],
  ['reshape(d)', (_x, d) => reshape(d, [1, N])],
];

function run(
  use: Uses,
  dtype: 'float32' | 'float64',
  onWasm: boolean,
): { values: ArrayLike<number>; deferred: boolean } {
  setBackend(onWasm ? 'wasm' : 'cpu');
  const x = tensor(randomValues(N, 1), { dtype });
  const g = tensor(randomValues(N, 2), { dtype });
  const y = tensor(randomValues(N, 3, 0.5, 2), { dtype });
  const d = mul(g, -0.37);
  const deferred = isDeferred(d);
  const values = tidy(() => use(x, d, y).dataSync());
  for (const t of [x, g, y, d]) t.dispose();
  return { values, deferred };
}

describe.each(['float32', 'float64'] as const)('%s', (dtype) => {
  it.each(USES)('%s gives the CPU backend bits', (_name, use) => {
    const expected = run(use, dtype, false).values;
    run(use, dtype, true); // creates the shared scalar constants (kept for the process) on wasm
    const before = wasmMemory().liveBytes;
    const actual = run(use, dtype, true);
    expect(actual.deferred).toBe(true);
    expectSameBits(actual.values as Float32Array, expected as Float32Array);
    expect(wasmMemory().liveBytes).toBe(before);
  });
});

describe('deferred products', () => {
  it('take no memory of their own and free their hold on the source when disposed unused', () => {
    setBackend('wasm');
    const g = tensor(randomValues(N, 4));
    const before = wasmMemory().liveBytes;
    const d = mul(g, 2);
    expect(isDeferred(d)).toBe(true);
    expect(wasmMemory().liveBytes).toBe(before);
    g.dispose();
    expect(wasmMemory().liveBytes).toBe(before); // d still holds g's block
    d.dispose();
    expect(wasmMemory().liveBytes).toBe(before - 4 * (N + 3)); // N rounds up to 16 bytes
  });

  it('outlive their disposed source, and survive memory growth', () => {
    setBackend('wasm');
    const values = randomValues(N, 5);
    const g = tensor(values);
    const d = mul(3, g);
    g.dispose();
    const big = tensor(new Float32Array(wasmMemory().memoryBytes / 4)); // forces a grow
    expectSameBits(
      d.dataSync(),
      Float32Array.from(values, (v) => Math.fround(3 * Math.fround(v))),
    );
    big.dispose();
    d.dispose();
  });

  it('are computed before a CPU fallback reads any input, even when that grows the memory', () => {
    // A fresh backend whose memory is full to the brim: computing the deferred input must grow it, which would
    // detach a view of the other input taken earlier.
    const backend = createWasmBackend('wasm-deferred');
    registerBackend('wasm-deferred', backend);
    setBackend('wasm-deferred');
    const y = tensor(randomValues(N, 6, 0.5, 2));
    const g = tensor(randomValues(N, 7));
    const d = mul(g, 1.5);
    const stats = backend.storage.memory();
    const room = stats.memoryBytes - 64 - stats.liveBytes - stats.freeBytes;
    const filler = tensor(new Uint8Array(room - 64), { dtype: 'bool' });
    const grows = backend.storage.memory().grows;
    const result = pow(y, d).dataSync();
    expect(backend.storage.memory().grows).toBeGreaterThan(grows);
    setBackend('cpu');
    const expected = pow(tensor(y.dataSync()), mul(tensor(g.dataSync()), 1.5)).dataSync();
    expectSameBits(result, expected);
    for (const t of [y, g, d, filler]) t.dispose();
  });
});
