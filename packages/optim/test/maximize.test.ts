import { grad } from '@descent/autodiff';
import { neg, type Tensor, tensor, tidy } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import {
  adadelta,
  adagrad,
  adam,
  adamax,
  adamw,
  applyUpdates,
  type GradientTransformation,
  nadam,
  type ParamTree,
  rmsprop,
  sgd,
} from '../src/index.js';
import { flatValues, rosenbrock } from './helpers.js';

// `maximize` negates the gradient it is given, first. Ascending −f must then retrace the descent of f exactly: the
// two negations cancel bit for bit. This covers every alias, NAdam included, whose torch 1.13 has no `maximize`
// (the torch trajectories of the others are in trajectories.test.ts).

type Alias = (learningRate: number, options?: object) => GradientTransformation;
const CASES: readonly [string, Alias, object, number][] = [
  ['sgd', sgd as Alias, { momentum: 0.9, weightDecay: 0.01 }, 5e-4],
  ['adagrad', adagrad as Alias, { weightDecay: 0.01 }, 0.1],
  ['rmsprop', rmsprop as Alias, { centered: true, momentum: 0.5 }, 0.01],
  ['adam', adam as Alias, { weightDecay: 0.01, amsgrad: true }, 0.02],
  ['adamw', adamw as Alias, {}, 0.02],
  ['nadam', nadam as Alias, { weightDecay: 0.01 }, 0.02],
  ['adamax', adamax as Alias, {}, 0.02],
  ['adadelta', adadelta as Alias, { weightDecay: 0.01 }, 1],
];

function trajectory(transformation: GradientTransformation, loss: (p: never) => Tensor, steps: number): number[][] {
  const gradient = grad(loss);
  let params: ParamTree = { x: tensor(-1.2, { dtype: 'float64' }), y: tensor(1, { dtype: 'float64' }) };
  let state = transformation.init(params);
  const points = [flatValues(params)];
  for (let k = 0; k < steps; k++) {
    const [updates, next] = transformation.update(gradient(params as never), state, params);
    params = tidy(() => applyUpdates(params, updates));
    state = next;
    points.push(flatValues(params));
  }
  return points;
}

describe.each(CASES)('%s with maximize', (_name, alias, options, learningRate) => {
  it('ascending −f retraces the descent of f bit for bit', () => {
    const descent = trajectory(alias(learningRate, options), rosenbrock as never, 30);
    const ascent = trajectory(
      alias(learningRate, { ...options, maximize: true }),
      ((p: { x: Tensor; y: Tensor }) => neg(rosenbrock(p))) as never,
      30,
    );
    expect(ascent).toEqual(descent);
    // It moved: the comparison is not between two standing starts.
    expect(descent.at(-1)).not.toEqual(descent[0]);
  });
});
