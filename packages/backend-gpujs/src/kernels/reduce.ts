import type { KernelAttrs, KernelInputs, Shape, TensorInfo } from '@descent/tensor';
import { sizeOf } from '@descent/tensor';
import type { KernelThis } from '../gpujs.js';
import type { GpujsStorage } from '../storage.js';
import type { DeviceKernel, ProgramCall } from './device-kernel.js';
import { deviceSize } from './run-elementwise.js';

// The input is viewed as [outer, reduce, after]: the reduced axes form one contiguous block (trailing axes, all
// axes, leading axes, or any consecutive run). Each thread folds `chunk` consecutive entries of the reduced block
// for one (outer, after) pair, writing a [outer, chunks, after] result; when there are few threads and a long block,
// a first pass folds chunks of about sqrt(reduce) entries and a second folds the partial results. That keeps every
// loop short and the float32 rounding error near sqrt(reduce) * eps rather than reduce * eps.

export function sumChunks(
  this: KernelThis,
  x: Float32Array,
  reduce: number,
  after: number,
  chunk: number,
  chunks: number,
): number {
  const index = this.thread.x;
  const perOuter = chunks * after;
  const o = Math.floor((index + 0.5) / perOuter);
  const rest = index - o * perOuter;
  const c = Math.floor((rest + 0.5) / after);
  const a = rest - c * after;
  const start = c * chunk;
  const end = Math.min(start + chunk, reduce);
  const base = o * reduce * after + a;
  let total = 0;
  for (let r = start; r < end; r++) {
    total += x[base + r * after];
  }
  return total;
}

export function maxChunks(
  this: KernelThis,
  x: Float32Array,
  reduce: number,
  after: number,
  chunk: number,
  chunks: number,
): number {
  const index = this.thread.x;
  const perOuter = chunks * after;
  const o = Math.floor((index + 0.5) / perOuter);
  const rest = index - o * perOuter;
  const c = Math.floor((rest + 0.5) / after);
  const a = rest - c * after;
  const start = c * chunk;
  const end = Math.min(start + chunk, reduce);
  const base = o * reduce * after + a;
  // Start from the first entry: gpu.js writes the literal Infinity as FLT_MAX on GL, which would win over -inf.
  let best = x[base + start * after];
  for (let r = start + 1; r < end; r++) {
    const value = x[base + r * after];
    // NaN wins and then stays, as in NumPy.
    // biome-ignore lint/suspicious/noSelfCompare: the NaN test gpu.js can translate (it has no Number.isNaN)
    if (value > best || value !== value) best = value;
  }
  return best;
}

export function minChunks(
  this: KernelThis,
  x: Float32Array,
  reduce: number,
  after: number,
  chunk: number,
  chunks: number,
): number {
  const index = this.thread.x;
  const perOuter = chunks * after;
  const o = Math.floor((index + 0.5) / perOuter);
  const rest = index - o * perOuter;
  const c = Math.floor((rest + 0.5) / after);
  const a = rest - c * after;
  const start = c * chunk;
  const end = Math.min(start + chunk, reduce);
  const base = o * reduce * after + a;
  let best = x[base + start * after];
  for (let r = start + 1; r < end; r++) {
    const value = x[base + r * after];
    // biome-ignore lint/suspicious/noSelfCompare: the NaN test gpu.js can translate (it has no Number.isNaN)
    if (value < best || value !== value) best = value;
  }
  return best;
}

type ReduceOp = 'Sum' | 'Max' | 'Min';
type ReduceInputs = KernelInputs<'Sum'>;
type ReduceAttrs = KernelAttrs<'Sum'>;

const SOURCES: Record<ReduceOp, (...args: never[]) => number> = {
  Sum: sumChunks as (...args: never[]) => number,
  Max: maxChunks as (...args: never[]) => number,
  Min: minChunks as (...args: never[]) => number,
};

/** Below this many (outer, after) threads, a reduced block longer than SPLIT_LENGTH is folded in two passes. */
const FEW_THREADS = 64;
const SPLIT_LENGTH = 4096;

interface Blocks {
  readonly outer: number;
  readonly reduce: number;
  readonly after: number;
  /** Entries per thread in the first pass; equal to `reduce` when one pass does it. */
  readonly chunk: number;
  readonly chunks: number;
}

function blocks(shape: Shape, axes: readonly number[]): Blocks | undefined {
  if (axes.length === 0) return undefined;
  for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1] + 1) return undefined;
  const first = axes[0];
  const last = axes[axes.length - 1];
  const outer = sizeOf(shape.slice(0, first));
  const reduce = sizeOf(shape.slice(first, last + 1));
  const after = sizeOf(shape.slice(last + 1));
  if (outer * after * reduce === 0) return undefined;
  if (outer * after >= FEW_THREADS || reduce <= SPLIT_LENGTH) return { outer, reduce, after, chunk: reduce, chunks: 1 };
  const chunk = Math.ceil(Math.sqrt(reduce));
  return { outer, reduce, after, chunk, chunks: Math.ceil(reduce / chunk) };
}

function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  return keepDims ? shape.map((dim, i) => (axes.includes(i) ? 1 : dim)) : shape.filter((_, i) => !axes.includes(i));
}

function pass(
  op: ReduceOp,
  storage: GpujsStorage,
  x: TensorInfo,
  { outer, reduce, after, chunk, chunks }: Blocks,
  shape: Shape,
): TensorInfo {
  const output = [outer * chunks * after];
  const args = [storage.argument(x), reduce, after, chunk, chunks];
  return storage.output(storage.programs.run(op, SOURCES[op], output, args, `${sizeOf(x.shape)}`), shape);
}

/** Sum, Max or Min over a contiguous block of axes on the device (float32 accumulators). */
export function reduceGpu<K extends ReduceOp>(op: K): DeviceKernel<K> {
  return {
    covers: (inputs: KernelInputs<K>, attrs: KernelAttrs<K>, storage: GpujsStorage) => {
      const { x } = inputs as ReduceInputs;
      return (
        storage.fitsDevice(x) &&
        deviceSize(sizeOf(x.shape)) &&
        blocks(x.shape, (attrs as ReduceAttrs).axes) !== undefined
      );
    },
    run: (inputs, attrs, storage) => {
      const { x } = inputs as ReduceInputs;
      const { axes, keepDims } = attrs as ReduceAttrs;
      const b = blocks(x.shape, axes) as Blocks;
      const shape = reducedShape(x.shape, axes, keepDims);
      if (b.chunks === 1) return pass(op, storage, x, b, shape);
      const partial = pass(op, storage, x, b, [b.outer, b.chunks, b.after]);
      const result = pass(op, storage, partial, { ...b, reduce: b.chunks, chunk: b.chunks, chunks: 1 }, shape);
      storage.dispose(partial);
      return result;
    },
    work: (inputs) => ({ kind: 'reduce', elements: sizeOf((inputs as ReduceInputs).x.shape) }),
    program: (inputs, attrs): ProgramCall => {
      const { x } = inputs as ReduceInputs;
      const b = blocks(x.shape, (attrs as ReduceAttrs).axes) as Blocks;
      return { key: op, output: [b.outer * b.chunks * b.after], signature: `${sizeOf(x.shape)}` };
    },
  };
}
