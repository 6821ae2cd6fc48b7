import { registerGradient, stopGradient } from '@descent/autodiff';
import {
  abs,
  add,
  type Backend,
  CpuStorage,
  createCpuBackend,
  DTypeError,
  defineBackend,
  exp,
  findBackend,
  isFloatDType,
  type Kernel,
  type KernelTable,
  log1p,
  maximum,
  minimum,
  mul,
  registerBackend,
  registerKernel,
  runKernel,
  setBackend,
  sub,
  type Tensor,
  type TensorInfo,
  type TypedArray,
  ValueError,
} from '@descent/tensor';

// 1. A new differentiable op, built from existing ops: autodiff differentiates it with the ops' rules.

/**
 * log(cosh(x)), element-wise, written as |x| + log1p(e^(−2|x|)) − log 2 so that it neither overflows for large |x|
 * nor loses the small values near 0. Its derivative is tanh(x): the log-cosh loss is quadratic near 0 and linear in
 * the tails, like Huber's, but smooth.
 * @example sum(logCosh(sub(prediction, target))) // a robust regression loss
 */
export function logCosh(x: Tensor): Tensor {
  const magnitude = abs(x);
  return sub(add(magnitude, log1p(exp(magnitude.mul(-2)))), Math.LN2);
}

// 2. A custom gradient, without a gradient rule: the value of one expression, the gradient of another.

/**
 * Returns `forward`'s value with `surrogate`'s gradient: forward + (surrogate − surrogate), where the first and the
 * last term are hidden from autodiff by `stopGradient`. The value is exactly `forward` (x − x is exactly 0 for finite
 * x), so the trick adds no rounding error.
 * @example withGradientOf(sign(x), clip(x)) // the straight-through estimator
 */
export function withGradientOf(forward: Tensor, surrogate: Tensor): Tensor {
  return add(stopGradient(forward), sub(surrogate, stopGradient(surrogate)));
}

/**
 * sign(x) in the forward pass and the gradient of clip(x, −1, 1) in the backward pass: 1 where |x| ≤ 1, else 0
 * (the straight-through estimator of binarized networks).
 * @see Bengio, Léonard & Courville 2013, https://arxiv.org/abs/1308.3432; Hubara et al. 2016, https://arxiv.org/abs/1602.02830
 */
export function straightThroughSign(x: Tensor): Tensor {
  return withGradientOf(x.sign(), minimum(maximum(x, -1), 1));
}

// 3. A backend that replaces kernels of the CPU backend, registered without touching @descent/tensor.

/** CPU storage under another name, so that `getBackend().name` tells the backends apart. */
class NamedCpuStorage extends CpuStorage {
  constructor(override readonly name: string) {
    super();
  }
}

/**
 * A backend that runs `kernels` itself and every other kernel of the vocabulary on a CPU backend: extend, don't fork.
 * Its data is CPU data, so the two halves share tensors without copies. Register it with
 * `registerBackend(name, backend)` and select it with `setBackend(name)`.
 */
export function extendCpuBackend(name: string, kernels: KernelTable<CpuStorage>): Backend {
  const own = defineBackend(new NamedCpuStorage(name), kernels);
  const cpu = createCpuBackend();
  return {
    ...own,
    has: (kernel) => own.has(kernel) || cpu.has(kernel),
    run: (kernel, inputs, attrs) => (own.has(kernel) ? own : cpu).run(kernel, inputs, attrs),
  };
}

/** How often {@link squareKernel} ran: the kernel is ours, not the built-in one. */
export const squareCalls = { count: 0 };

/**
 * Our implementation of the existing `Square` kernel. Kernels see `TensorInfo`s and the storage: read the values
 * in place (`storage.values`, no copy), write a new typed array (`storage.write` takes ownership of it). Keep the
 * reference semantics (every dtype, NaN in, NaN out): autodiff's rule for `Square` applies to it unchanged.
 */
export const squareKernel: Kernel<'Square', CpuStorage> = ({ inputs: { x }, storage }) => {
  squareCalls.count++;
  const v = storage.values(x);
  const out = new (v.constructor as new (length: number) => TypedArray)(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * v[i];
  return storage.write(out, x.shape, x.dtype);
};

// Usage: register the backend once, select it, and every op and gradient runs as before, with our `Square`.

const CUSTOM = 'cpu-custom-square';

/** Runs `fn` on the CPU backend extended with {@link squareKernel} (registered on first use), then selects `cpu`. */
export function onCustomSquareBackend<T>(fn: () => T): T {
  if (findBackend(CUSTOM) === undefined) registerBackend(CUSTOM, extendCpuBackend(CUSTOM, { Square: squareKernel }));
  setBackend(CUSTOM);
  try {
    return fn();
  } finally {
    setBackend('cpu');
  }
}

// 4. A new kernel: its signature, a CPU implementation and a gradient rule, all from outside the core packages.

declare module '@descent/tensor' {
  interface CustomKernelSignatures {
    /** Huber's function, element-wise: x²/2 where |x| ≤ δ, δ·(|x| − δ/2) elsewhere. */
    Huber: { inputs: { x: TensorInfo }; attrs: { delta: number } };
  }
}

/**
 * The CPU implementation: every float dtype, NaN in, NaN out. Registered on the `cpu` backend, it also serves every
 * other backend, which falls back to the CPU per op for a kernel it lacks (as it does for core kernels).
 */
export const huberCpu: Kernel<'Huber', CpuStorage> = ({ inputs: { x }, attrs: { delta }, storage }) => {
  const v = storage.values(x);
  const out = new (v.constructor as new (length: number) => TypedArray)(v.length);
  for (let i = 0; i < v.length; i++) {
    const magnitude = Math.abs(v[i]);
    out[i] = magnitude <= delta ? 0.5 * v[i] * v[i] : delta * (magnitude - 0.5 * delta);
  }
  return storage.write(out, x.shape, x.dtype);
};

registerKernel('cpu', 'Huber', huberCpu);
// d huber / dx = clip(x, −δ, δ). Written with ops, so grad(grad(huber)) works too (1 inside [−δ, δ], 0 outside).
registerGradient('Huber', ({ dy, inputs: { x }, attrs: { delta } }) => ({
  x: mul(dy, minimum(maximum(x, -delta), delta)),
}));

/**
 * Huber's function of `x`, element-wise: quadratic near 0 and linear beyond `delta`, so a robust regression loss
 * (PyTorch's `HuberLoss` is its mean over `prediction − target`).
 * @example sum(huber(sub(prediction, target), 1))
 */
export function huber(x: Tensor, delta = 1): Tensor {
  if (!isFloatDType(x.dtype)) throw new DTypeError(`huber: x must be float32 or float64, got ${x.dtype}`);
  if (!(delta > 0)) throw new ValueError(`huber: delta must be positive, got ${delta}`);
  return runKernel('Huber', { x }, { delta });
}
