// Consumer 1: only @descent/tensor, @descent/autodiff and @descent/optim, installed from their tarballs.
import { valueAndGrad } from '@descent/autodiff';
import { adam, applyUpdates } from '@descent/optim';
import { add, mul, slice, square, sub, sum, type Tensor, tensor } from '@descent/tensor';

const rosenbrock = (p: Tensor): Tensor => {
  const x = slice(p, [0], [1]);
  const y = slice(p, [1], [1]);
  return sum(add(square(sub(1, x)), mul(100, square(sub(y, square(x))))));
};

const optimizer = adam(0.02);
let params: Tensor = tensor([-1.2, 1], { dtype: 'float64' });
let state = optimizer.init(params);
const step = valueAndGrad(rosenbrock);
let loss = Number.POSITIVE_INFINITY;
for (let i = 0; i < 5000; i++) {
  const [value, grads] = step(params);
  loss = value.item();
  const [updates, next] = optimizer.update(grads, state, params);
  params = applyUpdates(params, updates);
  state = next;
}
const [x, y] = Array.from(params.dataSync());
console.log(JSON.stringify({ consumer: 'adam', loss, x, y }));
if (!(loss < 1e-4)) throw new Error(`Adam did not converge: loss ${loss}`);
