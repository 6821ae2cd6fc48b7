/**
 * Deep Learning 8.3: SGD, momentum and Nesterov momentum (Algorithms 8.1-8.3), with @descent/optim's `sgd`.
 *
 * 1. On a quadratic with condition number κ, gradient descent needs O(κ) steps per digit of accuracy, momentum
 *    O(√κ): the heavy ball keeps its speed along flat directions and cancels the oscillation across steep ones.
 * 2. Minibatch SGD needs a decaying learning rate to converge (eq. 8.14): with a constant one the iterates keep
 *    jittering at the level of the gradient noise.
 */
import { grad } from '@descent/autodiff';
import { train } from '@descent/meta';
import { dense, mse } from '@descent/nn';
import { linearSchedule, Optimizer, type ScalarOrSchedule, type SgdOptions, sgd } from '@descent/optim';
import { getProblem } from '@descent/problems';
import { concat, createRng, linalg, matmul, mean, ones, square, sub, type Tensor } from '@descent/tensor';

/** Steps until f falls below 1e-10·f(x₀) on a 20-D quadratic with Hessian eigenvalues from 1 to κ. */
function stepsToConverge(kappa: number, method: (kappa: number) => [number, SgdOptions]): number {
  const quadratic = getProblem('quadratic', { dimension: 20, conditionNumber: kappa, seed: 3 });
  const gradient = grad(quadratic.value);
  const target = 1e-10 * quadratic.value(quadratic.initial()).item();
  const [learningRate, options] = method(kappa);
  const optimizer = new Optimizer(sgd(learningRate, options), quadratic.initial());
  for (let k = 1; k <= 50_000; k++) {
    optimizer.step(gradient(optimizer.params as Tensor));
    if (quadratic.value(optimizer.params as Tensor).item() < target) return k;
  }
  return Number.POSITIVE_INFINITY;
}

const shrink = (kappa: number) => (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1);
const methods: [string, (kappa: number) => [number, SgdOptions]][] = [
  ['gradient descent, ε = 1/λmax', (kappa) => [1 / kappa, {}]],
  ['gradient descent, ε = 2/(λmin + λmax)', (kappa) => [2 / (1 + kappa), {}]],
  ['momentum 0.9, ε = 1/λmax', (kappa) => [1 / kappa, { momentum: 0.9 }]],
  ['heavy ball, optimal α and ε', (kappa) => [4 / (Math.sqrt(kappa) + 1) ** 2, { momentum: shrink(kappa) ** 2 }]],
  ['Nesterov, α = (√κ − 1)/(√κ + 1), ε = 1/λmax', (kappa) => [1 / kappa, { momentum: shrink(kappa), nesterov: true }]],
];
console.log('8.3  Steps to reduce f by 10¹⁰ on a 20-D quadratic with Hessian eigenvalues from 1 to κ');
console.log(`  ${'method'.padEnd(46)} κ = 100   κ = 1000`);
for (const [name, method] of methods) {
  console.log(
    `  ${name.padEnd(46)} ${[100, 1000].map((kappa) => String(stepsToConverge(kappa, method)).padStart(7)).join('   ')}`,
  );
}
console.log('  10x the condition number costs gradient descent 10x the steps and tuned momentum about 3x (√10).\n');

console.log('8.3.1  Minibatch SGD (batch 10) on least squares with noise: 1000 samples, 10 features, noise σ = 1');
const rng = createRng(0);
const x = rng.normal([1000, 10]);
const y = matmul(x, rng.normal([10, 1]))
  .add(rng.normal([1000, 1]))
  .reshape([1000]);
// The oracle: the least-squares optimum by the normal equations (with a column of ones for the bias).
const design = concat([x, ones([1000, 1])], 1);
const solution = linalg.solve(
  matmul(design, design, { transposeA: true }),
  matmul(design, y.reshape([1000, 1]), { transposeA: true }),
);
const optimum = mean(square(sub(matmul(design, solution).reshape([1000]), y))).item();
const loss = (output: Tensor, targets: Tensor) => mse(output.reshape([targets.shape[0]]), targets);
const schedules: [string, ScalarOrSchedule][] = [
  ['constant ε = 0.05', 0.05],
  ['constant ε = 0.005', 0.005],
  [
    'ε from 0.05 to 0.0005 over 20 epochs (eq. 8.14)',
    linearSchedule({ initValue: 0.05, endValue: 0.0005, transitionSteps: 2000 }),
  ],
];
console.log(`  ${'learning rate'.padEnd(50)} excess loss f − f* after epochs 2, 5, 10, 20`);
for (const [name, learningRate] of schedules) {
  const excess: number[] = [];
  await train({
    model: dense(10, 1),
    loss,
    optimizer: sgd(learningRate),
    data: { train: { x, y }, validation: { x, y } }, // "validation" on the training set: the full-batch loss
    epochs: 20,
    batchSize: 10,
    rng: 1,
    onEvent: (event) => {
      if (event.type === 'evaluation' && [2, 5, 10, 20].includes(event.epoch)) excess.push(event.loss - optimum);
    },
  });
  console.log(`  ${name.padEnd(50)} ${excess.map((value) => value.toExponential(1).padStart(8)).join(' ')}`);
}
console.log('  A large constant rate gets close fast, then jitters at a level proportional to ε; a small one starts');
console.log('  slowly; decaying the rate ends lowest (convergence needs Σε = ∞ and Σε² < ∞, eq. 8.12-8.13).');
