import { type Method, methods } from '@descent/second-order';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { field } from '../config/fields.js';
import { UsageError } from '../errors.js';
import { formatDuration, formatNumber, formatPercent, formatRate } from '../output/format.js';
import type { Output } from '../output/output.js';
import { ProgressBar } from '../output/progress-bar.js';
import { renderTable, toCsv } from '../output/table.js';
import { terminalChart } from '../output/terminal-chart.js';
import { siblingPath, writeAtomically } from '../output/write-file.js';
import { type DataTrace, runFirstOrderOnData, runSecondOrderOnData } from '../runs/dataset-run.js';
import { gridValues } from '../runs/grid.js';
import { type ProblemTrace, runFirstOrder, runSecondOrder } from '../runs/problem-run.js';
import { prepareData } from '../setup/dataset.js';
import { buildModel } from '../setup/model.js';
import {
  buildOptimizer,
  FIRST_ORDER,
  type Hyperparameters,
  isFirstOrder,
  type OptimizerChoice,
  parseOptimizerList,
  problemLearningRate,
} from '../setup/optimizers.js';
import { buildProblem } from '../setup/problem.js';
import { versions } from '../versions.js';
import { optionLayers, outputOf, resolveOptions, withCommonOptions } from './common.js';

const compareSchema = z.strictObject({
  problem: field.string().optional(),
  dataset: field.string().optional(),
  optimizers: field.list().optional(),
  steps: field.count().optional(),
  epochs: field.count().default(10),
  tolerance: field.positive().optional(),
  dimension: field.count().optional(),
  conditionNumber: field.positive().optional(),
  start: field.numbers().optional(),
  model: field.string().default('mlp:32'),
  batchSize: field.count().default(32),
  seed: field.natural().default(0),
  dtype: field.choice(['float32', 'float64']).default('float64'),
  out: field.string().optional(),
});

type CompareConfig = z.output<typeof compareSchema>;

/** What a run was given besides the method: a first-order method's learning rate and hyperparameters. */
interface Settings {
  learningRate?: number;
  /** With `clip`, the global norm the gradients were clipped to, when the entry set one. */
  hyperparameters?: Hyperparameters & { clip?: number };
}

/** The record's `hyperparameters` of a run, only where the entry set some (`sgd:1e-3:momentum=0.9`). */
function settingsOf(t: Settings): Pick<Settings, 'hyperparameters'> {
  return t.hyperparameters === undefined || Object.keys(t.hyperparameters).length === 0
    ? {}
    : { hyperparameters: t.hyperparameters };
}

const PROBLEM_DEFAULT = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'cg', 'lbfgs', 'newton'];
const DATASET_DEFAULT = ['sgd', 'momentum', 'rmsprop', 'adam', 'lbfgs'];
/** Methods that build the dense n×n Hessian: fine on 2-D problems, not on a network's thousands of weights. */
const DENSE_HESSIAN = new Set(['newton', 'dogleg']);

