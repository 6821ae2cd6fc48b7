import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Command, Option } from 'commander';
import type { Layer } from '../config/layers.js';
import { EXPERIMENT_KEYS, type TrainConfig, trainSchema } from '../config/train-schema.js';
import { EXIT, FileError, RunError, UsageError } from '../errors.js';
import { formatDuration, formatNumber, formatPercent, formatRate } from '../output/format.js';
import type { Output } from '../output/output.js';
import { toCsv } from '../output/table.js';
import { terminalChart } from '../output/terminal-chart.js';
import { TrainProgress } from '../output/train-progress.js';
import { siblingPath, writeAtomically } from '../output/write-file.js';
import { BACKENDS } from '../setup/backend.js';
import { INITIALIZER_NAMES, INITIALIZERS } from '../setup/initializers.js';
import { ACTIVATIONS, hiddenSizes } from '../setup/model.js';
import { buildOptimizer, FIRST_ORDER, FIRST_ORDER_NAMES } from '../setup/optimizers.js';
import { resolveSchedule, SCHEDULES } from '../setup/schedule.js';
import type { SetupInfo, TrainOutcome, WorkerInput, WorkerMessage } from '../train/messages.js';
import { versions } from '../versions.js';
import { optionLayers, outputOf, resolveOptions, withCommonOptions } from './common.js';

const EXAMPLES = `
Examples:
  $ descent train                                   MLP on the built-in digits, Adam, early stopping (≥ 95% test)
  $ descent train --model mlp:64,64 --batch-norm --optimizer momentum --lr 0.05 --schedule cosine
  $ descent train --dataset /usr/share/datasets/fashion-mnist --limit 10000 --epochs 5
  $ descent train --dataset data.csv --label-column species --out runs/csv.json
  $ descent train --config run.yaml --checkpoint-dir runs/a   (Ctrl-C writes a checkpoint and exits 130)
  $ descent train --resume runs/a                           (continues bit-identically)
  $ descent train --json | jq -c 'select(.type == "epoch")'

Config files (--config) use the long option names in camelCase: learningRate: 0.01, batchSize: 64 …
Results (--out FILE.json) also write FILE.csv (per-epoch) and FILE.svg (loss curves); schema in the README.`;

