import { reshape, stack, type Tensor, tensor, ValueError } from '@descent/tensor';
import { grad } from './grad.js';
import { vjp } from './vjp.js';

function assertTensorInput(fn: string, x: Tensor): void {
  if (x === null || typeof x !== 'object' || !('shape' in x)) {
    throw new ValueError(`${fn}: x must be a single tensor (flatten a tree first)`);
  }
}

/**
 * The Jacobian of `f` at `x`, shape `[...f(x).shape, ...x.shape]`: one reverse sweep per output element, all
 * sharing one forward pass.
 * @example jacobian((x) => mul(x, x))(tensor([1, 2])) // → [[2, 0], [0, 4]]
 */
export function jacobian(f: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  return (x) => {
    assertTensorInput('jacobian', x);
    const [y, pullback] = vjp(f, x);
    const rows: Tensor[] = [];
    const basis = new (y.dtype === 'float64' ? Float64Array : Float32Array)(y.size);
    for (let i = 0; i < y.size; i++) {
      basis.fill(0);
      basis[i] = 1;
      rows.push(pullback(tensor(basis, { shape: y.shape, dtype: y.dtype })));
    }
    const flat = rows.length === 0 ? tensor([], { dtype: x.dtype }) : stack(rows);
    return reshape(flat, [...y.shape, ...x.shape]);
  };
}

/**
 * The Hessian of scalar `f` at `x`, shape `[...x.shape, ...x.shape]`: the Jacobian of the gradient, exact.
 * For large x prefer `hvp`, which never forms the matrix.
 * @example hessian((x) => sum(pow(x, 3)))(tensor([1, 2])) // → [[6, 0], [0, 12]]
 */
export function hessian(f: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  return (x) => {
    assertTensorInput('hessian', x);
    return jacobian(grad(f))(x);
  };
}
