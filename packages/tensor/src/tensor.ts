import type { Backend, TensorInfo } from './backend/backend.js';
import { disposeTensor } from './backend/engine.js';
import type { DType, TypedArray } from './dtype.js';
import { ValueError } from './errors.js';
import { argmax, argmin } from './ops/arg-reduce.js';
import { add, div, maximum, minimum, mul, pow, sub } from './ops/arithmetic.js';
import { broadcastTo } from './ops/broadcast-to.js';
import { cast } from './ops/cast.js';
import { equal, greater, greaterEqual, less, lessEqual, notEqual } from './ops/compare.js';
import { gather } from './ops/gather.js';
import { type MatMulOptions, matmul } from './ops/matmul.js';
import { type Axes, logSumExp, max, mean, min, prod, type ReduceOptions, sum } from './ops/reduce.js';
import { expandDims, flatten, reshape, squeeze } from './ops/reshape.js';
import { slice } from './ops/slice.js';
import { logSoftmax, softmax } from './ops/softmax.js';
import { transpose } from './ops/transpose.js';
import * as unary from './ops/unary.js';
import type { TensorOrNumber } from './ops/validate.js';
import { type Shape, sizeOf } from './shape.js';

/** Nested arrays as `toArray()` returns them: numbers, or booleans for `bool` tensors. */
export type NestedArray = number | boolean | NestedArray[];

/**
 * An immutable n-dimensional array. Ops are plain functions (`add(a, b)`) and also methods (`a.add(b)`).
 * Its data lives on one backend; `dispose()` frees it early (GPU memory is not garbage-collected).
 */
export class Tensor implements TensorInfo {
  readonly size: number;
  #dataId: object;
  #backend: Backend;
  #disposed = false;

  /** Created by the engine; use `tensor(...)`, `zeros(...)` and the other creation functions. */
  constructor(
    readonly id: number,
    dataId: object,
    readonly shape: Shape,
    readonly dtype: DType,
    backend: Backend,
  ) {
    this.#dataId = dataId;
    this.#backend = backend;
    this.size = sizeOf(shape);
  }

  get dataId(): object {
    return this.#dataId;
  }

  /** The backend holding the data now. */
  get backend(): Backend {
    return this.#backend;
  }

  get rank(): number {
    return this.shape.length;
  }

  get isDisposed(): boolean {
    return this.#disposed;
  }

  /** Moves the data to another backend; the value is unchanged. Engine use only. */
  relocate(dataId: object, backend: Backend): void {
    this.#dataId = dataId;
    this.#backend = backend;
  }

  /** Engine use only: the data was freed. */
  markDisposed(): void {
    this.#disposed = true;
  }

