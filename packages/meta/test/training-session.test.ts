import { split, synthetic } from '@descent/data';
import { mlp, softmaxCrossEntropy } from '@descent/nn';
import { adam, sgd } from '@descent/optim';
import { type Tensor, tree } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import {
  curriculum,
  earlyStopping,
  NonFiniteLossError,
  parseCheckpoint,
  polyakAveraging,
  serializeCheckpoint,
  TrainingSession,
  train,
} from '../src/index.js';

function moons() {
  const data = synthetic('moons', { n: 240, noise: 0.2, rng: 3 });
  const parts = split(data, { fractions: { validation: 0.25 }, rng: 4 });
  return { train: parts.train, validation: parts.validation };
}

const leaves = (t: unknown) => tree.flatten(t as tree.Tree).leaves.map((leaf: Tensor) => Array.from(leaf.dataSync()));

// Dropout, a curriculum, averaging and early stopping: every random draw and every hook of the loop is exercised.
const options = () => ({
  model: mlp([2, 8, 2], { dropout: 0.1 }),
  loss: softmaxCrossEntropy,
  optimizer: adam(0.02),
  data: moons(),
  epochs: 5,
  batchSize: 16,
  rng: 21,
});
const strategies = () => [
  curriculum({ difficulty: Float64Array.from({ length: 180 }, (_, i) => (i * 37) % 180), fullAt: 3 }),
  polyakAveraging(),
  earlyStopping({ patience: 10 }),
];

/** Steps a session by hand, one minibatch at a time, as the playground's worker does. */
function stepToEnd(session: TrainingSession, epochs: number): number[] {
  const losses: number[] = [];
  while (session.epoch <= epochs) {
    for (let loss = session.nextStep(); loss !== undefined; loss = session.nextStep()) losses.push(loss);
    if (session.endEpoch().stop) break;
  }
  return losses;
}

describe('TrainingSession', () => {
  it('stepped by hand, computes exactly what train computes', async () => {
    const steps: number[] = [];
    const result = await train({
      ...options(),
      strategies: strategies(),
      onEvent: (event) => {
        if (event.type === 'step') steps.push(event.loss);
      },
    });
    const session = new TrainingSession({ ...options(), strategies: strategies() });
    expect(stepToEnd(session, 5)).toEqual(steps);
    expect(session.step).toBe(result.steps);
    expect(session.history.map(({ seconds: _, ...record }) => record)).toEqual(
      result.history.map(({ seconds: _, ...record }) => record),
    );
    expect(leaves(session.params)).toEqual(leaves(result.lastParams));
    expect(leaves(session.finalParams())).toEqual(leaves(result.params));
    // The curriculum grew the epochs to all 180 training examples.
    expect(session.examples).toBe(180);
  });

  it('continues bit for bit from its checkpoint, through JSON', () => {
    const whole = new TrainingSession({ ...options(), strategies: strategies() });
    stepToEnd(whole, 5);
    const first = new TrainingSession({ ...options(), strategies: strategies() });
    stepToEnd(first, 2);
    const saved = parseCheckpoint(serializeCheckpoint(first.checkpoint()), 'memory');
    const second = new TrainingSession({ ...options(), strategies: strategies() }, saved);
    expect(second.epoch).toBe(3);
    stepToEnd(second, 5);
    expect(leaves(second.params)).toEqual(leaves(whole.params));
    expect(second.history).toHaveLength(5);
  });

  it('refuses a checkpoint in the middle of an epoch', () => {
    const session = new TrainingSession({ ...options(), strategies: strategies() });
    session.nextStep();
    expect(() => session.checkpoint()).toThrow(/TrainingSession: checkpoint\(\) between epochs only; epoch 1/);
  });

  it('throws a NonFiniteLossError on a non-finite loss and keeps the last finite parameters', () => {
    const session = new TrainingSession({ ...options(), optimizer: sgd(1e30) });
    let last: number[][] = leaves(session.params);
    let error: unknown;
    try {
      for (let i = 0; i < 50; i++) {
        last = leaves(session.params);
        session.nextStep();
      }
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NonFiniteLossError);
    expect(leaves(session.params)).toEqual(last);
  });

  it('names itself in the errors of bad options', () => {
    expect(() => new TrainingSession({ ...options(), epochs: 0 })).toThrow(
      /^TrainingSession: epochs must be a positive integer, got 0/,
    );
  });
});
