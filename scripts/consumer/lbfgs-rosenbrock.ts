// Consumer 2: adds @descent/second-order and minimizes Rosenbrock with L-BFGS.
import { minimize } from '@descent/second-order';
import { add, mul, slice, square, sub, sum, type Tensor, tensor } from '@descent/tensor';

const rosenbrock = (p: Tensor): Tensor => {
  const x = slice(p, [0], [1]);
  const y = slice(p, [1], [1]);
  return sum(add(square(sub(1, x)), mul(100, square(sub(y, square(x))))));
};

const result = minimize(rosenbrock, tensor([-1.2, 1], { dtype: 'float64' }), { method: 'lbfgs' });
console.log(
  JSON.stringify({ consumer: 'lbfgs', fun: result.fun, nit: result.nit, nfev: result.nfev, success: result.success }),
);
if (!result.success || !(result.fun < 1e-10)) throw new Error(`L-BFGS did not converge: ${result.message}`);
