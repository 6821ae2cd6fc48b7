import type { KernelAttrs, KernelInputs, TensorInfo } from '@descent/tensor';
import { broadcastShapes, sizeOf } from '@descent/tensor';
import type { KernelThis } from '../gpujs.js';
import type { GpujsStorage } from '../storage.js';
import type { DeviceKernel, ProgramCall } from './device-kernel.js';
import { deviceSize } from './run-elementwise.js';

// Kernel functions are plain `function` declarations: gpu.js compiles their source text, so they may not close
// over anything, call imports or be minified. Every size is an argument; the loop bound `k` is covered by the
// kernel's `loopMaxIterations` (gpu.js silently stops argument-bounded loops at 1000 otherwise).

/**
 * One output element per thread over a 1-D output: GL caps each output dimension at the maximum texture size
 * (8192 on SwiftShader), and a flat output packs into a 2-D texture of any shape. The +0.5 keeps the index
 * arithmetic exact where the GPU divides in floating point.
 */
export function matMulFlat(
  this: KernelThis,
  a: Float32Array,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
  aBatchStride: number,
  bBatchStride: number,
  aRowStride: number,
  aColStride: number,
  bRowStride: number,
  bColStride: number,
): number {
  const index = this.thread.x;
  const mn = m * n;
  const t = Math.floor((index + 0.5) / mn);
  const rest = index - t * mn;
  const i = Math.floor((rest + 0.5) / n);
  const j = rest - i * n;
  const aOffset = t * aBatchStride + i * aRowStride;
  const bOffset = t * bBatchStride + j * bColStride;
  let sum = 0;
  for (let p = 0; p < k; p++) {
    sum += a[aOffset + p * aColStride] * b[bOffset + p * bRowStride];
  }
  return sum;
}

/**
 * A 3-D output (x = column, y = row, z = batch) for webasm, which has no texture limit: no index arithmetic per
 * element, and gpu.js vectorizes four adjacent columns. About twice the throughput of the flat form there.
 */
export function matMulGrid(
  this: KernelThis,
  a: Float32Array,
  b: Float32Array,
  k: number,
  aBatchStride: number,
  bBatchStride: number,
  aRowStride: number,
  aColStride: number,
  bRowStride: number,
  bColStride: number,
): number {
  const aOffset = this.thread.z * aBatchStride + this.thread.y * aRowStride;
  const bOffset = this.thread.z * bBatchStride + this.thread.x * bColStride;
  let sum = 0;
  for (let p = 0; p < k; p++) {
    sum += a[aOffset + p * aColStride] * b[bOffset + p * bRowStride];
  }
  return sum;
}

type MatMulInputs = KernelInputs<'MatMul'>;
type MatMulAttrs = KernelAttrs<'MatMul'>;

interface Geometry {
  readonly batchShape: readonly number[];
  readonly batch: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** Strides in elements: batch, then op(A)'s row and column, then op(B)'s row and column. */
  readonly strides: readonly [number, number, number, number, number, number];
}

/** The product's geometry, or undefined when the batch axes broadcast in a way the kernel does not index. */
function geometry({ a, b }: MatMulInputs, { transposeA, transposeB }: MatMulAttrs): Geometry | undefined {
  const [aRank, bRank] = [a.shape.length, b.shape.length];
  const [aRows, aCols] = [a.shape[aRank - 2], a.shape[aRank - 1]];
  const [bRows, bCols] = [b.shape[bRank - 2], b.shape[bRank - 1]];
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batchShape = broadcastShapes('matmul', aBatch, bBatch);
  const batch = sizeOf(batchShape);
  const [aBatchSize, bBatchSize] = [sizeOf(aBatch), sizeOf(bBatch)];
  // Each operand either has one matrix per output batch entry (in the same order) or one matrix for all of them.
  if ((aBatchSize !== batch && aBatchSize !== 1) || (bBatchSize !== batch && bBatchSize !== 1)) return undefined;
  return {
    batchShape,
    batch,
    m: transposeA ? aCols : aRows,
    n: transposeB ? bRows : bCols,
    k: transposeA ? aRows : aCols,
    strides: [
      aBatchSize === 1 ? 0 : aRows * aCols,
      bBatchSize === 1 ? 0 : bRows * bCols,
      transposeA ? 1 : aCols,
      transposeA ? aCols : 1,
      transposeB ? 1 : bCols,
      transposeB ? bCols : 1,
    ],
  };
}

function call(g: Geometry, storage: GpujsStorage, a: TensorInfo, b: TensorInfo): ProgramCall {
  const grid = storage.engine === 'webasm';
  return {
    key: grid ? 'MatMul:grid' : 'MatMul:flat',
    output: grid ? [g.n, g.m, g.batch] : [g.batch * g.m * g.n],
    signature: `${sizeOf(a.shape)},${sizeOf(b.shape)}`,
  };
}

/** Batched matrix product on the device; the batch axes may broadcast one matrix against many. */
export const matMulGpu: DeviceKernel<'MatMul'> = {
  covers: (inputs, attrs, storage) => {
    const { a, b } = inputs;
    if (!storage.fitsDevice(a) || !storage.fitsDevice(b)) return false;
    const g = geometry(inputs, attrs);
    return (
      g !== undefined &&
      g.k > 0 &&
      deviceSize(g.batch * g.m * g.n) &&
      deviceSize(sizeOf(a.shape)) &&
      deviceSize(sizeOf(b.shape))
    );
  },
  run: (inputs, attrs, storage) => {
    const { a, b } = inputs;
    const g = geometry(inputs, attrs) as Geometry;
    const { key, output, signature } = call(g, storage, a, b);
    const [aArgument, bArgument] = [storage.argument(a), storage.argument(b)];
    const args =
      key === 'MatMul:grid'
        ? [aArgument, bArgument, g.k, ...g.strides]
        : [aArgument, bArgument, g.m, g.n, g.k, ...g.strides];
    const source = key === 'MatMul:grid' ? matMulGrid : matMulFlat;
    const result = storage.programs.run(key, source as (...args: never[]) => number, output, args, signature);
    return storage.output(result, [...g.batchShape, g.m, g.n]);
  },
  work: (inputs, attrs) => {
    const g = geometry(inputs, attrs);
    return g === undefined ? { kind: 'free' } : { kind: 'matmul', flops: 2 * g.batch * g.m * g.n * g.k };
  },
  program: (inputs, attrs, storage) => call(geometry(inputs, attrs) as Geometry, storage, inputs.a, inputs.b),
};
