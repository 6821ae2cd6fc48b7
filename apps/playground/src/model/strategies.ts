import { grad } from '@descent/autodiff';
import { type Examples, split, standardize, synthetic } from '@descent/data';
import {
  continuation,
  coordinateDescent,
  greedyPretraining,
  curriculum as makeCurriculum,
  type Strategy,
  train,
} from '@descent/meta';
import { mlp, softmaxCrossEntropy } from '@descent/nn';
import { adam } from '@descent/optim';
import { getProblem } from '@descent/problems';
import { add, cos, createRng, mean, mul, square, sub, sum, type Tensor, tensor, tidy } from '@descent/tensor';
import { classMarginDifficulty } from './lab.js';
import { evaluateGrid } from './objective.js';
import type { StrategiesState } from './url-state.js';

// The four small demos of the Strategies view (Deep Learning 8.7). Each returns plain, serializable data.

/** The bumpy 1-D objective of the continuation demo: a tilted bowl with ripples, f(x) = x²/2 + 0.3x + 1.5(1 − cos 3x). */
export function bumpy(x: Tensor): Tensor {
  return sum(add(add(mul(square(x), 0.5), mul(x, 0.3)), mul(sub(1, cos(mul(x, 3))), 1.5)), -1);
}

export const CONTINUATION_RANGE = [-4, 4] as const;

export interface ContinuationDemo {
  readonly grid: readonly number[];
  /** One curve per level: f_σ on `grid`, widest blur first; the last is f itself. */
  readonly levels: readonly { readonly width: number; readonly values: readonly number[] }[];
  /** The start and each level's solution. */
  readonly path: readonly number[];
  /** Plain gradient descent on f from the same start, with the same total number of steps. */
  readonly plain: number;
}

/**
 * Continuation (8.7.6) on `bumpy`: `continuation` from `@descent/meta` with widths w, w/2, w/4, w/8, 0, against plain
 * gradient descent, which stops in the first ripple. Curves of f_σ are Monte Carlo estimates with 128 antithetic
 * samples (the same estimator `continuation` uses).
 */
export function continuationDemo(state: StrategiesState, seed: number): ContinuationDemo {
  const w = state.continuationWidth;
  const widths = [w, w / 2, w / 4, w / 8, 0];
  const steps = 80;
  const learningRate = 0.08;
  const x0 = tensor([state.continuationStart], { dtype: 'float64' });
  const result = continuation(bumpy, x0, { widths, steps, learningRate, samples: 16, rng: seed });
  const gridSize = 161;
  const grid = Array.from(
    { length: gridSize },
    (_, i) => CONTINUATION_RANGE[0] + (i / (gridSize - 1)) * (CONTINUATION_RANGE[1] - CONTINUATION_RANGE[0]),
  );
  const rng = createRng(seed + 1);
  const levels = widths.map((width) =>
    tidy(() => {
      const points = tensor(Float64Array.from(grid), { shape: [gridSize, 1], dtype: 'float64' });
      if (width === 0) return { width, values: Array.from(bumpy(points).dataSync()) };
      const half = rng.normal([64, 1, 1], { dtype: 'float64', std: width });
      const noise = tensor(Float64Array.from([...half.dataSync(), ...half.dataSync().map((v) => -v)]), {
        shape: [128, 1, 1],
        dtype: 'float64',
      });
      return { width, values: Array.from(mean(bumpy(add(points, noise)), 0).dataSync()) };
    }),
  );
  // Plain gradient descent on f itself, as many steps as continuation takes over all its levels.
  const gradient = grad(bumpy);
  let x = x0;
  for (let i = 0; i < steps * widths.length; i++) x = tidy(() => sub(x, mul(gradient(x), learningRate)));
  const plain = x.item();
  return {
    grid,
    levels,
    path: [state.continuationStart, ...result.path.map((p) => p.item())],
    plain,
  };
}

export interface CoordinateDemo {
  readonly bounds: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  readonly width: number;
  readonly height: number;
  readonly grid: Float64Array;
  /** The start, then the point after each block (coordinate) step. */
  readonly path: readonly (readonly [number, number])[];
  /** f after each sweep, starting with f(x0). */
  readonly values: readonly number[];
}

/**
 * Coordinate descent (8.7.2) on an ill-conditioned quadratic: one exact minimization along x, then along y, per sweep.
 * On axis-aligned axes the first sweep lands on the minimum; a rotated quadratic couples the coordinates and the path
 * zigzags. Each block step is `coordinateDescent` from `@descent/meta` with a single block and a single sweep.
 */
export function coordinateDemo(state: StrategiesState, sweeps = 12): CoordinateDemo {
  const problem = getProblem('quadratic', {
    conditionNumber: state.coordinateCondition,
    rotation: state.coordinateRotated ? 'random' : 'axis-aligned',
    seed: 3,
  });
  const start: [number, number] = [1.6, 1.2];
  const path: (readonly [number, number])[] = [start];
  const values = [problem.value(tensor(start, { dtype: 'float64' })).item()];
  let x = tensor(start, { dtype: 'float64' });
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (const block of [[0], [1]]) {
      x = coordinateDescent(problem.value, x, { blocks: [block], sweeps: 1 }).x;
      const [a, b] = x.dataSync();
      path.push([a, b]);
    }
    values.push(problem.value(x).item());
  }
  const width = 120;
  const height = 120;
  const bounds = { x: [-2, 2] as const, y: [-2, 2] as const };
  const grid = evaluateGrid(
    {
      title: '',
      description: '',
      section: '',
      value: problem.value,
      minimum: 0,
      minima: [],
      saddlePoints: [],
      start,
      bounds,
    },
    width,
    height,
  );
  return { bounds, width, height, grid, path, values };
}

