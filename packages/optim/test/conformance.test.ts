import { matmul, memory, sub, type Tensor, tensor, tidy, tree } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import {
  adadelta,
  adagrad,
  adam,
  adamax,
  adamw,
  applyUpdates,
  chain,
  clipByGlobalNorm,
  type GradientTransformation,
  nadam,
  Optimizer,
  type ParamTree,
  rmsprop,
  sgd,
  stateFromJSON,
  stateToJSON,
} from '../src/index.js';
import { expectTreesIdentical, rosenbrockGradient, snapshot, tensorsIn } from './helpers.js';

// optax's `_OPTIMIZERS_UNDER_TEST`: every alias (and the book's variants) converges on a parabola and on Rosenbrock,
// is pure, equals chain(itself), and survives a JSON round trip of its state mid-run. Learning rates are per problem:
// Rosenbrock's valley has curvature ~1000, the parabola's at most ~3.1, and plain SGD must respect 2/L on each.

interface Problem {
  readonly name: string;
  readonly start: (dtype: 'float32' | 'float64') => ParamTree;
  readonly gradient: (params: never) => ParamTree;
  readonly optimum: readonly number[];
}

// ½xᵀAx − bᵀx with A = [[3, ½], [½, 1]], b = [1, −1]: the minimum solves Ax = b (Cramer's rule, independent of the code).
const A = [
  [3, 0.5],
  [0.5, 1],
];
const B = [1, -1];
const DETERMINANT = A[0][0] * A[1][1] - A[0][1] * A[1][0];
const PARABOLA_MINIMUM = [
  (B[0] * A[1][1] - A[0][1] * B[1]) / DETERMINANT,
  (A[0][0] * B[1] - B[0] * A[1][0]) / DETERMINANT,
];

const PROBLEMS: readonly Problem[] = [
  {
    name: 'parabola',
    start: (dtype) => ({ x: tensor([0, 0], { dtype }) }),
    gradient: ((p: { x: Tensor }) => ({
      x: sub(matmul(tensor(A, { dtype: p.x.dtype }), p.x), tensor(B, { dtype: p.x.dtype })),
    })) as never,
    optimum: PARABOLA_MINIMUM,
  },
  {
    name: 'rosenbrock',
    start: (dtype) => ({ x: tensor(-1.2, { dtype }), y: tensor(1, { dtype }) }),
    gradient: rosenbrockGradient as never,
    optimum: [1, 1],
  },
];

interface UnderTest {
  readonly name: string;
  readonly make: (learningRate: number) => GradientTransformation<unknown>;
  readonly learningRate: { readonly parabola: number; readonly rosenbrock: number };
  readonly steps?: number;
}

const OPTIMIZERS_UNDER_TEST: readonly UnderTest[] = [
  { name: 'sgd', make: (lr) => sgd(lr), learningRate: { parabola: 0.1, rosenbrock: 1.5e-3 }, steps: 10_000 },
  {
    name: 'sgd+momentum',
    make: (lr) => sgd(lr, { momentum: 0.9 }),
    learningRate: { parabola: 0.05, rosenbrock: 1e-3 },
  },
  {
    name: 'sgd+nesterov',
    make: (lr) => sgd(lr, { momentum: 0.9, nesterov: true }),
    learningRate: { parabola: 0.05, rosenbrock: 1e-3 },
  },
  {
    name: 'sgd+nesterov (book, Algorithm 8.3)',
    make: (lr) => sgd(lr, { momentum: 0.9, nesterov: true, form: 'book' }),
    learningRate: { parabola: 0.05, rosenbrock: 1e-3 },
  },
  { name: 'adagrad', make: (lr) => adagrad(lr), learningRate: { parabola: 0.5, rosenbrock: 1 } },
  { name: 'rmsprop', make: (lr) => rmsprop(lr), learningRate: { parabola: 1e-2, rosenbrock: 3e-3 } },
  {
    name: 'rmsprop (centered, momentum)',
    make: (lr) => rmsprop(lr, { centered: true, momentum: 0.9 }),
    learningRate: { parabola: 1e-3, rosenbrock: 1e-3 },
  },
  {
    name: 'rmsprop+nesterov (book, Algorithm 8.6)',
    make: (lr) => rmsprop(lr, { momentum: 0.9, nesterov: true, epsInSqrt: true, eps: 1e-6, form: 'book' }),
    learningRate: { parabola: 1e-3, rosenbrock: 1e-3 },
  },
  { name: 'adam', make: (lr) => adam(lr), learningRate: { parabola: 1e-2, rosenbrock: 1e-2 } },
  {
    name: 'adam (amsgrad)',
    make: (lr) => adam(lr, { amsgrad: true }),
    learningRate: { parabola: 3e-2, rosenbrock: 3e-2 },
  },
  { name: 'adamw', make: (lr) => adamw(lr, { weightDecay: 1e-4 }), learningRate: { parabola: 1e-2, rosenbrock: 1e-2 } },
  { name: 'nadam', make: (lr) => nadam(lr), learningRate: { parabola: 1e-2, rosenbrock: 1e-2 } },
  { name: 'adamax', make: (lr) => adamax(lr), learningRate: { parabola: 3e-2, rosenbrock: 3e-2 } },
  // Adadelta's effective rate near a minimum tends to lr·√(E[Δx²] + δ)/√δ ≥ lr; past 2/L it hovers instead of
  // converging, as torch.optim.Adadelta does too (lr = 1 fails on both problems). Hence small rates here.
  { name: 'adadelta', make: (lr) => adadelta(lr), learningRate: { parabola: 0.1, rosenbrock: 0.05 }, steps: 10_000 },
  {
    name: 'clipped adam',
    make: (lr) => chain(clipByGlobalNorm(1), adam(lr)),
    learningRate: { parabola: 1e-2, rosenbrock: 1e-2 },
  },
];

