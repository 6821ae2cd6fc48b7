import type { Tensor } from '@descent/tensor';
import type { Tree } from './differentiate.js';
import { grad } from './grad.js';
import { assertSameTree, innerProduct } from './tree-checks.js';

/**
 * The Hessian-vector product H(x)·v of scalar `f`, exact (reverse over reverse: the gradient of ⟨∇f(x), v⟩),
 * never a finite difference. Costs a small constant times one gradient, whatever the dimension: this is what
 * Newton-CG and Lanczos curvature estimates are built on.
 * @see Pearlmutter 1994, "Fast exact multiplication by the Hessian", https://doi.org/10.1162/neco.1994.6.1.147
 * @example hvp((x) => sum(pow(x, 3)))(x, v) // → 6·x·v
 */
export function hvp<P extends Tree>(f: (x: P) => Tensor): (x: P, v: P) => P {
  const gradient = grad(f);
  return (x, v) => {
    assertSameTree('hvp', x, v, 'the vector v');
    return grad((y: P) => innerProduct(gradient(y), v))(x);
  };
}
