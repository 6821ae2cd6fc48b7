import type { Tensor, tree } from '@descent/tensor';

/** Parameters, gradients and updates: tensors nested in plain objects and arrays (`null` is an empty node). */
export type ParamTree = tree.Tree<Tensor>;

/** What a transformation receives and returns: a tree with the structure of the parameters. */
export type Updates = ParamTree;

/**
 * A learning-rate (or other hyperparameter) schedule: a pure function of the 0-based step. The first update uses
 * `schedule(0)`, as in optax and PyTorch's LR schedulers; the book's ε_k with k = 0, 1, ….
 */
export type Schedule = (step: number) => number;

/** A constant or a {@link Schedule}: accepted wherever a learning rate is. */
export type ScalarOrSchedule = number | Schedule;

/**
 * A pair of pure functions (optax's `GradientTransformation`). All optimizer memory lives in the explicit state `S`:
 * plain objects, arrays, numbers, strings and tensors, so that `stateToJSON` can write it and `stateFromJSON` read it.
 * Neither function frees or changes its inputs.
 *
 * Contract: `const [u, s1] = t.update(grads, t.init(params), params)`; `applyUpdates(params, u)` is the new point.
 * Updates are *added* to the parameters, so descent transformations end with a negative scale.
 */
export interface GradientTransformation<S = unknown> {
  /** The state before the first step, for parameters shaped like `params` (zeros for moments, 0 for counters). */
  init(params: ParamTree): S;
  /**
   * Transforms one step's updates (the gradients, for the first link of a chain) and returns them with the next
   * state. `params` are the current parameters; transformations that read them (weight decay) throw without them.
   */
  update(updates: Updates, state: S, params?: ParamTree): readonly [Updates, S];
}

/** The state type of a transformation. */
export type StateOf<T> = T extends GradientTransformation<infer S> ? S : never;
