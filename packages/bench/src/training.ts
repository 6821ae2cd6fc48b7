/**
 * Training-loop benchmarks, ours (the CPU backend and @descent/backend-wasm) against TensorFlow.js cpu and wasm in one
 * process:
 * - 10,000 steps of value-and-gradient on 2-D Rosenbrock (the playground's per-op overhead),
 * - one forward and backward pass of an MLP 784-128-10 on a batch of 128 (softmax cross-entropy),
 * - one optimizer step (sgd, momentum, adam) over 1M and 10M float32 parameters, parameters and gradients resident on
 *   the backend under test, with the parameters read back after each step and (`no read`) without.
 * Medians of repeated runs after warm-up; every result is read back, so nothing lazy escapes the timer. Our wasm runs
 * free their intermediates with `tidy` (WebAssembly memory is not garbage-collected promptly; the CPU runs leave
 * theirs to the GC, as before), and every row frees its tensors before the next.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { valueAndGrad } from '@descent/autodiff';
import { mlp, softmaxCrossEntropy } from '@descent/nn';
import '@descent/backend-wasm';
import { adam, Optimizer, sgd } from '@descent/optim';
import {
  add,
  createRng,
  mul,
  setBackend,
  slice,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
  tidy,
  tree,
} from '@descent/tensor';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { randomValues } from './bench-case.js';

tf.enableProdMode();
setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);

/** A benchmark body ready to repeat, and how to free what it holds afterwards. */
interface Prepared {
  readonly run: () => void;
  readonly dispose: () => void;
}

type OursBackend = 'cpu' | 'wasm';

/** Our run on `backend`: on wasm inside `tidy`, so that its intermediates go back to the allocator every run. */
function ours(backend: OursBackend, run: () => void, dispose: () => void = () => {}): Prepared {
  return { run: backend === 'wasm' ? () => tidy(run) : run, dispose };
}

