import { z } from 'zod';
import { BACKENDS } from '../setup/backend.js';
import { ACTIVATIONS } from '../setup/model.js';
import { field } from './fields.js';

/**
 * Every `descent train` option by its config key (the long flag in camelCase). A `--config` file uses the same keys;
 * the command line wins over the file, the file over a resumed run's saved config, that over these defaults.
 */
export const trainSchema = z.strictObject({
  dataset: field.string().default('digits'),
  /** A column name, or an index (negative counts from the end). */
  labelColumn: z
    .preprocess(
      (value) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value),
      z.union([z.number().int(), z.string().min(1)], { error: 'must be a column name or index' }),
    )
    .optional(),
  limit: field.count().optional(),
  validation: field.unit().default(0.15),
  test: field.unit().default(0.15),
  standardize: field.boolean().default(true),
  model: field.string().default('mlp:128'),
  activation: field.choice(ACTIVATIONS).default('relu'),
  batchNorm: field.boolean().default(false),
  layerNorm: field.boolean().default(false),
  dropout: field.unit().default(0),
  initializer: field.string().default('glorotUniform'),
  optimizer: field.string().default('adam'),
  /** Default: the optimizer's own (1e-3 for Adam, 0.01 for SGD …). */
  learningRate: field.positive().optional(),
  momentum: field.unit().optional(),
  nesterov: field.boolean().optional(),
  weightDecay: field.nonNegative().optional(),
  beta1: field.unit().optional(),
  beta2: field.unit().optional(),
  eps: field.positive().optional(),
  decay: field.unit().optional(),
  schedule: field.string().default('constant'),
  clip: field.positive().optional(),
  batchSize: field.batchSize().default(32),
  epochs: field.count().default(40),
  /** Early stopping's patience in epochs (on the validation 0-1 loss); 0 turns it off. */
  patience: field.natural().default(5),
  /** `none`, `polyak`, or `ema` / `ema:<decay>` (default decay 0.999). */
  average: z
    .string({ error: 'must be none, polyak, ema or ema:<decay>' })
    .regex(/^(none|polyak|ema(:(0(\.\d+)?|\.\d+))?)$/, { error: 'must be none, polyak, ema or ema:<decay in [0, 1)>' })
    .default('none'),
  /** Curriculum learning: the epoch at which the easiest-first pacing reaches the whole set; 0 turns it off. */
  curriculum: field.natural().default(0),
  seed: field.natural().default(0),
  backend: field.choice(BACKENDS).default('cpu'),
  dtype: field.choice(['float32', 'float64']).default('float32'),
  out: field.string().optional(),
  save: field.string().optional(),
  checkpointDir: field.string().optional(),
  checkpointEvery: field.count().default(1),
  resume: field.string().optional(),
});

export type TrainConfig = z.output<typeof trainSchema>;

/** The keys that describe the experiment, saved beside a checkpoint so `--resume <dir>` needs no other options. */
export const EXPERIMENT_KEYS: readonly (keyof TrainConfig)[] = Object.keys(trainSchema.shape).filter(
  (key) => !['out', 'save', 'checkpointDir', 'resume'].includes(key),
) as (keyof TrainConfig)[];
