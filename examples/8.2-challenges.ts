/**
 * Deep Learning 8.2: challenges in neural network optimization, on the analytic problems of @descent/problems.
 *
 * 1. Ill-conditioning (8.2.1): the curvature along the gradient limits the step, so gradient descent crawls along
 *    flat directions; `curvature` measures it from Hessian-vector products.
 * 2. Saddle points (8.2.3): Newton's method is attracted to them, saddle-free Newton (|H|) escapes.
 * 3. Cliffs (8.2.4): one gradient step off a cliff throws the iterate far away; clipping the gradient norm does not.
 */
import { grad } from '@descent/autodiff';
import { chain, clipByGlobalNorm, type GradientTransformation, Optimizer, sgd } from '@descent/optim';
import { getProblem, problems } from '@descent/problems';
import { curvature, minimize } from '@descent/second-order';
import { linalg, sub, type Tensor, tensor } from '@descent/tensor';

const format = (values: ArrayLike<number>) => `(${Array.from(values, (v) => v.toFixed(3)).join(', ')})`;

console.log('8.2.1  Ill-conditioning: a 10-D quadratic with Hessian eigenvalues from 1 to 1000');
const quadratic = getProblem('quadratic', { dimension: 10, conditionNumber: 1000, seed: 1 });
const x0 = quadratic.initial();
const report = curvature(quadratic.value, x0);
console.log(
  `  curvature at the start: λmin ${report.minEigenvalue.toFixed(3)}, λmax ${report.maxEigenvalue.toFixed(1)}, κ ${report.conditionNumber.toFixed(0)} (${report.lanczosSteps} Lanczos steps, exact: ${report.exact})`,
);
console.log(
  `  along the gradient: gᵀHg/gᵀg = ${report.gradientCurvature.toFixed(1)}, best step gᵀg/gᵀHg = ${report.optimalStep.toExponential(2)}`,
);
console.log(
  '  A step ε changes f by about −ε·gᵀg + ½ε²·gᵀHg: beyond 2/λmax gradient descent diverges, and below it the',
);
console.log('  error along the flattest direction shrinks by only (1 − ε·λmin) per step.');
const gradient = grad(quadratic.value);
const f0 = quadratic.value(x0).item();
console.log('    step ε        f after 100 steps   f after 1000 steps');
for (const factor of [0.5, 1, 1.9, 2.05]) {
  const epsilon = factor / report.maxEigenvalue;
  let x = x0;
  const values: number[] = [];
  for (let k = 1; k <= 1000; k++) {
    x = sub(x, gradient(x).mul(epsilon));
    if (k === 100 || k === 1000) values.push(quadratic.value(x).item() / f0);
  }
  console.log(
    `    ${`${factor}/λmax`.padEnd(10)}   ${values.map((v) => v.toExponential(2).padStart(18)).join(' ')}   (relative to f(x₀))`,
  );
}
for (const method of ['newton', 'newton-cg'] as const) {
  const result = minimize(quadratic.value, x0, { method, gradientTolerance: 1e-8 });
  console.log(
    `  ${method.padEnd(9)} reaches f = ${result.fun.toExponential(1)} in ${result.nit} iteration(s), ${result.nhev} Hessian evaluations`,
  );
}
console.log('  Second-order methods rescale each direction by its curvature, which undoes κ (8.6).\n');

console.log('8.2.3  Saddle points: f(x, y) = x² − y², started at (1, 0.1)');
const saddle = problems.saddle;
const describe = (name: string, x: Tensor, how: string) => {
  const gradientNorm = linalg.norm(grad(saddle.value)(x)).item();
  console.log(
    `  ${name.padEnd(19)} ${how.padEnd(28)} ends at ${format(x.dataSync())}, f = ${saddle.value(x).item().toFixed(3).padStart(7)}, ‖∇f‖ = ${gradientNorm.toFixed(3)}`,
  );
};
const newton = minimize(saddle.value, saddle.initial(), { method: 'newton', maxIterations: 10 });
describe('Newton', newton.x as Tensor, `(${newton.status}, ${newton.nit} iteration)`);
const saddleFree = minimize(saddle.value, saddle.initial(), { method: 'newton', saddleFree: true, maxIterations: 5 });
describe('saddle-free Newton', saddleFree.x as Tensor, '(5 iterations)');
let x = saddle.initial();
for (let k = 0; k < 10; k++) x = sub(x, grad(saddle.value)(x).mul(0.1));
describe('gradient descent', x, '(10 steps of ε = 0.1)');
console.log(
  `  Newton's end point has a zero gradient and an ${curvature(saddle.value, newton.x as Tensor).definiteness} Hessian: a saddle.`,
);
console.log('  Newton solves ∇f = 0 and lands on the saddle; |H| turns the negative curvature into a way down.\n');

console.log(
  '8.2.4  Cliffs: a bowl at (2, 0) at the foot of a wall with slope up to 250, SGD with ε = 0.1 for 100 steps',
);
const cliff = problems.cliff;
const minimum = tensor(cliff.minima[0].x, { dtype: 'float64' });
for (const [name, transformation] of [
  ['plain SGD', sgd(0.1)],
  ['SGD, clipped to ‖g‖ ≤ 1', chain(clipByGlobalNorm(1), sgd(0.1))],
] as [string, GradientTransformation][]) {
  const optimizer = new Optimizer(transformation, cliff.initial());
  let longest = 0;
  for (let k = 0; k < 100; k++) {
    const before = tensor((optimizer.params as Tensor).dataSync(), { dtype: 'float64' }); // step() frees the old params
    const after = optimizer.step(grad(cliff.value)(optimizer.params as Tensor)) as Tensor;
    longest = Math.max(longest, linalg.norm(sub(after, before)).item());
  }
  const end = optimizer.params as Tensor;
  const distance = linalg.norm(sub(end, minimum)).item();
  console.log(
    `  ${name.padEnd(24)} longest step ${longest.toFixed(2).padStart(6)}, ends ${distance.toExponential(1)} from the minimum`,
  );
}
console.log(
  '  At the edge one unclipped step is thrown 23 units, far past the bowl (here it happens to fall back in);',
);
console.log('  clipping keeps the direction and bounds the step, so the iterate walks down the wall.');