/** `descent train`: its options, all optional. */
export function trainCommand(entryUrl: string): Command {
  const command = new Command('train')
    .summary('train a model on a dataset')
    .description(
      'Train a classifier with any first-order optimizer, schedule and strategy of chapter 8. With no options: an ' +
        'MLP (one hidden layer of 128 relu units) on the built-in 8x8 digits with Adam and early stopping.',
    )
    .option('--dataset <name|path>', 'digits, iris, wine, breast-cancer, moons, spiral …, an IDX folder or a CSV file')
    .option('--label-column <name|index>', 'CSV: the label column (default: the last)')
    .option('--limit <n>', 'train on at most n samples (a random subset)')
    .option('--validation <fraction>', 'share held out for validation and early stopping (default 0.15)')
    .option('--test <fraction>', 'share held out for the final test (default 0.15; IDX folders have their own)')
    .option('--no-standardize', 'keep the features as they are (default: standardize on training statistics)')
    .option('--model <spec>', 'mlp:<hidden sizes> such as mlp:64,64, or linear (default mlp:128)')
    .addOption(new Option('--activation <name>', 'hidden activation (default relu)').choices(ACTIVATIONS))
    .option('--batch-norm', 'batch normalization after each hidden layer (8.7.1)')
    .option('--layer-norm', 'layer normalization after each hidden layer')
    .option('--dropout <rate>', 'dropout rate after each hidden activation (default 0)')
    .option('--initializer <name>', `weight initializer: ${INITIALIZER_NAMES.join(', ')} (default glorotUniform)`)
    .option('--optimizer <name>', `${FIRST_ORDER_NAMES.join(', ')} (default adam)`)
    .option('--learning-rate <rate>', "learning rate, alias --lr (default: the optimizer's, 1e-3 for adam)")
    .addOption(new Option('--lr <rate>').hideHelp())
    .option('--momentum <alpha>', 'momentum for sgd, momentum, nesterov, rmsprop')
    .option('--nesterov', 'Nesterov momentum (sgd, rmsprop)')
    .option('--weight-decay <lambda>', 'L2 weight decay (decoupled for adamw)')
    .option('--beta1 <b1>', 'Adam-family first-moment decay (default 0.9)')
    .option('--beta2 <b2>', 'Adam-family second-moment decay (default 0.999)')
    .option('--eps <eps>', 'the stabilizing constant of adaptive methods')
    .option('--decay <rho>', 'RMSProp/AdaDelta squared-gradient decay')
    .option('--schedule <spec>', `learning-rate schedule: ${Object.keys(SCHEDULES).join(', ')} (default constant)`)
    .option('--clip <norm>', 'clip gradients to this global norm first')
    .option('--batch-size <n|full>', 'examples per step, or full for batch gradient descent (default 32)')
    .option('--epochs <n>', 'maximum number of epochs (default 40)')
    .option('--patience <n>', 'early stopping after n epochs without a better validation error; 0 = off (default 5)')
    .option('--average <kind>', 'evaluate averaged iterates: none, polyak, ema or ema:<decay> (default none)')
    .option('--curriculum <epochs>', 'curriculum learning, easiest first, all data from this epoch; 0 = off')
    .option('--seed <n>', 'seed of the split, initialization, shuffling and dropout (default 0)')
    .addOption(new Option('--backend <name>', 'tensor backend (default cpu)').choices(BACKENDS))
    .addOption(new Option('--dtype <dtype>', 'float32 (default) or float64').choices(['float32', 'float64']))
    .option('-o, --out <file.json>', 'write the results record here, with per-epoch .csv and loss-curve .svg beside it')
    .option('--save <file.json>', 'save the trained parameters and state (nn toJson format)')
    .option('--checkpoint-dir <dir>', 'write checkpoints (and the run config) here; Ctrl-C writes a final one')
    .option('--checkpoint-every <n>', 'checkpoint every n epochs (default 1)')
    .option('--resume <dir|file>', 'continue from a checkpoint folder or file, with its saved options');
  withCommonOptions(command).addHelpText('after', EXAMPLES);
  return command.action(async (_options, self: Command) => {
    process.exitCode = await runTrainCommand(self, entryUrl);
  });
}

/** Where `--resume` points: the checkpoint file and the folder whose config.json holds the run's options. */
async function resolveResume(path: string): Promise<{ file: string; dir: string }> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    throw new FileError(`cannot resume: ${path} does not exist`);
  }
  const file = isDirectory ? join(path, 'checkpoint.json') : path;
  try {
    await stat(file);
  } catch {
    throw new FileError(`cannot resume: no checkpoint ${file}`);
  }
  return { file, dir: isDirectory ? path : dirname(path) };
}

async function savedConfig(dir: string): Promise<Layer | undefined> {
  const path = join(dir, 'config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const document = JSON.parse(text) as { options?: Record<string, unknown> };
    if (typeof document?.options !== 'object' || document.options === null) throw new Error('no options');
    return { values: document.options, source: path };
  } catch {
    throw new FileError(`the saved run config ${path} is corrupt (not a descent config.json)`);
  }
}

/** Usage errors found before any data is loaded, so a typo exits at once with code 2. */
function checkEarly(config: TrainConfig): void {
  hiddenSizes(config.model);
  if (!Object.hasOwn(INITIALIZERS, config.initializer)) {
    throw new UsageError(`unknown initializer '${config.initializer}'; choose one of ${INITIALIZER_NAMES.join(', ')}`);
  }
  if (config.batchNorm && config.layerNorm) throw new UsageError('give --batch-norm or --layer-norm, not both');
  buildOptimizer(
    config.optimizer,
    1,
    {
      momentum: config.momentum,
      nesterov: config.nesterov,
      weightDecay: config.weightDecay,
      beta1: config.beta1,
      beta2: config.beta2,
      eps: config.eps,
      decay: config.decay,
    },
    config.clip,
  );
  const rate = config.learningRate ?? FIRST_ORDER[config.optimizer].defaultLearningRate;
  resolveSchedule(config.schedule, rate, 10, config.epochs);
}

