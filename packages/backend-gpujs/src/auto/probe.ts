import type { Backend, TensorInfo } from '@descent/tensor';
import type { GpujsBackend } from '../backend.js';

/** What the startup probe measured for one execution path. */
export interface PathFigures {
  /** `cpu`, or `gpujs:<engine>`. */
  readonly path: string;
  /** Milliseconds for the first call of a kernel not compiled before (compile plus one tiny run); 0 on the CPU. */
  readonly compileMs: number;
  /** Milliseconds for an op on one element: the fixed cost of every call. */
  readonly callMs: number;
  /** Nanoseconds per element of a float32 add on 1Mi elements, beyond the call cost. */
  readonly elementwiseNsPerElement: number;
  /** Matmul throughput on 128 x 128 x 128, float32. */
  readonly matmulGflops: number;
  /** Nanoseconds per byte to move host data to this path and back (0 on the CPU). */
  readonly transferNsPerByte: number;
}

/**
 * What the startup probe measured: the CPU path and the gpujs path, from which the `auto` router's cost model
 * predicts, per op, which backend is faster. See `probeBackends()` and `getBackendInfo().probe`.
 */
export interface ProbeFigures {
  /** The CPU backend's figures, always measured. */
  readonly cpu: PathFigures;
  /** Undefined when the gpujs path was not measured (see `skipped`). */
  readonly gpujs: PathFigures | undefined;
  /** Why the gpujs path was not measured. */
  readonly skipped?: string;
  /** Wall time of the whole probe. */
  readonly ms: number;
}

// Element-wise work is timed at 1Mi elements: at 64Ki everything sits in cache and the CPU's cost of a fresh 4 MiB
// output is hidden, which made `auto` keep large element-wise chains on the CPU where WebAssembly was 1.6x faster.
const ELEMENTS = 1 << 20;
const MATMUL = 128;

/** A pseudo-random fill (deterministic: no unseeded randomness; the numbers only need to be ordinary floats). */
function filled(size: number): Float32Array {
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = ((i * 7919) % 1000) / 1000 - 0.5;
  return values;
}

/**
 * Repeats stop early once a measurement has spent this long: on a slow path (a software renderer, a loaded machine)
 * a single 1Mi-element run already takes tens of ms, far above the noise the repeats are there to filter.
 */
const REPEAT_BUDGET_MS = 40;

/** The fastest of up to `repeats` timed runs (the minimum filters out collector pauses and scheduling noise). */
function fastest(repeats: number, run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  let spent = 0;
  for (let i = 0; i < repeats && spent < REPEAT_BUDGET_MS; i++) {
    const start = performance.now();
    run();
    const ms = performance.now() - start;
    best = Math.min(best, ms);
    spent += ms;
  }
  return best;
}

/**
 * Runs `kernel` on `backend` and frees the result. GL work is asynchronous until read, so on GL the result is read
 * back (and the download's share taken off later); host paths are timed as ops run, without a copy.
 */
function timedOp(backend: Backend, kernel: 'Add' | 'MatMul', a: TensorInfo, b: TensorInfo, readBack: boolean): void {
  const out =
    kernel === 'Add'
      ? backend.run('Add', { a, b }, {})
      : backend.run('MatMul', { a, b }, { transposeA: false, transposeB: false });
  if (readBack) backend.readSync(out);
  backend.dispose(out);
}

function measure(backend: Backend, path: string, device: GpujsBackend | undefined): PathFigures {
  const write = (values: Float32Array, shape: number[]) => backend.write(values, shape, 'float32');
  const readBack = device?.storage.textures ?? false;
  const one = write(filled(1), [1]);
  const warm = write(filled(4096), [4096]);
  const big = write(filled(ELEMENTS), [ELEMENTS]);
  const square = write(filled(MATMUL * MATMUL), [MATMUL, MATMUL]);
  // The first gpu.js call compiles; on the CPU, a few small calls let the JIT optimize the loops first. On webasm
  // every new size compiles, so each shape is run once before it is timed.
  const compileMs = device === undefined ? 0 : fastest(1, () => timedOp(backend, 'Add', one, one, readBack));
  if (device === undefined) fastest(30, () => timedOp(backend, 'Add', warm, warm, false));
  const callMs = fastest(20, () => timedOp(backend, 'Add', one, one, readBack));
  timedOp(backend, 'Add', big, big, readBack);
  const addMs = fastest(5, () => timedOp(backend, 'Add', big, big, readBack));
  timedOp(backend, 'MatMul', square, square, readBack);
  const matmulMs = fastest(2, () => timedOp(backend, 'MatMul', square, square, readBack));
  let transferNsPerByte = 0;
  if (device !== undefined) {
    const moved = filled(ELEMENTS);
    const { storage } = device;
    // On GL: an upload to a texture and a download back. On webasm and cpu there is nothing to upload: moving data
    // is the copy the engine makes between backends.
    const transferMs = storage.textures
      ? fastest(3, () => {
          const info = storage.write(moved, [ELEMENTS], 'float32');
          storage.argument(info);
          (info.dataId as { values?: unknown }).values = undefined;
          storage.values(info);
          storage.dispose(info);
        })
      : fastest(3, () => moved.slice());
    transferNsPerByte = (transferMs * 1e6) / (ELEMENTS * 4);
  }
  for (const info of [one, warm, big, square]) backend.dispose(info);
  // Reading a result back cost about half a round trip of its bytes: not part of the op itself.
  const download = (elements: number) => (readBack ? (elements * 4 * transferNsPerByte) / 2e6 : 0);
  return {
    path,
    compileMs,
    callMs,
    // Floors keep noise (a timing at or under the subtracted parts) from claiming free compute.
    elementwiseNsPerElement: Math.max((addMs - callMs - download(ELEMENTS)) * 1e6, 0.01 * ELEMENTS) / ELEMENTS,
    matmulGflops: (2 * MATMUL ** 3) / (Math.max(matmulMs - callMs - download(MATMUL * MATMUL), 1e-3) * 1e6),
    transferNsPerByte,
  };
}

/** Measures the CPU backend and (unless `skip` says why not) the gpujs backend. Takes tens to a few hundred ms. */
export function runProbe(cpu: Backend, gpujs: GpujsBackend, skip: string | undefined): ProbeFigures {
  const start = performance.now();
  const cpuFigures = measure(cpu, 'cpu', undefined);
  const gpujsFigures = skip === undefined ? measure(gpujs, `gpujs:${gpujs.engine}`, gpujs) : undefined;
  const figures: ProbeFigures = { cpu: cpuFigures, gpujs: gpujsFigures, ms: performance.now() - start };
  return skip === undefined ? figures : { ...figures, skipped: skip };
}
