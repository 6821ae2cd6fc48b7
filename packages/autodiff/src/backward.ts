import { add, inputNames, type KernelName, type Tensor, ValueError } from '@descent/tensor';
import { gradients } from './gradients/table.js';
import type { GradientTable } from './gradients/types.js';
import type { TapeEntry } from './tape.js';

/**
 * Reverse-mode sweep from `roots`, each with its cotangent seed. The tape is in execution order, already
 * topological: one backward loop, no graph search, no recursion to overflow the JS stack on long chains. A root
 * that is an intermediate of another root receives both its seed and what flows back to it.
 * Returns each reached tensor's cotangent by tensor id.
 */
export function backward(
  entries: readonly TapeEntry[],
  roots: readonly (readonly [root: Tensor, seed: Tensor])[],
  needs: (input: Tensor) => boolean,
  table: GradientTable = gradients,
): Map<number, Tensor> {
  const cotangents = new Map<number, Tensor>();
  for (const [root, seed] of roots) addCotangent(cotangents, root, seed);
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    const dy = cotangents.get(entry.output.id);
    if (dy !== undefined) accumulate(cotangents, entry, table, dy, needs);
  }
  return cotangents;
}

function accumulate<K extends KernelName>(
  cotangents: Map<number, Tensor>,
  entry: TapeEntry<K>,
  table: GradientTable,
  dy: Tensor,
  needs: (input: Tensor) => boolean,
): void {
  const rule = table[entry.kernel];
  if (rule === 'not-differentiable') return;
  if (typeof rule !== 'function') {
    // Only possible for a kernel added outside the vocabulary: say which, rather than fail inside the sweep.
    throw new ValueError(`grad: no gradient rule for kernel "${String(entry.kernel)}"; add one to the rule table`);
  }
  const partials = rule({ dy, inputs: entry.inputs, attrs: entry.attrs, output: entry.output, needs }) as Record<
    string,
    Tensor | readonly Tensor[] | undefined
  >;
  const inputs = entry.inputs as unknown as Record<string, Tensor | readonly Tensor[]>;
  const names = inputNames(entry.kernel, inputs);
  for (let n = 0; n < names.length; n++) {
    const name = names[n];
    const partial = partials[name];
    if (partial === undefined) continue;
    const input = inputs[name];
    // Rules may return partials of inputs nothing needs; storing them is harmless, as no entry or leaf reads them.
    if (Array.isArray(input)) {
      for (let i = 0; i < input.length; i++)
        addCotangent(cotangents, input[i] as Tensor, (partial as readonly Tensor[])[i]);
    } else addCotangent(cotangents, input as Tensor, partial as Tensor);
  }
}

function addCotangent(cotangents: Map<number, Tensor>, input: Tensor, partial: Tensor): void {
  const previous = cotangents.get(input.id);
  cotangents.set(input.id, previous === undefined ? partial : add(previous, partial));
}
