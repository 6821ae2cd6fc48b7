/**
 * Deep Learning 8.4: parameter initialization strategies. Activation and gradient statistics of a deep network at
 * initialization, for the initializers of @descent/init.
 *
 * A 10-layer MLP of width 128 receives a batch of 128 standard normal inputs. For each initializer we print the
 * root mean square of the activations after layers 1, 5 and 10, for tanh the fraction of saturated units
 * (|h| > 0.99), and the norm of the gradient of a fixed random loss with respect to the first and the last weight
 * matrix: the signal should neither vanish nor explode on the way forward or backward.
 */
import { valueAndGrad } from '@descent/autodiff';
import {
  glorotUniform,
  heNormal,
  type Initializer,
  lecunNormal,
  normal,
  orthogonal,
  sparse,
  zeros,
} from '@descent/init';
import { dense, type Module, relu, sequential, type Tree, tanh } from '@descent/nn';
import { abs, createRng, greater, linalg, mean, mul, sqrt, square, sum, type Tensor } from '@descent/tensor';

const WIDTH = 128;
const DEPTH = 10;
const x = createRng(0).normal([128, WIDTH]);
const direction = createRng(1).normal([128, WIDTH]); // a fixed random loss L = Σ y·r, so gradients are comparable

function inspect(activation: 'tanh' | 'relu', kernelInitializer: Initializer): string {
  const layers: Module[] = [];
  for (let i = 0; i < DEPTH; i++) {
    layers.push(dense(WIDTH, WIDTH, { kernelInitializer, biasInitializer: zeros }) as Module);
    layers.push(activation === 'tanh' ? tanh() : relu());
  }
  const { params, state } = sequential(layers).init(createRng(2));
  // Forward layer by layer, keeping the activations.
  let h = x;
  const stats: string[] = [];
  let unhealthy = 0;
  for (let i = 0; i < layers.length; i++) {
    h = layers[i].apply((params as Tree[])[i], (state as Tree[])[i], h, { training: false }).y;
    const layer = (i + 1) / 2;
    if (i % 2 === 1 && [1, 5, 10].includes(layer)) {
      stats.push(
        sqrt(mean(square(h)))
          .item()
          .toExponential(1)
          .padStart(8),
      );
    }
    if (i === layers.length - 1 && activation === 'tanh')
      unhealthy = mean(greater(abs(h), 0.99).cast('float32')).item();
  }
  const loss = (p: typeof params) => sum(mul(sequential(layers).apply(p, state, x, { training: false }).y, direction));
  const [, grads] = valueAndGrad(loss)(params);
  const weightGradient = (i: number) => linalg.norm(((grads as Tree[])[2 * i] as { w: Tensor }).w).item();
  const gradientNorms = [weightGradient(0), weightGradient(DEPTH - 1)].map((g) => g.toExponential(1).padStart(9));
  const saturated = activation === 'tanh' ? `${(100 * unhealthy).toFixed(0).padStart(8)}%` : '';
  return `${stats.join(' ')}${saturated}   ${gradientNorms.join(' ')}`;
}

const withOptions =
  (init: (shape: readonly number[], options: never) => Tensor, extra: object): Initializer =>
  (shape, options) =>
    init(shape, { ...options, ...extra } as never);

const header = (unit: string) =>
  `  ${'initializer'.padEnd(40)} RMS of h at layer 1, 5, 10${unit}   ‖∂L/∂W₁‖  ‖∂L/∂W₁₀‖`;

console.log('8.4  tanh network, 10 layers of 128 units');
console.log(header('   saturated'));
for (const [name, init] of [
  ['normal, σ = 0.01 (too small)', withOptions(normal, { std: 0.01 })],
  ['normal, σ = 1 (too large)', withOptions(normal, { std: 1 })],
  ['LeCun normal, Var = 1/fanIn', lecunNormal],
  ['Glorot uniform (normalized, eq. 8.23)', glorotUniform],
  ['orthogonal, gain 5/3 (Saxe et al.)', withOptions(orthogonal, { gain: 5 / 3 })],
  ['sparse, 15 non-zeros per unit (Martens)', withOptions(sparse, { k: 15 })],
] as [string, Initializer][]) {
  console.log(`  ${name.padEnd(40)} ${inspect('tanh', init)}`);
}
console.log('  Too small and the signal dies out layer by layer, and the gradients with it; too large and the units');
console.log('  saturate and the gradients explode. Fan-scaled draws keep the gradients steady and let the activations');
console.log('  shrink slowly; tanh needs a gain of about 5/3 to hold them, as the orthogonal row shows.\n');

console.log('8.4  ReLU network, 10 layers of 128 units');
console.log(header(''));
for (const [name, init] of [
  ['LeCun normal, Var = 1/fanIn', lecunNormal],
  ['Glorot uniform', glorotUniform],
  ['He normal, Var = 2/fanIn', heNormal],
  ['orthogonal, gain √2', withOptions(orthogonal, { gain: Math.SQRT2 })],
] as [string, Initializer][]) {
  console.log(`  ${name.padEnd(40)} ${inspect('relu', init)}`);
}
console.log('  A ReLU zeroes half of its inputs, halving the second moment per layer: He initialization doubles the');
console.log('  variance to compensate, and only it (or orthogonal with gain √2) keeps the scale through the stack.');
