import type { Rng, Tensor, tree } from '@descent/tensor';

/**
 * Parameters and state of a module: tensors nested in plain objects and arrays, `null` for an empty node
 * (`@descent/tensor`'s `tree.Tree`).
 */
export type Tree = tree.Tree;

/** How a module runs: training mode (batch statistics, dropout on) or evaluation, and the generator dropout uses. */
export interface ApplyContext {
  /** True while training: batch statistics in normalization layers, dropout active. False for evaluation. */
  readonly training: boolean;
  /** Required by stochastic modules (dropout) in training mode. Split it per step for reproducible runs. */
  readonly rng?: Rng;
}

/** What `init` returns: learnable parameters, and state that is updated by running the module (running means). */
export interface Initialized<P extends Tree, S extends Tree> {
  readonly params: P;
  readonly state: S;
}

/**
 * A module is a pair of pure functions. Parameters and state are explicit trees, so the loss is an ordinary
 * function of the parameters and `valueAndGrad` differentiates it directly.
 */
export interface Module<P extends Tree = Tree, S extends Tree = Tree> {
  /** A short description, e.g. `dense(784→128)`, for summaries and error messages. */
  readonly name: string;
  /** Creates fresh parameters and state, drawing any randomness (weight initialization) from `rng`. */
  init(rng: Rng): Initialized<P, S>;
  /**
   * Runs the module on a batch `x`: returns the output `y` and the next state (unchanged for modules without
   * running statistics). Pure: neither `params` nor `state` is modified.
   */
  apply(params: P, state: S, x: Tensor, ctx: ApplyContext): { readonly y: Tensor; readonly state: S };
}

/** A module of any parameter and state types, for containers such as `sequential`. */
// biome-ignore lint/suspicious/noExplicitAny: a module's types appear in both argument and result positions (invariant), so containers must accept any.
export type AnyModule = Module<any, any>;

/** A module without parameters or state: an activation function. */
export function stateless(name: string, fn: (x: Tensor) => Tensor): Module<null, null> {
  return {
    name,
    init: () => ({ params: null, state: null }),
    apply: (_params, state, x) => ({ y: fn(x), state }),
  };
}