export function compareCommand(): Command {
  const command = new Command('compare')
    .summary('compare optimizers on one problem or dataset')
    .description(
      'Run several first- and second-order optimizers on the same analytic problem (@descent/problems) or the same ' +
        'dataset with the same seed, then print a results table (final loss, steps and time to a tolerance) and ' +
        'loss charts; 2-D problems also get a trajectory plot over the contours.',
    )
    .option('--problem <name>', 'an analytic problem (descent list problems); default rosenbrock')
    .option('--dataset <name|path>', 'a dataset instead (as descent train takes)')
    .option(
      '--optimizers <list>',
      `comma-separated entries name[:learningRate][:setting=value…], settings as train's flags (momentum, nesterov, weight-decay, beta1, beta2, eps, decay, clip) or newton's saddle-free (default ${PROBLEM_DEFAULT.join(',')}; datasets ${DATASET_DEFAULT.join(',')})`,
    )
    .option('--steps <n>', 'iterations per optimizer (default 2000 on problems, 100 second-order on datasets)')
    .option('--epochs <n>', 'first-order epochs on a dataset (default 10)')
    .option('--tolerance <tol>', 'target: f − f* on problems (default 1e-6), training loss on datasets (default 0.1)')
    .option('--dimension <n>', 'problem dimension (rosenbrock, rastrigin, quadratic)')
    .option('--condition-number <kappa>', 'quadratic: Hessian condition number (default 100)')
    .option('--start <x,y,…>', "start point (default: the problem's)")
    .option('--model <spec>', 'datasets: mlp:<sizes> or linear (default mlp:32)')
    .option('--batch-size <n>', 'datasets: minibatch size of the first-order methods (default 32)')
    .option('--seed <n>', 'seed shared by every optimizer (default 0)')
    .addOption(new Option('--dtype <dtype>', 'float64 (default) or float32').choices(['float32', 'float64']))
    .option('-o, --out <file.json>', 'write the record here, with .csv, .svg (losses) and -trajectories.svg (2-D)');
  return withCommonOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  $ descent compare                                      rosenbrock: sgd, momentum, … adam, cg, lbfgs, newton
  $ descent compare --problem quadratic --dimension 20 --condition-number 1000 --optimizers sgd,momentum,cg
  $ descent compare --problem beale --optimizers adam:0.01,rmsprop:0.01,bfgs --out runs/beale.json
  $ descent compare --problem saddle --optimizers newton,newton:saddle-free,sgd:0.01:momentum=0.9:nesterov
  $ descent compare --dataset iris --optimizers sgd:0.1,adam,lbfgs --epochs 20`,
    )
    .action(async (_options, self: Command) => {
      process.exitCode = await runCompare(self);
    });
}

async function runCompare(command: Command): Promise<number> {
  const output = outputOf(command);
  const config = resolveOptions(compareSchema, await optionLayers(command));
  if (config.problem !== undefined && config.dataset !== undefined) {
    throw new UsageError('give --problem or --dataset, not both');
  }
  const onData = config.dataset !== undefined;
  const choices = parseOptimizerList(config.optimizers ?? (onData ? DATASET_DEFAULT : PROBLEM_DEFAULT), methods);
  const started = new Date();
  const record = onData ? await compareOnData(output, config, choices) : compareOnProblem(output, config, choices);
  const full = {
    schema: 'descent.compare/1',
    command: 'compare',
    ...record.record,
    startedAt: started.toISOString(),
    versions: versions(),
  };
  output.event('result', full);
  output.line(record.table);
  output.line();
  output.line(record.chart);
  if (config.out !== undefined) {
    const files = [config.out, siblingPath(config.out, '.csv'), siblingPath(config.out, '.svg')];
    const charts = await import('../output/svg-chart.js');
    await writeAtomically(
      files[0],
      `${JSON.stringify(full, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`,
    );
    await writeAtomically(files[1], record.csv);
    await writeAtomically(files[2], record.svg(charts));
    if (record.trajectories !== undefined) {
      files.push(siblingPath(config.out, '-trajectories.svg'));
      await writeAtomically(files[3], record.trajectories(charts));
    }
    output.line(`wrote ${files.join(', ')}`);
  }
  return 0;
}

interface Comparison {
  record: Record<string, unknown>;
  table: string;
  chart: string;
  csv: string;
  /** The SVG charts, drawn only when written (the chart modules load on first use). */
  svg: (charts: Charts) => string;
  trajectories?: (charts: Charts) => string;
}

type Charts = typeof import('../output/svg-chart.js');

function compareOnProblem(output: Output, config: CompareConfig, choices: readonly OptimizerChoice[]): Comparison {
  const { problem, start } = buildProblem({
    problem: config.problem ?? 'rosenbrock',
    dimension: config.dimension,
    conditionNumber: config.conditionNumber,
    start: config.start,
    dtype: config.dtype,
  });
  const steps = config.steps ?? 2000;
  const finiteMinimum = Number.isFinite(problem.minimum);
  const tolerance = finiteMinimum ? (config.tolerance ?? 1e-6) : undefined;
  if (!finiteMinimum && config.tolerance !== undefined) {
    throw new UsageError(`${problem.name} is unbounded below: --tolerance (on f − f*) does not apply`);
  }
  output.line(
    `${problem.title} (${problem.dimension}-D, section ${problem.section}) from [${start.map((v) => formatNumber(v)).join(', ')}]; ` +
      `${steps} steps${tolerance === undefined ? '' : `, tolerance f − f* ≤ ${tolerance}`}`,
  );
  output.event('start', { command: 'compare', config, problem: problem.name, start, steps, tolerance });
  const bar = new ProgressBar(output, '{name} {bar} {value}/{total} steps | f {f}');
  const traces: (ProblemTrace & Settings)[] = [];
  for (const choice of choices) {
    bar.start(steps, { name: choice.label.padEnd(12), f: '-' });
    const options = {
      steps,
      tolerance,
      continueAfterTolerance: false,
      dtype: config.dtype,
      onIteration: (trace: ProblemTrace, value: number) =>
        bar.update(trace.values.length - 1, { f: formatNumber(value) }),
    };
    let trace: ProblemTrace & Settings;
    if (isFirstOrder(choice.name)) {
      const learningRate = choice.learningRate ?? problemLearningRate(choice.name);
      const optimizer = buildOptimizer(choice.name, learningRate, choice.hyperparameters, choice.clip);
      trace = runFirstOrder(choice.label, optimizer, problem, start, options);
      trace.learningRate = learningRate;
      trace.hyperparameters =
        choice.clip === undefined ? choice.hyperparameters : { ...choice.hyperparameters, clip: choice.clip };
    } else {
      trace = runSecondOrder(choice.name as Method, problem, start, {
        ...options,
        gradientTolerance: 1e-10,
        label: choice.label,
        ...(choice.saddleFree === undefined ? {} : { saddleFree: choice.saddleFree }),
      });
      delete (trace as { result?: unknown }).result;
    }
    bar.stop();
    traces.push(trace);
    output.event('run', { ...summaryOf(trace, problem.minimum) });
  }
  const gap = (value: number) => (finiteMinimum ? value - problem.minimum : value);
  const rows = traces.map((t) => {
    const final = t.values.at(-1) ?? Number.NaN;
    return [
      t.name,
      t.order,
      t.learningRate === undefined ? '-' : formatRate(t.learningRate),
      formatNumber(final),
      finiteMinimum ? formatNumber(Math.max(0, gap(final))) : '-',
      t.stepsToTolerance === undefined ? '-' : String(t.stepsToTolerance),
      formatDuration(t.secondsToTolerance),
      String(t.evaluations),
      formatDuration(t.seconds),
      t.status,
    ];
  });
  const table = renderTable(
    [
      { title: 'optimizer' },
      { title: 'order' },
      { title: 'lr', align: 'right' },
      { title: 'final f', align: 'right' },
      { title: 'f − f*', align: 'right' },
      { title: 'steps to tol', align: 'right' },
      { title: 'time to tol', align: 'right' },
      { title: 'evals', align: 'right' },
      { title: 'time', align: 'right' },
      { title: 'status' },
    ],
    rows,
  );
  // f − f* spans many decades: plot it on a log axis, with a floor so an exact hit still shows.
  const floor = (value: number) => (finiteMinimum ? Math.max(gap(value), 1e-16) : value);
  const logScale = finiteMinimum;
  const chart = terminalChart(
    traces.map((t) => ({ name: t.name, values: t.values.map(floor) })),
    { title: finiteMinimum ? 'f − f* per step' : 'f per step', log: logScale, color: process.stdout.isTTY === true },
  );
  const svg = ({ lineChart }: Charts) =>
    lineChart(
      traces.map((t) => ({
        name: t.name,
        points: t.values.map((v, k) => [k, floor(v)] as const),
        dashed: t.order === 'second',
      })),
      {
        title: `${problem.title}: ${finiteMinimum ? 'f − f*' : 'f'} per iteration`,
        xLabel: 'iteration',
        yLabel: finiteMinimum ? 'f − f*' : 'f',
        logY: logScale,
      },
    );
  let trajectories: ((charts: Charts) => string) | undefined;
  if (problem.dimension === 2) {
    const resolution = 90;
    trajectories = ({ contourChart }: Charts) =>
      contourChart({
        title: `${problem.title}: trajectories`,
        bounds: problem.bounds,
        grid: gridValues(problem, resolution),
        resolution,
        paths: traces.map((t) => ({ name: t.name, points: t.path })),
        minima: problem.minima.map((m) => [m.x[0], m.x[1]] as const),
      });
  }
  const csv = toCsv(
    [
      'optimizer',
      'order',
      'learning_rate',
      'final_f',
      'gap',
      'steps_to_tolerance',
      'seconds_to_tolerance',
      'evaluations',
      'seconds',
      'status',
    ],
    traces.map((t) => [
      t.name,
      t.order,
      t.learningRate,
      t.values.at(-1),
      finiteMinimum ? gap(t.values.at(-1) ?? Number.NaN) : undefined,
      t.stepsToTolerance,
      t.secondsToTolerance,
      t.evaluations,
      t.seconds,
      t.status,
    ]),
  );
  return {
    record: {
      config,
      seed: config.seed,
      problem: {
        name: problem.name,
        title: problem.title,
        dimension: problem.dimension,
        minimum: problem.minimum,
        start,
      },
      tolerance,
      runs: traces.map((t) => ({ ...summaryOf(t, problem.minimum), values: t.values, path: t.path })),
    },
    table,
    chart,
    csv,
    svg,
    ...(trajectories === undefined ? {} : { trajectories }),
  };
}

function summaryOf(t: ProblemTrace & Settings, minimum: number) {
  const final = t.values.at(-1) ?? Number.NaN;
  return {
    optimizer: t.name,
    order: t.order,
    learningRate: t.learningRate,
    ...settingsOf(t),
    finalValue: final,
    gap: Number.isFinite(minimum) ? final - minimum : undefined,
    steps: t.steps,
    evaluations: t.evaluations,
    stepsToTolerance: t.stepsToTolerance,
    secondsToTolerance: t.secondsToTolerance,
    seconds: t.seconds,
    status: t.status,
    finalX: t.finalX,
    message: t.message,
  };
}

async function compareOnData(
  output: Output,
  config: CompareConfig,
  choices: readonly OptimizerChoice[],
): Promise<Comparison> {
  const tolerance = config.tolerance ?? 0.1;
  const steps = config.steps ?? 100;
  for (const choice of choices) {
    if (DENSE_HESSIAN.has(choice.name)) {
      throw new UsageError(
        `${choice.name} builds the dense Hessian of every weight; on a dataset use lbfgs, bfgs, cg, newton-cg or trust-ncg`,
      );
    }
  }
  const data = await prepareData({
    dataset: config.dataset as string,
    validation: 0,
    test: 0.2,
    standardize: true,
    seed: config.seed,
    dtype: config.dtype,
  });
  const model = buildModel(
    {
      model: config.model,
      activation: 'relu',
      batchNorm: false,
      layerNorm: false,
      dropout: 0,
      initializer: 'glorotUniform',
      dtype: config.dtype,
    },
    data.features,
    data.classes,
  );
  output.line(
    `${data.name}: ${data.train.x.shape[0]} train / ${data.test.x.shape[0]} test; ${config.model}; first-order ${config.epochs} epochs, batch ${config.batchSize}; second-order ${steps} full-batch iterations; tolerance train loss ≤ ${tolerance}`,
  );
  output.event('start', { command: 'compare', config, dataset: data.name, tolerance });
  const traces: (DataTrace & Settings)[] = [];
  for (const choice of choices) {
    output.line(`running ${choice.label} …`);
    let trace: DataTrace & Settings;
    if (isFirstOrder(choice.name)) {
      const learningRate = choice.learningRate ?? FIRST_ORDER[choice.name].defaultLearningRate;
      const optimizer = buildOptimizer(choice.name, learningRate, choice.hyperparameters, choice.clip);
      trace = await runFirstOrderOnData(choice.label, optimizer, model, data, {
        seed: config.seed,
        tolerance,
        epochs: config.epochs,
        batchSize: config.batchSize,
      });
      trace.learningRate = learningRate;
      trace.hyperparameters =
        choice.clip === undefined ? choice.hyperparameters : { ...choice.hyperparameters, clip: choice.clip };
    } else {
      trace = runSecondOrderOnData(choice.name as Method, model, data, { seed: config.seed, tolerance, steps });
    }
    traces.push(trace);
    const { hyperparameters: _given, ...run } = trace;
    output.event('run', { ...run, ...settingsOf(trace) });
  }
  const table = renderTable(
    [
      { title: 'optimizer' },
      { title: 'order' },
      { title: 'lr', align: 'right' },
      { title: 'train loss', align: 'right' },
      { title: 'test acc', align: 'right' },
      { title: 'steps to tol', align: 'right' },
      { title: 'time to tol', align: 'right' },
      { title: 'passes', align: 'right' },
      { title: 'time', align: 'right' },
      { title: 'status' },
    ],
    traces.map((t) => [
      t.name,
      t.order,
      t.learningRate === undefined ? '-' : formatRate(t.learningRate),
      formatNumber(t.final?.trainLoss),
      formatPercent(t.final?.testAccuracy),
      t.stepsToTolerance === undefined ? '-' : String(t.stepsToTolerance),
      formatDuration(t.secondsToTolerance),
      String(t.passes.at(-1) ?? 0),
      formatDuration(t.seconds),
      t.status,
    ]),
  );
  const chart = terminalChart(
    traces.map((t) => ({ name: t.name, values: t.losses })),
    { title: 'training loss per recorded point', log: true, color: process.stdout.isTTY === true },
  );
  const svg = ({ lineChart }: Charts) =>
    lineChart(
      traces.map((t) => ({
        name: t.name,
        points: t.passes.map((p, i) => [p, t.losses[i]] as const),
        dashed: t.order === 'second',
      })),
      {
        title: `${data.name}: training loss`,
        xLabel: 'passes over the training data',
        yLabel: 'training loss',
        logY: true,
      },
    );
  const csv = toCsv(
    [
      'optimizer',
      'order',
      'learning_rate',
      'train_loss',
      'test_loss',
      'test_accuracy',
      'steps_to_tolerance',
      'seconds_to_tolerance',
      'passes',
      'seconds',
      'status',
    ],
    traces.map((t) => [
      t.name,
      t.order,
      t.learningRate,
      t.final?.trainLoss,
      t.final?.testLoss,
      t.final?.testAccuracy,
      t.stepsToTolerance,
      t.secondsToTolerance,
      t.passes.at(-1),
      t.seconds,
      t.status,
    ]),
  );
  return {
    record: {
      config,
      seed: config.seed,
      dataset: {
        name: data.name,
        train: data.train.x.shape[0],
        test: data.test.x.shape[0],
        features: data.features,
        classes: data.classes,
      },
      tolerance,
      runs: traces.map((t) => ({
        optimizer: t.name,
        order: t.order,
        learningRate: t.learningRate,
        ...settingsOf(t),
        final: t.final,
        steps: t.steps,
        stepsToTolerance: t.stepsToTolerance,
        secondsToTolerance: t.secondsToTolerance,
        seconds: t.seconds,
        status: t.status,
        message: t.message,
        passes: t.passes,
        losses: t.losses,
      })),
    },
    table,
    chart,
    csv,
    svg,
  };
}
