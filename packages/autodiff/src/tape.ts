import {
  inputNames,
  type KernelAttrs,
  type KernelName,
  onKernelRun,
  type Tensor,
  type TensorInputs,
} from '@descent/tensor';
import { gradientRule } from './gradients/registry.js';
import type { GradientFn } from './gradients/types.js';
import { anchorHiddenClass } from './hidden-class-anchor.js';

/** One recorded kernel call: what ran, on which tensors, what it produced, and the rule that differentiates it. */
export interface TapeEntry<K extends KernelName = KernelName> {
  readonly kernel: K;
  readonly inputs: TensorInputs<K>;
  readonly attrs: KernelAttrs<K>;
  readonly output: Tensor;
  /** Undefined for a custom kernel without a registered rule: the sweep reports it if it is reached. */
  readonly rule: GradientFn<K> | undefined;
}

/** Watched leaves up to which a linear scan beats a Set (2-D problems watch one tensor, small models a few dozen). */
const SCANNED_LEAVES = 16;

/**
 * The record of one differentiation: kernel calls in execution order, which is already topological, so the
 * backward sweep needs no graph search and no recursion. Only calls of differentiable kernels that depend on a
 * watched tensor are recorded (forward pruning), so constants such as data batches cost nothing in the sweep.
 *
 * Tensor ids only grow, so every tensor created while the tape records has an id at or above the first recorded
 * output's (`base`). Facts about those tensors (connected or not, and in the sweep their cotangents) live in arrays
 * indexed by `id - base`; only older tensors (the watched leaves, constants) go through a `Set`. For the tiny
 * kernels of 2-D problems this bookkeeping costs as much as the kernels themselves, so it is kept to array reads.
 */
export class Tape {
  readonly entries: TapeEntry[] = [];
  /** Ids of watched tensors: usually a handful, scanned; past `SCANNED_LEAVES`, in a Set as well. */
  readonly #watched: number[] = [];
  #watchedSet: Set<number> | undefined;
  /** The id of the first recorded output; -1 before anything is recorded. */
  #base = -1;
  /** Whether the tensor with id `base + i` depends on a watched tensor. */
  readonly #connected: boolean[] = [];

  /** Marks `tensor` as an input being differentiated: what depends on it is recorded. */
  watch(tensor: Tensor): void {
    if (this.#base >= 0 && tensor.id >= this.#base) this.#markConnected(tensor);
    else if (!this.#isWatched(tensor.id)) {
      this.#watched.push(tensor.id);
      if (this.#watchedSet !== undefined) this.#watchedSet.add(tensor.id);
      else if (this.#watched.length > SCANNED_LEAVES) this.#watchedSet = new Set(this.#watched);
    }
  }

  /** Whether `tensor` is watched or depends on a watched tensor through recorded kernels. */
  isConnected(tensor: Tensor): boolean {
    const index = this.#base < 0 ? -1 : tensor.id - this.#base;
    return index >= 0 ? this.#connected[index] === true : this.#isWatched(tensor.id);
  }

  #isWatched(id: number): boolean {
    if (this.#watchedSet !== undefined) return this.#watchedSet.has(id);
    // A loop rather than `includes`: for a handful of ids the builtin's call costs more than the scan.
    const watched = this.#watched;
    for (let i = 0; i < watched.length; i++) if (watched[i] === id) return true;
    return false;
  }

  /** `isConnected` as a standalone function, for gradient rules' `needs`. */
  readonly needs = (tensor: Tensor): boolean => this.isConnected(tensor);

  /** The id of the first recorded output (see the class comment), or -1 when nothing was recorded. */
  get base(): number {
    return this.#base;
  }

  /** Offered every kernel call while the tape is active; keeps those that depend on a watched tensor. */
  record<K extends KernelName>(kernel: K, inputs: TensorInputs<K>, attrs: KernelAttrs<K>, output: Tensor): void {
    const rule = gradientRule(kernel);
    // Outputs of piecewise-constant kernels (comparisons, argmax, …) do not depend differentiably on anything:
    // leaving them unconnected lets `cast(greater(x, 0), 'float32')` act as the constant mask it is.
    if (rule === 'not-differentiable') return;
    const record = inputs as unknown as Record<string, Tensor | readonly Tensor[]>;
    const names = inputNames(kernel, record);
    // Literal names for the common input shapes: see `isUnary`.
    const connected = isUnary(names)
      ? this.isConnected(record.x as Tensor)
      : isBinary(names)
        ? this.isConnected(record.a as Tensor) || this.isConnected(record.b as Tensor)
        : this.#anyConnected(record, names);
    if (!connected) return;
    this.#markConnected(output);
    this.entries.push({ kernel, inputs, attrs, output, rule } as unknown as TapeEntry);
  }

  #anyConnected(record: Record<string, Tensor | readonly Tensor[]>, names: readonly string[]): boolean {
    for (let i = 0; i < names.length; i++) {
      const input = record[names[i]];
      if (Array.isArray(input) ? input.some(this.needs) : this.isConnected(input as Tensor)) return true;
    }
    return false;
  }

  #markConnected(output: Tensor): void {
    if (this.#base < 0) this.#base = output.id;
    const index = output.id - this.#base;
    const connected = this.#connected;
    // Filled densely (no holes), so the array stays a fast packed one.
    while (connected.length < index) connected.push(false);
    connected[index] = true;
  }
}

anchorHiddenClass(new Tape());

/**
 * Whether a kernel's inputs are `{ x }` (element-wise functions, reductions, data movement). The tape and the sweep
 * read such inputs by their literal name: a load by a name held in a variable is megamorphic across kernels, and
 * for the tiny ops of 2-D problems it cost as much as the kernel.
 */
export function isUnary(names: readonly string[]): boolean {
  return names.length === 1 && names[0] === 'x';
}

/** Whether a kernel's inputs are `{ a, b }` (arithmetic, comparisons, matmul); see `isUnary`. */
export function isBinary(names: readonly string[]): boolean {
  return names.length === 2 && names[0] === 'a' && names[1] === 'b';
}

/**
 * Active tapes, innermost last. Every kernel call is offered to all of them: an outer `grad` records the inner
 * one's backward sweep too, which is what makes `grad(grad(f))` and exact Hessian-vector products work.
 */
const active: Tape[] = [];
let paused = 0;
let unsubscribe: (() => void) | undefined;

function offer<K extends KernelName>(kernel: K, inputs: TensorInputs<K>, attrs: KernelAttrs<K>, output: Tensor): void {
  if (paused > 0) return;
  for (let i = 0; i < active.length; i++) active[i].record(kernel, inputs, attrs, output);
}

/** Runs `fn` while `tape` records. */
export function recording<T>(tape: Tape, fn: () => T): T {
  unsubscribe ??= onKernelRun(offer);
  active.push(tape);
  try {
    return fn();
  } finally {
    // Tapes nest, so this one is almost always the last: pop it without the builtins' search and splice.
    if (active.length > 0 && active[active.length - 1] === tape) active.pop();
    else {
      const index = active.lastIndexOf(tape);
      if (index >= 0) active.splice(index, 1);
    }
    if (active.length === 0 && unsubscribe !== undefined) {
      unsubscribe();
      unsubscribe = undefined;
    }
  }
}

/** Runs `fn` with recording paused on every tape (for `stopGradient`). */
export function withoutRecording<T>(fn: () => T): T {
  paused++;
  try {
    return fn();
  } finally {
    paused--;
  }
}

/** Whether an enclosing differentiation is recording: intermediate tensors must then outlive the inner one. */
export function isRecording(): boolean {
  return active.length > 0;
}
