import type { EpochRecord } from '@descent/meta';
import { concat, createRng, linalg, matmul, mean, ones, square, sub, tensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { fitUntilPlateau, stopOnPlateau } from '../../docs/guides/examples/new-strategy.js';

const record = (epoch: number, trainLoss: number): EpochRecord => ({ epoch, trainLoss, steps: 1, seconds: 0 });

/** Feeds losses to a fresh strategy the way `train` does and returns the epoch it stops at. */
function stopsAt(losses: readonly number[], options: Parameters<typeof stopOnPlateau>[0]): number | undefined {
  const strategy = stopOnPlateau(options);
  const history: EpochRecord[] = [];
  for (const [i, loss] of losses.entries()) {
    history.push(record(i + 1, loss));
    if (strategy.afterEpoch?.({ epoch: i + 1, step: i + 1, params: null, history }) === 'stop') return i + 1;
  }
  return undefined;
}

describe('stopOnPlateau, a new strategy for train', () => {
  it('stops after `patience` epochs without a relative improvement', () => {
    // 4.999 and 4.996 are within 0.1 % of 5; 4.99 is not.
    expect(stopsAt([10, 5, 4.999, 4.996, 4.9985, 1], { patience: 3, minRelativeImprovement: 1e-3 })).toBe(5);
    expect(stopsAt([10, 5, 4.99, 4.98, 4.97, 4.96], { patience: 3, minRelativeImprovement: 1e-3 })).toBeUndefined();
    expect(stopsAt([-1, -1.5, -1.5], { patience: 1 })).toBe(3); // negative losses: relative to |best|
  });

  it('round-trips its memory through JSON, as checkpoints need', () => {
    const first = stopOnPlateau({ patience: 2 });
    const history = [record(1, 3), record(2, 3)];
    first.afterEpoch?.({ epoch: 2, step: 2, params: null, history: history.slice(0, 1) });
    first.afterEpoch?.({ epoch: 2, step: 2, params: null, history });
    const resumed = stopOnPlateau({ patience: 2 });
    resumed.setState?.(JSON.parse(JSON.stringify(first.getState?.())));
    const next = [...history, record(3, 3)];
    expect(resumed.afterEpoch?.({ epoch: 3, step: 3, params: null, history: next })).toBe('stop');
  });

  it('validates its options', () => {
    expect(() => stopOnPlateau({ patience: 0 })).toThrow(/patience/);
    expect(() => stopOnPlateau({ minRelativeImprovement: 1 })).toThrow(/minRelativeImprovement/);
  });

  it('ends a full-batch least-squares fit at the noise floor, long before the epoch budget', async () => {
    const rng = createRng(0);
    const x = rng.normal([200, 3]);
    const noise = rng.normal([200], { std: 0.1 });
    const y = matmul(x, tensor([[1], [-2], [0.5]]))
      .reshape([200])
      .add(noise);
    // The oracle: the least-squares fit, by the normal equations (with a column of ones for the bias).
    const design = concat([x, ones([200, 1])], 1);
    const exact = linalg.solve(
      matmul(design, design, { transposeA: true }),
      matmul(design, y.reshape([200, 1]), { transposeA: true }),
    );
    const minimum = mean(square(sub(matmul(design, exact).reshape([200]), y))).item();

    const result = await fitUntilPlateau({ x, y });
    expect(result.stopped.reason).toBe('early-stopping');
    expect(result.history.length).toBeLessThan(100);
    const last = result.history[result.history.length - 1].trainLoss;
    expect(last / minimum - 1).toBeLessThan(0.01);
    expect(last / minimum - 1).toBeGreaterThan(-1e-4); // float32 rounding only: nothing beats least squares
  });
});
