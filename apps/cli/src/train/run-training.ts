import { readFile } from 'node:fs/promises';
import {
  curriculum,
  earlyStopping,
  ema,
  evaluate,
  NonFiniteLossError,
  parseCheckpoint,
  polyakAveraging,
  type Strategy,
  train,
} from '@descent/meta';
import { softmaxCrossEntropy, toJson } from '@descent/nn';
import { createRng, tree } from '@descent/tensor';
import type { TrainConfig } from '../config/train-schema.js';
import { asUsage, FileError, oneLine, RunError, UsageError } from '../errors.js';
import { parameterCount, parameterDigest } from '../output/params.js';
import { writeAtomically } from '../output/write-file.js';
import { backendDetails, useBackend } from '../setup/backend.js';
import { prepareData } from '../setup/dataset.js';
import { buildModel, hiddenSizes } from '../setup/model.js';
import { buildOptimizer, FIRST_ORDER } from '../setup/optimizers.js';
import { resolveSchedule } from '../setup/schedule.js';
import { classMarginDifficulty } from './difficulty.js';
import type { ProgressEvent, SetupInfo, TrainOutcome } from './messages.js';

export interface TrainingHooks {
  readonly setup: (info: SetupInfo) => void;
  readonly event: (event: ProgressEvent) => void;
  /** True once Ctrl-C asked the run to stop. */
  readonly stopRequested: () => boolean;
}

/** A diverged run: the message, and the last good checkpoint if one was written. */
export class DivergedError extends RunError {
  override name = 'DivergedError';
  constructor(
    message: string,
    readonly checkpoint: string | undefined,
  ) {
    super(message);
  }
}

function strategiesFor(config: TrainConfig, difficulty: () => Float64Array, hasValidation: boolean) {
  const strategies: Strategy[] = [];
  if (config.curriculum > 0)
    strategies.push(asUsage(() => curriculum({ difficulty: difficulty(), fullAt: config.curriculum })));
  if (config.average === 'polyak') strategies.push(polyakAveraging());
  else if (config.average.startsWith('ema')) {
    const decay = config.average.includes(':') ? Number(config.average.slice(4)) : 0.999;
    strategies.push(asUsage(() => ema(decay)));
  }
  // Early stopping goes last: its best parameters are the averaged ones when averaging is on.
  const stopping = config.patience > 0 && hasValidation ? earlyStopping({ patience: config.patience }) : undefined;
  if (stopping !== undefined) strategies.push(stopping);
  return { strategies, stopping };
}

/** Checks that a checkpoint file parses and fits the model, so a mismatch is a clear file error, not a shape error. */
async function checkCheckpoint(path: string, expected: unknown): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileError(
      `cannot read checkpoint ${path}: ${code === 'ENOENT' ? 'no such file' : String(code ?? error)}`,
    );
  }
  let saved: ReturnType<typeof parseCheckpoint>;
  try {
    saved = parseCheckpoint(text, path);
  } catch (error) {
    throw new FileError(oneLine(error).replace(/^train: /, ''));
  }
  const have = tree.flatten(saved.params);
  const want = tree.flatten(expected as tree.Tree);
  const difference = tree.structureDifference(have.structure, want.structure);
  const shapes = (leaves: readonly { shape: readonly number[] }[]) => leaves.map((l) => `[${l.shape}]`).join(' ');
  if (difference !== undefined || shapes(have.leaves) !== shapes(want.leaves)) {
    throw new FileError(
      `checkpoint ${path} was written for a different model (${difference ?? `shapes ${shapes(have.leaves)}, expected ${shapes(want.leaves)}`}); resume with the options of that run`,
    );
  }
  return saved.epoch;
}

/**
 * Everything `descent train` does with tensors, run in the training worker: data, model, optimizer and schedule,
 * strategies, `train` with checkpoints, the test evaluation, and the saved model. Returns plain data.
 */
