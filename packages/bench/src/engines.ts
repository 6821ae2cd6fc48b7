import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import '@descent/backend-wasm';
import { add, exp, matmul, mul, setBackend, sum, type Tensor, tensor } from '@descent/tensor';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type EngineName = 'ours' | 'ours-wasm' | 'tfjs-cpu' | 'tfjs-wasm';

/**
 * The few operations the benchmarks need, behind one interface, so that each case is written once and runs
 * unchanged on every engine. Every op is eager in both libraries; `read` calls `dataSync`, so a timed run
 * always includes any work a backend might defer.
 */
export interface Engine<T> {
  readonly name: EngineName;
  /** Makes this engine's backend current (tfjs: `setBackend` + `ready`). */
  activate(): Promise<void>;
  fromArray(values: Float32Array, shape: readonly number[]): T;
  matmul(a: T, b: T): T;
  add(a: T, b: T): T;
  mul(a: T, b: T): T;
  exp(x: T): T;
  /** Sum over all elements, or over one axis. */
  sum(x: T, axis?: number): T;
  read(x: T): ArrayLike<number>;
  /** Frees a result. Ours leaves CPU memory to the GC (as users do); tfjs needs it, or its memory grows. */
  release(x: T): void;
}

export const ours: Engine<Tensor> = {
  name: 'ours',
  activate: async () => setBackend('cpu'),
  fromArray: (values, shape) => tensor(values, { shape }),
  matmul: (a, b) => matmul(a, b),
  add: (a, b) => add(a, b),
  mul: (a, b) => mul(a, b),
  exp: (x) => exp(x),
  sum: (x, axis) => sum(x, axis),
  read: (x) => x.dataSync(),
  release: () => {},
};

/**
 * Ours on `@descent/backend-wasm`: the same ops with every tensor in its WebAssembly memory. Results are disposed,
 * as that backend's README asks (its memory is not garbage-collected promptly).
 */
export const oursWasm: Engine<Tensor> = {
  ...ours,
  name: 'ours-wasm',
  activate: async () => setBackend('wasm'),
  release: (x) => x.dispose(),
};

let wasmPathsSet = false;

/**
 * Points the wasm backend at the .wasm files inside its own package, so it loads from disk with no network.
 * The package's Node entry (`main`) lives in `dist`, next to the three binaries (plain, SIMD, threaded SIMD).
 */
function useLocalWasmFiles(): void {
  if (wasmPathsSet) return;
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  setWasmPaths(`${dirname(entry)}/`);
  wasmPathsSet = true;
}

function tfjsEngine(backend: 'cpu' | 'wasm'): Engine<tf.Tensor> {
  return {
    name: backend === 'cpu' ? 'tfjs-cpu' : 'tfjs-wasm',
    activate: async () => {
      if (backend === 'wasm') useLocalWasmFiles();
      if (!(await tf.setBackend(backend))) throw new Error(`tfjs: backend ${backend} failed to initialize`);
      await tf.ready();
    },
    fromArray: (values, shape) => tf.tensor(values, [...shape], 'float32'),
    matmul: (a, b) => tf.matMul(a, b),
    add: (a, b) => tf.add(a, b),
    mul: (a, b) => tf.mul(a, b),
    exp: (x) => tf.exp(x),
    sum: (x, axis) => tf.sum(x, axis),
    read: (x) => x.dataSync(),
    release: (x) => x.dispose(),
  };
}

// Production mode: skips tfjs's debug-time checks and its "install tfjs-node" banner, as a shipped app would.
tf.enableProdMode();

export const tfjsCpu = tfjsEngine('cpu');
export const tfjsWasm = tfjsEngine('wasm');

/** What the wasm backend found at startup: SIMD and threads change its speed several times over. */
export function wasmFeatures(): { simd: boolean; threads: boolean } {
  return {
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
}

export const tfjsVersion: string = tf.version.tfjs;
