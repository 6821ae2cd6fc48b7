import { Tensor, tidy, ValueError } from '@descent/tensor';
import { applyUpdates } from './apply-updates.js';
import { flattenUpdates, matchLeaves } from './internal/tree.js';
import { describe } from './internal/validate.js';
import { type JsonValue, stateFromJSON, stateToJSON } from './serialize.js';
import type { GradientTransformation, ParamTree } from './types.js';

/** What {@link Optimizer.toJSON} writes: the parameters and the state, tensors with dtype, shape and values. */
export interface OptimizerJSON {
  readonly format: 'descent-optimizer';
  readonly version: 1;
  /** Steps taken before saving. */
  readonly steps: number;
  readonly params: JsonValue;
  readonly state: JsonValue;
}

function tensorsOf(value: unknown, into: Set<Tensor>): Set<Tensor> {
  if (value instanceof Tensor) into.add(value);
  else if (Array.isArray(value)) for (const item of value) tensorsOf(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) tensorsOf(item, into);
  return into;
}

/** Frees the tensors of `old` that `next` no longer holds. */
function disposeReplaced(old: unknown, next: unknown, keep: ReadonlySet<Tensor> = new Set()): void {
  const live = tensorsOf(next, new Set());
  for (const t of tensorsOf(old, new Set())) if (!live.has(t) && !keep.has(t)) t.dispose();
}

