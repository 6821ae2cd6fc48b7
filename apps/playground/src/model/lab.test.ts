import { earlyStopping, ema, curriculum as makeCurriculum, train } from '@descent/meta';
import { softmaxCrossEntropy } from '@descent/nn';
import { describe, expect, it } from 'vitest';
import {
  buildModel,
  classMarginDifficulty,
  LabSession,
  learningRateSchedule,
  loadLabData,
  scheduleSpec,
} from './lab.js';
import { firstOrderTransformation } from './methods.js';
import { histogram } from './stats.js';
import { DEFAULT_STATE, type LabState } from './url-state.js';

const small: LabState = {
  ...DEFAULT_STATE.lab,
  dataset: 'moons',
  points: 200,
  hidden: [8, 8],
  batchSize: 16,
  epochs: 4,
};

function runToEnd(session: LabSession): void {
  while (session.status === 'running') session.advance();
}

describe('LabSession', () => {
  it('computes exactly what train() from @descent/meta computes for the same config', async () => {
    const state: LabState = {
      ...small,
      averaging: 'ema',
      emaDecay: 0.9,
      curriculum: 3,
      patience: 10,
      schedule: 'cosine',
    };
    const data = await loadLabData(state, 5);
    const session = new LabSession(state, data, 5);
    runToEnd(session);
    const n = data.train.x.shape[0];
    const result = await train({
      model: buildModel(state, data.features, data.classes),
      loss: softmaxCrossEntropy,
      optimizer: firstOrderTransformation(state.optimizer, learningRateSchedule(state, Math.ceil(n / state.batchSize))),
      data: { train: data.train, validation: data.validation },
      epochs: state.epochs,
      batchSize: state.batchSize,
      rng: 5,
      strategies: [
        makeCurriculum({
          difficulty: classMarginDifficulty(data.train.x.dataSync(), data.train.y.dataSync(), 2),
          fullAt: 3,
        }),
        ema(0.9),
        earlyStopping({ patience: 10 }),
      ],
    });
    expect(session.history.map((r) => [r.trainLoss, r.validationLoss, r.validationAccuracy])).toEqual(
      result.history.map((r) => [r.trainLoss, r.validationLoss, r.validationAccuracy]),
    );
    expect(session.step).toBe(result.steps);
    expect(session.epochs.map((e) => e.examples)).toEqual([35, 88, 140, 140]);
  });

  it('learns the moons and stops early when validation stops improving', async () => {
    const state: LabState = { ...small, epochs: 40, patience: 2 };
    const session = new LabSession(state, await loadLabData(state, 0), 0);
    runToEnd(session);
    expect(session.status).toBe('early-stopped');
    expect(session.epochs.length).toBeLessThan(40);
    expect(Math.max(...session.epochs.map((e) => e.validationAccuracy))).toBeGreaterThan(0.85);
  });

  it('draws a decision boundary for 2-D data and none otherwise', async () => {
    const session = new LabSession(small, await loadLabData(small, 0), 0);
    const grid = session.boundary(10, 8);
    expect(grid).toHaveLength(80);
    expect(grid?.every((p) => p >= 0 && p <= 1)).toBe(true);
    const iris = { ...small, dataset: 'iris' as const };
    const other = new LabSession(iris, await loadLabData(iris, 0), 0);
    expect(other.boundary(10, 8)).toBeUndefined();
    expect(other.data.classes).toBe(3);
  });

  it('reports per-layer activation and weight-gradient histograms; zero init gives identical units', async () => {
    const session = new LabSession(small, await loadLabData(small, 0), 0);
    const layers = session.histograms(12);
    expect(layers).toHaveLength(2);
    expect(layers[0].activations.counts.reduce((a, b) => a + b, 0)).toBe(140 * 8);
    expect(layers[1].gradients.counts.reduce((a, b) => a + b, 0)).toBe(8 * 8);
    const zeros = { ...small, initializer: 'zeros' as const, activation: 'tanh' as const };
    const dead = new LabSession(zeros, await loadLabData(zeros, 0), 0).histograms();
    expect(dead[1].activations.std).toBe(0);
    expect(dead[1].gradients.std).toBe(0);
  });

  it('stops with a message when the loss is not finite', async () => {
    const state: LabState = { ...small, optimizer: { method: 'sgd', params: { lr: 1e4 } }, epochs: 50 };
    const session = new LabSession(state, await loadLabData(state, 0), 0);
    runToEnd(session);
    expect(session.status).toBe('failed');
    expect(session.message).toMatch(
      /^the loss became (NaN|Infinity) at step \d+ \(epoch \d+\): lower the learning rate$/,
    );
  });
});

describe('schedules', () => {
  it('writes the CLI spec of each schedule', () => {
    const specs = (['constant', 'cosine', 'warmup-cosine', 'exponential', 'step', 'linear'] as const).map((schedule) =>
      scheduleSpec({ ...small, schedule, epochs: 20 }),
    );
    expect(specs).toEqual(['constant', 'cosine', 'warmup-cosine:1', 'exponential:0.95', 'step:5,0.5', 'linear']);
  });

  it('resolves them over the run as the CLI does', () => {
    const lr = 0.02;
    const at = (schedule: LabState['schedule'], step: number) =>
      learningRateSchedule({ ...small, schedule, epochs: 20 }, 10)(step);
    expect(at('constant', 150)).toBe(lr);
    expect(at('cosine', 0)).toBeCloseTo(lr, 12);
    expect(at('cosine', 200)).toBeCloseTo(0, 12);
    expect(at('warmup-cosine', 0)).toBe(0);
    expect(at('warmup-cosine', 10)).toBeCloseTo(lr, 12);
    expect(at('exponential', 10)).toBeCloseTo(lr * 0.95, 12);
    expect(at('step', 49)).toBeCloseTo(lr, 12);
    expect(at('step', 50)).toBeCloseTo(lr / 2, 12);
    expect(at('linear', 100)).toBeCloseTo(lr / 2, 12);
  });
});

describe('classMarginDifficulty', () => {
  it('ranks points near their class centre as easy and points between classes as hard', () => {
    const x = [0, 0, 0.2, 0, 4.8, 0, 5, 0, 2.4, 0];
    const y = [0, 0, 1, 1, 0];
    const d = classMarginDifficulty(x, y, 2);
    expect(d[0]).toBeLessThan(d[4]);
    expect(d[3]).toBeLessThan(d[4]);
  });
});

describe('histogram', () => {
  it('counts values into equal bins and reports moments and zeros', () => {
    const h = histogram([0, 0, 1, 2, 3, Number.NaN], 3);
    expect(h.counts).toEqual([2, 1, 2]);
    expect(h.mean).toBeCloseTo(1.2, 12);
    expect(h.zeros).toBe(2);
    expect(histogram([], 4)).toMatchObject({ counts: [0, 0, 0, 0], std: 0 });
    expect(histogram([5, 5, 5], 2).counts).toEqual([3, 0]);
  });
});
