import type {
  Backend,
  DType,
  KernelAttrs,
  KernelInputs,
  KernelName,
  Shape,
  Storage,
  TensorInfo,
  TypedArray,
} from '@descent/tensor';
import { createCpuBackend, sizeOf, ValueError } from '@descent/tensor';
import type { GpuInstance, GpujsEngine, GpuTexture, KernelArgument } from './gpujs.js';
import { usesTextures } from './gpujs.js';
import { Programs } from './programs.js';

/**
 * The data of one gpujs tensor. A superset of the CPU backend's `{ values }`: whenever `values` is present, the CPU
 * reference kernels can read it directly, which is how every op the device does not cover falls back. On GL the data
 * may live only in `texture` until something needs it on the host; then it is downloaded once and both copies stay
 * (tensors are immutable, so they never disagree).
 */
export interface GpujsData {
  values?: TypedArray | undefined;
  texture?: GpuTexture | undefined;
}

/** Live device memory, as tracked by the storage. */
export interface GpujsMemory {
  /** Textures held by undisposed tensors (always 0 off GL: webasm and cpu results are plain typed arrays). */
  readonly liveTextures: number;
  /** Bytes of those textures (4 per float32 element). */
  readonly textureBytes: number;
  /** Textures freed by the garbage-collection safety net because their tensor was dropped without `dispose`. */
  readonly collected: number;
}

interface Held {
  readonly texture: GpuTexture;
  readonly bytes: number;
}

/** Tensors larger than this stay off the device: float32 indices are exact only below 2^24. */
export const MAX_DEVICE_ELEMENTS = 2 ** 24;

function uploadKernel(this: { thread: { x: number } }, values: Float32Array): number {
  return values[this.thread.x];
}

