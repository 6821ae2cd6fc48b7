// Optimizer trajectories on the wasm backend against the CPU backend, from the same parameters and gradients, and a
// check that every kernel of an sgd, momentum or Adam step runs in WebAssembly (none falls back to the CPU).

import {
  adagrad,
  adam,
  adamw,
  applyUpdates,
  type GradientTransformation,
  Optimizer,
  rmsprop,
  sgd,
} from '@descent/optim';
import { type DType, type KernelName, onKernelRun, type Tensor, type TypedArray, tensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { getWasmBackendInfo } from '../src/index.js';
import { expectClose, expectSameBits, on, randomValues, wasmBackend } from './helpers.js';

interface Params {
  readonly [name: string]: Tensor;
  readonly w: Tensor;
  readonly b: Tensor;
}

/** Whether a trajectory is the CPU's bits (every kernel on its path rounds exactly as the CPU does). */
type Agreement = 'bits' | 'float32';

const OPTIMIZERS: readonly {
  readonly name: string;
  readonly make: () => GradientTransformation<unknown>;
  readonly float32: Agreement;
}[] = [
  { name: 'sgd', make: () => sgd(0.1), float32: 'bits' },
  { name: 'momentum', make: () => sgd(0.05, { momentum: 0.9 }), float32: 'bits' },
  { name: 'nesterov', make: () => sgd(0.05, { momentum: 0.9, nesterov: true }), float32: 'bits' },
  // float32 divSqrt computes in float32: within 4 ulp of the CPU per step.
  { name: 'adam', make: () => adam(1e-2), float32: 'float32' },
  { name: 'adam amsgrad', make: () => adam(1e-2, { amsgrad: true }), float32: 'float32' },
  { name: 'adamw', make: () => adamw(1e-2, { weightDecay: 1e-2 }), float32: 'float32' },
  { name: 'rmsprop', make: () => rmsprop(1e-2), float32: 'float32' },
  { name: 'adagrad', make: () => adagrad(1e-1), float32: 'float32' },
];

const STEPS = 6;

// w is large enough for the deferred scalings and fused adds (DEFER_MIN_ELEMENTS), b is not.
function paramsFor(dtype: DType): Params {
  return {
    w: tensor(randomValues(37 * 50, 1), { shape: [37, 50], dtype }),
    b: tensor(randomValues(50, 2), { dtype }),
  };
}

function gradsFor(dtype: DType, step: number): Params {
  return {
    w: tensor(randomValues(37 * 50, 100 + step, -2, 2), { shape: [37, 50], dtype }),
    b: tensor(randomValues(50, 200 + step, -2, 2), { dtype }),
  };
}

interface Snapshot {
  readonly backend: string;
  readonly values: Readonly<Record<'w' | 'b', TypedArray>>;
}

/** The parameters after each step, read back (`Optimizer.step` frees the parameters it replaces). */
function trajectory(make: () => GradientTransformation<unknown>, dtype: DType): Snapshot[] {
  const optimizer = new Optimizer(make(), paramsFor(dtype));
  const path: Snapshot[] = [];
  for (let step = 0; step < STEPS; step++) {
    const { w, b } = optimizer.step(gradsFor(dtype, step)) as Params;
    path.push({ backend: w.backend.name, values: { w: w.dataSync(), b: b.dataSync() } });
  }
  return path;
}

describe.each(['float32', 'float64'] as const)('%s', (dtype) => {
  it.each(OPTIMIZERS)('$name follows the CPU backend step by step', ({ make, float32 }) => {
    const expected = trajectory(make, dtype);
    const actual = on('wasm', () => trajectory(make, dtype));
    actual.forEach(({ backend, values }, step) => {
      expect(backend).toBe('wasm');
      for (const name of ['w', 'b'] as const) {
        const label = `step ${step + 1} ${name}`;
        if (dtype === 'float64' || float32 === 'bits') {
          expectSameBits(values[name], expected[step].values[name], label);
        } else {
          expectClose(values[name], expected[step].values[name], 2 ** -20, 1e-7, label);
        }
      }
    });
  });
});

describe('the step path', () => {
  it.each([
    { name: 'sgd', make: () => sgd(1e-2), kernels: ['Add', 'Mul'] },
    { name: 'momentum', make: () => sgd(1e-2, { momentum: 0.9 }), kernels: ['Add', 'Mul'] },
    { name: 'adam', make: () => adam(1e-3), kernels: ['Add', 'DivSqrt', 'Lerp', 'Mul', 'Square'] },
    { name: 'nesterov', make: () => sgd(1e-2, { momentum: 0.9, nesterov: true }), kernels: ['Add', 'Mul'] },
    {
      name: 'amsgrad',
      make: () => adam(1e-3, { amsgrad: true }),
      kernels: ['Add', 'DivSqrt', 'Lerp', 'Maximum', 'Mul', 'Square'],
    },
    {
      name: 'adamw',
      make: () => adamw(1e-3, { weightDecay: 1e-2 }),
      kernels: ['Add', 'DivSqrt', 'Lerp', 'Mul', 'Square'],
    },
    { name: 'rmsprop', make: () => rmsprop(1e-3), kernels: ['Add', 'DivSqrt', 'Lerp', 'Mul', 'Square'] },
    { name: 'adagrad', make: () => adagrad(1e-2), kernels: ['Add', 'DivSqrt', 'Mul', 'Square'] },
  ])('$name: every kernel of a step ($kernels) runs in WebAssembly', ({ make, kernels }) => {
    on('wasm', () => {
      const transformation = make();
      const params = paramsFor('float32');
      let state = transformation.init(params);
      const before = getWasmBackendInfo().fallbacks;
      const ran = new Set<KernelName>();
      const uncovered: string[] = [];
      const stop = onKernelRun((kernel, inputs, attrs, output) => {
        ran.add(kernel);
        if (!wasmBackend().covers(kernel, inputs as never, attrs)) uncovered.push(kernel);
        if (output.backend.name !== 'wasm') uncovered.push(`${kernel} on ${output.backend.name}`);
      });
      try {
        for (let step = 0; step < 3; step++) {
          const [updates, next] = transformation.update(gradsFor('float32', step), state, params);
          applyUpdates(params, updates);
          state = next;
        }
      } finally {
        stop();
      }
      expect(uncovered).toEqual([]);
      expect(getWasmBackendInfo().fallbacks).toEqual(before);
      expect([...ran].sort()).toEqual(kernels);
    });
  });
});