/** Runs `steps` updates from `params`, freeing everything but the current point and state. */
function fit(
  transformation: GradientTransformation<unknown>,
  gradient: (params: never) => ParamTree,
  params: ParamTree,
  steps: number,
  state: unknown = transformation.init(params),
): { params: ParamTree; state: unknown } {
  let current = { params, state };
  for (let i = 0; i < steps; i++) {
    current = tidy(() => {
      const [updates, next] = transformation.update(gradient(current.params as never), current.state, current.params);
      return { params: applyUpdates(current.params, updates), state: next };
    });
  }
  return current;
}

const values = (params: ParamTree) => tree.leaves(params).flatMap((leaf) => Array.from(leaf.dataSync()));

describe.each(OPTIMIZERS_UNDER_TEST)('$name', ({ make, learningRate, steps = 5_000 }) => {
  it.each(PROBLEMS)('converges on $name', ({ name, start, gradient, optimum }) => {
    const rate = learningRate[name as keyof typeof learningRate];
    const { params } = fit(make(rate), gradient, start('float64'), steps);
    const reached = values(params);
    reached.forEach((value, i) => {
      expect(Math.abs(value - optimum[i]), `coordinate ${i}: ${value} vs ${optimum[i]}`).toBeLessThan(3e-2);
    });
  });

  it('is pure: equal inputs give equal outputs, and inputs are left untouched', () => {
    const transformation = make(learningRate.parabola);
    const { params, state } = fit(transformation, PROBLEMS[1].gradient, PROBLEMS[1].start('float64'), 3);
    const grads = PROBLEMS[1].gradient(params as never);
    const before = snapshot({ params, state, grads });
    const first = transformation.update(grads, state, params);
    const second = transformation.update(grads, state, params);
    expectTreesIdentical(first, second);
    expect(snapshot({ params, state, grads })).toEqual(before);
  });

  it('equals chain(itself), step for step', () => {
    const rate = learningRate.rosenbrock;
    const { start, gradient } = PROBLEMS[1];
    const alone = fit(make(rate), gradient, start('float64'), 25);
    const chained = fit(chain(make(rate)), gradient, start('float64'), 25);
    expectTreesIdentical(chained.params, alone.params);
    expectTreesIdentical((chained.state as unknown[])[0], alone.state);
  });

  it('survives a JSON round trip of its state mid-run, continuing bit for bit', () => {
    const transformation = make(learningRate.rosenbrock);
    const { start, gradient } = PROBLEMS[1];
    const middle = fit(transformation, gradient, start('float64'), 10);
    const saved = JSON.stringify(stateToJSON(middle.state));
    const restored = stateFromJSON(JSON.parse(saved));
    expectTreesIdentical(restored, middle.state);
    const straight = fit(transformation, gradient, middle.params, 10, middle.state);
    const resumed = fit(make(learningRate.rosenbrock), gradient, middle.params, 10, restored);
    expectTreesIdentical(resumed, straight);
  });

  it('keeps float32 parameters and state in float32 and follows the float64 path', () => {
    const { start, gradient } = PROBLEMS[0];
    const transformation = make(learningRate.parabola);
    const single = fit(transformation, gradient, start('float32'), 50);
    const double = fit(transformation, gradient, start('float64'), 50);
    for (const leaf of tree.leaves(single.params)) expect(leaf.dtype).toBe('float32');
    const stateTensors = tensorsIn(single.state);
    for (const leaf of stateTensors) expect(leaf.dtype).toBe('float32');
    const [a, b] = [values(single.params), values(double.params)];
    a.forEach((value, i) => {
      expect(Math.abs(value - b[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(b[i])));
    });
  });

  it('steps through Optimizer with a flat live-tensor count', () => {
    const { start, gradient } = PROBLEMS[1];
    const optimizer = new Optimizer(make(learningRate.rosenbrock), start('float64'));
    const liveAfter: number[] = [];
    for (let i = 0; i < 6; i++) {
      const grads = tidy(() => gradient(optimizer.params as never));
      optimizer.step(grads);
      for (const leaf of tree.leaves(grads)) leaf.dispose();
      liveAfter.push(memory().liveTensors);
    }
    expect(new Set(liveAfter.slice(1)).size, `live tensors after each step: ${liveAfter}`).toBe(1);
    optimizer.dispose();
  });
});