function median(times: number[]): number {
  const sorted = times.toSorted((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `gc` where the runtime exposes it (the bench scripts run Node with --expose-gc). */
const collect = (globalThis as { gc?: () => void }).gc;

/** One of a row's four columns: how to make it the active backend, and its prepared body. */
interface Contender {
  readonly activate: () => Promise<void>;
  readonly prepared: Prepared;
  readonly repeats: number;
}

/**
 * Medians of the contenders' run times, taken in rounds: each round runs every contender once, and the one that goes
 * first rotates. Run one after another, a row's columns would meet different machine states (this VM's speed drifts
 * by 20% between seconds, and whether a freshly allocated 4 MB read-back array faults its pages in or comes back from
 * the allocator changes from minute to minute); interleaved, they share them. A contender with fewer repeats than the
 * others sits out the last rounds. Two untimed runs each come first, and a full collection before each timed one.
 */
async function interleavedMedians(contenders: readonly Contender[]): Promise<number[]> {
  for (const { activate, prepared } of contenders) {
    await activate();
    for (let i = 0; i < 2; i++) prepared.run();
  }
  const times: number[][] = contenders.map(() => []);
  const rounds = Math.max(...contenders.map((c) => c.repeats));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      const { activate, prepared, repeats } = contenders[index];
      if (round >= repeats) continue;
      await activate();
      // Every run starts from a collected heap: garbage left by the previous contender (TensorFlow.js's Rosenbrock
      // leaves megabytes) is not collected on the next one's time.
      collect?.();
      const start = performance.now();
      prepared.run();
      times[index].push(performance.now() - start);
    }
  }
  for (const { prepared } of contenders) prepared.dispose();
  return times.map(median);
}

// --- Rosenbrock: 10,000 value-and-gradient evaluations ---
function oursRosenbrock(backend: OursBackend): Prepared {
  const f = valueAndGrad((p: Tensor) => {
    const x = slice(p, [0], [1]);
    const y = slice(p, [1], [1]);
    return sum(add(square(sub(1, x)), mul(100, square(sub(y, square(x))))));
  });
  const p = tensor([-1.2, 1]);
  const evaluate = backend === 'wasm' ? () => tidy(() => f(p)) : () => f(p);
  return {
    run: () => {
      for (let i = 0; i < 10_000; i++) evaluate();
    },
    dispose: () => p.dispose(),
  };
}

function tfRosenbrock(): Prepared {
  const f = tf.valueAndGrad((p: tf.Tensor) => {
    const x = p.slice([0], [1]);
    const y = p.slice([1], [1]);
    return tf.sum(tf.add(tf.square(tf.sub(1, x)), tf.mul(100, tf.square(tf.sub(y, tf.square(x))))));
  });
  const p = tf.tensor1d([-1.2, 1]);
  return {
    run: () => {
      for (let i = 0; i < 10_000; i++) {
        tf.tidy(() => {
          const { value, grad } = f(p);
          return [value, grad];
        }).forEach((t) => {
          t.dispose();
        });
      }
    },
    dispose: () => p.dispose(),
  };
}

// --- MLP 784-128-10, batch 128: forward and backward ---
const BATCH = 128;
const x784 = randomValues(BATCH * 784, 1);
const labels = Int32Array.from({ length: BATCH }, (_, i) => i % 10);

function oursMlp(backend: OursBackend): Prepared {
  const model = mlp([784, 128, 10]);
  const { params, state } = model.init(createRng(0));
  const x = tensor(x784, { shape: [BATCH, 784] });
  const y = tensor(labels, { dtype: 'int32' });
  const step = valueAndGrad((p: typeof params) =>
    softmaxCrossEntropy(model.apply(p, state, x, { training: true }).y, y),
  );
  return ours(
    backend,
    () => {
      const [loss] = step(params);
      loss.dataSync();
    },
    () => {
      for (const t of [x, y, ...tree.leaves(params)]) t.dispose();
    },
  );
}

function tfMlp(): Prepared {
  const w1 = tf.variable(tf.randomUniform([784, 128], -0.08, 0.08, 'float32', 0));
  const b1 = tf.variable(tf.zeros([128]));
  const w2 = tf.variable(tf.randomUniform([128, 10], -0.2, 0.2, 'float32', 1));
  const b2 = tf.variable(tf.zeros([10]));
  const x = tf.tensor2d(x784, [BATCH, 784]);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
  return {
    run: () => {
      const { value, grads } = tf.variableGrads(() =>
        tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)),
      );
      value.dataSync();
      value.dispose();
      for (const g of Object.values(grads)) g.dispose();
    },
    dispose: () => {
      for (const t of [w1, b1, w2, b2, x, y]) t.dispose();
    },
  };
}

// --- One optimizer step over 1M and 10M parameters ---
type OptimizerKind = 'sgd' | 'momentum' | 'adam';
let variables = 0;

function oursOptimizer(kind: OptimizerKind, size: number, readBack: boolean): Prepared {
  const transformation = kind === 'adam' ? adam(1e-3) : sgd(1e-3, kind === 'momentum' ? { momentum: 0.9 } : {});
  const optimizer = new Optimizer(transformation, { w: tensor(randomValues(size, 2)) });
  const grads = { w: tensor(randomValues(size, 3)) };
  // No `tidy` here on either backend: `Optimizer.step` frees its intermediates and the state it replaces itself.
  return {
    run: () => {
      const next = optimizer.step(grads) as { w: Tensor };
      if (readBack) next.w.dataSync();
    },
    dispose: () => {
      optimizer.dispose();
      grads.w.dispose();
    },
  };
}

