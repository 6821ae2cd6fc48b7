import { add, inputNames, type Tensor, ValueError } from '@descent/tensor';
import { anchorHiddenClass } from './hidden-class-anchor.js';
import { isBinary, isUnary, Tape } from './tape.js';

/** Older tensors with cotangents up to which a linear scan beats a Map (see `Cotangents`). */
const SCANNED_OTHERS = 16;

/**
 * The cotangents one backward sweep reached, by tensor. Tensors the tape recorded keep theirs in an array indexed
 * by `id - tape.base` (no hashing in the sweep's inner loop); any other tensor (a watched leaf, a root created
 * before the tape) in short arrays searched by id.
 */
export class Cotangents {
  readonly #base: number;
  readonly #end: number;
  readonly #recorded: (Tensor | undefined)[];
  /**
   * Cotangents of tensors older than the tape (the watched leaves, a root): usually one or a few, so ids and
   * tensors in two arrays scanned linearly (a Map costs more to create than a 2-D problem's sweep spends in it);
   * past `SCANNED_OTHERS` ids, indexed by a Map as well.
   */
  readonly #otherIds: number[] = [];
  readonly #otherCotangents: Tensor[] = [];
  #otherIndexById: Map<number, number> | undefined;

  constructor(tape: Tape) {
    const entries = tape.entries;
    this.#base = tape.base;
    this.#end = entries.length > 0 ? entries[entries.length - 1].output.id + 1 : this.#base;
    // Pushed rather than `new Array(n).fill(…)`: the builtin's call costs more than the loop for a 2-D problem's tape.
    const recorded: (Tensor | undefined)[] = [];
    for (let i = this.#base; i < this.#end; i++) recorded.push(undefined);
    this.#recorded = recorded;
  }

  /** The cotangent of `tensor`, or undefined when nothing flowed back to it. */
  get(tensor: Tensor): Tensor | undefined {
    const id = tensor.id;
    if (id >= this.#base && id < this.#end) return this.#recorded[id - this.#base];
    const index = this.#otherIndex(id);
    return index >= 0 ? this.#otherCotangents[index] : undefined;
  }

  #otherIndex(id: number): number {
    if (this.#otherIndexById !== undefined) return this.#otherIndexById.get(id) ?? -1;
    const ids = this.#otherIds;
    for (let i = 0; i < ids.length; i++) if (ids[i] === id) return i;
    return -1;
  }

  /** Adds `partial` to `tensor`'s cotangent (the first partial is stored as it is, without a kernel). */
  add(tensor: Tensor, partial: Tensor): void {
    const id = tensor.id;
    if (id >= this.#base && id < this.#end) {
      const previous = this.#recorded[id - this.#base];
      this.#recorded[id - this.#base] = previous === undefined ? partial : add(previous, partial);
    } else {
      const index = this.#otherIndex(id);
      if (index < 0) {
        this.#otherIds.push(id);
        this.#otherCotangents.push(partial);
        if (this.#otherIndexById !== undefined) this.#otherIndexById.set(id, this.#otherIds.length - 1);
        else if (this.#otherIds.length > SCANNED_OTHERS) {
          this.#otherIndexById = new Map(this.#otherIds.map((other, i) => [other, i]));
        }
      } else this.#otherCotangents[index] = add(this.#otherCotangents[index], partial);
    }
  }
}

anchorHiddenClass(new Cotangents(new Tape()));

/**
 * Reverse-mode sweep over `tape` from `roots`, each with its cotangent seed. The tape is in execution order,
 * already topological: one backward loop, no graph search, no recursion to overflow the JS stack on long chains.
 * A root that is an intermediate of another root receives both its seed and what flows back to it.
 */
export function backward(tape: Tape, roots: readonly (readonly [root: Tensor, seed: Tensor])[]): Cotangents {
  const cotangents = new Cotangents(tape);
  for (let i = 0; i < roots.length; i++) cotangents.add(roots[i][0], roots[i][1]);
  const entries = tape.entries;
  const needs = tape.needs;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    const dy = cotangents.get(entry.output);
    if (dy === undefined) continue;
    if (entry.rule === undefined) {
      throw new ValueError(
        `grad: no gradient rule for kernel "${entry.kernel}"; register one with registerGradient (or declare it 'not-differentiable')`,
      );
    }
    const partials = entry.rule({
      dy,
      inputs: entry.inputs,
      attrs: entry.attrs,
      output: entry.output,
      needs,
    }) as Record<string, Tensor | readonly Tensor[] | undefined>;
    const inputs = entry.inputs as unknown as Record<string, Tensor | readonly Tensor[]>;
    const names = inputNames(entry.kernel, inputs);
    // Most kernels take `{ x }` or `{ a, b }`. Loading those by a literal name is fast; loading by a name held in a
    // variable is megamorphic across kernels and was the sweep's most expensive line on the tiny ops of 2-D problems.
    if (isUnary(names)) {
      const partial = partials.x as Tensor | undefined;
      if (partial !== undefined) cotangents.add(inputs.x as Tensor, partial);
      continue;
    }
    if (isBinary(names)) {
      const partialA = partials.a as Tensor | undefined;
      if (partialA !== undefined) cotangents.add(inputs.a as Tensor, partialA);
      const partialB = partials.b as Tensor | undefined;
      if (partialB !== undefined) cotangents.add(inputs.b as Tensor, partialB);
      continue;
    }
    for (let n = 0; n < names.length; n++) {
      const partial = partials[names[n]];
      if (partial === undefined) continue;
      const input = inputs[names[n]];
      // Rules may return partials of inputs nothing needs; storing them is harmless, as no entry or leaf reads them.
      if (Array.isArray(input)) {
        for (let j = 0; j < input.length; j++) cotangents.add(input[j] as Tensor, (partial as readonly Tensor[])[j]);
      } else cotangents.add(input as Tensor, partial as Tensor);
    }
  }
  return cotangents;
}
