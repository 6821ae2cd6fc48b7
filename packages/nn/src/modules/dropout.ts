import { cast, div, mul, ValueError } from '@descent/tensor';
import type { Module } from '../module.js';

/**
 * Inverted dropout (Srivastava et al. 2014): in training, zeroes each element with probability `rate` and scales
 * the survivors by 1/(1 − rate), so evaluation needs no rescaling; in evaluation it is the identity.
 * The mask comes from `ctx.rng`: same generator state, same mask.
 * @see https://jmlr.org/papers/v15/srivastava14a.html
 * @example sequential([dense(10, 10), relu(), dropout(0.5)])
 */
export function dropout(rate: number): Module<null, null> {
  if (!(rate >= 0 && rate < 1)) throw new ValueError(`dropout: rate must be in [0, 1), got ${rate}`);
  return {
    name: `dropout(${rate})`,
    init: () => ({ params: null, state: null }),
    apply: (_params, state, x, ctx) => {
      if (!ctx.training || rate === 0) return { y: x, state };
      if (ctx.rng === undefined) throw new ValueError('dropout: training mode needs ctx.rng (a seeded generator)');
      const keep = cast(ctx.rng.bernoulli(x.shape, { p: 1 - rate, dtype: 'float64' }), x.dtype);
      return { y: div(mul(x, keep), 1 - rate), state };
    },
  };
}