/** The options a checkpoint folder keeps, so `--resume <dir>` alone repeats the experiment. */
function experimentOptions(config: TrainConfig): Record<string, unknown> {
  return Object.fromEntries(
    EXPERIMENT_KEYS.filter((key) => config[key] !== undefined).map((key) => [key, config[key]]),
  );
}

export async function runTrainCommand(command: Command, entryUrl: string): Promise<number> {
  const output = outputOf(command);
  const layers = await optionLayers(command);
  const cli = layers[layers.length - 1].values as Record<string, unknown>;
  if (cli.lr !== undefined) {
    if (cli.learningRate !== undefined) throw new UsageError('give --learning-rate or --lr, not both');
    const { lr, ...rest } = cli;
    layers[layers.length - 1] = { values: { ...rest, learningRate: lr }, source: 'cli' };
  }
  const resumeOption = [...layers].reverse().find((layer) => layer.values.resume !== undefined)?.values.resume;
  let resume: { file: string; dir: string } | undefined;
  if (typeof resumeOption === 'string') {
    resume = await resolveResume(resumeOption);
    const saved = await savedConfig(resume.dir);
    if (saved !== undefined) layers.unshift(saved);
  }
  const config = resolveOptions(trainSchema, layers);
  checkEarly(config);
  const checkpointDir = config.checkpointDir ?? resume?.dir;
  const checkpointPath = checkpointDir === undefined ? undefined : join(checkpointDir, 'checkpoint.json');

  const startedAt = new Date();
  const started = performance.now();
  const stopFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(stopFlag);
  const input: WorkerInput = {
    config,
    stopFlag,
    ...(resume === undefined ? {} : { resumeFrom: resume.file }),
    ...(checkpointDir === undefined
      ? {}
      : {
          checkpointPath: join(checkpointDir, 'checkpoint.json'),
          runConfig: {
            path: join(checkpointDir, 'config.json'),
            text: `${JSON.stringify({ format: 'descent.run-config', version: 1, options: experimentOptions(config) }, null, 2)}\n`,
          },
        }),
  };
  const worker = new Worker(new URL(entryUrl), { workerData: { role: 'train', input }, stdout: false });
  let progress: TrainProgress | undefined;
  let setup: SetupInfo | undefined;
  const history: TrainOutcome['history'][number][] = [];
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) {
      progress?.stop();
      process.stderr.write('descent: interrupted again: quitting without waiting for the epoch to end\n');
      process.exit(EXIT.interrupted);
    }
    interrupted = true;
    Atomics.store(flag, 0, 1);
    progress?.stop();
    output.warn(
      checkpointPath === undefined
        ? 'interrupted: stopping after this epoch (no --checkpoint-dir, so the run cannot be resumed); Ctrl-C again to quit now'
        : `interrupted: stopping after this epoch and writing a checkpoint to ${checkpointPath}; Ctrl-C again to quit now`,
    );
  };
  process.on('SIGINT', onSigint);
  let outcome: TrainOutcome;
  try {
    outcome = await new Promise<TrainOutcome>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        switch (message.kind) {
          case 'setup':
            setup = message.info;
            announce(output, config, message.info, resume?.file);
            progress = new TrainProgress(output, {
              epochs: config.epochs,
              firstEpoch: message.info.firstEpoch,
              stepsPerEpoch: message.info.stepsPerEpoch,
            });
            break;
          case 'event':
            if (message.event.type === 'epoch') {
              history.push({ ...message.event.record, learningRate: message.event.learningRate ?? Number.NaN });
            }
            progress?.onEvent(message.event);
            break;
          case 'done':
            resolve(message.outcome);
            break;
          case 'error': {
            progress?.stop();
            const error =
              message.errorKind === 'usage'
                ? new UsageError(message.message)
                : message.errorKind === 'file'
                  ? new FileError(message.message)
                  : new RunError(message.message);
            if (message.errorKind === 'diverged') {
              writeRecord(output, config, setup, undefined, history, startedAt, started, 'diverged', message.message)
                .then(() => reject(error))
                .catch(reject);
            } else reject(error);
            break;
          }
        }
      });
      worker.on('error', (error) => reject(new RunError(`the training worker failed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (code !== 0) reject(new RunError(`the training worker exited with code ${code}`));
      });
    });
  } finally {
    progress?.stop();
    process.off('SIGINT', onSigint);
    await worker.terminate();
  }

  const status =
    outcome.stopped.reason === 'requested'
      ? 'interrupted'
      : outcome.stopped.reason === 'early-stopping'
        ? 'early-stopped'
        : 'completed';
  const files = await writeRecord(output, config, setup, outcome, outcome.history, startedAt, started, status);
  summarize(output, outcome, performance.now() - started, files);
  return status === 'interrupted' ? EXIT.interrupted : EXIT.ok;
}

function announce(output: Output, config: TrainConfig, info: SetupInfo, resumedFrom: string | undefined): void {
  const { dataset, model } = info;
  const rate = config.learningRate ?? FIRST_ORDER[config.optimizer].defaultLearningRate;
  const details = [
    `${config.optimizer} lr ${formatRate(rate)}`,
    config.schedule === 'constant' ? undefined : `schedule ${config.schedule}`,
    config.clip === undefined ? undefined : `clip ${config.clip}`,
    `batch ${config.batchSize}`,
    `${config.epochs} epoch${config.epochs === 1 ? '' : 's'} max`,
    config.patience > 0 && dataset.samples.validation > 0 ? `early stopping (patience ${config.patience})` : undefined,
    config.average === 'none' ? undefined : `${config.average} averaging`,
    config.curriculum > 0 ? `curriculum to epoch ${config.curriculum}` : undefined,
    `seed ${config.seed}`,
    `${config.backend} ${config.dtype}`,
  ].filter((part) => part !== undefined);
  output.line(
    `${dataset.name}: ${dataset.samples.train} train / ${dataset.samples.validation} validation / ${dataset.samples.test} test, ${dataset.features} features, ${dataset.classes} classes`,
  );
  output.line(`${model.spec}: ${model.parameters.toLocaleString('en-US')} parameters; ${details.join(', ')}`);
  if (resumedFrom !== undefined) output.line(`resuming from ${resumedFrom} at epoch ${info.firstEpoch}`);
  output.event('start', { command: 'train', config, ...info });
}

type Status = 'completed' | 'early-stopped' | 'interrupted' | 'diverged';

/** Builds the run's JSON record, emits it as the `result` event and writes it (with CSV and SVG) to `--out`. */
async function writeRecord(
  output: Output,
  config: TrainConfig,
  setup: SetupInfo | undefined,
  outcome: TrainOutcome | undefined,
  history: TrainOutcome['history'],
  startedAt: Date,
  started: number,
  status: Status,
  error?: string,
): Promise<string[]> {
  const seconds = (performance.now() - started) / 1000;
  const steps = outcome?.steps ?? history.reduce((total, record) => total + record.steps, 0);
  const record = {
    schema: 'descent.train/1',
    command: 'train',
    status,
    ...(error === undefined ? {} : { error }),
    config,
    seed: config.seed,
    dataset: setup?.dataset,
    model: setup?.model,
    backend: setup?.backend,
    epochs: history.map((r) => ({
      epoch: r.epoch,
      trainLoss: r.trainLoss,
      validationLoss: r.validationLoss,
      validationAccuracy: r.validationAccuracy,
      validationError: r.validationError,
      learningRate: r.learningRate,
      steps: r.steps,
      seconds: r.seconds,
    })),
    test: outcome?.test,
    stopped: outcome?.stopped,
    bestEpoch: outcome?.bestEpoch,
    steps,
    parameters:
      outcome === undefined ? undefined : { digest: outcome.digests.params, lastDigest: outcome.digests.lastParams },
    checkpoint: outcome?.checkpoint,
    savedModel: outcome?.savedModel,
    timing: {
      startedAt: startedAt.toISOString(),
      seconds,
      trainingSeconds: history.reduce((total, r) => total + r.seconds, 0),
      stepsPerSecond:
        steps /
        Math.max(
          1e-9,
          history.reduce((total, r) => total + r.seconds, 0),
        ),
    },
    versions: versions(),
  };
  output.event('result', record);
  if (config.out === undefined) return [];
  const csv = toCsv(
    [
      'epoch',
      'train_loss',
      'validation_loss',
      'validation_accuracy',
      'validation_error',
      'learning_rate',
      'steps',
      'seconds',
    ],
    history.map((r) => [
      r.epoch,
      r.trainLoss,
      r.validationLoss,
      r.validationAccuracy,
      r.validationError,
      r.learningRate,
      r.steps,
      r.seconds,
    ]),
  );
  const { lineChart } = await import('../output/svg-chart.js');
  const svg = lineChart(
    [
      { name: 'train loss', points: history.map((r) => [r.epoch, r.trainLoss] as const) },
      { name: 'validation loss', points: history.map((r) => [r.epoch, r.validationLoss ?? Number.NaN] as const) },
      {
        name: 'validation error (0-1)',
        points: history.map((r) => [r.epoch, r.validationError ?? Number.NaN] as const),
        dashed: true,
      },
    ],
    {
      title: `${config.model} on ${setup?.dataset.name ?? config.dataset} with ${config.optimizer}`,
      xLabel: 'epoch',
      yLabel: 'loss',
      logY: true,
    },
  );
  const files = [config.out, siblingPath(config.out, '.csv'), siblingPath(config.out, '.svg')];
  await writeAtomically(
    files[0],
    `${JSON.stringify(record, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`,
  );
  await writeAtomically(files[1], csv);
  await writeAtomically(files[2], svg);
  return files;
}

function summarize(output: Output, outcome: TrainOutcome, milliseconds: number, files: string[]): void {
  const { stopped, test, history } = outcome;
  const why =
    stopped.reason === 'early-stopping'
      ? `early stopping${outcome.bestEpoch === undefined ? '' : `, best epoch ${outcome.bestEpoch}`}`
      : stopped.reason === 'requested'
        ? 'interrupted'
        : 'all epochs done';
  output.line(`stopped after epoch ${stopped.epoch} (${why})`);
  output.line(
    `test accuracy ${formatPercent(test.accuracy)}, test loss ${formatNumber(test.loss)} (${outcome.steps} steps, ${formatDuration(milliseconds / 1000)} in all)`,
  );
  if (history.length >= 2) {
    output.line();
    output.line(
      terminalChart(
        [
          { name: 'train loss', values: history.map((r) => r.trainLoss) },
          ...(history[0].validationLoss === undefined
            ? []
            : [{ name: 'validation loss', values: history.map((r) => r.validationLoss ?? Number.NaN) }]),
        ],
        { title: 'loss per epoch', log: true, height: 8, color: process.stdout.isTTY === true },
      ),
    );
  }
  if (outcome.checkpoint !== undefined && stopped.reason === 'requested') {
    output.line(
      `checkpoint: ${outcome.checkpoint}; continue with: descent train --resume ${dirname(outcome.checkpoint)}`,
    );
  }
  if (outcome.savedModel !== undefined) output.line(`saved the model to ${outcome.savedModel}`);
  if (files.length > 0) output.line(`wrote ${files.join(', ')}`);
}
