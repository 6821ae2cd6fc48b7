/**
 * Deep Learning 8.7: optimization strategies and meta-algorithms, with @descent/norm and @descent/meta.
 *
 * 1. Batch normalization (8.7.1) lets a deep sigmoid network train at all.
 * 2. Coordinate descent (8.7.2) is exact per sweep when variables do not interact and slow when they do.
 * 3. Polyak averaging (8.7.3) removes the jitter of constant-step SGD.
 * 4. Greedy supervised pretraining (8.7.4) trains a deep network one layer at a time, then fine-tunes it.
 * 5. Continuation (8.7.6) follows the minimum of blurred objectives into the best basin.
 * 6. Curriculum learning (8.7.6) starts from the easy examples.
 */
import { loadDataset, split, standardize, synthetic } from '@descent/data';
import {
  continuation,
  coordinateDescent,
  curriculum,
  evaluate,
  greedyPretraining,
  polyakAveraging,
  train,
} from '@descent/meta';
import { dense, mlp, mse, softmaxCrossEntropy } from '@descent/nn';
import { batchNorm } from '@descent/norm';
import { adam, sgd } from '@descent/optim';
import { getProblem } from '@descent/problems';
import {
  add,
  concat,
  createRng,
  linalg,
  matmul,
  mean,
  mul,
  ones,
  pow,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
} from '@descent/tensor';

const parts = split(await loadDataset('digits'), { fractions: { validation: 0.25 }, rng: 0, stratified: true });
const { transform } = standardize(parts.train);
const digits = { train: transform(parts.train), validation: transform(parts.validation) };
const percent = (value: number | undefined) => `${(100 * (value ?? 0)).toFixed(1)}%`;

console.log('8.7.1  Batch normalization: MLP with 6 sigmoid layers of 64 units on the digits, SGD ε = 0.1, batch 32');
for (const [name, normalization] of [
  ['without batch norm', undefined],
  ['with batch norm   ', (features: number) => batchNorm(features)],
] as const) {
  const model = mlp([64, 64, 64, 64, 64, 64, 64, 10], {
    activation: 'sigmoid',
    ...(normalization ? { normalization } : {}),
  });
  const { history } = await train({
    model,
    loss: softmaxCrossEntropy,
    optimizer: sgd(0.1),
    data: digits,
    epochs: 4,
    rng: 1,
  });
  console.log(
    `  ${name}  validation accuracy after epochs 1-4: ${history.map((r) => percent(r.validationAccuracy)).join(', ')}`,
  );
}
console.log('  Without it the gradient reaching the lower layers is tiny (σ′ ≤ 1/4 per layer) and nothing is learned;');
console.log('  normalizing each layer’s inputs fixes their scale, so one learning rate suits every layer.\n');

console.log('8.7.2  Coordinate descent (exact minimization over one coordinate at a time) on 10-D quadratics, κ = 100');
for (const rotation of ['axis-aligned', 'random'] as const) {
  const quadratic = getProblem('quadratic', { dimension: 10, conditionNumber: 100, rotation, seed: 2 });
  const { values } = coordinateDescent(quadratic.value, quadratic.initial(), { sweeps: 20 });
  const relative = [1, 5, 20].map((sweep) => (values[sweep] / values[0]).toExponential(1).padStart(8));
  console.log(`  ${`${rotation} Hessian`.padEnd(22)} f/f(x₀) after 1, 5, 20 sweeps: ${relative.join(' ')}`);
}
console.log(
  '  Separable: one sweep is exact. Coupled: each coordinate step undoes part of the others (Gauss-Seidel).\n',
);

console.log('8.7.3  Polyak averaging: SGD with a constant ε = 0.05, batch 10, on least squares with noise σ = 1');
const rng = createRng(3);
const x = rng.normal([1000, 10]);
const y = matmul(x, rng.normal([10, 1]))
  .add(rng.normal([1000, 1]))
  .reshape([1000]);
const regression = dense(10, 1);
const loss = (output: Tensor, targets: Tensor) => mse(output.reshape([targets.shape[0]]), targets);
const averaged = await train({
  model: regression,
  loss,
  optimizer: sgd(0.05),
  data: { train: { x, y } },
  epochs: 10,
  batchSize: 10,
  rng: 4,
  strategies: [polyakAveraging()],
});
const fullLoss = (params: Parameters<typeof evaluate>[1]) => evaluate(regression, params, null, loss, { x, y }).loss;
// The oracle: the least-squares fit by the normal equations, with a column of ones for the bias.
const design = concat([x, ones([1000, 1])], 1);
const exact = linalg.solve(
  matmul(design, design, { transposeA: true }),
  matmul(design, y.reshape([1000, 1]), { transposeA: true }),
);
const optimum = mean(square(sub(matmul(design, exact).reshape([1000]), y))).item();
console.log(`  last iterate:     f − f* ≈ ${(fullLoss(averaged.lastParams) - optimum).toExponential(1)}`);
console.log(
  `  Polyak average:   f − f* ≈ ${(fullLoss(averaged.params) - optimum).toExponential(1)}  (over all ${averaged.steps} iterates)`,
);
console.log(
  '  The iterates circle the minimum at a distance set by ε and the gradient noise; their mean is much closer.\n',
);

