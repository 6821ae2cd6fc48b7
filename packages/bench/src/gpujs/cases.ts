/**
 * The gpu.js benchmark cases, written once against `Ops` and run on every path: the CPU backend, gpujs (webasm in
 * Node, WebGL2 in Chromium), `auto`, gpu.js's 'cpu' mode and TensorFlow.js wasm. No Node imports: the Chromium page
 * bundles this file too.
 */
import { fuse } from '@descent/backend-gpujs';
import { add, div, matmul, mul, relu, sqrt, sub, type Tensor, tensor, tidy } from '@descent/tensor';
import { randomValues } from '../bench-case.js';

/** The operations the cases need. `undefined` for a fused chain means the path has no fusion (tfjs). */
export interface Ops<T> {
  fromArray(values: Float32Array, shape: readonly number[]): T;
  matmul(a: T, b: T): T;
  /** relu(x * y + z) * 0.5: four element-wise ops. */
  reluChain(x: T, y: T, z: T): T;
  reluChainFused: ((x: T, y: T, z: T) => T) | undefined;
  /** An Adam-style update p - lr * m / (sqrt(v) + eps): five element-wise ops. */
  adam(p: T, m: T, v: T): T;
  adamFused: ((p: T, m: T, v: T) => T) | undefined;
  read(x: T): ArrayLike<number>;
  release(x: T): void;
}

const LR = 1e-3;
const EPS = 1e-8;

const reluChainFused = fuse((x, y, z) => x.mul(y).add(z).relu().mul(0.5));
const adamFused = fuse((p, m, v, lr, eps) => p.sub(m.mul(lr).div(v.sqrt().add(eps))));

/** Descent's ops; the current backend (`setBackend`) decides where they run. Op-by-op chains free intermediates. */
export const descentOps: Ops<Tensor> = {
  fromArray: (values, shape) => tensor(values, { shape: [...shape] }),
  matmul: (a, b) => matmul(a, b),
  reluChain: (x, y, z) => tidy(() => mul(relu(add(mul(x, y), z)), 0.5)),
  reluChainFused: (x, y, z) => reluChainFused(x, y, z),
  adam: (p, m, v) => tidy(() => sub(p, div(mul(m, LR), add(sqrt(v), EPS)))),
  adamFused: (p, m, v) => adamFused(p, m, v, LR, EPS),
  read: (x) => x.dataSync(),
  release: (x) => x.dispose(),
};

export type Unit = 'flops' | 'elements';

/** One timed run, ready to repeat; `output` is the last result read back; `where` the last result's backend. */
export interface Prepared {
  run(): void;
  output(): ArrayLike<number>;
  dispose(): void;
}

export interface GpujsCase {
  readonly name: string;
  readonly unit: Unit;
  /** Flops or elements in one run. */
  readonly work: number;
  /** Cap in ms for warm-up plus timed rounds of all paths, and again for the auto-vs-best duel. */
  readonly capMs: number;
  /** Whether the case is fused (then the CPU backend evaluates the same ops one by one). */
  readonly fused: boolean;
  /**
   * Whether a run leaves enough garbage (outputs of megabytes) that each run should start with a collection; a
   * matmul leaves one small output a run, and forcing full collections would time cold starts instead
   * (`measureInterleaved`).
   */
  readonly collectBeforeRuns: boolean;
  prepare<T>(ops: Ops<T>, keep?: (result: T) => void): Prepared | undefined;
}

function prepared<T>(
  ops: Ops<T>,
  inputs: readonly T[],
  op: () => T,
  keep: ((result: T) => void) | undefined,
): Prepared {
  let last: ArrayLike<number> = [];
  return {
    run: () => {
      const result = op();
      last = ops.read(result);
      keep?.(result);
      ops.release(result);
    },
    output: () => last,
    dispose: () => {
      for (const input of inputs) ops.release(input);
    },
  };
}

const SIZE = 1_000_000;

function matmulCase(n: number): GpujsCase {
  return {
    name: `matmul ${n}`,
    unit: 'flops',
    work: 2 * n ** 3,
    capMs: n >= 1024 ? 6000 : n >= 512 ? 3000 : 1500,
    fused: false,
    collectBeforeRuns: false,
    prepare(ops, keep) {
      const a = ops.fromArray(randomValues(n * n, 1), [n, n]);
      const b = ops.fromArray(randomValues(n * n, 2), [n, n]);
      return prepared(ops, [a, b], () => ops.matmul(a, b), keep);
    },
  };
}

