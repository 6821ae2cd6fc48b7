import { createRng, type Rng, ShapeError, type Tensor, ValueError } from '@descent/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  extent,
  KS_CRITICAL,
  momentErrors,
  normalCdfOf,
  scaledKolmogorovSmirnov,
  truncatedNormal,
  uniformCdf,
} from '../test/statistics.js';
import { glorotNormal, glorotUniform } from './glorot.js';
import { heNormal, heUniform } from './he.js';
import { lecunNormal, lecunUniform } from './lecun.js';
import { varianceScaling } from './variance-scaling.js';

/** The target law, from the formula in each paper, independent of varianceScaling's arithmetic. */
type Target =
  | { readonly law: 'uniform'; readonly limit: number }
  | { readonly law: 'normal'; readonly std: number }
  /** `std` before truncation at ±2·std. */
  | { readonly law: 'truncated'; readonly std: number };

interface Case {
  readonly name: string;
  readonly draw: (rng: Rng) => Tensor;
  readonly target: Target;
  /** The law under the other fan, which the sample must reject: a check that the fan is the right one. */
  readonly wrongFan?: Target;
}

const DENSE = [400, 250] as const; // fanIn 400, fanOut 250
const CONV = [64, 32, 5, 5] as const; // fanIn 32·25 = 800, fanOut 64·25 = 1600
const KERAS_TRUNCATION = 0.87962566103423978;

const CASES: readonly Case[] = [
  {
    name: 'lecunUniform: U(±√(3/fanIn))',
    draw: (rng) => lecunUniform(DENSE, { rng }),
    target: { law: 'uniform', limit: Math.sqrt(3 / 400) },
    wrongFan: { law: 'uniform', limit: Math.sqrt(3 / 250) },
  },
  {
    name: 'lecunNormal: N(0, 1/fanIn)',
    draw: (rng) => lecunNormal(DENSE, { rng, dtype: 'float64' }),
    target: { law: 'normal', std: Math.sqrt(1 / 400) },
    wrongFan: { law: 'normal', std: Math.sqrt(1 / 250) },
  },
  {
    name: 'lecunNormal truncated (Keras): variance 1/fanIn after cutting',
    draw: (rng) => lecunNormal(DENSE, { rng, truncated: true }),
    target: { law: 'truncated', std: Math.sqrt(1 / 400) / KERAS_TRUNCATION },
  },
  {
    name: 'glorotUniform, the book eq. 8.23: U(±√(6/(m+n)))',
    draw: (rng) => glorotUniform(DENSE, { rng }),
    target: { law: 'uniform', limit: Math.sqrt(6 / 650) },
  },
  {
    name: 'glorotUniform with gain 2',
    draw: (rng) => glorotUniform(DENSE, { rng, gain: 2, dtype: 'float64' }),
    target: { law: 'uniform', limit: 2 * Math.sqrt(6 / 650) },
  },
  {
    name: 'glorotNormal: N(0, 2/(m+n))',
    draw: (rng) => glorotNormal(DENSE, { rng }),
    target: { law: 'normal', std: Math.sqrt(2 / 650) },
  },
  {
    name: 'glorotNormal on a conv kernel: fans include the receptive field',
    draw: (rng) => glorotNormal(CONV, { rng }),
    target: { law: 'normal', std: Math.sqrt(2 / 2400) },
    wrongFan: { law: 'normal', std: Math.sqrt(2 / (64 + 32)) },
  },
  {
    name: 'heUniform: U(±√(6/fanIn))',
    draw: (rng) => heUniform(DENSE, { rng }),
    target: { law: 'uniform', limit: Math.sqrt(6 / 400) },
    wrongFan: { law: 'uniform', limit: Math.sqrt(6 / 250) },
  },
  {
    name: 'heUniform, mode fanOut: U(±√(6/fanOut))',
    draw: (rng) => heUniform(DENSE, { rng, mode: 'fanOut' }),
    target: { law: 'uniform', limit: Math.sqrt(6 / 250) },
    wrongFan: { law: 'uniform', limit: Math.sqrt(6 / 400) },
  },
  {
    name: 'heNormal on a conv kernel: N(0, 2/fanIn)',
    draw: (rng) => heNormal(CONV, { rng, dtype: 'float64' }),
    target: { law: 'normal', std: Math.sqrt(2 / 800) },
    wrongFan: { law: 'normal', std: Math.sqrt(2 / 1600) },
  },
  {
    name: 'heNormal on a conv kernel, mode fanOut: N(0, 2/fanOut)',
    draw: (rng) => heNormal(CONV, { rng, mode: 'fanOut' }),
    target: { law: 'normal', std: Math.sqrt(2 / 1600) },
    wrongFan: { law: 'normal', std: Math.sqrt(2 / 800) },
  },
  {
    name: 'heNormal for leakyRelu(0.2): gain² = 2/(1 + 0.04)',
    draw: (rng) => heNormal(DENSE, { rng, nonlinearity: 'leakyRelu', negativeSlope: 0.2 }),
    target: { law: 'normal', std: Math.sqrt(2 / 1.04 / 400) },
  },
  {
    name: 'heUniform for tanh: gain 5/3',
    draw: (rng) => heUniform(DENSE, { rng, nonlinearity: 'tanh' }),
    target: { law: 'uniform', limit: (5 / 3) * Math.sqrt(3 / 400) },
  },
  {
    name: 'heNormal with an explicit gain',
    draw: (rng) => heNormal(DENSE, { rng, gain: 3 }),
    target: { law: 'normal', std: 3 / Math.sqrt(400) },
  },
  {
    name: 'heNormal truncated (Keras he_normal): variance 2/fanIn after cutting',
    draw: (rng) => heNormal(DENSE, { rng, truncated: true, dtype: 'float64' }),
    target: { law: 'truncated', std: Math.sqrt(2 / 400) / KERAS_TRUNCATION },
  },
  {
    name: 'varianceScaling, scale 0.5, fanAvg, uniform',
    draw: (rng) => varianceScaling(DENSE, { rng, scale: 0.5, mode: 'fanAvg', distribution: 'uniform' }),
    target: { law: 'uniform', limit: Math.sqrt((3 * 0.5) / 325) },
  },
];