function tfOptimizer(kind: OptimizerKind, size: number, readBack: boolean): Prepared {
  const optimizer =
    kind === 'adam' ? tf.train.adam(1e-3) : kind === 'momentum' ? tf.train.momentum(1e-3, 0.9) : tf.train.sgd(1e-3);
  const name = `w${variables++}`;
  const w = tf.variable(tf.tensor1d(randomValues(size, 2)), true, name);
  const g = tf.tensor1d(randomValues(size, 3));
  return {
    run: () => {
      optimizer.applyGradients([{ name, tensor: g }]);
      if (readBack) w.dataSync();
    },
    dispose: () => {
      optimizer.dispose();
      w.dispose();
      g.dispose();
    },
  };
}

interface Row {
  readonly name: string;
  /** For the step-alone optimizer rows: bytes a fused, in-place step must move, for the bandwidth table. */
  readonly bytes?: number;
  readonly ours: (backend: OursBackend) => Prepared;
  readonly tf: () => Prepared;
  readonly repeats: number;
  /** Repeats for TensorFlow.js when they differ (its runs of a row can take seconds each). */
  readonly tfRepeats?: number;
}

/**
 * The optimizer rows, first as before (the parameters read back after each step), then the step alone. Reading 1M
 * float32 values back allocates a fresh 4 MB array per run, on either library; whether its pages fault in anew
 * (up to 1,000 page faults, about 2 ms on our VMs) or come back from the allocator varies from run to run, and that
 * alone can triple a 1M row. Both libraries run eagerly on these backends, so the step alone hides no deferred work.
 */
const optimizerRows: Row[] = [true, false].flatMap((readBack) =>
  [1_000_000, 10_000_000].flatMap((size) =>
    (['sgd', 'momentum', 'adam'] as const).map((kind) => ({
      name: `${kind} step, ${size / 1e6}M params${readBack ? '' : ', no read'} (ms)`,
      // Read θ and g, write θ (SGD); momentum also reads and writes its buffer; Adam reads and writes m and v.
      ...(readBack ? {} : { bytes: size * (kind === 'sgd' ? 12 : kind === 'momentum' ? 20 : 28) }),
      ours: () => oursOptimizer(kind, size, readBack),
      tf: () => tfOptimizer(kind, size, readBack),
      // Many short runs at 1M: single runs there swing with the read-back arrays' page faults and collections.
      repeats: size > 1e6 ? 7 : 41,
    })),
  ),
);

const ROWS: Row[] = [
  // Ours takes about 50 ms a run, on a machine whose speed drifts by 20% from second to second: 15 runs for a steady
  // median. TensorFlow.js takes one to two seconds a run: 5.
  { name: 'rosenbrock: 10k valueAndGrad (ms)', ours: oursRosenbrock, tf: tfRosenbrock, repeats: 15, tfRepeats: 5 },
  { name: 'mlp 784-128-10, batch 128: fwd+bwd (ms)', ours: oursMlp, tf: tfMlp, repeats: 15 },
  ...optimizerRows,
];

/**
 * The machine's memory bandwidth as JavaScript sees it, in GB/s: a Float32Array copy loop over 10M elements (8 bytes
 * an element: one read, one write) and `TypedArray.set` (memcpy), each the best of 5.
 */
function machineBandwidth(): { readonly loop: number; readonly memcpy: number } {
  const n = 10_000_000;
  const source = new Float32Array(n).fill(1.5);
  const target = new Float32Array(n);
  const best = (run: () => void) => {
    let fastest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      run();
      fastest = Math.min(fastest, performance.now() - start);
    }
    return (8 * n) / (fastest * 1e6);
  };
  return {
    loop: best(() => {
      for (let i = 0; i < n; i++) target[i] = source[i];
    }),
    memcpy: best(() => target.set(source)),
  };
}

