/**
 * One optimizer step over 1M and 10M float32 parameters: SGD, SGD with momentum and Adam, through `Optimizer.step`
 * (validation, the update, `applyUpdates` and freeing the replaced state included), against TensorFlow.js's cpu
 * backend (`tf.train.sgd/momentum/adam` on a `tf.Variable`) in the same process, and against the machine's memory
 * bandwidth as a plain JavaScript loop sees it.
 *
 *   npx tsx --conditions=@descent/source packages/optim/bench/step.bench.ts [--sizes 1e6,1e7] [--no-tfjs]
 *
 * Bytes: "effective bandwidth" counts only the bytes a fused, in-place step must move, 4 bytes per float32 read or
 * written once per element: SGD reads θ and g and writes θ (12 B/param); momentum also reads and writes the buffer
 * (20 B/param); Adam reads θ, g, m, v and writes θ, m, v (28 B/param). The reference is a Float32Array copy loop,
 * 8 B per element (one read, one write); `TypedArray.set` (memcpy) is printed beside it for scale. The "traffic"
 * column is what our op-by-op step actually moves: every kernel reads its inputs and writes a fresh output (the
 * allocation's zero fill, one more write, is not counted). "fused-loop" is a hand-written in-place loop doing the same
 * step in one pass (not library code): the ceiling a fused update kernel could reach.
 */
import { argv } from 'node:process';
import { memory, setBackend, tensor } from '@descent/tensor';
import * as tf from '@tensorflow/tfjs';
import { adam, type GradientTransformation, Optimizer, sgd } from '../src/index.js';

const args = argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '1e6,1e7';
const SIZES = sizesArg.split(',').map(Number);
const WITH_TFJS = !args.includes('--no-tfjs');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median wall time of `run` in ms, after `warmup` untimed runs; at least `runs` runs and about 1 s of timing. */
function time(run: () => void, { warmup = 2, runs = 5 } = {}): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  let total = 0;
  while (times.length < runs || (total < 1000 && times.length < 30)) {
    const start = performance.now();
    run();
    const elapsed = performance.now() - start;
    times.push(elapsed);
    total += elapsed;
  }
  return median(times);
}

const gbPerSecond = (bytes: number, ms: number) => bytes / (ms * 1e6);

function randomValues(size: number, seed: number): Float32Array {
  const values = new Float32Array(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = state / 2 ** 32 - 0.5;
  }
  return values;
}

/** The bandwidth a JavaScript kernel can reach: a copy loop over two Float32Arrays (8 B per element). */
function copyBandwidth(size: number): { loop: number; memcpy: number } {
  const source = randomValues(size, 1);
  const target = new Float32Array(size);
  const loop = time(() => {
    for (let i = 0; i < size; i++) target[i] = source[i];
  });
  const memcpy = time(() => target.set(source));
  return { loop: gbPerSecond(8 * size, loop), memcpy: gbPerSecond(8 * size, memcpy) };
}

/**
 * The same step as one fused in-place loop over Float32Arrays: not library code, but what a fused update kernel in
 * the tensor vocabulary could reach. Bias corrections as PyTorch computes them.
 */
