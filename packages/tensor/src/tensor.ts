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
  /** The number of elements, the product of the shape (1 for a scalar). */
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

  /**
   * The backend's handle on the data: an opaque key into the storage of {@link Tensor.backend}. Changes when the
   * data moves to another backend.
   */
  get dataId(): object {
    return this.#dataId;
  }

  /** The backend holding the data now. */
  get backend(): Backend {
    return this.#backend;
  }

  /** The number of axes, `shape.length` (0 for a scalar). */
  get rank(): number {
    return this.shape.length;
  }

  /** Whether `dispose()` (or an enclosing `tidy()`) has freed the data; reading a disposed tensor throws. */
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

  /**
   * Throws a `ValueError` naming `fn`, this tensor's id and shape if the tensor was disposed; otherwise does nothing.
   * Ops call it on their inputs so that a use after `dispose()` fails with a clear message.
   */
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

  /**
   * Frees the data now instead of waiting for the garbage collector, which never sees GPU textures. Idempotent;
   * any later read or op on this tensor throws. Inside `tidy()` intermediate tensors are disposed for you.
   */
  dispose(): void {
    disposeTensor(this);
  }

  /** The values, shape and dtype, e.g. `Tensor([1,2], shape=[2], dtype=float32)`; reads the data synchronously. */
  toString(): string {
    if (this.#disposed) return `Tensor(disposed, shape=[${this.shape}], dtype=${this.dtype})`;
    return `Tensor(${JSON.stringify(this.toArray())}, shape=[${this.shape}], dtype=${this.dtype})`;
  }

  /** `this + b` element-wise, with broadcasting: {@link add}. */
  add(b: TensorOrNumber): Tensor {
    return add(this, b);
  }
  /** `this - b` element-wise, with broadcasting: {@link sub}. */
  sub(b: TensorOrNumber): Tensor {
    return sub(this, b);
  }
  /** `this * b` element-wise, with broadcasting: {@link mul}. */
  mul(b: TensorOrNumber): Tensor {
    return mul(this, b);
  }
  /** `this / b` element-wise, with broadcasting (int32 division floors): {@link div}. */
  div(b: TensorOrNumber): Tensor {
    return div(this, b);
  }
  /** `this ** b` element-wise, with broadcasting: {@link pow}. */
  pow(b: TensorOrNumber): Tensor {
    return pow(this, b);
  }
  /** The element-wise maximum of `this` and `b`; NaN propagates: {@link maximum}. */
  maximum(b: TensorOrNumber): Tensor {
    return maximum(this, b);
  }
  /** The element-wise minimum of `this` and `b`; NaN propagates: {@link minimum}. */
  minimum(b: TensorOrNumber): Tensor {
    return minimum(this, b);
  }
  /** −x element-wise: {@link unary.neg | neg}. */
  neg(): Tensor {
    return unary.neg(this);
  }
  /** eˣ element-wise: {@link unary.exp | exp}. */
  exp(): Tensor {
    return unary.exp(this);
  }
  /** The natural logarithm element-wise (log 0 = −∞, NaN below 0): {@link unary.log | log}. */
  log(): Tensor {
    return unary.log(this);
  }
  /** √x element-wise: {@link unary.sqrt | sqrt}. */
  sqrt(): Tensor {
    return unary.sqrt(this);
  }
  /** x² element-wise: {@link unary.square | square}. */
  square(): Tensor {
    return unary.square(this);
  }
  /** |x| element-wise: {@link unary.abs | abs}. */
  abs(): Tensor {
    return unary.abs(this);
  }
  /** −1, 0 or 1 by the sign of each element: {@link unary.sign | sign}. */
  sign(): Tensor {
    return unary.sign(this);
  }
  /** The hyperbolic tangent element-wise: {@link unary.tanh | tanh}. */
  tanh(): Tensor {
    return unary.tanh(this);
  }
  /** 1 / (1 + e⁻ˣ) element-wise, without overflow: {@link unary.sigmoid | sigmoid}. */
  sigmoid(): Tensor {
    return unary.sigmoid(this);
  }
  /** max(x, 0) element-wise: {@link unary.relu | relu}. */
  relu(): Tensor {
    return unary.relu(this);
  }
  /** log(1 + eˣ) element-wise, without overflow: {@link unary.softplus | softplus}. */
  softplus(): Tensor {
    return unary.softplus(this);
  }
  /** `this > b` element-wise, as a bool tensor: {@link greater}. */
  greater(b: TensorOrNumber): Tensor {
    return greater(this, b);
  }
  /** `this >= b` element-wise, as a bool tensor: {@link greaterEqual}. */
  greaterEqual(b: TensorOrNumber): Tensor {
    return greaterEqual(this, b);
  }
  /** `this < b` element-wise, as a bool tensor: {@link less}. */
  less(b: TensorOrNumber): Tensor {
    return less(this, b);
  }
  /** `this <= b` element-wise, as a bool tensor: {@link lessEqual}. */
  lessEqual(b: TensorOrNumber): Tensor {
    return lessEqual(this, b);
  }
  /** `this === b` element-wise, as a bool tensor (NaN equals nothing): {@link equal}. */
  equal(b: TensorOrNumber): Tensor {
    return equal(this, b);
  }
  /** `this !== b` element-wise, as a bool tensor: {@link notEqual}. */
  notEqual(b: TensorOrNumber): Tensor {
    return notEqual(this, b);
  }
  /** The sum over `axis` (all axes when omitted), accumulated in float64: {@link sum}. */
  sum(axis?: Axes, options?: ReduceOptions): Tensor {
    return sum(this, axis, options);
  }
  /** The product over `axis` (all axes when omitted): {@link prod}. */
  prod(axis?: Axes, options?: ReduceOptions): Tensor {
    return prod(this, axis, options);
  }
  /** The arithmetic mean over `axis` (all axes when omitted): {@link mean}. */
  mean(axis?: Axes, options?: ReduceOptions): Tensor {
    return mean(this, axis, options);
  }
  /** The maximum over `axis` (all axes when omitted); NaN propagates: {@link max}. */
  max(axis?: Axes, options?: ReduceOptions): Tensor {
    return max(this, axis, options);
  }
  /** The minimum over `axis` (all axes when omitted); NaN propagates: {@link min}. */
  min(axis?: Axes, options?: ReduceOptions): Tensor {
    return min(this, axis, options);
  }
  /** The int32 index of the first maximum along `axis` (of the flattened tensor when omitted): {@link argmax}. */
  argmax(axis?: number, options?: ReduceOptions): Tensor {
    return argmax(this, axis, options);
  }
  /** The int32 index of the first minimum along `axis` (of the flattened tensor when omitted): {@link argmin}. */
  argmin(axis?: number, options?: ReduceOptions): Tensor {
    return argmin(this, axis, options);
  }
  /**
   * log Σ exp(x) over `axis` (all axes when omitted), shifted by the maximum so it never overflows:
   * {@link logSumExp}.
   */
  logSumExp(axis?: Axes, options?: ReduceOptions): Tensor {
    return logSumExp(this, axis, options);
  }
  /** exp(x) / Σ exp(x) along `axis` (default: the last): {@link softmax}. */
  softmax(axis?: number): Tensor {
    return softmax(this, axis);
  }
  /** x − logSumExp(x) along `axis` (default: the last): {@link logSoftmax}. */
  logSoftmax(axis?: number): Tensor {
    return logSoftmax(this, axis);
  }
  /** The matrix product `this @ b` over the last two axes, leading axes broadcast: {@link matmul}. */
  matmul(b: Tensor, options?: MatMulOptions): Tensor {
    return matmul(this, b, options);
  }
  /** Permutes the axes (default: reverses them): {@link transpose}. */
  transpose(perm?: readonly number[]): Tensor {
    return transpose(this, perm);
  }
  /** The same values in a new shape; one dimension may be −1 and is inferred: {@link reshape}. */
  reshape(shape: Shape): Tensor {
    return reshape(this, shape);
  }
  /** Inserts a size-1 axis at `axis` (default 0): {@link expandDims}. */
  expandDims(axis?: number): Tensor {
    return expandDims(this, axis);
  }
  /** Removes the given size-1 axes, or all of them: {@link squeeze}. */
  squeeze(axis?: number | readonly number[]): Tensor {
    return squeeze(this, axis);
  }
  /** All values as a 1-D tensor, row-major: {@link flatten}. */
  flatten(): Tensor {
    return flatten(this);
  }
  /** Repeats the values along size-1 or missing leading axes to `shape`: {@link broadcastTo}. */
  broadcastTo(shape: Shape): Tensor {
    return broadcastTo(this, shape);
  }
  /** The box starting at `begin` with `size` (−1 or omitted: to the end of that axis): {@link slice}. */
  slice(begin: readonly number[], size?: readonly number[]): Tensor {
    return slice(this, begin, size);
  }
  /** The slices along `axis` (default 0) at int32 `indices`: {@link gather}. */
  gather(indices: Tensor | readonly number[], axis?: number): Tensor {
    return gather(this, indices, axis);
  }
  /** The values converted to `dtype` (floats truncate toward zero to int32): {@link cast}. */
  cast(dtype: DType): Tensor {
    return cast(this, dtype);
  }
}