async function main(): Promise<void> {
  const filter = process.argv.includes('--filter') ? process.argv[process.argv.indexOf('--filter') + 1] : undefined;
  console.log(
    `\ntraining benchmarks: ours (cpu and wasm backends) vs TensorFlow.js ${tf.version.tfjs} cpu and wasm; medians, ms;` +
      ' ratios are their time over ours: > 1 = ours faster',
  );
  const columns = ['ours-cpu', 'ours-wasm', 'tfjs-cpu', 'tfjs-wasm'];
  const ratios = ['cpu/tfjs-cpu', 'cpu/tfjs-wasm', 'wasm/tfjs-cpu', 'wasm/tfjs-wasm'];
  console.log(
    `${'case'.padEnd(42)}${columns.map((c) => c.padStart(11)).join('')}${ratios.map((r) => r.padStart(15)).join('')}`,
  );
  const bandwidths: { readonly name: string; readonly gbps: readonly number[] }[] = [];
  for (const row of ROWS.filter((r) => filter === undefined || r.name.includes(filter))) {
    const ourBackend = (name: OursBackend) => async () => setBackend(name);
    const theirBackend = (name: 'cpu' | 'wasm') => async () => {
      await tf.setBackend(name);
      await tf.ready();
    };
    const tfRepeats = row.tfRepeats ?? row.repeats;
    // Each body is prepared with its backend active, so that its tensors live there.
    const contender = async (activate: () => Promise<void>, prepare: () => Prepared, repeats: number) => {
      await activate();
      return { activate, prepared: prepare(), repeats };
    };
    // Like with like: both CPU backends in turn, then both wasm backends. Our CPU column comes first because once
    // our wasm backend has held data, V8 sees two kinds of tensor data in the shared engine code and our tiny ops
    // run about 12% slower for the rest of the process; a CPU-only program never pays that.
    const [oursCpu, cpu] = await interleavedMedians([
      await contender(ourBackend('cpu'), () => row.ours('cpu'), row.repeats),
      await contender(theirBackend('cpu'), row.tf, tfRepeats),
    ]);
    const [oursWasm, wasm] = await interleavedMedians([
      await contender(ourBackend('wasm'), () => row.ours('wasm'), row.repeats),
      await contender(theirBackend('wasm'), row.tf, tfRepeats),
    ]);
    setBackend('cpu');
    const cell = (v: number) => v.toFixed(v < 10 ? 2 : 1).padStart(11);
    const ratio = (theirs: number, mine: number) => `${(theirs / mine).toFixed(2)}x`.padStart(15);
    console.log(
      `${row.name.padEnd(42)}${[oursCpu, oursWasm, cpu, wasm].map(cell).join('')}` +
        `${ratio(cpu, oursCpu)}${ratio(wasm, oursCpu)}${ratio(cpu, oursWasm)}${ratio(wasm, oursWasm)}`,
    );
    const bytes = row.bytes;
    if (bytes !== undefined) {
      bandwidths.push({ name: row.name, gbps: [oursCpu, oursWasm, cpu, wasm].map((ms) => bytes / (ms * 1e6)) });
    }
  }
  if (bandwidths.length === 0) return;
  const machine = machineBandwidth();
  console.log(
    '\neffective bandwidth of the step alone, GB/s (the bytes a fused in-place step must move per second: 12, 20 and' +
      ' 28 bytes a parameter for sgd, momentum and adam)',
  );
  console.log(
    `${'case'.padEnd(42)}${columns.map((c) => c.padStart(11)).join('')}` +
      `${'wasm/copy loop'.padStart(16)}${'wasm/memcpy'.padStart(13)}`,
  );
  for (const { name, gbps } of bandwidths) {
    console.log(
      `${name.replace(' (ms)', '').padEnd(42)}${gbps.map((v) => v.toFixed(2).padStart(11)).join('')}` +
        `${(gbps[1] / machine.loop).toFixed(2).padStart(16)}${(gbps[1] / machine.memcpy).toFixed(2).padStart(13)}`,
    );
  }
  console.log(
    `machine: Float32Array copy loop ${machine.loop.toFixed(2)} GB/s, TypedArray.set ${machine.memcpy.toFixed(2)} GB/s`,
  );
}

await main();
