/**
 * The built-in demo (the main job until the `descent` CLI exists): ill-conditioning, section 8.2.1.
 *
 * Least squares with features of very different scales has a Hessian H = XᵀX / n whose condition number κ is large.
 * Gradient descent with the largest stable step 1/λmax then shrinks the error along the flattest direction by only
 * (1 − λmin/λmax) per step. We solve the problem exactly with linalg, measure the spectrum with eigh, run gradient
 * descent with gradients from autodiff, and repeat after standardizing the features (κ near 1).
 */
import { valueAndGrad } from '@descent/autodiff';
import { createRng, linalg, matmul, mean, mul, square, sub, type Tensor, tensor } from '@descent/tensor';

const SAMPLES = 400;
const FEATURES = 6;
const STEPS = 2000;
const rng = createRng(2026);

function designMatrix(scales: readonly number[]): Tensor {
  return mul(rng.normal([SAMPLES, FEATURES], { dtype: 'float64' }), tensor(scales, { dtype: 'float64' }));
}

function report(title: string, x: Tensor, y: Tensor): void {
  const hessian = mul(matmul(x, x, { transposeA: true }), 1 / SAMPLES);
  const { values } = linalg.eigh(hessian);
  const spectrum = Array.from(values.dataSync());
  const [lambdaMin, lambdaMax] = [spectrum[0], spectrum[spectrum.length - 1]];
  const exact = linalg.solve(hessian, mul(matmul(x, y, { transposeA: true }), 1 / SAMPLES));
  const loss = (w: Tensor) => mean(square(sub(matmul(x, w), y)));
  const lossAtOptimum = loss(exact).item();
  const step = valueAndGrad(loss);

  console.log(`\n${title}`);
  console.log(`  Hessian eigenvalues: ${spectrum.map((v) => v.toPrecision(3)).join(', ')}`);
  console.log(`  condition number κ = ${(lambdaMax / lambdaMin).toFixed(1)}`);
  console.log('  gradient descent with step 1/(2 λmax): the error along eigenvector i shrinks by 1 − λi/λmax per step');
  console.log('    step   loss − optimum   ‖w − w*‖   bound (1 − λmin/λmax)^k · ‖w₀ − w*‖');
  let w = tensor(new Float64Array(FEATURES), { shape: [FEATURES, 1], dtype: 'float64' });
  const initialDistance = linalg.norm(sub(w, exact)).item();
  const learningRate = 1 / (2 * lambdaMax);
  for (let k = 0; k <= STEPS; k++) {
    const [value, gradient] = step(w);
    if ([0, 10, 100, 500, STEPS].includes(k)) {
      const distance = linalg.norm(sub(w, exact)).item();
      const bound = (1 - lambdaMin / lambdaMax) ** k * initialDistance;
      const gap = Math.max(0, value.item() - lossAtOptimum); // clamp rounding noise below the optimum
      console.log(
        `    ${String(k).padStart(4)}   ${gap.toExponential(3).padStart(14)}   ${distance.toExponential(3)}   ${bound.toExponential(3)}`,
      );
    }
    w = sub(w, mul(gradient, learningRate));
  }
}

const scales = [1, 2, 5, 10, 20, 40];
const x = designMatrix(scales);
const trueWeights = rng.normal([FEATURES, 1], { dtype: 'float64' });
const y = matmul(x, trueWeights).add(mul(rng.normal([SAMPLES, 1], { dtype: 'float64' }), 0.1));

console.log('Descent demo: ill-conditioned least squares (Deep Learning, section 8.2.1)');
console.log(`${SAMPLES} samples, ${FEATURES} features with scales ${scales.join(', ')}; seed 2026`);
report('Raw features', x, y);
const standardized = sub(x, mean(x, 0, { keepDims: true })).div(
  linalg.norm(sub(x, mean(x, 0, { keepDims: true })), 2, { axis: 0, keepDims: true }).mul(1 / Math.sqrt(SAMPLES)),
);
report('Standardized features (zero mean, unit variance)', standardized, sub(y, mean(y)));
console.log('\nStandardizing preconditions the problem: the same budget of steps reaches the optimum.');
