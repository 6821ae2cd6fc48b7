import type { Backend, Shape, Tensor, TensorInfo } from '@descent/tensor';
import * as ops from '@descent/tensor';
import { broadcastShapes, getBackend, moveTo, sizeOf, tidy, ValueError, wrap } from '@descent/tensor';
import type { GpujsBackend } from './backend.js';
import {
  type BinaryOp,
  type ElementwiseProgram,
  elementwiseSource,
  type Step,
  UNARY_PARAMETERS,
  type UnaryOp,
} from './kernels/elementwise.js';
import { deviceSize, runElementwise } from './kernels/run-elementwise.js';
import { currentRegistration } from './register.js';
import type { GpujsData } from './storage.js';

/** A value inside a fused function. Its methods record element-wise ops; nothing is computed until the call. */
export class FusedValue {
  /** @internal */
  constructor(
    readonly trace: Trace,
    readonly step: number,
  ) {}

  /** Records `this + b`, element-wise. */
  add(b: FusedValue | number): FusedValue {
    return this.trace.binary('Add', this, b);
  }
  /** Records `this - b`, element-wise. */
  sub(b: FusedValue | number): FusedValue {
    return this.trace.binary('Sub', this, b);
  }
  /** Records `this * b`, element-wise. */
  mul(b: FusedValue | number): FusedValue {
    return this.trace.binary('Mul', this, b);
  }
  /** Records `this / b`, element-wise. */
  div(b: FusedValue | number): FusedValue {
    return this.trace.binary('Div', this, b);
  }
  /** Records `this ** b`, element-wise. */
  pow(b: FusedValue | number): FusedValue {
    return this.trace.binary('Pow', this, b);
  }
  /** Records max(this, b), element-wise. */
  maximum(b: FusedValue | number): FusedValue {
    return this.trace.binary('Maximum', this, b);
  }
  /** Records min(this, b), element-wise. */
  minimum(b: FusedValue | number): FusedValue {
    return this.trace.binary('Minimum', this, b);
  }
  /** Records −x. */
  neg(): FusedValue {
    return this.trace.unary('Neg', this);
  }
  /** Records eˣ. */
  exp(): FusedValue {
    return this.trace.unary('Exp', this);
  }
  /** Records the natural logarithm (log 0 = −∞ and NaN below 0, as on the CPU). */
  log(): FusedValue {
    return this.trace.unary('Log', this);
  }
  /** Records log(1 + x). */
  log1p(): FusedValue {
    return this.trace.unary('Log1p', this);
  }
  /** Records eˣ − 1. */
  expm1(): FusedValue {
    return this.trace.unary('Expm1', this);
  }
  /** Records √x. */
  sqrt(): FusedValue {
    return this.trace.unary('Sqrt', this);
  }
  /** Records x². */
  square(): FusedValue {
    return this.trace.unary('Square', this);
  }
  /** Records 1 / x. */
  reciprocal(): FusedValue {
    return this.trace.unary('Reciprocal', this);
  }
  /** Records |x|. */
  abs(): FusedValue {
    return this.trace.unary('Abs', this);
  }
  /** Records −1, 0 or 1 by the sign of x (NaN stays NaN). */
  sign(): FusedValue {
    return this.trace.unary('Sign', this);
  }
  /** Records ⌊x⌋, the largest integer not above x. */
  floor(): FusedValue {
    return this.trace.unary('Floor', this);
  }
  /** Records sin(x). */
  sin(): FusedValue {
    return this.trace.unary('Sin', this);
  }
  /** Records cos(x). */
  cos(): FusedValue {
    return this.trace.unary('Cos', this);
  }
  /** Records the hyperbolic tangent. */
  tanh(): FusedValue {
    return this.trace.unary('Tanh', this);
  }
  /** Records 1 / (1 + e⁻ˣ), computed without overflow for large |x|. */
  sigmoid(): FusedValue {
    return this.trace.unary('Sigmoid', this);
  }
  /** Records max(x, 0). */
  relu(): FusedValue {
    return this.trace.unary('Relu', this);
  }
  /** Records log(1 + eˣ), computed as max(x, 0) + log1p(e^−|x|). */
  softplus(): FusedValue {
    return this.trace.unary('Softplus', this);
  }
  /** Records x for x ≥ 0 and alpha·x otherwise; the default slope is 0.01, as `leakyRelu` in `@descent/tensor`. */
  leakyRelu(alpha = 0.01): FusedValue {
    return this.trace.unary('LeakyRelu', this, alpha);
  }
}

/** @internal Records one call of a fused function. */
export class Trace {
  readonly steps: Step[] = [];
  readonly numbers: number[] = [];

  number(value: number): number {
    this.steps.push({ kind: 'number', index: this.numbers.length });
    this.numbers.push(value);
    return this.steps.length - 1;
  }

