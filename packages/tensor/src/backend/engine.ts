import { createCpuBackend } from '../backends/cpu/index.js';
import type { DType, TypedArray } from '../dtype.js';
import { ValueError } from '../errors.js';
import type { Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import type { Backend, Kernel, KernelAttrs, KernelInputs, KernelName, Storage, TensorInfo } from './backend.js';

/** Kernel inputs as ops pass them: tensors in place of `TensorInfo`s. */
export type TensorInputs<K extends KernelName> = {
  readonly [N in keyof KernelInputs<K>]: KernelInputs<K>[N] extends readonly unknown[] ? readonly Tensor[] : Tensor;
};

/** Called after every kernel runs; autodiff records its tape through this. */
export type KernelListener = <K extends KernelName>(
  kernel: K,
  inputs: TensorInputs<K>,
  attrs: KernelAttrs<K>,
  output: Tensor,
) => void;

interface EngineState {
  readonly backends: Map<string, Backend>;
  current: Backend | undefined;
  /** The reference backend, created on first use. */
  cpu: Backend | undefined;
  /** Set once a second backend has held data: only then must inputs be checked for migration. */
  mixed: boolean;
  readonly listeners: KernelListener[];
  readonly scopes: Tensor[][];
  live: number;
  nextId: number;
}

const engine: EngineState = {
  backends: new Map(),
  current: undefined,
  cpu: undefined,
  mixed: false,
  listeners: [],
  scopes: [],
  live: 0,
  nextId: 0,
};

function cpuBackend(): Backend {
  let cpu = engine.cpu;
  if (cpu === undefined) {
    cpu = createCpuBackend();
    engine.backends.set('cpu', cpu);
    engine.cpu = cpu;
  }
  return cpu;
}

/**
 * Makes a backend available under `name`. A backend named `auto` is what `setBackend('auto')` selects
 * (the gpu.js package registers one that routes each op by a measured cost model).
 */
export function registerBackend(name: string, backend: Backend): void {
  if (typeof name !== 'string' || name === '') throw new ValueError('registerBackend: name must be a non-empty string');
  engine.backends.set(name, backend);
}

/**
 * Adds the implementation of a kernel to a registered backend (`'cpu'` for the reference backend), without touching
 * this package: declare the kernel's signature in `CustomKernelSignatures`, register its CPU implementation
 * here, and run it with `runKernel`. A backend without it falls back to the CPU per op, as for core kernels.
 * Refuses a kernel the backend already has (replace built-in kernels with a backend of your own instead).
 * @example registerKernel('cpu', 'Huber', ({ inputs: { x }, attrs: { delta }, storage }) => ...)
 */
export function registerKernel<K extends KernelName, S extends Storage = Storage>(
  backend: string,
  kernel: K,
  implementation: Kernel<K, S>,
): void {
  if (typeof kernel !== 'string' || (kernel as string) === '') {
    throw new ValueError(`registerKernel: kernel must be a non-empty string, got ${String(kernel)}`);
  }
  if (typeof implementation !== 'function') {
    throw new ValueError(
      `registerKernel: the implementation of "${kernel}" must be a function, got ${typeof implementation}`,
    );
  }
  const target = findBackend(backend);
  if (target === undefined) {
    const known = ['cpu', ...[...engine.backends.keys()].filter((key) => key !== 'cpu')];
    throw new ValueError(`registerKernel: unknown backend "${backend}"; registered: ${known.join(', ')}`);
  }
  if (target.register === undefined) {
    throw new ValueError(
      `registerKernel: backend "${backend}" does not accept new kernels (it was not made with defineBackend)`,
    );
  }
  target.register(kernel, implementation as Kernel<K, never>);
}

/** Selects the backend that runs every following op. `auto` falls back to `cpu` when nothing better is registered. */
export function setBackend(name: string): void {
  if (name === 'cpu') {
    engine.current = cpuBackend();
    return;
  }
  const backend = engine.backends.get(name);
  if (backend === undefined) {
    if (name === 'auto') {
      engine.current = cpuBackend();
      return;
    }
    const known = ['cpu', 'auto', ...[...engine.backends.keys()].filter((key) => key !== 'cpu' && key !== 'auto')];
    throw new ValueError(`setBackend: unknown backend "${name}"; registered: ${known.join(', ')}`);
  }
  engine.current = backend;
  if (backend.name !== 'cpu' || backend.select !== undefined) engine.mixed = true;
}

/** The backend that runs ops now. */
export function getBackend(): Backend {
  return engine.current ?? (engine.current = cpuBackend());
}

/** A registered backend by name, if any. */
export function findBackend(name: string): Backend | undefined {
  return name === 'cpu' ? cpuBackend() : engine.backends.get(name);
}

/** Wraps backend data as a tensor, tracked by the innermost `tidy` scope (unless `tracked` is false). */
export function wrap(dataId: object, shape: Shape, dtype: DType, backend: Backend, tracked = true): Tensor {
  const tensor = new Tensor(engine.nextId++, dataId, shape, dtype, backend);
  if (!tracked) {
    // Shared constants live for the whole process: no scope owns them and `memory()` does not count them.
    untracked.add(tensor);
    return tensor;
  }
  engine.live++;
  const scopes = engine.scopes;
  if (scopes.length > 0) scopes[scopes.length - 1].push(tensor);
  return tensor;
}

const untracked = new WeakSet<Tensor>();

/** Creates a tensor on the current backend that owns `values` (on the CPU when a router such as `auto` is current). */
export function makeTensor(values: TypedArray, shape: Shape, dtype: DType, tracked = true): Tensor {
  let backend = getBackend();
  // A router holds no data of its own: new values start on the CPU, and each op moves them where it runs.
  if (backend.select !== undefined) backend = cpuBackend();
  const info = backend.write(values, shape, dtype);
  return wrap(info.dataId, shape, dtype, backend, tracked);
}

/**
 * Moves a tensor's data to `target`, as the engine does when an op runs where one of its inputs does not live; the
 * tensor's value never changes. For backends that run work outside `runKernel` (gpujs's fused chains), so that data
 * used there again and again stays there.
 */
export function moveTo(tensor: Tensor, target: Backend): void {
  if (tensor.backend === target) return;
  const values = tensor.backend.readSync(tensor);
  tensor.backend.dispose(tensor);
  const info = target.write(values, tensor.shape, tensor.dtype);
  tensor.relocate(info.dataId, target);
}

function placeInputs(kernel: KernelName, inputs: Record<string, Tensor | readonly Tensor[]>, target: Backend): void {
  // Once a second backend has held data every op checks its inputs: `{ x }` and `{ a, b }` (most kernels) are read
  // by literal name, as a load by a name held in a variable is megamorphic and cost a 2-D problem 15%.
  const names = inputNames(kernel, inputs);
  if (names.length === 1 && names[0] === 'x') {
    const x = inputs.x as Tensor;
    if (x.backend !== target) moveTo(x, target);
    return;
  }
  if (names.length === 2 && names[0] === 'a' && names[1] === 'b') {
    const a = inputs.a as Tensor;
    if (a.backend !== target) moveTo(a, target);
    const b = inputs.b as Tensor;
    if (b.backend !== target) moveTo(b, target);
    return;
  }
  for (let i = 0; i < names.length; i++) {
    const input = inputs[names[i]];
    if (Array.isArray(input)) {
      for (const tensor of input as readonly Tensor[]) if (tensor.backend !== target) moveTo(tensor, target);
    } else if ((input as Tensor).backend !== target) moveTo(input as Tensor, target);
  }
}

/** The attributes of kernels that have none: shared, so a tiny op allocates one object fewer. */
export const NO_ATTRS: {} = Object.freeze({});

/** Runs a kernel on the current backend (or the CPU backend when the current one lacks it) and wraps the result. */
export function runKernel<K extends KernelName>(kernel: K, inputs: TensorInputs<K>, attrs: KernelAttrs<K>): Tensor {
  const current = engine.current ?? getBackend();
  let backend = current.select === undefined ? current : current.select(kernel, inputs as never, attrs);
  // The CPU backend has every kernel: skip the lookup on the hot path.
  if (backend !== engine.cpu && !backend.has(kernel)) backend = cpuBackend();
  // Ops check that their inputs are live; a disposed input reaching a kernel makes its storage throw.
  if (engine.mixed) placeInputs(kernel, inputs as unknown as Record<string, Tensor | readonly Tensor[]>, backend);
  let info: TensorInfo;
  if (current.observing === true && current.observe !== undefined) {
    const start = performance.now();
    info = backend.run(kernel, inputs as never, attrs);
    current.observe(kernel, backend, performance.now() - start);
  } else info = backend.run(kernel, inputs as never, attrs);
  const output = wrap(info.dataId, info.shape, info.dtype, backend);
  const listeners = engine.listeners;
  for (let i = 0; i < listeners.length; i++) listeners[i](kernel, inputs, attrs, output);
  return output;
}

/**
 * The input names of each kernel, learnt from its first call (ops always pass the same names): walking an array
 * is cheaper than `for…in` over input objects of many shapes, which matters for the tiny kernels of 2-D problems.
 * A null-prototype object rather than a Map: a keyed load with an interned kernel name is cheaper than hashing it.
 */
const namesByKernel: Partial<Record<KernelName, readonly string[]>> = Object.create(null);

/**
 * The names of `kernel`'s inputs (`['a', 'b']` for `Add`), in the order its op passes them, given one call's
 * `inputs`. Listeners such as autodiff's tape use it to walk inputs without `for…in`.
 */
export function inputNames(kernel: KernelName, inputs: object): readonly string[] {
  return namesByKernel[kernel] ?? (namesByKernel[kernel] = Object.keys(inputs));
}

/** Subscribes to every kernel run; returns the unsubscribe function. */
export function onKernelRun(listener: KernelListener): () => void {
  const listeners = engine.listeners;
  listeners.push(listener);
  return () => {
    // Differentiation subscribes and unsubscribes once per call, usually as the last listener: pop it without the
    // builtins' search and splice, which cost more than a tiny kernel.
    if (listeners.length > 0 && listeners[listeners.length - 1] === listener) listeners.pop();
    else {
      const index = listeners.indexOf(listener);
      if (index >= 0) listeners.splice(index, 1);
    }
  };
}

/** Frees a tensor's backend memory. Reading it afterwards throws. */
export function disposeTensor(tensor: Tensor): void {
  if (tensor.isDisposed) return;
  tensor.backend.dispose(tensor);
  tensor.markDisposed();
  if (!untracked.has(tensor)) engine.live--;
}

/** `disposeTensor` for a tensor from a scope: scopes hold only tracked tensors, so no lookup in `untracked`. */
function disposeTracked(tensor: Tensor): void {
  if (tensor.isDisposed) return;
  tensor.backend.dispose(tensor);
  tensor.markDisposed();
  engine.live--;
}

/** Runs `fn` and disposes every tensor it created except those it returns (anywhere in a returned tree). */
export function tidy<T>(fn: () => T): T {
  const scope: Tensor[] = [];
  engine.scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    // Nothing escapes a failed scope: free what it created, as TensorFlow.js does.
    engine.scopes.pop();
    for (let i = 0; i < scope.length; i++) disposeTracked(scope[i]);
    throw error;
  }
  engine.scopes.pop();
  const kept: Tensor[] = [];
  collectTensors(result, kept);
  // Results are usually a handful of tensors: a linear scan beats hashing each tensor of the scope.
  const keptSet = kept.length > 8 ? new Set(kept) : undefined;
  const parent = innermostScope();
  for (let i = 0; i < scope.length; i++) {
    const tensor = scope[i];
    if (keptSet === undefined ? scanFor(kept, tensor) : keptSet.has(tensor)) parent?.push(tensor);
    else disposeTracked(tensor);
  }
  return result;
}

