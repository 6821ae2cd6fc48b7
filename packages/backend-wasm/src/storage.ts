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
import { createCpuBackend, ValueError } from '@descent/tensor';
import { Allocator, type AllocatorStats } from './allocator.js';
import { instantiateKernels, type KernelExports } from './instance.js';

/** Bytes per element of each dtype (bool is one byte, as on the CPU). */
const ELEMENT_BYTES: Readonly<Record<DType, number>> = { float32: 4, float64: 8, int32: 4, bool: 1 };
/** How many new tensors wait before they are registered with the garbage-collection safety net. */
const PENDING_LIMIT = 1024;

/** One allocation, shared by the tensors that view it (Reshape, deferred products) and freed with the last of them. */
export interface Block {
  readonly offset: number;
  readonly bytes: number;
  references: number;
}

/**
 * The block a tensor's data holds a reference on: its own, or, while it is a deferred product, its source's. The
 * garbage-collection safety net holds this object (never the data), so it frees whichever block is current.
 */
interface Held {
  block: Block;
}

function viewOf(buffer: ArrayBuffer, dtype: DType, offset: number, length: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(buffer, offset, length);
    case 'float64':
      return new Float64Array(buffer, offset, length);
    case 'int32':
      return new Int32Array(buffer, offset, length);
    case 'bool':
      return new Uint8Array(buffer, offset, length);
  }
}

/**
 * The data of one wasm tensor: a block of the WebAssembly memory, addressed by offset. A typed-array view of it is
 * made on demand and rebuilt whenever the memory has grown since (growing detaches every view of the old buffer),
 * so a view is valid only until the next allocation and never leaves this package: `dataSync()` returns a copy.
 *
 * A tensor may also be a deferred product `source × scale` (see `WasmStorage.deferScale`): it then holds a reference
 * on its source's block and no block of its own until something needs its values.
 */
export class WasmData {
  /** Whether the garbage-collection safety net watches this data (see `WasmStorage`). */
  registered = false;
  /** Where this data waits in the storage's list of data to register, or -1. */
  pendingIndex = -1;
  /** While defined, the values are `held.block × scale`, not yet computed. */
  scale: number | undefined;
  /** Undefined once disposed. */
  held: Held | undefined;
  #view: TypedArray | undefined;
  #generation = -1;

  constructor(
    readonly storage: WasmStorage,
    readonly allocator: Allocator,
    held: Held,
    readonly length: number,
    readonly dtype: DType,
    scale?: number,
  ) {
    this.held = held;
    this.scale = scale;
  }

  /** The tensor's own block (a deferred product is computed first), or undefined once disposed. */
  get block(): Block | undefined {
    if (this.scale !== undefined) this.storage.materialize(this);
    return this.held?.block;
  }

  /** Byte offset of the first element (a deferred product is computed first); throws once disposed. */
  get offset(): number {
    const block = this.block;
    if (block === undefined) throw new ValueError('wasm: tensor data was disposed');
    return block.offset;
  }

  /**
   * A view of the values in the current buffer, or undefined once disposed. This is the CPU backend's data shape
   * (`{ values }`), so the CPU reference kernels read wasm tensors in place when an op falls back. The fallback
   * computes deferred inputs before the CPU kernel runs, and CPU kernels never allocate wasm memory, so no view
   * can be detached under them.
   */
  get values(): TypedArray | undefined {
    const block = this.block;
    if (block === undefined) return undefined;
    if (this.#generation !== this.allocator.generation || this.#view === undefined) {
      this.#view = viewOf(this.allocator.memory.buffer, this.dtype, block.offset, this.length);
      this.#generation = this.allocator.generation;
    }
    return this.#view;
  }

  /** Marks the data disposed; returns the block to release (undefined if it already was). */
  detach(): Block | undefined {
    const block = this.held?.block;
    this.held = undefined;
    this.scale = undefined;
    this.#view = undefined;
    return block;
  }
}

/** Live WebAssembly memory of the wasm backend. */
export interface WasmMemory extends AllocatorStats {
  /** Blocks freed by the garbage-collection safety net because their tensor was dropped without `dispose`. */
  readonly collected: number;
}

interface Runtime {
  readonly allocator: Allocator;
  readonly kernels: KernelExports;
}