function lawOf(target: Target): { cdf: (x: number) => number; mean: number; variance: number } {
  switch (target.law) {
    case 'uniform':
      return { cdf: uniformCdf(-target.limit, target.limit), mean: 0, variance: target.limit ** 2 / 3 };
    case 'normal':
      return { cdf: normalCdfOf(0, target.std), mean: 0, variance: target.std ** 2 };
    case 'truncated':
      return { mean: 0, ...truncatedNormal(target.std) };
  }
}

describe.each(CASES)('$name', ({ draw, target, wrongFan }) => {
  const law = lawOf(target);
  let values: ArrayLike<number> = [];
  beforeAll(() => {
    values = draw(createRng(11)).dataSync();
  });

  it('stays within the bounds of the law', () => {
    const bound =
      target.law === 'uniform' ? target.limit : target.law === 'truncated' ? 2 * target.std : 7 * target.std;
    // float32 rounding may land exactly on a bound; it never goes past by more than one ulp.
    expect(Math.max(-extent(values).min, extent(values).max)).toBeLessThanOrEqual(bound * (1 + 2 ** -23));
  });

  it('matches the mean and variance within 5 standard errors', () => {
    const { meanErrors, varianceErrors } = momentErrors(values, law.mean, law.variance);
    expect(meanErrors).toBeLessThan(5);
    expect(varianceErrors).toBeLessThan(5);
  });

  it('passes Kolmogorov-Smirnov against the target CDF', () => {
    expect(scaledKolmogorovSmirnov(values, law.cdf)).toBeLessThan(KS_CRITICAL);
    if (wrongFan !== undefined) {
      expect(scaledKolmogorovSmirnov(values, lawOf(wrongFan).cdf)).toBeGreaterThan(4 * KS_CRITICAL);
    }
  });
});

describe('variance-scaling initializers: bad input', () => {
  const rng = createRng(0);

  it('need at least 2 dimensions, with the function named', () => {
    expect(() => glorotUniform([10], { rng })).toThrow(ShapeError);
    expect(() => heNormal([], { rng })).toThrow('heNormal: expected a shape with at least 2 dimensions, got [] (0-D)');
    expect(() => lecunUniform([3], { rng })).toThrow('lecunUniform: expected a shape with at least 2 dimensions');
  });

  it('reject non-positive gains and scales', () => {
    expect(() => glorotUniform([2, 2], { rng, gain: 0 })).toThrow(ValueError);
    expect(() => glorotNormal([2, 2], { rng, gain: -1 })).toThrow(
      'glorotNormal: gain must be a positive finite number',
    );
    expect(() => heUniform([2, 2], { rng, gain: Number.NaN })).toThrow('heUniform: gain must be a positive');
    expect(() => varianceScaling([2, 2], { rng, scale: 0 })).toThrow('varianceScaling: scale must be a positive');
  });

  it('reject unknown modes, distributions and nonlinearities, and a gain given twice', () => {
    const badMode = { rng, mode: 'fan_in' } as unknown as { rng: Rng };
    expect(() => heNormal([2, 2], badMode)).toThrow(`heNormal: mode must be one of 'fanIn', 'fanOut', got "fan_in"`);
    const badLaw = { rng, distribution: 'gamma' } as unknown as { rng: Rng };
    expect(() => varianceScaling([2, 2], badLaw)).toThrow('varianceScaling: distribution must be one of');
    const badNonlinearity = { rng, nonlinearity: 'swish' } as unknown as { rng: Rng };
    expect(() => heUniform([2, 2], badNonlinearity)).toThrow('heUniform: unsupported nonlinearity "swish"');
    expect(() => heUniform([2, 2], { rng, gain: 2, nonlinearity: 'relu' })).toThrow(
      'heUniform: give either gain or nonlinearity',
    );
  });

  it('return an empty tensor for a zero-size shape without drawing', () => {
    const fresh = createRng(1);
    const w = glorotUniform([0, 5], { rng: fresh, dtype: 'float64' });
    expect([w.shape, w.dtype, w.size]).toEqual([[0, 5], 'float64', 0]);
    expect(fresh.getState()).toEqual(createRng(1).getState());
  });
});
