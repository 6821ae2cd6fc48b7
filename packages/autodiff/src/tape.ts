import {
  inputNames,
  type KernelAttrs,
  type KernelName,
  onKernelRun,
  type Tensor,
  type TensorInputs,
} from '@descent/tensor';
import { gradients } from './gradients/table.js';

/** One recorded kernel call: what ran, on which tensors, and what it produced. */
export interface TapeEntry<K extends KernelName = KernelName> {
  readonly kernel: K;
  readonly inputs: TensorInputs<K>;
  readonly attrs: KernelAttrs<K>;
  readonly output: Tensor;
}

/**
 * The record of one differentiation: kernel calls in execution order, which is already topological, so the
 * backward sweep needs no graph search and no recursion. Only calls of differentiable kernels that depend on a
 * watched tensor are recorded (forward pruning), so constants such as data batches cost nothing in the sweep.
 */
export class Tape {
  readonly entries: TapeEntry[] = [];
  /** Ids of tensors that depend on a watched input. */
  readonly #connected = new Set<number>();

  watch(tensor: Tensor): void {
    this.#connected.add(tensor.id);
  }

  isConnected(tensor: Tensor): boolean {
    return this.#connected.has(tensor.id);
  }

  /** `isConnected` as a standalone function, for the backward sweep's `needs`. */
  readonly needs = (tensor: Tensor): boolean => this.#connected.has(tensor.id);

  record<K extends KernelName>(kernel: K, inputs: TensorInputs<K>, attrs: KernelAttrs<K>, output: Tensor): void {
    // Outputs of piecewise-constant kernels (comparisons, argmax, …) do not depend differentiably on anything:
    // leaving them unconnected lets `cast(greater(x, 0), 'float32')` act as the constant mask it is.
    if (gradients[kernel] === 'not-differentiable') return;
    const record = inputs as unknown as Record<string, Tensor | readonly Tensor[]>;
    const names = inputNames(kernel, record);
    for (let i = 0; i < names.length; i++) {
      const input = record[names[i]];
      if (Array.isArray(input) ? input.some(this.needs) : this.#connected.has((input as Tensor).id)) {
        this.#connected.add(output.id);
        this.entries.push({ kernel, inputs, attrs, output } as TapeEntry);
        return;
      }
    }
  }
}

/**
 * Active tapes, innermost last. Every kernel call is offered to all of them: an outer `grad` records the inner
 * one's backward sweep too, which is what makes `grad(grad(f))` and exact Hessian-vector products work.
 */
const active: Tape[] = [];
let paused = 0;
let unsubscribe: (() => void) | undefined;

function listen(): void {
  unsubscribe ??= onKernelRun((kernel, inputs, attrs, output) => {
    if (paused > 0) return;
    for (let i = 0; i < active.length; i++) active[i].record(kernel, inputs, attrs, output);
  });
}

/** Runs `fn` while `tape` records. */
export function recording<T>(tape: Tape, fn: () => T): T {
  listen();
  active.push(tape);
  try {
    return fn();
  } finally {
    const index = active.lastIndexOf(tape);
    if (index >= 0) active.splice(index, 1);
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
