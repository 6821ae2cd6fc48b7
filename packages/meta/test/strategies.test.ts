import { createRng, type Tensor, tensor, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { curriculum, type EpochRecord, earlyStopping, ema, polyakAveraging } from '../src/index.js';

const record = (epoch: number, validationError: number): EpochRecord => ({
  epoch,
  trainLoss: 1 / epoch,
  validationLoss: validationError * 2,
  validationAccuracy: 1 - validationError,
  validationError,
  steps: 1,
  seconds: 0,
});

/** Replays a validation curve through the strategy the way `train` calls it. */
function replay(strategy: ReturnType<typeof earlyStopping>, curve: number[]) {
  const history: EpochRecord[] = [];
  for (let epoch = 1; epoch <= curve.length; epoch++) {
    history.push(record(epoch, curve[epoch - 1]));
    const params = { epoch: tensor([epoch]) };
    if (strategy.afterEpoch?.({ epoch, step: epoch, params, history }) === 'stop') return { stoppedAt: epoch, history };
  }
  return { stoppedAt: undefined, history };
}

describe('earlyStopping', () => {
  it('stops after `patience` epochs without improvement and restores the best epoch', () => {
    const strategy = earlyStopping({ patience: 3 });
    // best at epoch 3 (0.2); epochs 4, 5, 6 are not better: stop at 6.
    const { stoppedAt, history } = replay(strategy, [0.5, 0.3, 0.2, 0.25, 0.2, 0.21, 0.1]);
    expect(stoppedAt).toBe(6);
    expect(strategy.bestEpoch()).toBe(3);
    const best = strategy.finalParams?.({ epoch: 6, step: 6, params: null, history }) as { epoch: Tensor };
    expect(best.epoch.item()).toBe(3);
  });

  it('treats ties as no improvement and honours minDelta', () => {
    expect(replay(earlyStopping({ patience: 2 }), [0.3, 0.3, 0.3, 0.1]).stoppedAt).toBe(3);
    const strict = earlyStopping({ patience: 2, minDelta: 0.05 });
    expect(replay(strict, [0.3, 0.27, 0.26, 0.1]).stoppedAt).toBe(3);
    expect(strict.bestEpoch()).toBe(1);
  });

  it('maximizes accuracy and minimizes losses', () => {
    const strategy = earlyStopping({ patience: 1, monitor: 'validationAccuracy' });
    expect(replay(strategy, [0.5, 0.4, 0.45]).stoppedAt).toBe(3);
    expect(strategy.bestEpoch()).toBe(2);
  });

  it('round-trips its state and rejects bad options', () => {
    const a = earlyStopping({ patience: 2 });
    replay(a, [0.5, 0.4]);
    const b = earlyStopping({ patience: 2 });
    b.setState?.(JSON.parse(JSON.stringify({ ...(a.getState?.() as object), bestParams: null })));
    expect(b.bestEpoch()).toBe(2);
    expect(() => earlyStopping({ patience: 0 })).toThrow(ValueError);
  });
});

describe('averaging', () => {
  const iterates = [
    [1, 2],
    [3, -2],
    [5, 6],
    [-1, 0],
  ];
  const run = (strategy: ReturnType<typeof polyakAveraging>) => {
    for (const [i, values] of iterates.entries()) {
      strategy.afterStep?.({ epoch: 1, step: i + 1, params: { w: tensor(values, { dtype: 'float64' }) }, history: [] });
    }
    const averaged = strategy.evaluationParams?.({ epoch: 1, step: 4, params: null, history: [] }) as { w: Tensor };
    return averaged.w.dataSync();
  };

  it('Polyak averaging is the arithmetic mean of the iterates', () => {
    const mean = [0, 1].map((j) => iterates.reduce((s, v) => s + v[j], 0) / iterates.length);
    expect(Array.from(run(polyakAveraging()))).toEqual(mean.map((m) => expect.closeTo(m, 12)));
  });

  it('EMA weights recent iterates: a ← d·a + (1 − d)·θ, starting from the first iterate', () => {
    const decay = 0.9;
    let a = iterates[0];
    for (const v of iterates.slice(1)) a = a.map((x, j) => decay * x + (1 - decay) * v[j]);
    expect(Array.from(run(ema(decay)))).toEqual(a.map((m) => expect.closeTo(m, 12)));
    expect(() => ema(1)).toThrow(/decay must be in \[0, 1\)/);
  });
});

describe('curriculum', () => {
  const difficulty = [5, 1, 4, 2, 3, 0, 9, 8];

  it('starts with the easiest examples and widens by the pacing schedule', () => {
    const strategy = curriculum({ difficulty, pacing: (epoch) => Math.min(1, epoch / 4) });
    const rng = createRng(1);
    expect(Array.from(strategy.selectExamples?.(1, 8, rng) ?? [])).toEqual([1, 5]);
    expect(Array.from(strategy.selectExamples?.(2, 8, rng) ?? [])).toEqual([1, 3, 4, 5]);
    expect(strategy.selectExamples?.(4, 8, rng)?.length).toBe(8);
  });

  it('mixes in random examples when stochastic, deterministically for a seed', () => {
    const strategy = curriculum({ difficulty, pacing: () => 0.5, mixing: 0.5 });
    const a = Array.from(strategy.selectExamples?.(1, 8, createRng(2)) ?? []);
    const b = Array.from(strategy.selectExamples?.(1, 8, createRng(2)) ?? []);
    expect(a).toEqual(b);
    expect(a).toHaveLength(4);
    expect(a).toEqual(expect.arrayContaining([1, 5]));
    expect(() => strategy.selectExamples?.(1, 7, createRng(2))).toThrow(/8 difficulty scores for 7 training examples/);
  });
});