/**
 * Memory for the wasm backend: every tensor, of every dtype, lives in one `WebAssembly.Memory` (created on first
 * use). Float kernels run on it in place; every other op runs the CPU reference kernel on views of it, and the
 * result is copied in.
 */
export class WasmStorage implements Storage {
  readonly name: string;
  #runtime: Runtime | undefined;
  readonly #cpu: Backend = createCpuBackend();
  readonly #fallbacks = new Map<string, number>();
  #collected = 0;
  /**
   * Safety net: the block of a tensor that was garbage-collected without `dispose()` is freed here. The collector
   * runs late (or never under low JavaScript heap pressure, which wasm memory does not create), so `tidy` and
   * `dispose` remain the way to bound memory; this only stops a slow leak.
   */
  readonly #registry = new FinalizationRegistry<Held>((held) => {
    this.#collected++;
    this.#release(held.block);
  });
  /**
   * Data not yet registered with the safety net. Registering and unregistering cost about 0.6 µs a tensor, three
   * times a small op, and most tensors are disposed by `tidy` moments after they are made; so data is registered in
   * batches, once `PENDING_LIMIT` tensors are waiting or before the memory grows, and those disposed by then never
   * pay (dispose takes them off the list). Until registered, a dropped tensor's data stays reachable from here, at
   * most `PENDING_LIMIT` of them.
   */
  readonly #pending: WasmData[] = [];

  constructor(name = 'wasm') {
    this.name = name;
  }

  /** The memory and the kernel instance, created on first use. */
  runtime(): Runtime {
    if (this.#runtime === undefined) {
      // Before the memory grows, let the collector see every dropped tensor: growth may be avoidable.
      const allocator = new Allocator(16, () => this.#registerPending());
      this.#runtime = { allocator, kernels: instantiateKernels(allocator.memory) };
    }
    return this.#runtime;
  }

  /** A new, uninitialized tensor's data of `length` elements (kernels overwrite every element). */
  allocate(dtype: DType, length: number): WasmData {
    const allocator = this.runtime().allocator;
    const block = this.#newBlock(allocator, dtype, length);
    return this.#track(new WasmData(this, allocator, { block }, length, dtype));
  }

  /**
   * The data of `source × scale` (Mul by a one-element operand), deferred: it holds a reference on the source's
   * block and computes nothing. An Add that consumes it runs one fused pass (`axpy`) instead of two, with the same
   * roundings; anything else computes the product first (`materialize`). This is how an optimizer's `−ε·u` and
   * momentum's `α·b` reach the following Add without a pass over memory of their own.
   */
  deferScale(source: TensorInfo, scale: number): WasmData {
    const block = (source.dataId as WasmData).block;
    if (block === undefined) throw new ValueError('wasm: tensor data was disposed');
    block.references++;
    const data = new WasmData(this, this.runtime().allocator, { block }, sizeOfData(source), source.dtype, scale);
    return this.#track(data);
  }

  /** Computes a deferred product into a block of its own and drops the reference on the source. */
  materialize(data: WasmData): void {
    const { scale, held } = data;
    if (scale === undefined || held === undefined) return;
    const { allocator, kernels } = this.runtime();
    const source = held.block;
    const block = this.#newBlock(allocator, data.dtype, data.length);
    (data.dtype === 'float32' ? kernels.mul_scalar_f32 : kernels.mul_scalar_f64)(
      source.offset,
      block.offset,
      data.length,
      scale,
    );
    held.block = block;
    data.scale = undefined;
    this.#release(source);
  }

  /** Copies `values` into wasm memory. */
  write(values: TypedArray, shape: Shape, dtype: DType): TensorInfo {
    const { allocator } = this.runtime();
    // A CPU fallback kernel may return a view of an input (Reshape-like kernels share their input's values). Such a
    // view belongs to the current buffer, which the allocation below may detach: copy by offsets instead.
    const own = values.buffer === allocator.memory.buffer;
    const from = values.byteOffset;
    const data = this.allocate(dtype, values.length);
    if (own) {
      new Uint8Array(allocator.memory.buffer).copyWithin(data.offset, from, from + values.byteLength);
    } else {
      (data.values as TypedArray).set(values);
    }
    return { dataId: data, shape, dtype };
  }

  /** The byte offset of a tensor's values, for a kernel call (a deferred product is computed first). */
  offset(tensor: TensorInfo): number {
    return (tensor.dataId as WasmData).offset;
  }

  /** A view of a tensor's values, valid until the next allocation. */
  view(tensor: TensorInfo): TypedArray {
    const values = (tensor.dataId as WasmData).values;
    if (values === undefined) throw new ValueError('wasm: tensor data was disposed');
    return values;
  }

  /** A copy in JavaScript memory: it never aliases the WebAssembly memory, so growth cannot detach it. */
  readSync(tensor: TensorInfo): TypedArray {
    return this.view(tensor).slice();
  }

  read(tensor: TensorInfo): Promise<TypedArray> {
    return Promise.resolve(this.readSync(tensor));
  }

  dispose(tensor: TensorInfo): void {
    const data = tensor.dataId as WasmData;
    const block = data.detach();
    if (block === undefined) return;
    if (data.registered) this.#registry.unregister(data);
    else this.#unpend(data);
    this.#release(block);
  }

  /** A tensor that shares `tensor`'s block under a new shape (Reshape): no copy. */
  share(tensor: TensorInfo, shape: Shape): TensorInfo {
    const data = tensor.dataId as WasmData;
    const block = data.block;
    if (block === undefined) throw new ValueError('wasm: tensor data was disposed');
    block.references++;
    const shared = this.#track(new WasmData(this, data.allocator, { block }, data.length, data.dtype));
    return { dataId: shared, shape, dtype: tensor.dtype };
  }

  /**
   * Runs the CPU reference kernel on views of the inputs (kernels the wasm module lacks, dtypes other than float32
   * and float64, general broadcasting) and copies the result into wasm memory, so it stays on this backend.
   */
  fallback<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): TensorInfo {
    this.#fallbacks.set(kernel, (this.#fallbacks.get(kernel) ?? 0) + 1);
    // Compute deferred inputs now: doing it when the CPU kernel reads them could grow the memory and detach the
    // views of the inputs it read before.
    for (const name in inputs) {
      const input = inputs[name] as TensorInfo | readonly TensorInfo[];
      if (Array.isArray(input)) for (const tensor of input as readonly TensorInfo[]) this.materialize(dataOf(tensor));
      else this.materialize(dataOf(input as TensorInfo));
    }
    const result = this.#cpu.run(kernel, inputs, attrs);
    const copied = this.write((result.dataId as { values: TypedArray }).values, result.shape, result.dtype);
    // Hands the CPU's output array back to the CPU backend's buffer pool, for the next fallback of this size.
    this.#cpu.dispose(result);
    return copied;
  }

  /** How many times each kernel ran the CPU reference instead of a wasm kernel. */
  fallbacks(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.#fallbacks);
  }

  memory(): WasmMemory {
    const stats = this.#runtime?.allocator.stats() ?? {
      memoryBytes: 0,
      liveBlocks: 0,
      liveBytes: 0,
      freeBlocks: 0,
      freeBytes: 0,
      grows: 0,
    };
    return { ...stats, collected: this.#collected };
  }

  #newBlock(allocator: Allocator, dtype: DType, length: number): Block {
    const bytes = length * ELEMENT_BYTES[dtype];
    return { offset: allocator.allocate(bytes), bytes, references: 1 };
  }

  #track(data: WasmData): WasmData {
    const pending = this.#pending;
    data.pendingIndex = pending.length;
    pending.push(data);
    if (pending.length >= PENDING_LIMIT) this.#registerPending();
    return data;
  }

  /** Takes disposed data off the pending list (swapping the last in), so that nothing keeps it reachable. */
  #unpend(data: WasmData): void {
    const pending = this.#pending;
    const index = data.pendingIndex;
    if (index < 0) return;
    const last = pending.pop() as WasmData;
    if (last !== data) {
      pending[index] = last;
      last.pendingIndex = index;
    }
    data.pendingIndex = -1;
  }

  /** Registers the pending data (all of it live) with the safety net. */
  #registerPending(): void {
    for (const data of this.#pending) {
      this.#registry.register(data, data.held as Held, data);
      data.registered = true;
      data.pendingIndex = -1;
    }
    this.#pending.length = 0;
  }

  #release(block: Block): void {
    if (--block.references > 0) return;
    (this.#runtime as Runtime).allocator.free(block.offset, block.bytes);
  }
}

function dataOf(tensor: TensorInfo): WasmData {
  return tensor.dataId as WasmData;
}

function sizeOfData(tensor: TensorInfo): number {
  return (tensor.dataId as WasmData).length;
}