console.log(
  '8.7.4  Greedy supervised pretraining of a 64-32-32-32-10 tanh network on the digits (Adam 1e-3, batch 32)',
);
const pretrained = await greedyPretraining({
  sizes: [64, 32, 32, 32, 10],
  activation: 'tanh',
  loss: softmaxCrossEntropy,
  optimizer: () => adam(1e-3),
  data: digits,
  epochsPerStage: 2,
  fineTuneEpochs: 2,
  rng: 5,
});
const scratch = await train({
  model: mlp([64, 32, 32, 32, 10], { activation: 'tanh' }),
  loss: softmaxCrossEntropy,
  optimizer: adam(1e-3),
  data: digits,
  epochs: 2,
  rng: 5,
});
const stageAccuracy = pretrained.stages.map(({ history }) => percent(history[history.length - 1].validationAccuracy));
console.log(`  after each stage (shallow network on the layers below): ${stageAccuracy.join(', ')}`);
console.log(
  `  fine-tuned for 2 epochs: ${percent(pretrained.fineTune.history.at(-1)?.validationAccuracy)}; the same network trained from scratch for 2 epochs: ${percent(scratch.history.at(-1)?.validationAccuracy)}\n`,
);

console.log('8.7.6  Continuation on f(x) = x⁴ − 4x² + x from x = 2 (minima near −1.47, global, and 1.35, local)');
const f = (point: Tensor) => add(sub(sum(pow(point, 4)), mul(sum(square(point)), 4)), sum(point));
const x0 = tensor([2], { dtype: 'float64' });
// Small steps: the blurred quartic is steep where the noise samples reach far from x.
const plain = continuation(f, x0, { widths: [0], learningRate: 0.01 });
const blurred = continuation(f, x0, { widths: [2, 1, 0.5, 0.25, 0], learningRate: 0.01, rng: 6 });
const value = (point: Tensor) => `x = ${point.item().toFixed(3)}, f = ${f(point).item().toFixed(3)}`;
console.log(`  gradient descent:                  ${value(plain.x)}`);
console.log(
  `  continuation, σ = 2, 1, ½, ¼, 0:   ${value(blurred.x)}  (path ${blurred.path.map((p) => p.item().toFixed(2)).join(' → ')})`,
);
console.log(
  '  The widest blur has a single minimum, on the side of the global one; each level starts from the last.\n',
);

console.log('8.7.6  Curriculum learning on two noisy spirals (difficulty: distance from the centre), MLP 2-32-32-2');
const spiral = split(synthetic('spiral', { n: 600, noise: 0.1, rng: 7 }), { fractions: { validation: 0.3 }, rng: 8 });
const radius = sum(square(spiral.train.x), 1).dataSync();
for (const [name, withCurriculum] of [
  ['all examples from the start', false],
  ['innermost first, all by epoch 20', true],
] as const) {
  const accuracies: number[] = [];
  for (const seed of [1, 2, 3, 4, 5]) {
    const { history } = await train({
      model: mlp([2, 32, 32, 2], { activation: 'tanh' }),
      loss: softmaxCrossEntropy,
      optimizer: adam(3e-2),
      data: { train: spiral.train, validation: spiral.validation },
      epochs: 40,
      rng: seed,
      strategies: withCurriculum ? [curriculum({ difficulty: radius, fullAt: 20 })] : [],
    });
    accuracies.push(history[history.length - 1].validationAccuracy ?? 0);
  }
  const average = accuracies.reduce((total, a) => total + a, 0) / accuracies.length;
  console.log(
    `  ${name.padEnd(33)} validation accuracy after 40 epochs, seeds 1-5: ${accuracies.map(percent).join(', ')}; mean ${percent(average)}`,
  );
}
console.log('  The inner turns are learned first and the outer ones added as the pacing widens. The gain varies from');
console.log(
  '  seed to seed here; Bengio et al. (2009) report faster convergence and better minima on larger problems.',
);
