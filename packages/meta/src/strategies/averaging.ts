import type { Tree } from '@descent/nn';
import { add, mul, sub, type Tensor, tree, ValueError } from '@descent/tensor';
import type { Strategy } from '../types.js';

interface AverageState {
  count: number;
  average: Tree | null;
}

function averagingStrategy(name: string, weight: (count: number) => number): Strategy {
  let memory: AverageState = { count: 0, average: null };
  return {
    name,
    afterStep({ params }) {
      const count = memory.count + 1;
      const w = weight(count);
      // average ← average + w·(θ − average): w = 1/t gives the arithmetic mean, a constant w the EMA.
      const average =
        memory.average === null
          ? params
          : tree.map(memory.average, (a: Tensor, p: Tensor) => add(a, mul(sub(p, a), w)), params);
      memory = { count, average };
    },
    evaluationParams: ({ params }) => memory.average ?? params,
    getState: () => ({ ...memory }),
    setState: (state) => {
      memory = { ...(state as AverageState) };
    },
  };
}

/**
 * Polyak averaging (Polyak & Juditsky 1992; Deep Learning 8.7.3): the arithmetic mean of all iterates,
 * θ̄_t = (1/t) Σ θ_i, used for evaluation and returned at the end. It damps the oscillation of SGD around a minimum.
 * @see https://doi.org/10.1137/0330046
 * @example train({ ..., strategies: [polyakAveraging()] })
 */
export function polyakAveraging(): Strategy {
  return averagingStrategy('polyakAveraging', (count) => 1 / count);
}

/**
 * An exponential moving average of the iterates, θ̄ ← decay·θ̄ + (1 − decay)·θ, the form the book recommends for
 * non-convex problems (8.7.3): old points on a different part of the landscape are forgotten.
 * @example train({ ..., strategies: [ema(0.999)] })
 */
export function ema(decay: number): Strategy {
  if (!(decay >= 0 && decay < 1)) throw new ValueError(`ema: decay must be in [0, 1), got ${decay}`);
  return averagingStrategy(`ema(${decay})`, (count) => (count === 1 ? 1 : 1 - decay));
}