function fusedReference(name: string, size: number): number {
  const theta = randomValues(size, 2);
  const g = randomValues(size, 3);
  const m = new Float32Array(size);
  const v = new Float32Array(size);
  const [lr, b1, b2, eps] = [1e-3, 0.9, 0.999, 1e-8];
  let t = 0;
  const step = () => {
    t++;
    if (name === 'sgd') {
      for (let i = 0; i < size; i++) theta[i] -= lr * g[i];
    } else if (name === 'momentum') {
      for (let i = 0; i < size; i++) {
        const buffer = 0.9 * m[i] + g[i];
        m[i] = buffer;
        theta[i] -= lr * buffer;
      }
    } else {
      const stepSize = lr / (1 - b1 ** t);
      const root = Math.sqrt(1 - b2 ** t);
      for (let i = 0; i < size; i++) {
        const gi = g[i];
        const mi = b1 * m[i] + (1 - b1) * gi;
        const vi = b2 * v[i] + (1 - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        theta[i] -= (stepSize * mi) / (Math.sqrt(vi) / root + eps);
      }
    }
  };
  return time(step, { runs: size >= 1e7 ? 5 : 10 });
}

interface Case {
  readonly name: string;
  readonly make: () => GradientTransformation<unknown>;
  readonly tfjs: () => tf.Optimizer;
  /** Bytes per parameter a fused in-place step must move. */
  readonly idealBytes: number;
  /** Bytes per parameter our op-by-op step moves (reads + writes of each kernel). */
  readonly trafficBytes: number;
  /** Kernels per leaf per step (each an allocation and a pass). */
  readonly kernels: number;
}

const CASES: readonly Case[] = [
  // mul(g, −ε) [r4 w4]; add(θ, u) [r8 w4]
  { name: 'sgd', make: () => sgd(1e-3), tfjs: () => tf.train.sgd(1e-3), idealBytes: 12, trafficBytes: 20, kernels: 2 },
  // mul(b, α) [8]; add(·, g) [12]; mul(·, −ε) [8]; add(θ, u) [12]
  {
    name: 'momentum',
    make: () => sgd(1e-3, { momentum: 0.9 }),
    tfjs: () => tf.train.momentum(1e-3, 0.9),
    idealBytes: 20,
    trafficBytes: 40,
    kernels: 4,
  },
  // m: lerp [12]; v: square [8], lerp [12]; divSqrt(m, v) [12]; mul(−ε) [8]; add(θ, u) [12]
  {
    name: 'adam',
    make: () => adam(1e-3),
    tfjs: () => tf.train.adam(1e-3),
    idealBytes: 28,
    trafficBytes: 64,
    kernels: 6,
  },
];

function benchOurs(benchCase: Case, size: number): number {
  const params = { w: tensor(randomValues(size, 2)) };
  const grads = { w: tensor(randomValues(size, 3)) };
  const optimizer = new Optimizer(benchCase.make(), params);
  optimizer.step(grads); // past the first step (momentum's copy), so every timed step is a steady one
  const live = memory().liveTensors;
  const ms = time(() => optimizer.step(grads), { runs: size >= 1e7 ? 5 : 10 });
  if (memory().liveTensors !== live) throw new Error(`${benchCase.name}: live tensors grew during the benchmark`);
  optimizer.dispose();
  return ms;
}

function benchTfjs(benchCase: Case, size: number): number {
  const variable = tf.variable(tf.tensor1d(randomValues(size, 2)), true, `w${size}${benchCase.name}`);
  const gradient = tf.tensor1d(randomValues(size, 3));
  const optimizer = benchCase.tfjs();
  const step = () => optimizer.applyGradients({ [variable.name]: gradient });
  step();
  const ms = time(step, { runs: size >= 1e7 ? 5 : 10 });
  optimizer.dispose();
  variable.dispose();
  gradient.dispose();
  return ms;
}

async function main(): Promise<void> {
  setBackend('cpu');
  if (WITH_TFJS) {
    tf.enableProdMode();
    await tf.setBackend('cpu');
    await tf.ready();
  }
  console.log(`@descent/optim step benchmark: Node ${process.version}, float32, Optimizer.step, median wall time`);
  for (const size of SIZES) {
    const { loop, memcpy } = copyBandwidth(size);
    const label = size >= 1e6 ? `${size / 1e6}M` : `${size}`;
    console.log(
      `\n${label} parameters. Reference: Float32Array copy loop ${loop.toFixed(1)} GB/s (8 B/element); ` +
        `TypedArray.set ${memcpy.toFixed(1)} GB/s`,
    );
    console.log(
      'optimizer  ideal B/param  traffic B/param  kernels  descent ms  effective GB/s  of copy loop  fused-loop ms  fused GB/s' +
        (WITH_TFJS ? '  tfjs-cpu ms  tfjs effective GB/s  descent vs tfjs' : ''),
    );
    for (const benchCase of CASES) {
      const ours = benchOurs(benchCase, size);
      const effective = gbPerSecond(benchCase.idealBytes * size, ours);
      let line =
        `${benchCase.name.padEnd(9)}  ${String(benchCase.idealBytes).padStart(13)}  ` +
        `${String(benchCase.trafficBytes).padStart(15)}  ${String(benchCase.kernels).padStart(7)}  ` +
        `${ours.toFixed(2).padStart(10)}  ${effective.toFixed(2).padStart(14)}  ` +
        `${`1/${(loop / effective).toFixed(1)}`.padStart(12)}`;
      const fused = fusedReference(benchCase.name, size);
      line += `  ${fused.toFixed(2).padStart(13)}  ${gbPerSecond(benchCase.idealBytes * size, fused)
        .toFixed(2)
        .padStart(10)}`;
      if (WITH_TFJS) {
        const theirs = benchTfjs(benchCase, size);
        line +=
          `  ${theirs.toFixed(2).padStart(11)}  ${gbPerSecond(benchCase.idealBytes * size, theirs)
            .toFixed(2)
            .padStart(19)}` +
          `  ${(theirs >= ours ? `${(theirs / ours).toFixed(2)}x faster` : `${(ours / theirs).toFixed(2)}x slower`).padStart(15)}`;
      }
      console.log(line);
    }
  }
}

await main();