/** `list.includes(tensor)` as a plain loop: for two or three elements the builtin's call costs more than the scan. */
function scanFor(list: readonly Tensor[], tensor: Tensor): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === tensor) return true;
  return false;
}

/**
 * Runs the body of a composite op (one that creates intermediates, such as the scalar in `add(x, 1)`) so that
 * only its result stays alive. While a listener records kernels (autodiff's tape), the intermediates may be needed
 * for the backward pass: they are left to the enclosing `tidy` instead.
 */
export function opScope<T extends Tensor>(fn: () => T): T {
  if (engine.listeners.length > 0) return fn();
  // A lean `tidy` for a single returned tensor: ops call this on hot paths.
  const scope: Tensor[] = [];
  engine.scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } finally {
    engine.scopes.pop();
  }
  const parent = innermostScope();
  for (let i = 0; i < scope.length; i++) {
    const tensor = scope[i];
    if (tensor === result) parent?.push(tensor);
    else disposeTracked(tensor);
  }
  return result;
}

/**
 * The innermost open scope, if any. Checked rather than read as `scopes[length - 1]`: reading index -1 of an empty
 * array is a property lookup by the name "-1" up the prototype chain, a slow path that cost more than the kernels
 * of a small `tidy` at the outermost level.
 */
function innermostScope(): Tensor[] | undefined {
  const scopes = engine.scopes;
  return scopes.length > 0 ? scopes[scopes.length - 1] : undefined;
}

/** Keeps `tensor` alive past the enclosing `tidy` scopes. */
export function keep<T extends Tensor>(tensor: T): T {
  for (const scope of engine.scopes) {
    const index = scope.indexOf(tensor);
    if (index >= 0) scope.splice(index, 1);
  }
  return tensor;
}

function collectTensors(value: unknown, into: Tensor[]): void {
  if (value instanceof Tensor) into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectTensors(item, into);
  else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) collectTensors(item, into);
  }
}

/** Memory accounting: the number of tensors created and not yet disposed. */
export function memory(): { readonly liveTensors: number } {
  return { liveTensors: engine.live };
}