function chainCase(kind: 'relu' | 'adam', fused: boolean): GpujsCase {
  const label = kind === 'relu' ? 'relu(x*y+z)*0.5 (4 ops)' : 'adam p-lr*m/(sqrt(v)+eps) (5 ops)';
  return {
    name: `${label} 1M ${fused ? 'fuse' : 'op by op'}`,
    unit: 'elements',
    work: SIZE,
    capMs: 3000,
    fused,
    // A run leaves 4 MB outputs (and op by op, four or five of them) whose collection would land in any path's run.
    collectBeforeRuns: true,
    prepare(ops, keep) {
      const op = kind === 'relu' ? (fused ? ops.reluChainFused : ops.reluChain) : fused ? ops.adamFused : ops.adam;
      if (op === undefined) return undefined;
      const a = ops.fromArray(randomValues(SIZE, 3), [SIZE]);
      const b = ops.fromArray(randomValues(SIZE, 4), [SIZE]);
      const c = ops.fromArray(randomValues(SIZE, 5, kind === 'adam' ? 0 : -1, 1), [SIZE]);
      return prepared(ops, [a, b, c], () => op(a, b, c), keep);
    },
  };
}

export const gpujsCases: readonly GpujsCase[] = [
  ...[128, 256, 512, 1024].map(matmulCase),
  chainCase('relu', false),
  chainCase('relu', true),
  chainCase('adam', false),
  chainCase('adam', true),
];

export interface Sample {
  readonly medianMs: number;
  readonly runs: number;
  /** Every timed run, in milliseconds. */
  readonly times: readonly number[];
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One sample from the runs of two. */
export function mergeSamples(a: Sample, b: Sample): Sample {
  const times = [...a.times, ...b.times];
  return { medianMs: median(times), runs: times.length, times };
}

/** `gc` where the runtime exposes it (node --expose-gc, Chromium --js-flags=--expose-gc). */
const collect = (globalThis as { gc?: () => void }).gc;

export interface MeasureOptions {
  readonly warmupMs?: number;
  readonly minRuns?: number;
  readonly maxRuns?: number;
  readonly minTimeMs?: number;
  readonly capMs?: number;
  /** Collect garbage before each timed run (default true; see `measureInterleaved`). */
  readonly collectBeforeRuns?: boolean;
}

/**
 * Times several paths in interleaved rounds (one run of each per round), so a noisy neighbour slows them alike:
 * the auto/best ratio compares runs taken side by side. Each path first warms up for `warmupMs` (at least one run
 * unless 0: compiles, JIT and `auto`'s compile amortization settle). Before each timed run the collector runs when
 * exposed (unless `collectBeforeRuns` is false), so no run pays for garbage another left (1M-element chains allocate
 * 4 MB an op), and every run starts equally cold; the paths also take turns at running first. Rounds stop after
 * `minRuns` once `minTimeMs` has passed, or at `capMs` (at least one round).
 */
export function measureInterleaved(
  runs: Readonly<Record<string, () => void>>,
  {
    warmupMs = 300,
    minRuns = 5,
    maxRuns = 200,
    minTimeMs = 400,
    capMs = 1500,
    collectBeforeRuns = true,
  }: MeasureOptions = {},
): Record<string, Sample> {
  const names = Object.keys(runs);
  const started = performance.now();
  if (warmupMs > 0) {
    for (const name of names) {
      const start = performance.now();
      let count = 0;
      do {
        runs[name]();
        count++;
      } while (performance.now() - start < warmupMs && count < 50);
    }
  }
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  let timed = 0;
  for (let round = 0; ; round++) {
    // The first op after a full collection is slow in a way a training loop never sees: `auto`'s router took some
    // 70 µs for its first decision after one (2 µs after that), 7% of a 128x128 matmul; cases of short runs that
    // leave little garbage are therefore timed without forced collections. A collection per round instead of per
    // run made the paired ratios bimodal (one path or the other ran first after it), so it is per run.
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length];
      if (collectBeforeRuns) collect?.();
      const start = performance.now();
      runs[name]();
      const elapsed = performance.now() - start;
      times[name].push(elapsed);
      timed += elapsed;
    }
    const rounds = times[names[0]].length;
    if (rounds >= maxRuns || performance.now() - started >= capMs) break;
    if (rounds >= minRuns && timed >= minTimeMs) break;
  }
  return Object.fromEntries(
    names.map((name) => [name, { medianMs: median(times[name]), runs: times[name].length, times: times[name] }]),
  );
}

/** max |actual - expected| / max |expected|. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let scale = 0;
  let error = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    error = Math.max(error, Math.abs(actual[i] - expected[i]));
  }
  return error / Math.max(scale, Number.MIN_VALUE);
}