export async function runTraining(
  config: TrainConfig,
  hooks: TrainingHooks,
  paths: {
    readonly resumeFrom?: string | undefined;
    readonly checkpoint?: string | undefined;
    readonly runConfig?: { readonly path: string; readonly text: string } | undefined;
  },
): Promise<TrainOutcome> {
  await useBackend(config.backend);
  const entry = FIRST_ORDER[config.optimizer];
  if (entry === undefined) buildOptimizer(config.optimizer, 1, {});
  hiddenSizes(config.model);
  const data = await prepareData({
    dataset: config.dataset,
    validation: config.validation,
    test: config.test,
    standardize: config.standardize,
    seed: config.seed,
    dtype: config.dtype,
    labelColumn: config.labelColumn,
    limit: config.limit,
  });
  const model = buildModel(config, data.features, data.classes);
  const trainCount = data.train.x.shape[0];
  const batchSize = config.batchSize;
  if (batchSize !== 'full' && batchSize > trainCount) {
    throw new UsageError(`--batch-size ${batchSize} is larger than the training set (${trainCount} samples)`);
  }
  const stepsPerEpoch = batchSize === 'full' ? 1 : Math.ceil(trainCount / batchSize);
  const learningRate = config.learningRate ?? entry.defaultLearningRate;
  const schedule = resolveSchedule(config.schedule, learningRate, stepsPerEpoch, config.epochs);
  const hyperparameters = {
    momentum: config.momentum,
    nesterov: config.nesterov,
    weightDecay: config.weightDecay,
    beta1: config.beta1,
    beta2: config.beta2,
    eps: config.eps,
    decay: config.decay,
  };
  const optimizer = asUsage(() =>
    buildOptimizer(config.optimizer, schedule.learningRate, hyperparameters, config.clip),
  );
  const { strategies, stopping } = strategiesFor(
    config,
    () => classMarginDifficulty(data.train),
    data.validation !== undefined,
  );
  // The same initial parameters `train` draws (its generator's first split), for the parameter count and for
  // checking a checkpoint against the model.
  const initial = model.init(createRng(config.seed).split()).params;
  let firstEpoch = 1;
  if (paths.resumeFrom !== undefined) firstEpoch = (await checkCheckpoint(paths.resumeFrom, initial)) + 1;
  if (paths.runConfig !== undefined) await writeAtomically(paths.runConfig.path, paths.runConfig.text);

  hooks.setup({
    dataset: {
      name: data.name,
      source: data.source,
      features: data.features,
      classes: data.classes,
      samples: {
        train: trainCount,
        validation: data.validation?.x.shape[0] ?? 0,
        test: data.test.x.shape[0],
      },
    },
    model: { spec: config.model, description: model.name, parameters: parameterCount(initial) },
    optimizer: config.optimizer,
    stepsPerEpoch,
    firstEpoch,
    ...(paths.checkpoint === undefined ? {} : { checkpoint: paths.checkpoint }),
    backend: await backendDetails(config.backend),
  });

  let stepsDone = 0;
  let lastCheckpointEpoch: number | undefined = paths.resumeFrom === undefined ? undefined : firstEpoch - 1;
  const learningRates: number[] = [];
  const every = config.checkpointEvery;
  let result: Awaited<ReturnType<typeof train>>;
  try {
    result = await train({
      model,
      loss: softmaxCrossEntropy,
      optimizer,
      data: { train: data.train, ...(data.validation === undefined ? {} : { validation: data.validation }) },
      epochs: config.epochs,
      batchSize,
      rng: config.seed,
      strategies,
      ...(paths.checkpoint === undefined
        ? {}
        : {
            checkpoint: {
              path: paths.checkpoint,
              // Read at each epoch's end: once Ctrl-C asked to stop, this epoch's checkpoint is written whatever
              // `--checkpoint-every` says, so the run resumes from exactly where it stopped.
              get every() {
                return hooks.stopRequested() ? 1 : every;
              },
            },
          }),
      ...(paths.resumeFrom === undefined ? {} : { resume: paths.resumeFrom }),
      shouldStop: hooks.stopRequested,
      onEvent: (event) => {
        if (event.type === 'step') {
          stepsDone = event.step;
          hooks.event({ ...event, learningRate: schedule.at(event.step - 1) });
        } else if (event.type === 'epoch') {
          const rate = schedule.at(Math.max(0, stepsDone - 1));
          learningRates[event.record.epoch] = rate;
          hooks.event({ ...event, learningRate: rate });
        } else {
          if (event.type === 'checkpoint') lastCheckpointEpoch = event.epoch;
          hooks.event(event);
        }
      },
    });
  } catch (error) {
    if (error instanceof NonFiniteLossError) {
      const kept =
        paths.checkpoint !== undefined && lastCheckpointEpoch !== undefined
          ? `; the last good checkpoint (epoch ${lastCheckpointEpoch}) is kept in ${paths.checkpoint}`
          : '';
      throw new DivergedError(
        `training diverged: the loss became ${error.loss} at step ${error.step} (epoch ${error.epoch})${kept}; lower --learning-rate or add --clip`,
        lastCheckpointEpoch === undefined ? undefined : paths.checkpoint,
      );
    }
    // Anything else from `train` is about its files (a corrupt checkpoint) or the run itself.
    throw new RunError(oneLine(error).replace(/^train: /, ''));
  }

  const test = evaluate(model, result.params, result.state, softmaxCrossEntropy, data.test);
  let savedModel: string | undefined;
  if (config.save !== undefined) {
    await writeAtomically(config.save, toJson({ params: result.params, state: result.state }));
    savedModel = config.save;
  }
  // Epochs restored from a checkpoint carry no learning rate of this process: recompute it from the step count.
  let cumulative = 0;
  const history = result.history.map((record) => {
    cumulative += record.steps;
    return { ...record, learningRate: learningRates[record.epoch] ?? schedule.at(Math.max(0, cumulative - 1)) };
  });
  const bestEpoch = stopping?.bestEpoch();
  return {
    history,
    stopped: result.stopped,
    steps: result.steps,
    test: test.accuracy === undefined ? { loss: test.loss } : { loss: test.loss, accuracy: test.accuracy },
    digests: { params: parameterDigest(result.params), lastParams: parameterDigest(result.lastParams) },
    ...(bestEpoch === undefined || bestEpoch === 0 ? {} : { bestEpoch }),
    ...(paths.checkpoint === undefined ? {} : { checkpoint: paths.checkpoint }),
    ...(savedModel === undefined ? {} : { savedModel }),
  };
}