/** The first place where `actual` does not have the layout of `expected` (kinds, keys, tensor dtypes and shapes). */
function layoutDifference(expected: unknown, actual: unknown, at: string): string | undefined {
  const where = at || 'the state';
  if (expected instanceof Tensor) {
    if (!(actual instanceof Tensor)) return `${where} should be a tensor, got ${describe(actual)}`;
    const same =
      expected.dtype === actual.dtype &&
      expected.shape.length === actual.shape.length &&
      expected.shape.every((d, i) => d === actual.shape[i]);
    return same
      ? undefined
      : `${where} should be ${expected.dtype} [${expected.shape}], got ${actual.dtype} [${actual.shape}]`;
  }
  if (typeof expected === 'string') {
    return expected === actual ? undefined : `${where} should be ${JSON.stringify(expected)}, got ${describe(actual)}`;
  }
  if (typeof expected === 'number' || typeof expected === 'boolean') {
    return typeof actual === typeof expected
      ? undefined
      : `${where} should be a ${typeof expected}, got ${describe(actual)}`;
  }
  if (expected === null) return actual === null ? undefined : `${where} should be null, got ${describe(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${where} should be an array of length ${expected.length}, got ${describe(actual)}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const found = layoutDifference(expected[i], actual[i], `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual) || actual instanceof Tensor) {
      return `${where} should be an object, got ${describe(actual)}`;
    }
    const expectedKind = (expected as { kind?: unknown }).kind;
    const actualKind = (actual as { kind?: unknown }).kind;
    if (typeof expectedKind === 'string' && expectedKind !== actualKind) {
      return `${where} is the state of ${describe(actualKind)}, expected the state of ${JSON.stringify(expectedKind)}`;
    }
    const keys = Object.keys(expected).sort();
    const got = Object.keys(actual).sort();
    if (keys.join() !== got.join()) return `${where} should have keys [${keys}], got [${got}]`;
    for (const key of keys) {
      const found = layoutDifference(
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        at ? `${at}.${key}` : key,
      );
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A thin stateful wrapper over a pure {@link GradientTransformation}, for loops that want `step(grads)` (PyTorch's
 * `optimizer.step()`, functional inside). It holds the current parameters and state:
 * `[u, s] = transformation.update(grads, s, θ)`, `θ ← θ + u`.
 *
 * Memory: `step` runs in a `tidy` scope, so intermediates are freed at once, and it frees the state it replaces and
 * the parameters returned by the previous `step` (GPU textures are not garbage-collected). The parameters you pass
 * to the constructor, and the gradients you pass to `step`, are never freed. Copy a returned tree before the next
 * `step` if you need to keep it.
 * @see PyTorch `torch.optim.Optimizer.step` and `state_dict`, https://pytorch.org/docs/stable/optim.html
 * @example
 * import { grad } from '@descent/autodiff';
 * import { adam, Optimizer } from '@descent/optim';
 * import { square, sum, sub, tensor } from '@descent/tensor';
 * const loss = (p: { x: ReturnType<typeof tensor> }) => sum(square(sub(p.x, 3)));
 * const optimizer = new Optimizer(adam(0.1), { x: tensor([0, 0]) });
 * for (let i = 0; i < 200; i++) optimizer.step(grad(loss)(optimizer.params));
 * const saved = JSON.stringify(optimizer); // resume later with Optimizer.fromJSON(JSON.parse(saved), adam(0.1))
 */
export class Optimizer<P extends ParamTree = ParamTree, S = unknown> {
  readonly transformation: GradientTransformation<S>;
  #params: P;
  #state: S;
  /** The constructor's parameters belong to the caller; later ones were made by `step` and are ours to free. */
  #ownsParams = false;
  #steps = 0;

  constructor(transformation: GradientTransformation<S>, params: P) {
    if (transformation === null || typeof transformation !== 'object' || typeof transformation.update !== 'function') {
      throw new ValueError(`Optimizer: expected a gradient transformation, got ${describe(transformation)}`);
    }
    flattenUpdates('Optimizer', params, 'params');
    this.transformation = transformation;
    this.#params = params;
    this.#state = tidy(() => transformation.init(params));
  }

  /** The current parameters. */
  get params(): P {
    return this.#params;
  }

  /** The current state of the transformation. */
  get state(): S {
    return this.#state;
  }

  /** How many steps were taken (kept across `toJSON`/`fromJSON`). */
  get steps(): number {
    return this.#steps;
  }

  /** Applies one update for `grads` (a tree shaped like the parameters) and returns the new parameters. */
  step(grads: P): P {
    const fn = 'Optimizer.step';
    const flat = flattenUpdates(fn, this.#params, 'params');
    matchLeaves(fn, flat, 'params', grads, 'grads');
    const oldParams = this.#params;
    const oldState = this.#state;
    const next = tidy(() => {
      const [updates, state] = this.transformation.update(grads, oldState, oldParams);
      return { params: applyUpdates(oldParams, updates), state };
    });
    this.#params = next.params;
    this.#state = next.state;
    this.#steps++;
    // Free what the new state and parameters no longer hold; never the caller's gradients or initial parameters.
    const callers = tensorsOf(grads, new Set());
    if (!this.#ownsParams) tensorsOf(oldParams, callers);
    disposeReplaced([oldParams, oldState], [next.params, next.state], callers);
    this.#ownsParams = true;
    return next.params;
  }

  /** The parameters and state as JSON (`JSON.stringify(optimizer)` calls this). Reads tensors synchronously. */
  toJSON(): OptimizerJSON {
    return {
      format: 'descent-optimizer',
      version: 1,
      steps: this.#steps,
      params: stateToJSON(this.#params),
      state: stateToJSON(this.#state),
    };
  }

  /**
   * Restores an optimizer from {@link Optimizer.toJSON} output. Throws a `ValueError` naming the first difference when
   * the state does not fit `transformation` on these parameters: a checkpoint of another optimizer, other options
   * (amsgrad, centered), or another parameter tree.
   */
  static fromJSON<P extends ParamTree = ParamTree, S = unknown>(
    json: unknown,
    transformation: GradientTransformation<S>,
  ): Optimizer<P, S> {
    const fn = 'Optimizer.fromJSON';
    const record = json as Partial<Record<keyof OptimizerJSON, unknown>>;
    if (record === null || typeof record !== 'object' || record.format !== 'descent-optimizer') {
      throw new ValueError(`${fn}: expected the output of Optimizer.toJSON(), got ${describe(json)}`);
    }
    if (record.version !== 1) throw new ValueError(`${fn}: unsupported version ${describe(record.version)}`);
    const params = stateFromJSON(record.params) as P;
    flattenUpdates(fn, params, 'params');
    const state = stateFromJSON(record.state) as S;
    const optimizer = new Optimizer<P, S>(transformation, params);
    const difference = layoutDifference(optimizer.#state, state, 'state');
    disposeReplaced(optimizer.#state, null);
    if (difference !== undefined) {
      disposeReplaced([params, state], null);
      throw new ValueError(
        `${fn}: the saved state does not fit this transformation and these parameters: ${difference}; ` +
          'was it saved from another optimizer, with other options, or for other parameters?',
      );
    }
    optimizer.#state = state;
    optimizer.#ownsParams = true;
    optimizer.#steps = typeof record.steps === 'number' ? record.steps : 0;
    return optimizer;
  }

  /** Frees the state, and the parameters unless they are still the ones passed to the constructor. */
  dispose(): void {
    disposeReplaced(this.#state, null);
    if (this.#ownsParams) disposeReplaced(this.#params, null);
  }
}