/** Memory for the gpujs backend: float32 on the device, everything else on the host. */
export class GpujsStorage implements Storage {
  readonly name: string;
  readonly programs: Programs;
  readonly textures: boolean;
  readonly #cpu: Backend = createCpuBackend();
  readonly #held = new WeakMap<GpujsData, Held>();
  readonly #fallbacks = new Map<string, number>();
  #liveTextures = 0;
  #textureBytes = 0;
  #collected = 0;
  /**
   * Safety net: a texture whose tensor was garbage-collected without `dispose()` is freed here. GPU memory is not
   * garbage-collected by itself, and the collector runs late (or never under low JS heap pressure), so `tidy` and
   * `dispose` remain the way to bound memory; this only stops a slow leak.
   */
  readonly #registry = new FinalizationRegistry<Held>((held) => {
    held.texture.delete();
    this.#liveTextures--;
    this.#textureBytes -= held.bytes;
    this.#collected++;
  });

  constructor(
    readonly gpu: GpuInstance,
    readonly engine: GpujsEngine,
    name = 'gpujs',
  ) {
    this.name = name;
    this.programs = new Programs(gpu, engine);
    this.textures = usesTextures(engine);
  }

  write(values: TypedArray, shape: Shape, dtype: DType): TensorInfo {
    const data: GpujsData = { values };
    return { dataId: data, shape, dtype };
  }

  /** Host values, downloaded from the device on first need. Kernels read them and never modify them. */
  values(tensor: TensorInfo): TypedArray {
    const data = tensor.dataId as GpujsData;
    if (data.values !== undefined) return data.values;
    if (data.texture === undefined) throw new ValueError('gpujs: tensor data was disposed');
    const values = flatten(data.texture.toArray());
    data.values = values.length === sizeOf(tensor.shape) ? values : values.slice(0, sizeOf(tensor.shape));
    return data.values;
  }

  readSync(tensor: TensorInfo): TypedArray {
    return this.values(tensor).slice();
  }

  read(tensor: TensorInfo): Promise<TypedArray> {
    return Promise.resolve(this.readSync(tensor));
  }

  dispose(tensor: TensorInfo): void {
    const data = tensor.dataId as GpujsData;
    if (data.texture !== undefined) this.#release(data);
    data.values = undefined;
  }

  /** Whether a float32 tensor may go to the device. */
  fitsDevice(tensor: TensorInfo): boolean {
    const data = tensor.dataId as GpujsData;
    return tensor.dtype === 'float32' && (data.texture !== undefined || data.values instanceof Float32Array);
  }

  /** The kernel argument for a float32 tensor: its texture on GL (uploaded once, then kept), its values elsewhere. */
  argument(tensor: TensorInfo): KernelArgument {
    const data = tensor.dataId as GpujsData;
    if (!this.textures) return this.values(tensor) as Float32Array;
    if (data.texture === undefined) {
      const values = this.values(tensor) as Float32Array;
      const texture = this.programs.run('Upload', uploadKernel, [values.length], [values], `${values.length}`);
      this.#track(data, texture as GpuTexture, values.length);
    }
    return data.texture as GpuTexture;
  }

  /** Wraps a kernel result (a texture on GL; a typed array, or grid rows sharing one buffer, elsewhere). */
  output(result: unknown, shape: Shape): TensorInfo {
    const size = sizeOf(shape);
    const data: GpujsData = {};
    if (this.textures) this.#track(data, result as GpuTexture, size);
    else data.values = flatten(result as Float32Array | Float32Array[] | Float32Array[][], size);
    return { dataId: data, shape, dtype: 'float32' };
  }

  /** A tensor that shares `tensor`'s data under a new shape (Reshape). */
  share(tensor: TensorInfo, shape: Shape): TensorInfo {
    const data = tensor.dataId as GpujsData;
    const shared: GpujsData = { values: data.values };
    if (data.texture !== undefined) this.#track(shared, data.texture.clone(), sizeOf(shape));
    if (shared.values === undefined && shared.texture === undefined)
      throw new ValueError('gpujs: tensor data was disposed');
    return { dataId: shared, shape, dtype: tensor.dtype };
  }

  /**
   * Runs the CPU reference kernel on host values (downloading device data first): the per-op fallback for kernels
   * the device lacks, dtypes other than float32 and cases a device kernel does not cover. The result keeps the
   * CPU's `{ values }` data, which is valid gpujs data, so it stays on this backend.
   */
  fallback<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): TensorInfo {
    for (const name in inputs) {
      const input = inputs[name] as TensorInfo | readonly TensorInfo[];
      if (Array.isArray(input)) for (const tensor of input as readonly TensorInfo[]) this.values(tensor);
      else this.values(input as TensorInfo);
    }
    this.#fallbacks.set(kernel, (this.#fallbacks.get(kernel) ?? 0) + 1);
    return this.#cpu.run(kernel, inputs, attrs);
  }

  /** How many times each kernel ran the CPU reference instead of a gpu.js kernel. */
  fallbacks(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.#fallbacks);
  }

  memory(): GpujsMemory {
    return { liveTextures: this.#liveTextures, textureBytes: this.#textureBytes, collected: this.#collected };
  }

  #track(data: GpujsData, texture: GpuTexture, size: number): void {
    const held: Held = { texture, bytes: size * 4 };
    data.texture = texture;
    this.#held.set(data, held);
    this.#liveTextures++;
    this.#textureBytes += held.bytes;
    this.#registry.register(data, held, data);
  }

  #release(data: GpujsData): void {
    const held = this.#held.get(data) as Held;
    data.texture = undefined;
    this.#held.delete(data);
    this.#registry.unregister(data);
    held.texture.delete();
    this.#liveTextures--;
    this.#textureBytes -= held.bytes;
  }
}

/**
 * A flat Float32Array from a gpu.js result: 1-D results already are one; 2-D and 3-D results are rows that share
 * one buffer on webasm and GL (a view, no copy) but not on gpu.js's cpu mode (a copy).
 */
function flatten(result: Float32Array | Float32Array[] | Float32Array[][], size?: number): Float32Array {
  if (result instanceof Float32Array) return result;
  const rows: Float32Array[] = Array.isArray(result[0])
    ? (result as Float32Array[][]).flat()
    : (result as Float32Array[]);
  const total = size ?? rows.reduce((sum, row) => sum + row.length, 0);
  const first = rows[0];
  if (first === undefined) return new Float32Array(total);
  const last = rows[rows.length - 1];
  if (
    last.buffer === first.buffer &&
    last.byteOffset === first.byteOffset + (total - last.length) * 4 &&
    first.buffer.byteLength >= first.byteOffset + total * 4
  ) {
    return new Float32Array(first.buffer, first.byteOffset, total);
  }
  const out = new Float32Array(total);
  let offset = 0;
  for (const row of rows) {
    out.set(row, offset);
    offset += row.length;
  }
  return out;
}
