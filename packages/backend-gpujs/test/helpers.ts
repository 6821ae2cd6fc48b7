import { registerBackend, setBackend, type Tensor, tensor } from '@descent/tensor';
import { expect } from 'vitest';
import { createGpujsBackend, type GpujsBackend } from '../src/backend.js';
import type { GpujsMode } from '../src/gpujs.js';

/** In a browser (the Chromium project) the suites run on WebGL2; in Node on webasm (mode 'gpu') and gpu.js 'cpu'. */
export const IN_BROWSER = typeof document !== 'undefined';
export const MODES: readonly GpujsMode[] = IN_BROWSER ? ['webgl2'] : ['gpu', 'cpu'];

const backends = new Map<GpujsMode, GpujsBackend>();

/** A gpujs backend per mode, registered as `gpujs-<mode>` (one gpu.js instance and kernel cache each). */
export function backendFor(mode: GpujsMode): GpujsBackend {
  let backend = backends.get(mode);
  if (backend === undefined) {
    backend = createGpujsBackend(mode, `gpujs-${mode}`);
    registerBackend(`gpujs-${mode}`, backend);
    backends.set(mode, backend);
  }
  return backend;
}

/** Runs `fn` with `name` as the current backend, then goes back to the CPU. */
export function on<T>(name: string, fn: () => T): T {
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

export function randomTensor(shape: readonly number[], seed: number, low = -1, high = 1): Tensor {
  const next = random(seed);
  let size = 1;
  for (const dim of shape) size *= dim;
  return tensor(
    Float32Array.from({ length: size }, () => next(low, high)),
    { shape: [...shape] },
  );
}

/** Whether a mode computes transcendental functions with GLSL builtins (less exact than Math.* in float64). */
export function isGl(mode: GpujsMode): boolean {
  return mode === 'webgl2' || mode === 'webgl' || mode === 'headlessgl';
}

export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/**
 * |actual - expected| <= atol + rtol * scale for every element, where scale is |expected| or, when given, a
 * per-element magnitude (the sum of |terms| of a dot product or sum). NaN must meet NaN, infinities must match.
 */
export function expectClose(
  actual: Tensor,
  expected: Tensor,
  { rtol, atol }: Tolerance,
  scale?: ArrayLike<number>,
  label = '',
): void {
  expect(actual.shape, `${label} shape`).toEqual(expected.shape);
  expect(actual.dtype, `${label} dtype`).toBe(expected.dtype);
  const a = actual.dataSync();
  const e = expected.dataSync();
  for (let i = 0; i < e.length; i++) {
    const [x, y] = [a[i], e[i]];
    const ok = Number.isNaN(y)
      ? Number.isNaN(x)
      : !Number.isFinite(y)
        ? x === y
        : Math.abs(x - y) <= atol + rtol * Math.max(Math.abs(y), scale === undefined ? 0 : scale[i]);
    if (!ok) expect.fail(`${label} element ${i}: ${x}, expected ${y} (rtol ${rtol}, atol ${atol})`);
  }
}