  unary(op: UnaryOp, x: FusedValue, alpha?: number): FusedValue {
    this.#own(x);
    const parameter = UNARY_PARAMETERS[op]?.(alpha === undefined ? {} : { alpha });
    if (parameter === undefined) this.steps.push({ kind: 'unary', op, x: x.step });
    else {
      this.steps.push({ kind: 'unary', op, x: x.step, parameter: this.numbers.length });
      this.numbers.push(parameter);
    }
    return new FusedValue(this, this.steps.length - 1);
  }

  binary(op: BinaryOp, a: FusedValue, b: FusedValue | number): FusedValue {
    this.#own(a);
    let bStep: number;
    if (typeof b === 'number') bStep = this.number(b);
    else {
      this.#own(b);
      bStep = b.step;
    }
    this.steps.push({ kind: 'binary', op, a: a.step, b: bStep });
    return new FusedValue(this, this.steps.length - 1);
  }

  #own(value: FusedValue): void {
    if (!(value instanceof FusedValue) || value.trace !== this) {
      throw new ValueError('fuse: use only the values the fused function receives (or numbers) inside it');
    }
  }
}

/** A fused function: call it with tensors (or numbers) in place of the values it was written for. */
export type FusedFunction = (...args: (Tensor | number)[]) => Tensor;

const UNARY_OPS: Record<UnaryOp, (x: Tensor, parameter: number) => Tensor> = {
  Neg: (x) => ops.neg(x),
  Exp: (x) => ops.exp(x),
  Log: (x) => ops.log(x),
  Log1p: (x) => ops.log1p(x),
  Expm1: (x) => ops.expm1(x),
  Sqrt: (x) => ops.sqrt(x),
  Square: (x) => ops.square(x),
  Reciprocal: (x) => ops.reciprocal(x),
  Abs: (x) => ops.abs(x),
  Sign: (x) => ops.sign(x),
  Floor: (x) => ops.floor(x),
  Sin: (x) => ops.sin(x),
  Cos: (x) => ops.cos(x),
  Tanh: (x) => ops.tanh(x),
  Sigmoid: (x) => ops.sigmoid(x),
  Relu: (x) => ops.relu(x),
  Softplus: (x) => ops.softplus(x),
  LeakyRelu: (x, alpha) => ops.leakyRelu(x, { alpha }),
};

const BINARY_OPS: Record<BinaryOp, (a: Tensor, b: Tensor | number) => Tensor> = {
  Add: (a, b) => ops.add(a, b),
  Sub: (a, b) => ops.sub(a, b),
  Mul: (a, b) => ops.mul(a, b),
  Div: (a, b) => ops.div(a, b),
  Pow: (a, b) => ops.pow(a, b),
  Maximum: (a, b) => ops.maximum(a, b),
  Minimum: (a, b) => ops.minimum(a, b),
};

/** Runs a trace with ordinary ops: the reference path (and what runs on any backend other than gpujs). */
function evaluate(trace: Trace, tensors: readonly Tensor[], result: number): Tensor {
  const dtype = tensors[0].dtype;
  const asTensor = (value: Tensor | number) => (typeof value === 'number' ? ops.full([], value, { dtype }) : value);
  return tidy(() => {
    const values: (Tensor | number)[] = [];
    for (const step of trace.steps) {
      switch (step.kind) {
        case 'tensor':
          values.push(tensors[step.index]);
          break;
        case 'number':
          values.push(trace.numbers[step.index]);
          break;
        case 'unary': {
          const x = values[step.x];
          const parameter = step.parameter === undefined ? 0 : trace.numbers[step.parameter];
          values.push(UNARY_OPS[step.op](asTensor(x), parameter));
          break;
        }
        case 'binary':
          values.push(BINARY_OPS[step.op](asTensor(values[step.a]), values[step.b]));
          break;
      }
    }
    // The result of an op made inside this scope, or an argument (then copied, so the caller owns a new tensor).
    const value = values[result];
    return typeof value === 'number' || tensors.includes(value) ? ops.add(asTensor(value), 0) : value;
  });
}

/**
 * Fuses a chain of element-wise ops into ONE gpu.js kernel: each output element is computed in a single pass, with
 * no intermediate tensors, textures or transfers. Arguments may be tensors of one shape, one-element tensors
 * (broadcast) and numbers; numbers, including the literals inside `fn`, are kernel arguments, so a changing
 * learning rate reuses the compiled kernel. `fn` runs on every call to record the ops (cheap), so closures over
 * changing values are safe.
 *
 * Runs fused on the `gpujs` backend, and under `auto` when the cost model predicts the fused kernel beats separate
 * CPU ops; elsewhere (or for other dtypes and shapes) it evaluates the same ops one by one, with the same results.
 * Autodiff does not see inside a fused kernel: use it where no gradient flows, such as optimizer updates.
 * @example
 * const momentumStep = fuse((p, v, g, lr) => p.sub(v.mul(0.9).add(g).mul(lr)));
 * const next = momentumStep(params, velocity, grads, 0.01);
 */