  assertLive(fn: string): void {
    if (this.#disposed) throw new ValueError(`${fn}: tensor #${this.id} (shape [${this.shape}]) was disposed`);
  }

  /** A copy of the values, row-major (bool as 0/1 bytes). */
  dataSync(): TypedArray {
    this.assertLive('dataSync');
    return this.#backend.readSync(this);
  }

  /** The values, read without blocking (GPU backends download asynchronously). */
  data(): Promise<TypedArray> {
    this.assertLive('data');
    return this.#backend.read(this);
  }

  /** The values as nested arrays. */
  toArray(): NestedArray {
    const values = this.dataSync();
    const isBool = this.dtype === 'bool';
    const build = (depth: number, offset: number): NestedArray => {
      if (depth === this.shape.length) return isBool ? values[offset] !== 0 : values[offset];
      let stride = 1;
      for (let d = depth + 1; d < this.shape.length; d++) stride *= this.shape[d];
      return Array.from({ length: this.shape[depth] }, (_, i) => build(depth + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new ValueError(`item: expected a tensor with one element, got shape [${this.shape}]`);
    return this.dataSync()[0];
  }

  dispose(): void {
    disposeTensor(this);
  }

  toString(): string {
    if (this.#disposed) return `Tensor(disposed, shape=[${this.shape}], dtype=${this.dtype})`;
    return `Tensor(${JSON.stringify(this.toArray())}, shape=[${this.shape}], dtype=${this.dtype})`;
  }

  add(b: TensorOrNumber): Tensor {
    return add(this, b);
  }
  sub(b: TensorOrNumber): Tensor {
    return sub(this, b);
  }
  mul(b: TensorOrNumber): Tensor {
    return mul(this, b);
  }
  div(b: TensorOrNumber): Tensor {
    return div(this, b);
  }
  pow(b: TensorOrNumber): Tensor {
    return pow(this, b);
  }
  maximum(b: TensorOrNumber): Tensor {
    return maximum(this, b);
  }
  minimum(b: TensorOrNumber): Tensor {
    return minimum(this, b);
  }
  neg(): Tensor {
    return unary.neg(this);
  }
  exp(): Tensor {
    return unary.exp(this);
  }
  log(): Tensor {
    return unary.log(this);
  }
  sqrt(): Tensor {
    return unary.sqrt(this);
  }
  square(): Tensor {
    return unary.square(this);
  }
  abs(): Tensor {
    return unary.abs(this);
  }
  sign(): Tensor {
    return unary.sign(this);
  }
  tanh(): Tensor {
    return unary.tanh(this);
  }
  sigmoid(): Tensor {
    return unary.sigmoid(this);
  }
  relu(): Tensor {
    return unary.relu(this);
  }
  softplus(): Tensor {
    return unary.softplus(this);
  }
  greater(b: TensorOrNumber): Tensor {
    return greater(this, b);
  }
  greaterEqual(b: TensorOrNumber): Tensor {
    return greaterEqual(this, b);
  }
  less(b: TensorOrNumber): Tensor {
    return less(this, b);
  }
  lessEqual(b: TensorOrNumber): Tensor {
    return lessEqual(this, b);
  }
  equal(b: TensorOrNumber): Tensor {
    return equal(this, b);
  }
  notEqual(b: TensorOrNumber): Tensor {
    return notEqual(this, b);
  }
  sum(axis?: Axes, options?: ReduceOptions): Tensor {
    return sum(this, axis, options);
  }
  prod(axis?: Axes, options?: ReduceOptions): Tensor {
    return prod(this, axis, options);
  }
  mean(axis?: Axes, options?: ReduceOptions): Tensor {
    return mean(this, axis, options);
  }
  max(axis?: Axes, options?: ReduceOptions): Tensor {
    return max(this, axis, options);
  }
  min(axis?: Axes, options?: ReduceOptions): Tensor {
    return min(this, axis, options);
  }
  argmax(axis?: number, options?: ReduceOptions): Tensor {
    return argmax(this, axis, options);
  }
  argmin(axis?: number, options?: ReduceOptions): Tensor {
    return argmin(this, axis, options);
  }
  logSumExp(axis?: Axes, options?: ReduceOptions): Tensor {
    return logSumExp(this, axis, options);
  }
  softmax(axis?: number): Tensor {
    return softmax(this, axis);
  }
  logSoftmax(axis?: number): Tensor {
    return logSoftmax(this, axis);
  }
  matmul(b: Tensor, options?: MatMulOptions): Tensor {
    return matmul(this, b, options);
  }
  transpose(perm?: readonly number[]): Tensor {
    return transpose(this, perm);
  }
  reshape(shape: Shape): Tensor {
    return reshape(this, shape);
  }
  expandDims(axis?: number): Tensor {
    return expandDims(this, axis);
  }
  squeeze(axis?: number | readonly number[]): Tensor {
    return squeeze(this, axis);
  }
  flatten(): Tensor {
    return flatten(this);
  }
  broadcastTo(shape: Shape): Tensor {
    return broadcastTo(this, shape);
  }
  slice(begin: readonly number[], size?: readonly number[]): Tensor {
    return slice(this, begin, size);
  }
  gather(indices: Tensor | readonly number[], axis?: number): Tensor {
    return gather(this, indices, axis);
  }
  cast(dtype: DType): Tensor {
    return cast(this, dtype);
  }
}
