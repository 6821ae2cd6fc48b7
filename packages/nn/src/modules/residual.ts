import { add, shapesEqual, ValueError } from '@descent/tensor';
import type { Module, Tree } from '../module.js';

/**
 * y = x + f(x): a skip connection around `inner`, which must keep the shape. Deep Learning 8.7.5: models designed
 * to be easy to optimize — the identity path gives gradients a short route to early layers.
 * @see He et al. 2016, "Deep Residual Learning", https://arxiv.org/abs/1512.03385
 * @example residual(sequential([dense(32, 32), relu(), dense(32, 32)]))
 */
export function residual<P extends Tree, S extends Tree>(inner: Module<P, S>): Module<P, S> {
  return {
    name: `residual(${inner.name})`,
    init: (rng) => inner.init(rng),
    apply: (params, state, x, ctx) => {
      const out = inner.apply(params, state, x, ctx);
      if (!shapesEqual(out.y.shape, x.shape)) {
        throw new ValueError(`residual: ${inner.name} changed the shape from [${x.shape}] to [${out.y.shape}]`);
      }
      return { y: add(x, out.y), state: out.state };
    },
  };
}