/** A small 2-D classification set for the training demos: standardized train and validation parts. */
function demoData(name: 'spiral' | 'moons' | 'circle', n: number, noise: number, seed: number) {
  const data = synthetic(name, { n, noise, rng: seed });
  const parts = split(data, { fractions: { validation: 0.3 }, rng: seed });
  const scaler = standardize(parts.train);
  return {
    raw: parts.train,
    train: { x: scaler.transform(parts.train.x), y: parts.train.y } satisfies Examples,
    validation: { x: scaler.transform(parts.validation.x), y: parts.validation.y } satisfies Examples,
  };
}

export interface PretrainingDemo {
  readonly sizes: readonly number[];
  /** Validation accuracy per epoch of the greedy run (stages, then fine-tuning), with the stage of each epoch. */
  readonly greedy: readonly { readonly stage: string; readonly accuracy: number }[];
  /** The same deep network trained from scratch for the same number of epochs. */
  readonly scratch: readonly number[];
}

/**
 * Greedy supervised pretraining (8.7.4): `greedyPretraining` from `@descent/meta` trains one hidden layer at a time
 * on the features of the layers below, then fine-tunes the whole deep tanh network; the baseline trains the same
 * network from a random start for as many epochs.
 */
export async function pretrainingDemo(state: StrategiesState, seed: number): Promise<PretrainingDemo> {
  const data = demoData('circle', 300, 0.1, seed);
  const sizes = [2, ...new Array<number>(state.pretrainingDepth).fill(8), 2];
  const epochsPerStage = 8;
  const fineTuneEpochs = 16;
  const greedy: { stage: string; accuracy: number }[] = [];
  await greedyPretraining({
    sizes,
    activation: 'tanh',
    loss: softmaxCrossEntropy,
    optimizer: () => adam(0.02),
    data,
    epochsPerStage,
    fineTuneEpochs,
    batchSize: 32,
    rng: seed,
    onEvent: (event, stage) => {
      if (event.type === 'epoch') {
        greedy.push({
          stage: stage === 'fine-tune' ? 'fine-tune' : `layer ${stage}`,
          accuracy: event.record.validationAccuracy ?? Number.NaN,
        });
      }
    },
  });
  const scratch: number[] = [];
  await train({
    model: mlp(sizes, { activation: 'tanh' }),
    loss: softmaxCrossEntropy,
    optimizer: adam(0.02),
    data,
    epochs: greedy.length,
    batchSize: 32,
    rng: seed,
    onEvent: (event) => {
      if (event.type === 'epoch') scratch.push(event.record.validationAccuracy ?? Number.NaN);
    },
  });
  return { sizes, greedy, scratch };
}

export interface CurriculumDemo {
  /** Raw training points (x₁, x₂ pairs) and labels. */
  readonly points: readonly number[];
  readonly labels: readonly number[];
  /** Difficulty rank of each point: 0 easiest. */
  readonly rank: readonly number[];
  /** Per epoch: how many examples the curriculum used. */
  readonly used: readonly number[];
  readonly curriculum: readonly number[];
  readonly baseline: readonly number[];
}

/**
 * Curriculum learning (8.7.6): `curriculum` from `@descent/meta` orders examples by distance to the other class and
 * widens the set linearly until `fullAt`; the same network without it is the baseline.
 */
export async function curriculumDemo(state: StrategiesState, seed: number): Promise<CurriculumDemo> {
  const data = demoData('moons', 300, 0.25, seed);
  const x = data.train.x.dataSync() as Float32Array;
  const y = data.train.y.dataSync() as Int32Array;
  const difficulty = classMarginDifficulty(x, y, 2);
  const order = Array.from(difficulty.keys()).sort((a, b) => difficulty[a] - difficulty[b] || a - b);
  const rank = new Array<number>(order.length);
  order.forEach((index, r) => {
    rank[index] = r;
  });
  const used: number[] = [];
  const inner = makeCurriculum({ difficulty, fullAt: state.curriculumFullAt });
  const recorded: Strategy = {
    name: 'curriculum',
    selectExamples(epoch, count, rng) {
      const chosen = inner.selectExamples?.(epoch, count, rng);
      used.push(chosen?.length ?? count);
      return chosen;
    },
  };
  const epochs = Math.max(12, state.curriculumFullAt + 6);
  const run = async (strategies: Strategy[]) => {
    const accuracy: number[] = [];
    await train({
      model: mlp([2, 16, 16, 2], { activation: 'tanh' }),
      loss: softmaxCrossEntropy,
      optimizer: adam(0.01),
      data,
      epochs,
      batchSize: 16,
      rng: seed,
      strategies,
      onEvent: (event) => {
        if (event.type === 'epoch') accuracy.push(event.record.validationAccuracy ?? Number.NaN);
      },
    });
    return accuracy;
  };
  const curriculum = await run([recorded]);
  const baseline = await run([]);
  return {
    points: Array.from(data.raw.x.dataSync()),
    labels: Array.from(y),
    rank,
    used,
    curriculum,
    baseline,
  };
}
