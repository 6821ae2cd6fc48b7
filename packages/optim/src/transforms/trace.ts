import { add, mul, tidy, ValueError } from '@descent/tensor';
import { assertState } from '../internal/state.js';
import { flattenUpdates, matchLeaves, rebuild } from '../internal/tree.js';
import { zerosTree } from '../internal/tree-fill.js';
import { boolean, closedUnitInterval, options, unitInterval } from '../internal/validate.js';
import type { GradientTransformation, ParamTree } from '../types.js';

/**
 * Options of {@link trace}: the momentum coefficient is required; the rest default to `torch.optim.SGD`'s (no
 * Nesterov, no dampening).
 */
export interface TraceOptions {
  /** The momentum coefficient α (PyTorch `momentum`, optax `decay`). Required, in [0, 1). */
  readonly decay: number;
  /** Return u + α·t (Nesterov momentum, as PyTorch and optax write it) instead of t. Default false. */
  readonly nesterov?: boolean;
  /** PyTorch's `dampening` d: t ← α·t + (1 − d)·u after the first step. Default 0; Nesterov needs 0. */
  readonly dampening?: number;
}

/** The state of {@link trace}: the step count and the momentum buffer, shaped like the parameters. */
export interface TraceState {
  readonly kind: 'trace';
  /** Steps taken; the first step copies the update into the buffer undamped. */
  readonly count: number;
  /** The momentum buffer t (PyTorch `momentum_buffer`). */
  readonly trace: ParamTree;
}

/**
 * Momentum: accumulates a trace of past updates, exactly as `torch.optim.SGD` keeps its momentum buffer.
 *
 * t₁ = u₁;  t_k = α·t_{k−1} + (1 − d)·u_k;  output t_k, or with `nesterov` u_k + α·t_k.
 *
 * Differs from optax's `trace` only on the first step with dampening (PyTorch starts the buffer at u₁, undamped).
 * Placed before `scaleByLearningRate` (PyTorch) the learning rate stays outside the velocity; placed after it
 * (the book's Algorithms 8.2 and 8.3), the trace is the book's velocity v ← αv − εg, and with `nesterov` the
 * parameters are the book's look-ahead point θ + αv, where the next gradient is taken. With a constant learning rate
 * both orders give the same iterates.
 * @see Polyak 1964; Sutskever, Martens, Dahl & Hinton 2013, http://proceedings.mlr.press/v28/sutskever13.html
 * @see Goodfellow, Bengio & Courville 2016, Deep Learning, Algorithms 8.2 and 8.3, https://www.deeplearningbook.org/contents/optimization.html
 * @example
 * import { chain, trace, scaleByLearningRate } from '@descent/optim';
 * const nesterovSgd = chain(trace({ decay: 0.9, nesterov: true }), scaleByLearningRate(0.01));
 */
export function trace(traceOptions: TraceOptions): GradientTransformation<TraceState> {
  const fn = 'trace';
  const given = options(fn, traceOptions);
  const decay = unitInterval(fn, 'decay', given.decay);
  const nesterov = boolean(fn, 'nesterov', given.nesterov ?? false);
  const dampening = closedUnitInterval(fn, 'dampening', given.dampening ?? 0);
  if (nesterov && (decay === 0 || dampening !== 0)) {
    throw new ValueError(`${fn}: Nesterov momentum needs decay > 0 and dampening 0, got ${decay} and ${dampening}`);
  }
  return {
    init: (params) => ({ kind: fn, count: 0, trace: zerosTree(params) }),
    update(updates, state) {
      assertState(fn, state, fn);
      const flat = flattenUpdates(fn, updates);
      const previous = matchLeaves(fn, flat, 'updates', state.trace, 'state.trace');
      return tidy(() => {
        const next = flat.leaves.map((u, i) =>
          // PyTorch's first step copies the update into the buffer (`torch.clone(d_p)`), undamped.
          state.count === 0 ? mul(u, 1) : add(mul(previous[i], decay), dampening === 0 ? u : mul(u, 1 - dampening)),
        );
        const out = nesterov ? flat.leaves.map((u, i) => add(u, mul(next[i], decay))) : next;
        return [rebuild(flat, out), { kind: fn, count: state.count + 1, trace: rebuild(flat, next) }] as const;
      });
    },
  };
}
