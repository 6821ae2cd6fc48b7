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
  cosineDecay,
  exponentialDecay,
  type GradientTransformation,
  linearSchedule,
  nadam,
  type ParamTree,
  rmsprop,
  type Schedule,
  sgd,
  stepDecay,
  warmupCosineDecay,
} from '../src/index.js';
import fixtures from './__fixtures__/trajectories.json' with { type: 'json' };
import { flatValues, float64, logistic, quadratic, relativeError, rosenbrock } from './helpers.js';

// Replays every case of generate_trajectories.py: same start, same gradients (recomputed here by autodiff), same
// minibatches, and compares the parameters after every step with torch.optim's (or the book's algorithm's). Cases
// with `maximize` differentiate the negated objective, as their torch run did.

type Alias = (learningRate: number | Schedule, options?: never) => GradientTransformation<readonly unknown[]>;
const ALIASES: Record<string, Alias> = { sgd, adagrad, rmsprop, adam, adamw, nadam, adamax, adadelta } as never;
const SCHEDULES: Record<string, (options: never) => Schedule> = {
  linearSchedule,
  exponentialDecay,
  stepDecay,
  cosineDecay,
  warmupCosineDecay,
} as never;

type Loss = (params: Record<string, Tensor>, batch?: readonly number[]) => Tensor;

function problem(name: string): { loss: Loss; start: Record<string, Tensor>; batches: number[][] | null } {
  const spec = fixtures.problems[name as keyof typeof fixtures.problems];
  const start = Object.fromEntries(
    Object.entries(spec.start).map(([leaf, values]) => [
      leaf,
      tensor(values, { dtype: 'float64', shape: (spec.shapes as Record<string, number[]>)[leaf] }),
    ]),
  );
  const data = spec.data as Record<string, number[] | number[][]>;
  let loss: Loss;
  if (name === 'quadratic') loss = quadratic(float64(data.A), float64(data.b)) as Loss;
  else if (name === 'rosenbrock') loss = rosenbrock as Loss;
  else loss = logistic(float64(data.features), float64(data.labels)) as Loss;
  return { loss, start, batches: spec.batches };
}

const TOLERANCE = 1e-10;

/** The fixture's parameters after `step` updates, in `tree.flatten` order (leaves by sorted name). */
function expectedAt(trajectory: readonly Record<string, number[]>[], step: number): number[] {
  const point = trajectory[step];
  return Object.keys(point)
    .sort()
    .flatMap((leaf) => point[leaf]);
}

describe.each(fixtures.cases.map((c, index) => ({ ...c, index })))(
  '$optimizer $options on $problem (#$index)',
  (testCase) => {
    it(`matches ${testCase.reference} at each of ${fixtures.steps} steps`, () => {
      const { loss, start, batches } = problem(testCase.problem);
      const schedule = (testCase as { schedule?: { name: string } }).schedule;
      const rate = schedule === undefined ? testCase.learningRate : SCHEDULES[schedule.name](schedule as never);
      const transformation = ALIASES[testCase.optimizer](rate, testCase.options as never);
      // `maximize` cases ascend −f: the optimizer negates that gradient again and so descends f, as torch did.
      const negated = (testCase as { objective?: string }).objective === 'negated';
      const gradient = grad(
        negated ? (p: Record<string, Tensor>, batch?: readonly number[]) => neg(loss(p, batch)) : loss,
      );
      let params: ParamTree = start;
      let state = transformation.init(params);
      expect(relativeError(flatValues(params), expectedAt(testCase.trajectory, 0))).toBe(0);
      const errors: number[] = [];
      for (let k = 0; k < fixtures.steps; k++) {
        const grads = gradient(params as Record<string, Tensor>, batches?.[k]);
        const [updates, next] = transformation.update(grads, state, params);
        params = tidy(() => applyUpdates(params, updates));
        state = next;
        errors.push(relativeError(flatValues(params), expectedAt(testCase.trajectory, k + 1)));
      }
      const worst = Math.max(...errors);
      expect(worst, `worst step ${errors.indexOf(worst) + 1}`).toBeLessThan(TOLERANCE);
    });
  },
);
