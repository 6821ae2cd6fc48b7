/**
 * Training-loop benchmarks, ours against TensorFlow.js cpu and wasm in one process:
 * - 10,000 steps of value-and-gradient on 2-D Rosenbrock (the playground's per-op overhead),
 * - one forward and backward pass of an MLP 784-128-10 on a batch of 128 (softmax cross-entropy),
 * - one optimizer step (sgd, momentum, adam) over 1M float32 parameters.
 * Medians of repeated runs after warm-up; every result is read back, so nothing lazy escapes the timer.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { valueAndGrad } from '@descent/autodiff';
import { mlp, softmaxCrossEntropy } from '@descent/nn';
import { adam, Optimizer, sgd } from '@descent/optim';
import { add, createRng, mul, setBackend, slice, square, sub, sum, type Tensor, tensor } from '@descent/tensor';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { randomValues } from './bench-case.js';

tf.enableProdMode();
setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);

function median(run: () => void, repeats: number): number {
  for (let i = 0; i < 2; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// --- Rosenbrock: 10,000 value-and-gradient evaluations ---
function oursRosenbrock(): () => void {
  const f = valueAndGrad((p: Tensor) => {
    const x = slice(p, [0], [1]);
    const y = slice(p, [1], [1]);
    return sum(add(square(sub(1, x)), mul(100, square(sub(y, square(x))))));
  });
  const p = tensor([-1.2, 1]);
  return () => {
    for (let i = 0; i < 10_000; i++) f(p);
  };
}

function tfRosenbrock(): () => void {
  const f = tf.valueAndGrad((p: tf.Tensor) => {
    const x = p.slice([0], [1]);
    const y = p.slice([1], [1]);
    return tf.sum(tf.add(tf.square(tf.sub(1, x)), tf.mul(100, tf.square(tf.sub(y, tf.square(x))))));
  });
  const p = tf.tensor1d([-1.2, 1]);
  return () => {
    for (let i = 0; i < 10_000; i++) {
      tf.tidy(() => {
        const { value, grad } = f(p);
        return [value, grad];
      }).forEach((t) => {
        t.dispose();
      });
    }
  };
}

// --- MLP 784-128-10, batch 128: forward and backward ---
const BATCH = 128;
const x784 = randomValues(BATCH * 784, 1);
const labels = Int32Array.from({ length: BATCH }, (_, i) => i % 10);

function oursMlp(): () => void {
  const model = mlp([784, 128, 10]);
  const { params, state } = model.init(createRng(0));
  const x = tensor(x784, { shape: [BATCH, 784] });
  const y = tensor(labels, { dtype: 'int32' });
  const step = valueAndGrad((p: typeof params) =>
    softmaxCrossEntropy(model.apply(p, state, x, { training: true }).y, y),
  );
  return () => {
    const [loss] = step(params);
    loss.dataSync();
  };
}

function tfMlp(): () => void {
  const w1 = tf.variable(tf.randomUniform([784, 128], -0.08, 0.08, 'float32', 0));
  const b1 = tf.variable(tf.zeros([128]));
  const w2 = tf.variable(tf.randomUniform([128, 10], -0.2, 0.2, 'float32', 1));
  const b2 = tf.variable(tf.zeros([10]));
  const x = tf.tensor2d(x784, [BATCH, 784]);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
  return () => {
    const { value, grads } = tf.variableGrads(() =>
      tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)),
    );
    value.dataSync();
    value.dispose();
    for (const g of Object.values(grads)) g.dispose();
  };
}

// --- One optimizer step over 1M parameters ---
let variables = 0;
const N = 1_000_000;
function oursOptimizer(kind: 'sgd' | 'momentum' | 'adam'): () => void {
  const transformation = kind === 'adam' ? adam(1e-3) : sgd(1e-3, kind === 'momentum' ? { momentum: 0.9 } : {});
  const optimizer = new Optimizer(transformation, { w: tensor(randomValues(N, 2)) });
  const grads = { w: tensor(randomValues(N, 3)) };
  return () => {
    const next = optimizer.step(grads) as { w: Tensor };
    next.w.dataSync();
  };
}

function tfOptimizer(kind: 'sgd' | 'momentum' | 'adam'): () => void {
  const optimizer =
    kind === 'adam' ? tf.train.adam(1e-3) : kind === 'momentum' ? tf.train.momentum(1e-3, 0.9) : tf.train.sgd(1e-3);
  const name = `w${variables++}`;
  const w = tf.variable(tf.tensor1d(randomValues(N, 2)), true, name);
  const g = tf.tensor1d(randomValues(N, 3));
  return () => {
    optimizer.applyGradients([{ name, tensor: g }]);
    w.dataSync();
  };
}

interface Row {
  readonly name: string;
  readonly ours: () => () => void;
  readonly tf: () => () => void;
  readonly repeats: number;
}

const ROWS: Row[] = [
  { name: 'rosenbrock: 10k valueAndGrad (ms)', ours: oursRosenbrock, tf: tfRosenbrock, repeats: 5 },
  { name: 'mlp 784-128-10, batch 128: fwd+bwd (ms)', ours: oursMlp, tf: tfMlp, repeats: 15 },
  { name: 'sgd step, 1M params (ms)', ours: () => oursOptimizer('sgd'), tf: () => tfOptimizer('sgd'), repeats: 15 },
  {
    name: 'momentum step, 1M params (ms)',
    ours: () => oursOptimizer('momentum'),
    tf: () => tfOptimizer('momentum'),
    repeats: 15,
  },
  { name: 'adam step, 1M params (ms)', ours: () => oursOptimizer('adam'), tf: () => tfOptimizer('adam'), repeats: 15 },
];

async function main(): Promise<void> {
  const filter = process.argv.includes('--filter') ? process.argv[process.argv.indexOf('--filter') + 1] : undefined;
  console.log(
    `\ntraining benchmarks: ours (cpu) vs TensorFlow.js ${tf.version.tfjs} cpu and wasm; medians, ms; ratio > 1 = ours faster`,
  );
  console.log(
    `${'case'.padEnd(42)}${'ours'.padStart(10)}${'tfjs-cpu'.padStart(10)}${'tfjs-wasm'.padStart(11)}${'vs cpu'.padStart(9)}${'vs wasm'.padStart(9)}`,
  );
  for (const row of ROWS.filter((r) => filter === undefined || r.name.includes(filter))) {
    setBackend('cpu');
    const ours = median(row.ours(), row.repeats);
    await tf.setBackend('cpu');
    await tf.ready();
    const cpu = median(row.tf(), row.repeats);
    await tf.setBackend('wasm');
    await tf.ready();
    const wasm = median(row.tf(), row.repeats);
    const cell = (v: number) => v.toFixed(v < 10 ? 2 : 1);
    console.log(
      `${row.name.padEnd(42)}${cell(ours).padStart(10)}${cell(cpu).padStart(10)}${cell(wasm).padStart(11)}${`${(cpu / ours).toFixed(2)}x`.padStart(9)}${`${(wasm / ours).toFixed(2)}x`.padStart(9)}`,
    );
  }
}

await main();