export function fuse(fn: (...values: FusedValue[]) => FusedValue): FusedFunction {
  return (...args) => {
    const trace = new Trace();
    const tensors: Tensor[] = [];
    const handles = args.map((arg) => {
      if (typeof arg === 'number') return new FusedValue(trace, trace.number(arg));
      if (!(arg instanceof ops.Tensor))
        throw new ValueError(`fuse: arguments must be tensors or numbers, got ${typeof arg}`);
      arg.assertLive('fuse');
      trace.steps.push({ kind: 'tensor', index: tensors.length });
      tensors.push(arg);
      return new FusedValue(trace, trace.steps.length - 1);
    });
    const result = fn(...handles);
    if (!(result instanceof FusedValue) || result.trace !== trace) {
      throw new ValueError('fuse: the fused function must return a value computed from its arguments');
    }
    if (tensors.length === 0) throw new ValueError('fuse: call the fused function with at least one tensor');
    const device = deviceFor(trace, tensors, result.step);
    if (device === undefined) return evaluate(trace, tensors, result.step);
    return runFused(device.backend, trace, tensors, device.shape, result.step);
  };
}

/** The gpujs backend to run a trace on, or undefined to evaluate op by op. */
function deviceFor(
  trace: Trace,
  tensors: readonly Tensor[],
  result: number,
): { backend: GpujsBackend; shape: Shape } | undefined {
  const registration = currentRegistration();
  if (registration === undefined) return undefined;
  const current = getBackend();
  const { backend, router } = registration;
  if (current !== backend && current.name !== 'auto') return undefined;
  let shape: Shape = [];
  for (const tensor of tensors) {
    if (tensor.dtype !== 'float32') return undefined;
    shape = broadcastShapes('fuse', shape, tensor.shape);
  }
  const size = sizeOf(shape);
  if (!deviceSize(size) || tensors.some((tensor) => tensor.size !== size && tensor.size !== 1)) return undefined;
  if (current === backend) return { backend, shape };
  const operations = trace.steps.filter((step) => step.kind === 'unary' || step.kind === 'binary').length;
  const { program } = lower(trace, tensors, size, result);
  const key = elementwiseSource(program, backend.storage.textures);
  const compiled = backend.storage.programs.isCompiled(key, [size], tensors.map((t) => t.size).join(','));
  return router.preferDeviceForFused(size, operations, tensors, compiled, key) ? { backend, shape } : undefined;
}

/** The device program for a trace: one-element tensors with host values become number arguments. */
function lower(trace: Trace, tensors: readonly TensorInfo[], size: number, result: number) {
  const operands: ('full' | 'broadcast')[] = [];
  const kept: TensorInfo[] = [];
  const numbers = [...trace.numbers];
  const steps: Step[] = trace.steps.map((step) => {
    if (step.kind !== 'tensor') return step;
    const tensor = tensors[step.index];
    const values = (tensor.dataId as GpujsData).values;
    if (sizeOf(tensor.shape) === 1 && size > 1 && values !== undefined) {
      numbers.push(values[0]);
      return { kind: 'number', index: numbers.length - 1 };
    }
    operands.push(sizeOf(tensor.shape) === size ? 'full' : 'broadcast');
    kept.push(tensor);
    return { kind: 'tensor', index: kept.length - 1 };
  });
  const program: ElementwiseProgram = { operands, numbers: numbers.length, steps, result };
  return { program, tensors: kept, numbers };
}

function runFused(
  backend: GpujsBackend,
  trace: Trace,
  tensors: readonly Tensor[],
  shape: Shape,
  result: number,
): Tensor {
  const { storage } = backend;
  // Inputs move to the device, as the engine moves the inputs of an op it runs there: a chain that recurs (an
  // optimizer's update) finds them there next time instead of copying them in every call, which cost `auto` some
  // 20% against gpujs alone on 1M-element chains. Scalars are read in place through temporary records freed after
  // the call (CPU data is `{ values }`, valid here too).
  for (const tensor of tensors) if (tensor.size > 1) moveTo(tensor, backend);
  const temporary: TensorInfo[] = [];
  const operands = tensors.map((tensor): TensorInfo => {
    if ((tensor.backend as Backend) === backend) return tensor;
    const values = tensor.backend.name === 'cpu' ? (tensor.dataId as GpujsData).values : tensor.dataSync();
    const info = storage.write(values as Float32Array, tensor.shape, 'float32');
    temporary.push(info);
    return info;
  });
  const { program, tensors: kept, numbers } = lower(trace, operands, sizeOf(shape), result);
  try {
    const info = runElementwise(storage, program, kept, numbers, shape);
    return wrap(info.dataId, info.shape, info.dtype, backend);
  } finally {
    for (const info of temporary) {
      // Only the texture uploaded for the call is freed; the values belong to the caller's tensor.
      (info.dataId as GpujsData).values = undefined;
      storage.dispose(info);
    }
  }
}
