import { describe, expect, it } from 'vitest';
import { type AppState, DEFAULT_STATE, decodeMethod, decodeState, encodeMethod, encodeState } from './url-state.js';

const rich: AppState = {
  view: 'lab',
  seed: 42,
  race: {
    ...DEFAULT_STATE.race,
    problem: 'formula',
    formula: 'x^2 + 3*y^2 - sin(x*y)/2',
    bounds: [-2, 4, -1, 1.5],
    start: [1.25, -0.5],
    racers: [
      { method: 'adam', params: { lr: 0.1, b1: 0.8 } },
      { method: 'sgd', params: { clip: 2 } },
      { method: 'lbfgs', params: { m: 5 } },
      { method: 'saddle-free-newton', params: {} },
    ],
    noise: 1.5,
    batchSize: 8,
    steps: 250,
    speed: 5,
    focus: 2,
  },
  lab: {
    ...DEFAULT_STATE.lab,
    dataset: 'moons',
    points: 300,
    dataNoise: 0.3,
    hidden: [8, 8, 8],
    activation: 'tanh',
    initializer: 'heNormal',
    batchNorm: true,
    optimizer: { method: 'rmsprop', params: { lr: 0.005, rho: 0.9 } },
    schedule: 'warmup-cosine',
    batchSize: 64,
    epochs: 25,
    patience: 4,
    averaging: 'ema',
    emaDecay: 0.95,
    curriculum: 6,
    validation: 0.2,
  },
  strategies: {
    continuationStart: 3,
    continuationWidth: 1,
    coordinateCondition: 50,
    coordinateRotated: false,
    pretrainingDepth: 4,
    curriculumFullAt: 3,
  },
};

describe('the URL state codec', () => {
  it('writes only the view for the defaults', () => {
    expect(encodeState(DEFAULT_STATE)).toBe('view=race');
    expect(decodeState('')).toEqual({ state: DEFAULT_STATE, warnings: [] });
  });

  it('round-trips every field', () => {
    const query = encodeState(rich);
    expect(decodeState(query)).toEqual({ state: rich, warnings: [] });
    expect(decodeState(`?${query}`).state).toEqual(rich);
    expect(encodeState(decodeState(query).state)).toBe(query);
  });

  it('keeps URLs readable and a formula’s plus signs intact', () => {
    const query = encodeState(rich);
    expect(query).toContain('r=adam:lr=0.1,b1=0.8;sgd:clip=2;lbfgs:m=5;saddle-free-newton');
    expect(query).toContain('f=x%5E2%20%2B%203*y%5E2%20-%20sin(x*y)%2F2');
    // Hand-written links with a literal + still mean plus, not a space.
    expect(decodeState('p=formula&f=x^2+y^2').state.race.formula).toBe('x^2+y^2');
  });

  it('replaces bad values by defaults and says why', () => {
    const { state, warnings } = decodeState(
      'view=nope&seed=-3&p=unknown&r=adam:lr=abc;bogus;lbfgs&noise=1e9&batch=2.5&h=8,x&opt=lbfgs&bn=maybe&b=3,1,0,1&x0=1',
    );
    expect(state.view).toBe('race');
    expect(state.seed).toBe(0);
    expect(state.race.problem).toBe(DEFAULT_STATE.race.problem);
    expect(state.race.racers).toEqual([{ method: 'lbfgs', params: {} }]);
    expect(state.race.noise).toBe(100);
    expect(state.race.batchSize).toBe(DEFAULT_STATE.race.batchSize);
    expect(state.race.bounds).toEqual(DEFAULT_STATE.race.bounds);
    expect(state.race.start).toBeUndefined();
    expect(state.lab.hidden).toEqual(DEFAULT_STATE.lab.hidden);
    expect(state.lab.optimizer).toEqual(DEFAULT_STATE.lab.optimizer);
    expect(state.lab.batchNorm).toBe(false);
    expect(warnings).toEqual([
      'ignored p=unknown: unknown problem; expected formula or one of rosenbrock, beale, booth, himmelblau, rastrigin, six-hump-camel, quadratic, saddle, monkey-saddle, plateau, cliff, narrow-valley',
      'ignored b=3,1,0,1: expected xmin < xmax and ymin < ymax',
      'ignored x0=1: expected 2 numbers in [-1000, 1000]',
      'ignored r=adam:lr=abc: unknown method or hyperparameter',
      'ignored r=bogus: unknown method or hyperparameter',
      'ignored noise=1e9: outside [0, 100]',
      'ignored batch=2.5: not an integer',
      'ignored h=8,x: expected up to 6 widths in [1, 64]',
      'ignored opt=lbfgs: expected a first-order method: sgd, momentum, nesterov, adagrad, rmsprop, adam',
      'ignored bn=maybe: expected 0 or 1',
      'ignored view=nope: expected one of race, lab, strategies',
      'ignored seed=-3: outside [0, 2147483647]',
    ]);
  });

  it('survives malformed escapes and keeps at most eight racers', () => {
    expect(decodeState('f=%E0%A4%A&p=formula').state.race.formula).toBe('%E0%A4%A');
    const many = Array.from({ length: 12 }, () => 'sgd').join(';');
    expect(decodeState(`r=${many}`).state.race.racers).toHaveLength(8);
  });

  it('encodes methods with their non-default hyperparameters, clamped to range', () => {
    expect(encodeMethod({ method: 'adam', params: { lr: 0.05, b1: 0.9 } })).toBe('adam');
    expect(encodeMethod({ method: 'momentum', params: { mu: 5 } })).toBe('momentum:mu=0.999');
    expect(decodeMethod('rmsprop:rho=0.9,lr=0.1')).toEqual({ method: 'rmsprop', params: { lr: 0.1, rho: 0.9 } });
    expect(decodeMethod('adam:mu=0.9')).toBeUndefined();
    expect(decodeMethod('constructor')).toBeUndefined();
    expect(decodeMethod('__proto__:lr=1')).toBeUndefined();
  });
});
