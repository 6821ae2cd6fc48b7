import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset, split, standardize, synthetic } from '@descent/data';
import { mlp, softmaxCrossEntropy } from '@descent/nn';
import { batchNorm } from '@descent/norm';
import { adam, sgd } from '@descent/optim';
import { createRng, type Tensor, tree } from '@descent/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import {
  earlyStopping,
  evaluate,
  greedyPretraining,
  NonFiniteLossError,
  polyakAveraging,
  type TrainEvent,
  train,
} from '../src/index.js';

const folder = mkdtempSync(join(tmpdir(), 'descent-meta-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function moons() {
  const data = synthetic('moons', { n: 300, noise: 0.15, rng: 5 });
  const parts = split(data, { fractions: { validation: 0.3 }, rng: 6 });
  return { train: parts.train, validation: parts.validation };
}

const leaves = (t: unknown) => tree.flatten(t as tree.Tree).leaves.map((leaf: Tensor) => Array.from(leaf.dataSync()));

describe('train', () => {
  it('emits step, evaluation, epoch and stop events and records the history', async () => {
    const events: TrainEvent['type'][] = [];
    const result = await train({
      model: mlp([2, 8, 2]),
      loss: softmaxCrossEntropy,
      optimizer: adam(0.01),
      data: moons(),
      epochs: 3,
      batchSize: 64,
      rng: 1,
      onEvent: (event) => events.push(event.type),
    });
    expect(result.history).toHaveLength(3);
    expect(result.steps).toBe(3 * Math.ceil(210 / 64));
    expect(events.filter((e) => e === 'step')).toHaveLength(result.steps);
    expect(events.filter((e) => e === 'epoch')).toHaveLength(3);
    expect(events.at(-1)).toBe('stop');
    expect(result.history[2].trainLoss).toBeLessThan(result.history[0].trainLoss);
    expect(result.history[0].validationError).toBeCloseTo(1 - (result.history[0].validationAccuracy ?? 0), 12);
  });

  it('is deterministic for a seed', async () => {
    const run = () =>
      train({
        model: mlp([2, 8, 2]),
        loss: softmaxCrossEntropy,
        optimizer: adam(0.01),
        data: moons(),
        epochs: 2,
        rng: 9,
      });
    expect(leaves((await run()).params)).toEqual(leaves((await run()).params));
  });

  it('resumes from a checkpoint bit-identically to an uninterrupted run', async () => {
    const path = join(folder, 'run.json');
    const options = {
      model: mlp([2, 8, 2], { dropout: 0.2 }),
      loss: softmaxCrossEntropy,
      optimizer: adam(0.01),
      data: moons(),
      batchSize: 32,
      strategies: [polyakAveraging()],
    };
    const full = await train({ ...options, epochs: 4, rng: 11, strategies: [polyakAveraging()] });
    await train({ ...options, epochs: 2, rng: 11, checkpoint: { path }, strategies: [polyakAveraging()] });
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const resumed = await train({ ...options, epochs: 4, rng: 11, resume: path, strategies: [polyakAveraging()] });
    expect(leaves(resumed.lastParams)).toEqual(leaves(full.lastParams));
    expect(leaves(resumed.params)).toEqual(leaves(full.params));
    expect(resumed.history.map((r) => r.trainLoss)).toEqual(full.history.map((r) => r.trainLoss));
  });

  it('stops on a non-finite loss, naming the step and keeping the last finite parameters', async () => {
    const attempt = train({
      model: mlp([2, 64, 2]),
      loss: softmaxCrossEntropy,
      optimizer: sgd(1e6),
      data: moons(),
      epochs: 5,
      rng: 2,
    });
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteLossError);
    const failure = error as NonFiniteLossError;
    expect(failure.message).toMatch(/the loss became (NaN|Infinity|-Infinity) at step \d+ \(epoch \d\)/);
    for (const values of leaves(failure.params)) expect(values.every(Number.isFinite)).toBe(true);
  });

  it('rejects bad options', async () => {
    const base = { model: mlp([2, 2]), loss: softmaxCrossEntropy, optimizer: adam(0.1), data: moons(), rng: 1 };
    await expect(train({ ...base, epochs: 0 })).rejects.toThrow(/epochs must be a positive integer/);
    await expect(train({ ...base, epochs: 1, batchSize: 0 })).rejects.toThrow(/batchSize must be a positive integer/);
  });
});

describe('greedyPretraining', () => {
  it('builds the deep network stage by stage and fine-tunes it to a loss no worse than the shallow one', async () => {
    const data = moons();
    const result = await greedyPretraining({
      sizes: [2, 16, 16, 2],
      activation: 'tanh',
      loss: softmaxCrossEntropy,
      optimizer: () => adam(0.02),
      data,
      epochsPerStage: 15,
      fineTuneEpochs: 15,
      batchSize: 32,
      rng: 4,
    });
    expect(result.stages.map((s) => s.depth)).toEqual([1, 2]);
    const shallowLoss = result.stages[0].history.at(-1)?.trainLoss ?? Number.NaN;
    const deep = evaluate(result.model, result.params, result.state, softmaxCrossEntropy, data.train);
    expect(deep.loss).toBeLessThanOrEqual(shallowLoss);
    expect((result.params as unknown[]).length).toBe(5);
  });
});

describe('end to end: digits', () => {
  it('an MLP with batch norm reaches at least 95% test accuracy with Adam and early stopping', async () => {
    const digits = await loadDataset('digits');
    const parts = split(digits, { fractions: { validation: 0.15, test: 0.15 }, rng: createRng(0), stratified: true });
    const scaler = standardize(parts.train);
    const model = mlp([64, 128, 10], { normalization: (features) => batchNorm(features) });
    const result = await train({
      model,
      loss: softmaxCrossEntropy,
      optimizer: adam(1e-3),
      data: { train: scaler.transform(parts.train), validation: scaler.transform(parts.validation) },
      epochs: 40,
      batchSize: 32,
      rng: 0,
      strategies: [earlyStopping({ patience: 5 })],
    });
    const test = evaluate(model, result.params, result.state, softmaxCrossEntropy, scaler.transform(parts.test));
    expect(test.accuracy).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});
