import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { methods } from '@descent/second-order';
import { describe, expect, it } from 'vitest';
import { exportRunConfig, labRunConfig, raceRunConfig } from './run-config.js';
import { type AppState, DEFAULT_STATE } from './url-state.js';

// The keys of `descent train`'s config (apps/cli/src/config/train-schema.ts) that the lab writes.
const TRAIN_KEYS = [
  'dataset',
  'validation',
  'test',
  'standardize',
  'model',
  'activation',
  'batchNorm',
  'initializer',
  'optimizer',
  'learningRate',
  'momentum',
  'beta1',
  'beta2',
  'decay',
  'clip',
  'schedule',
  'batchSize',
  'epochs',
  'patience',
  'average',
  'curriculum',
  'seed',
  'backend',
  'dtype',
];

// The keys of `descent compare`'s config (apps/cli/src/commands/compare.ts) that a race writes.
const COMPARE_KEYS = ['problem', 'conditionNumber', 'start', 'optimizers', 'steps', 'seed', 'dtype'];

const CLI_SCHEMA = fileURLToPath(new URL('../../../cli/src/config/train-schema.ts', import.meta.url));
const CLI_OPTIMIZERS = fileURLToPath(new URL('../../../cli/src/setup/optimizers.ts', import.meta.url));

const lab: AppState = {
  ...DEFAULT_STATE,
  view: 'lab',
  seed: 3,
  lab: {
    ...DEFAULT_STATE.lab,
    dataset: 'wine',
    hidden: [16],
    activation: 'tanh',
    initializer: 'orthogonal',
    batchNorm: true,
    optimizer: { method: 'rmsprop', params: { lr: 0.005, rho: 0.9, clip: 2 } },
    schedule: 'step',
    epochs: 8,
    patience: 3,
    averaging: 'ema',
    emaDecay: 0.99,
    curriculum: 4,
  },
};

describe('run configs', () => {
  it('writes the network lab as a descent train config', () => {
    const { command, config, caveats } = labRunConfig(lab);
    expect(command).toBe('descent train --config run.json');
    expect(config).toEqual({
      dataset: 'wine',
      validation: 0.15,
      test: 0.15,
      standardize: true,
      model: 'mlp:16',
      activation: 'tanh',
      batchNorm: true,
      initializer: 'orthogonal',
      optimizer: 'rmsprop',
      learningRate: 0.005,
      decay: 0.9,
      clip: 2,
      schedule: 'step:2,0.5',
      batchSize: 16,
      epochs: 8,
      patience: 3,
      average: 'ema:0.99',
      curriculum: 4,
      seed: 3,
      backend: 'auto',
      dtype: 'float32',
    });
    expect(caveats).toEqual([]);
    expect(Object.keys(config).every((key) => TRAIN_KEYS.includes(key))).toBe(true);
  });

  it('notes what the CLI cannot replay', () => {
    const custom = { ...lab, lab: { ...lab.lab, dataset: 'spiral' as const, points: 300, dataNoise: 0.2 } };
    expect(labRunConfig(custom).caveats).toEqual([
      'the CLI draws synthetic sets with 600 points and noise 0.1; this run used 300 points and noise 0.2',
    ]);
    expect(labRunConfig({ ...lab, lab: { ...lab.lab, hidden: [] } }).config.model).toBe('linear');
  });

  it.runIf(existsSync(CLI_SCHEMA))('passes the CLI’s own validation of train configs', async () => {
    const { trainSchema } = (await import(/* @vite-ignore */ CLI_SCHEMA)) as {
      trainSchema: { parse: (value: unknown) => Record<string, unknown> };
    };
    const { config } = labRunConfig(lab);
    expect(trainSchema.parse(config)).toMatchObject(config);
  });

  const race: AppState = {
    ...DEFAULT_STATE,
    race: {
      ...DEFAULT_STATE.race,
      problem: 'quadratic',
      conditionNumber: 50,
      start: [1, -1],
      racers: [
        { method: 'adam', params: { lr: 0.1 } },
        { method: 'momentum', params: { mu: 0.5, clip: 2 } },
        { method: 'adam', params: { b1: 0.8 } },
        { method: 'lbfgs', params: { m: 5 } },
        { method: 'saddle-free-newton', params: {} },
      ],
      noise: 1,
    },
  };

  it('writes a race as a descent compare config, naming what the CLI cannot replay', () => {
    const state = race;
    const { command, config, caveats } = raceRunConfig(state);
    expect(command).toBe('descent compare --config race.json');
    expect(config).toEqual({
      problem: 'quadratic',
      conditionNumber: 50,
      start: [1, -1],
      optimizers: [
        'adam:0.1',
        'momentum:0.001:momentum=0.5:clip=2',
        'adam:0.05:beta1=0.8',
        'lbfgs',
        'newton:saddle-free',
      ],
      steps: 400,
      seed: 0,
      dtype: 'float64',
    });
    expect(caveats).toEqual([
      'gradient noise (σ, batch size) is a playground simulation the CLI does not model',
      'L-BFGS (m=5): descent compare has no m for lbfgs, so m=5 is not replayed',
      'the CLI stops an optimizer once f − f* ≤ 1e-6 (its --tolerance); the race runs every step',
    ]);
    expect(Object.keys(config).every((key) => COMPARE_KEYS.includes(key))).toBe(true);
    expect(exportRunConfig({ ...state, view: 'strategies' })).toBeUndefined();
    expect(exportRunConfig({ ...state, race: { ...state.race, problem: 'formula' } })).toBeUndefined();
  });

  it.runIf(existsSync(CLI_OPTIMIZERS))('writes optimizer entries that the CLI’s own parser reads back', async () => {
    const { parseOptimizerList } = (await import(/* @vite-ignore */ CLI_OPTIMIZERS)) as {
      parseOptimizerList: (
        entries: readonly string[],
        methods: readonly string[],
      ) => { name: string; hyperparameters: object; clip?: number; saddleFree?: boolean }[];
    };
    const entries = raceRunConfig(race).config.optimizers as string[];
    const parsed = parseOptimizerList(entries, methods);
    expect(parsed.map(({ name }) => name)).toEqual(['adam', 'momentum', 'adam', 'lbfgs', 'newton']);
    expect(parsed[1]).toMatchObject({ hyperparameters: { momentum: 0.5 }, clip: 2 });
    expect(parsed[2]).toMatchObject({ hyperparameters: { beta1: 0.8 } });
    expect(parsed[4]).toMatchObject({ saddleFree: true });
  });
});
