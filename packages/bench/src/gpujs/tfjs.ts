import * as tf from '@tensorflow/tfjs';
import { tfjsWasm } from '../engines.js';
import type { Ops } from './cases.js';

/** TensorFlow.js wasm (SIMD, one thread in Node) behind the cases' `Ops`; it has no fusion. */
export const tfjsOps: Ops<tf.Tensor> = {
  fromArray: (values, shape) => tf.tensor(values, [...shape], 'float32'),
  matmul: (a, b) => tf.matMul(a, b),
  reluChain: (x, y, z) => tf.tidy(() => tf.mul(tf.relu(tf.add(tf.mul(x, y), z)), 0.5)),
  reluChainFused: undefined,
  adam: (p, m, v) => tf.tidy(() => tf.sub(p, tf.div(tf.mul(m, 1e-3), tf.add(tf.sqrt(v), 1e-8)))),
  adamFused: undefined,
  read: (x) => x.dataSync(),
  release: (x) => x.dispose(),
};

export const activateTfjsWasm = (): Promise<void> => tfjsWasm.activate();
