/**
 * Deep Learning 8.6: approximate second-order methods, with @descent/second-order.
 *
 * 1. Newton's method, conjugate gradients, BFGS, L-BFGS and trust regions on the 10-D Rosenbrock function: what
 *    each costs in iterations, function, gradient and Hessian evaluations, and time (8.6.1-8.6.3).
 * 2. Linear conjugate gradients solve a system with a Hessian in at most n steps, faster when eigenvalues cluster
 *    (8.6.2).
 * 3. L-BFGS trains a model on a full batch (breast cancer, logistic regression) in far fewer gradient evaluations
 *    than first-order methods need (8.6.3).
 */

import { valueAndGrad } from '@descent/autodiff';
import { loadDataset, standardize } from '@descent/data';
import { dense, softmaxCrossEntropy } from '@descent/nn';
import { adam, Optimizer } from '@descent/optim';
import { getProblem } from '@descent/problems';
import { batchObjective, conjugateGradient, methods, minimize } from '@descent/second-order';
import { createRng, linalg, matmul, mul, tensor } from '@descent/tensor';

console.log('8.6  Rosenbrock in 10 dimensions from (−1.2, 1, −1.2, 1, …), to ‖∇f‖∞ ≤ 1e-6');
const rosenbrock = getProblem('rosenbrock', { dimension: 10 });
const start = tensor(
  Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? -1.2 : 1)),
  { dtype: 'float64' },
);
console.log(
  `  ${'method'.padEnd(10)} ${'status'.padEnd(10)} ${'f'.padStart(8)}   iterations   f evals   ∇f evals   Hessians/Hv   time`,
);
for (const method of methods) {
  const began = performance.now();
  const result = minimize(rosenbrock.value, start, { method, gradientTolerance: 1e-6, maxIterations: 5000 });
  const time = `${(performance.now() - began).toFixed(0)} ms`;
  const counts = [result.nit, result.nfev, result.njev, result.nhev].map((count, i) =>
    String(count).padStart([10, 9, 10, 13][i]),
  );
  console.log(
    `  ${method.padEnd(10)} ${result.status.padEnd(10)} ${result.fun.toPrecision(3).padStart(8)} ${counts.join(' ')}   ${time.padStart(6)}`,
  );
}
console.log(
  '  f = 3.99 is the local minimum near (−1, 1, …, 1) that Rosenbrock has from n = 4 on: which minimum a method',
);
console.log('  reaches depends on its path. Newton-type methods take few iterations but pay for curvature (a dense');
console.log('  Hessian or Hessian-vector products per step); BFGS and L-BFGS build curvature from gradients alone.\n');

console.log('8.6.2  Linear conjugate gradients on Hx = b, H 100 × 100 symmetric positive definite');
const rng = createRng(0);
const q = linalg.qr(rng.normal([100, 100], { dtype: 'float64' })).q;
for (const [name, eigenvalues] of [
  ['100 eigenvalues spread over [1, 100]', Array.from({ length: 100 }, (_, i) => 100 ** (i / 99))],
  ['5 distinct eigenvalues, 1 to 100', Array.from({ length: 100 }, (_, i) => 100 ** ((i % 5) / 4))],
] as [string, number[]][]) {
  const h = matmul(mul(q, tensor(eigenvalues, { dtype: 'float64' })), q, { transposeB: true });
  const solved = conjugateGradient(h, rng.normal([100], { dtype: 'float64' }), { tolerance: 1e-10 });
  console.log(
    `  ${name.padEnd(37)} ${solved.status} in ${solved.iterations} iterations (residual ${solved.residualNorm.toExponential(1)})`,
  );
}
console.log(
  '  In exact arithmetic CG needs at most as many steps as H has distinct eigenvalues; with a wide spread the',
);
console.log('  error shrinks by about (√κ − 1)/(√κ + 1) per step, so Newton-CG stops it early (truncated Newton).\n');

console.log(
  '8.6.3  Logistic regression on breast cancer (569 × 30, full batch): cross-entropy after N gradient evaluations',
);
const cancer = await loadDataset('breast-cancer', { dtype: 'float64' });
const data = standardize(cancer).transform(cancer);
const model = dense(30, 2, { dtype: 'float64' });
const { params, state } = model.init(createRng(1));
const loss = (p: typeof params) => softmaxCrossEntropy(model.apply(p, state, data.x, { training: false }).y, data.y);
const lbfgs = minimize(batchObjective(loss, [null]), params, { method: 'lbfgs', maxIterations: 30 });
console.log(`  ${'L-BFGS'.padEnd(14)} ${lbfgs.njev} evaluations: ${lbfgs.fun.toFixed(5)}`);
for (const learningRate of [0.01, 0.1]) {
  const optimizer = new Optimizer(adam(learningRate), params);
  let value = 0;
  for (let k = 0; k < lbfgs.njev; k++) {
    const [f, g] = valueAndGrad(loss)(optimizer.params as typeof params);
    value = f.item();
    optimizer.step(g);
  }
  console.log(`  ${`Adam, ε = ${learningRate}`.padEnd(14)} ${lbfgs.njev} evaluations: ${value.toFixed(5)}`);
}
console.log('  On a deterministic full-batch objective the line search and the curvature pairs pay off; with noisy');
console.log('  minibatch gradients they do not, which is why first-order methods dominate deep learning.');
