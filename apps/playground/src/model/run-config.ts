import { scheduleSpec, syntheticNoise, TEST_FRACTION } from './lab.js';
import { describeConfig, isFirstOrder, METHOD_INFO, type MethodConfig, paramValue } from './methods.js';
import { type AppState, SYNTHETIC_SETS } from './url-state.js';

// Exporting a run as a config the `descent` CLI replays. The network lab maps one to one onto `descent train`'s
// config keys (apps/cli/src/config/train-schema.ts): same data preparation, model, optimizer, schedule, strategies and
// seed, so the replay computes the same numbers. A race exports as a `descent compare` config, as far as the CLI's
// options reach.

/** The CLI's names for the optimizer hyperparameters the playground exposes. */
const CLI_KEYS: Readonly<Record<string, string>> = {
  lr: 'learningRate',
  mu: 'momentum',
  rho: 'decay',
  b1: 'beta1',
  b2: 'beta2',
  clip: 'clip',
};

/** The CLI's synthetic sets have 600 points; it has no option for another count or noise yet. */
export const CLI_SYNTHETIC_POINTS = 600;

/** The optimizer keys of a `descent train` config: name, learning rate and the method's own hyperparameters. */
export function optimizerKeys(config: MethodConfig): Record<string, string | number> {
  if (!isFirstOrder(config.method)) throw new Error(`${config.method} is not a first-order method`);
  const out: Record<string, string | number> = { optimizer: config.method };
  for (const spec of METHOD_INFO[config.method].params) {
    const value = paramValue(config, spec.key);
    if (spec.key === 'clip' && value === 0) continue;
    out[CLI_KEYS[spec.key] ?? spec.key] = value;
  }
  return out;
}

export interface ExportedConfig {
  /** The command that replays it, with the file name. */
  readonly command: string;
  readonly config: Record<string, unknown>;
  /** Settings the CLI cannot express (the replay will differ in them). */
  readonly caveats: readonly string[];
}

/** The network lab's run as a `descent train --config run.json` file. */
export function labRunConfig(state: AppState): ExportedConfig {
  const lab = state.lab;
  const caveats: string[] = [];
  if ((SYNTHETIC_SETS as readonly string[]).includes(lab.dataset)) {
    if (lab.points !== CLI_SYNTHETIC_POINTS || lab.dataNoise !== undefined) {
      caveats.push(
        `the CLI draws synthetic sets with ${CLI_SYNTHETIC_POINTS} points and noise ${syntheticNoise({ ...lab, dataNoise: undefined })}; this run used ${lab.points} points and noise ${syntheticNoise(lab)}`,
      );
    }
  }
  const config = {
    dataset: lab.dataset,
    validation: lab.validation,
    test: TEST_FRACTION,
    standardize: true,
    model: lab.hidden.length === 0 ? 'linear' : `mlp:${lab.hidden.join(',')}`,
    activation: lab.activation,
    batchNorm: lab.batchNorm,
    initializer: lab.initializer,
    ...optimizerKeys(lab.optimizer),
    schedule: scheduleSpec(lab),
    batchSize: lab.batchSize,
    epochs: lab.epochs,
    patience: lab.patience,
    average: lab.averaging === 'ema' ? `ema:${lab.emaDecay}` : lab.averaging,
    curriculum: lab.curriculum,
    seed: state.seed,
    backend: 'auto',
    dtype: 'float32',
  };
  return { command: 'descent train --config run.json', config, caveats };
}

/** The `descent compare` entry settings (`sgd:0.01:momentum=0.5`) of the playground's first-order hyperparameters. */
const COMPARE_SETTINGS: Readonly<Record<string, string>> = { mu: 'momentum', rho: 'decay', b1: 'beta1', b2: 'beta2' };

/**
 * A racer as a `descent compare` entry: `name:learningRate` plus its non-default settings (`adam:0.1:beta1=0.8`,
 * `momentum:0.001:momentum=0.5:clip=1`, `newton:saddle-free`). Second-order methods take no settings there; the
 * caveats name those the replay will not use.
 */
function compareEntry(racer: MethodConfig, caveats: string[]): string {
  if (racer.method === 'saddle-free-newton') return 'newton:saddle-free';
  const parts: string[] = [isFirstOrder(racer.method) ? `${racer.method}:${paramValue(racer, 'lr')}` : racer.method];
  for (const spec of METHOD_INFO[racer.method].params) {
    if (spec.key === 'lr') continue;
    const value = paramValue(racer, spec.key);
    if (value === spec.default) continue;
    const setting = spec.key === 'clip' ? 'clip' : COMPARE_SETTINGS[spec.key];
    if (isFirstOrder(racer.method) && setting !== undefined) parts.push(`${setting}=${value}`);
    else
      caveats.push(
        `${describeConfig(racer)}: descent compare has no ${spec.key} for ${racer.method}, so ${spec.key}=${value} is not replayed`,
      );
  }
  return parts.join(':');
}

/**
 * A race as a `descent compare --config race.json` file (apps/cli/src/commands/compare.ts): the problem, the start, and
 * `optimizers` as entries with each racer's learning rate and non-default hyperparameters. The CLI has no gradient
 * noise and no formulas; the caveats list whatever the replay will not reproduce.
 */
export function raceRunConfig(state: AppState): ExportedConfig {
  const race = state.race;
  const caveats: string[] = [];
  if (race.noise > 0) caveats.push('gradient noise (σ, batch size) is a playground simulation the CLI does not model');
  const optimizers = race.racers.map((racer) => compareEntry(racer, caveats));
  caveats.push('the CLI stops an optimizer once f − f* ≤ 1e-6 (its --tolerance); the race runs every step');
  const config = {
    problem: race.problem,
    ...(race.problem === 'quadratic' ? { conditionNumber: race.conditionNumber } : {}),
    ...(race.start === undefined ? {} : { start: [...race.start] }),
    optimizers,
    steps: race.steps,
    seed: state.seed,
    dtype: 'float64',
  };
  return { command: 'descent compare --config race.json', config, caveats };
}

/**
 * The config of the current view, or undefined where the CLI has no counterpart: the Strategies view's demos, and
 * races on a typed formula (the CLI runs named problems only).
 */
export function exportRunConfig(state: AppState): ExportedConfig | undefined {
  if (state.view === 'lab') return labRunConfig(state);
  if (state.view === 'race' && state.race.problem !== 'formula') return raceRunConfig(state);
  return undefined;
}
