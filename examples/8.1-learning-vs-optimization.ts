/**
 * Deep Learning 8.1: how learning differs from pure optimization, on the handwritten digits shipped with
 * @descent/data.
 *
 * 1. The surrogate loss keeps improving after the 0-1 loss it stands for has reached zero (8.1.2).
 * 2. Early stopping watches the validation loss and returns the best parameters, not the last (8.1.2, 7.8).
 * 3. A minibatch gradient estimates the full gradient with an error that shrinks as 1/m in squared norm (8.1.3).
 */
import { valueAndGrad } from '@descent/autodiff';
import { loadDataset, split, standardize } from '@descent/data';
import { earlyStopping, evaluate, type Strategy, train } from '@descent/meta';
import { mlp, softmaxCrossEntropy, type Tree } from '@descent/nn';
import { adam } from '@descent/optim';
import { createRng, gather, square, sub, sum, tensor, tree } from '@descent/tensor';

const digits = await loadDataset('digits');
const parts = split(digits, { fractions: { validation: 0.2, test: 0.2 }, rng: 0, stratified: true });
const { transform } = standardize(parts.train);
const [trainSet, validationSet, testSet] = [transform(parts.train), transform(parts.validation), transform(parts.test)];
const model = mlp([64, 64, 10], { activation: 'tanh' });
const { state } = model.init(createRng(0)); // an MLP's state is empty; batch norm would keep running statistics here

console.log('8.1.2  Surrogate loss versus 0-1 loss (MLP 64-64-10 on 1078 training digits, Adam 1e-3)');
console.log('  epoch   cross-entropy (train)   0-1 loss (train)');
/** A strategy that only watches: evaluates the surrogate and the 0-1 loss on the training set after each epoch. */
const watchTraining: Strategy = {
  name: 'watchTraining',
  afterEpoch({ epoch, params }) {
    const { loss, accuracy = 0 } = evaluate(model, params, state, softmaxCrossEntropy, trainSet);
    if ([1, 5, 10, 20, 30, 40].includes(epoch)) {
      console.log(
        `  ${String(epoch).padStart(5)}   ${loss.toFixed(5).padStart(21)}   ${(1 - accuracy).toFixed(4).padStart(16)}`,
      );
    }
    return undefined;
  },
};
await train({
  model,
  loss: softmaxCrossEntropy,
  optimizer: adam(1e-3),
  data: { train: trainSet },
  epochs: 40,
  rng: 1,
  strategies: [watchTraining],
});
console.log('  The 0-1 loss reaches 0 long before the cross-entropy stops falling: the surrogate keeps pushing the');
console.log('  classes apart (larger margins), which is why it can still be worth optimizing.\n');

console.log(
  '8.1.2  Early stopping on the validation loss (300 training digits, 20% of their labels replaced at random)',
);
const noisy = createRng(5);
const labels = Int32Array.from(trainSet.y.dataSync()).slice(0, 300);
for (let i = 0; i < labels.length; i++) if (noisy.nextFloat() < 0.2) labels[i] = noisy.nextInt(0, 10);
const small = { x: trainSet.x.slice([0, 0], [300, 64]), y: tensor(labels, { dtype: 'int32' }) };
const wide = mlp([64, 128, 10]);
const trainNoisy = (strategies: Strategy[]) =>
  train({
    model: wide,
    loss: softmaxCrossEntropy,
    optimizer: adam(1e-2),
    data: { train: small, validation: validationSet },
    epochs: 60,
    rng: 2,
    strategies,
  });
const stopper = earlyStopping({ monitor: 'validationLoss', patience: 10 });
const stopped = await trainNoisy([stopper]);
const unstopped = await trainNoisy([]);
const onTest = (params: Tree) => evaluate(wide, params, stopped.state, softmaxCrossEntropy, testSet);
const [best, last] = [onTest(stopped.params), onTest(unstopped.params)];
console.log(
  `  validation loss lowest at epoch ${stopper.bestEpoch()}; early stopping ended the run at epoch ${stopped.stopped.epoch}`,
);
console.log(
  `  test loss ${best.loss.toFixed(3)}, accuracy ${best.accuracy?.toFixed(3)}: the parameters early stopping returned`,
);
console.log(
  `  test loss ${last.loss.toFixed(3)}, accuracy ${last.accuracy?.toFixed(3)}: the parameters after all 60 epochs`,
);
console.log(
  '  Later epochs memorize the wrong labels: the training loss still falls while held-out data gets worse.\n',
);

console.log('8.1.3  Minibatch gradients: the squared error of the estimate falls as 1/m (the standard error σ/√m)');
const { params } = model.init(createRng(3));
const n = trainSet.x.shape[0];
const gradientOn = (indices: Int32Array) => {
  const index = tensor(indices, { dtype: 'int32' });
  const [x, y] = [gather(trainSet.x, index), gather(trainSet.y, index)];
  return valueAndGrad((p: typeof params) => softmaxCrossEntropy(model.apply(p, state, x, { training: true }).y, y))(
    params,
  )[1];
};
const flat = (g: Tree) => tree.flatten(g).leaves;
const full = flat(gradientOn(Int32Array.from({ length: n }, (_, i) => i)));
const squaredError = (g: Tree) => flat(g).reduce((total, leaf, i) => total + sum(square(sub(leaf, full[i]))).item(), 0);
const rng = createRng(4);
console.log('      m   E‖g_m − g‖²   × m·(n−1)/(n−m)  (constant when the error is σ²/m, sampling without replacement)');
for (const m of [1, 4, 16, 64, 256]) {
  const draws = 100;
  let total = 0;
  for (let d = 0; d < draws; d++) total += squaredError(gradientOn(rng.permutationIndices(n).slice(0, m)));
  const error = total / draws;
  console.log(
    `  ${String(m).padStart(5)}   ${error.toExponential(3).padStart(11)}   ${((error * m * (n - 1)) / (n - m)).toExponential(3).padStart(15)}`,
  );
}
console.log('  Quadrupling the batch halves the error of the estimate but quadruples its cost: small batches make');
console.log('  faster progress per example, as long as the hardware is kept busy.');
