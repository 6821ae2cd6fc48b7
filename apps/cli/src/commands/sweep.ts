import { Command, Option } from 'commander';
import { z } from 'zod';
import { field } from '../config/fields.js';
import { UsageError } from '../errors.js';
import { formatDuration, formatNumber, formatPercent, formatRate } from '../output/format.js';
import { ProgressBar } from '../output/progress-bar.js';
import { renderTable, toCsv } from '../output/table.js';
import { terminalChart } from '../output/terminal-chart.js';
import { siblingPath, writeAtomically } from '../output/write-file.js';
import { runFirstOrderOnData } from '../runs/dataset-run.js';
import { runFirstOrder } from '../runs/problem-run.js';
import { type PreparedData, prepareData } from '../setup/dataset.js';
import { buildModel } from '../setup/model.js';
import { buildOptimizer, FIRST_ORDER_NAMES, isFirstOrder } from '../setup/optimizers.js';
import { buildProblem, jitteredStart } from '../setup/problem.js';
import { versions } from '../versions.js';
import { optionLayers, outputOf, resolveOptions, withCommonOptions } from './common.js';

const sweepSchema = z.strictObject({
  optimizer: field.string().default('sgd'),
  lrMin: field.positive().default(1e-4),
  lrMax: field.positive().default(1),
  points: field.count().default(9),
  seeds: field.count().default(3),
  problem: field.string().optional(),
  dataset: field.string().optional(),
  epochs: field.count().default(5),
  steps: field.count().default(500),
  model: field.string().default('mlp:64'),
  batchSize: field.count().default(32),
  momentum: field.unit().optional(),
  dtype: field.choice(['float32', 'float64']).default('float32'),
  out: field.string().optional(),
});

/** One (learning rate, seed) run: the metric (lower is better) and, for datasets, the validation accuracy. */
interface Cell {
  readonly learningRate: number;
  readonly seed: number;
  readonly metric: number;
  readonly accuracy?: number;
  readonly diverged: boolean;
  readonly seconds: number;
}

/** `points` learning rates spaced evenly in log between lrMin and lrMax, as learning-rate sweeps do. */
export function logGrid(low: number, high: number, points: number): number[] {
  if (points === 1) return [low];
  return Array.from({ length: points }, (_, i) => Number((low * (high / low) ** (i / (points - 1))).toPrecision(6)));
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export function sweepCommand(): Command {
  const command = new Command('sweep')
    .summary('sweep a log-spaced learning-rate grid over several seeds')
    .description(
      'Train with every learning rate of a log-spaced grid, for several seeds each, as benchmark suites tune ' +
        'optimizers: report the best setting (lowest median final loss) and a sensitivity table. On a dataset the ' +
        'metric is the final validation loss; on a problem, f − f* (with seeded starts near the default one).',
    )
    .option('--optimizer <name>', `first-order optimizer: ${FIRST_ORDER_NAMES.join(', ')} (default sgd)`)
    .option('--lr-min <rate>', 'smallest learning rate (default 1e-4)')
    .option('--lr-max <rate>', 'largest learning rate (default 1)')
    .option('--points <n>', 'grid points (default 9: two per decade over four decades)')
    .option('--seeds <n>', 'seeds per learning rate (default 3)')
    .option('--dataset <name|path>', 'dataset (default digits)')
    .option('--problem <name>', 'an analytic problem instead of a dataset')
    .option('--epochs <n>', 'datasets: epochs per run (default 5)')
    .option('--steps <n>', 'problems: steps per run (default 500)')
    .option('--model <spec>', 'datasets: mlp:<sizes> or linear (default mlp:64)')
    .option('--batch-size <n>', 'datasets: minibatch size (default 32)')
    .option('--momentum <alpha>', 'momentum for sgd, momentum, nesterov, rmsprop')
    .addOption(new Option('--dtype <dtype>', 'float32 (default) or float64').choices(['float32', 'float64']))
    .option('-o, --out <file.json>', 'write the record here, with every run in .csv and the sensitivity curve in .svg');
  return withCommonOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  $ descent sweep                                        sgd on digits, 9 rates from 1e-4 to 1, 3 seeds
  $ descent sweep --optimizer adam --lr-min 1e-5 --lr-max 1e-1 --dataset iris --epochs 20
  $ descent sweep --optimizer momentum --problem rosenbrock --lr-min 1e-6 --lr-max 1e-2 --points 5`,
    )
    .action(async (_options, self: Command) => {
      process.exitCode = await runSweep(self);
    });
}

async function runSweep(command: Command): Promise<number> {
  const output = outputOf(command);
  const config = resolveOptions(sweepSchema, await optionLayers(command));
  if (!isFirstOrder(config.optimizer)) {
    throw new UsageError(`unknown optimizer '${config.optimizer}'; sweep takes ${FIRST_ORDER_NAMES.join(', ')}`);
  }
  if (config.problem !== undefined && config.dataset !== undefined)
    throw new UsageError('give --problem or --dataset, not both');
  if (!(config.lrMin < config.lrMax) && config.points > 1) {
    throw new UsageError(`--lr-min (${config.lrMin}) must be below --lr-max (${config.lrMax})`);
  }
  const hyperparameters = config.momentum === undefined ? {} : { momentum: config.momentum };
  buildOptimizer(config.optimizer, config.lrMin, hyperparameters);
  const grid = logGrid(config.lrMin, config.lrMax, config.points);
  const seeds = Array.from({ length: config.seeds }, (_, i) => i);
  const onProblem = config.problem !== undefined;
  const startedAt = new Date();
  const started = performance.now();
  const cells: Cell[] = [];
  const bar = new ProgressBar(output, 'sweep {bar} {value}/{total} runs | lr {lr} seed {seed} | {metric}');
  const total = grid.length * seeds.length;
  let metricName: string;
  let target: string;
  if (onProblem) {
    const { problem, start } = buildProblem({
      problem: config.problem as string,
      dtype: config.dtype === 'float32' ? 'float32' : 'float64',
    });
    const finite = Number.isFinite(problem.minimum);
    metricName = finite ? 'final f − f*' : 'final f';
    target = `${problem.title}, ${config.steps} steps`;
    output.line(`sweep ${config.optimizer} on ${target}: ${grid.length} learning rates × ${seeds.length} seeds`);
    output.event('start', { command: 'sweep', config, grid, seeds, metric: metricName });
    bar.start(total, { lr: '-', seed: '-', metric: '' });
    for (const learningRate of grid) {
      for (const seed of seeds) {
        const trace = runFirstOrder(
          config.optimizer,
          buildOptimizer(config.optimizer, learningRate, hyperparameters),
          problem,
          jitteredStart(problem, start, seed),
          { steps: config.steps, dtype: problem.dtype },
        );
        const last = trace.values.at(-1) ?? Number.NaN;
        const diverged = trace.status === 'diverged' || !Number.isFinite(last);
        const metric = diverged ? Number.POSITIVE_INFINITY : finite ? Math.max(0, last - problem.minimum) : last;
        cells.push({ learningRate, seed, metric, diverged, seconds: trace.seconds });
        output.event('run', { ...cells[cells.length - 1] });
        bar.update(cells.length, { lr: formatRate(learningRate), seed: String(seed), metric: formatNumber(metric) });
      }
    }
  } else {
    metricName = 'final validation loss';
    const dataset = config.dataset ?? 'digits';
    target = `${dataset}, ${config.model}, ${config.epochs} epochs`;
    output.line(`sweep ${config.optimizer} on ${target}: ${grid.length} learning rates × ${seeds.length} seeds`);
    output.event('start', { command: 'sweep', config, grid, seeds, metric: metricName });
    const prepared = new Map<number, PreparedData>();
    for (const seed of seeds) {
      prepared.set(
        seed,
        await prepareData({ dataset, validation: 0.2, test: 0.2, standardize: true, seed, dtype: config.dtype }),
      );
    }
    bar.start(total, { lr: '-', seed: '-', metric: '' });
    for (const learningRate of grid) {
      for (const seed of seeds) {
        const data = prepared.get(seed) as PreparedData;
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
        const trace = await runFirstOrderOnData(
          config.optimizer,
          buildOptimizer(config.optimizer, learningRate, hyperparameters),
          model,
          data,
          { seed, epochs: config.epochs, batchSize: config.batchSize },
        );
        const loss = trace.final?.validationLoss;
        const diverged = trace.status === 'diverged' || loss === undefined || !Number.isFinite(loss);
        cells.push({
          learningRate,
          seed,
          metric: diverged ? Number.POSITIVE_INFINITY : (loss as number),
          ...(trace.final?.validationAccuracy === undefined ? {} : { accuracy: trace.final.validationAccuracy }),
          diverged,
          seconds: trace.seconds,
        });
        output.event('run', { ...cells[cells.length - 1] });
        bar.update(cells.length, {
          lr: formatRate(learningRate),
          seed: String(seed),
          metric: formatNumber(cells.at(-1)?.metric),
        });
      }
    }
  }
  bar.stop();

  const rows = grid.map((learningRate) => {
    const runs = cells.filter((cell) => cell.learningRate === learningRate);
    const finite = runs.filter((cell) => !cell.diverged).map((cell) => cell.metric);
    const mean = finite.length === 0 ? Number.NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
    const sd = finite.length < 2 ? 0 : Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (finite.length - 1));
    const accuracies = runs.map((cell) => cell.accuracy).filter((a): a is number => a !== undefined);
    return {
      learningRate,
      median: median(runs.map((cell) => cell.metric)),
      mean,
      sd,
      min: finite.length === 0 ? Number.NaN : Math.min(...finite),
      max: finite.length === 0 ? Number.NaN : Math.max(...finite),
      diverged: runs.filter((cell) => cell.diverged).length,
      ...(accuracies.length === 0 ? {} : { accuracy: accuracies.reduce((a, b) => a + b, 0) / accuracies.length }),
    };
  });
  const best = rows.reduce((a, b) => (b.median < a.median ? b : a));
  const seconds = (performance.now() - started) / 1000;
  const record = {
    schema: 'descent.sweep/1',
    command: 'sweep',
    config,
    seeds,
    grid,
    metric: metricName,
    best: {
      learningRate: best.learningRate,
      median: best.median,
      ...(best.accuracy === undefined ? {} : { accuracy: best.accuracy }),
    },
    sensitivity: rows,
    runs: cells,
    timing: { startedAt: startedAt.toISOString(), seconds },
    versions: versions(),
  };
  output.event('result', record);
  const hasAccuracy = rows.some((row) => row.accuracy !== undefined);
  output.line(
    renderTable(
      [
        { title: 'learning rate', align: 'right' },
        { title: `median ${metricName}`, align: 'right' },
        { title: 'mean', align: 'right' },
        { title: 'sd', align: 'right' },
        { title: 'min', align: 'right' },
        { title: 'max', align: 'right' },
        { title: 'diverged', align: 'right' },
        ...(hasAccuracy ? [{ title: 'val acc', align: 'right' as const }] : []),
        { title: '' },
      ],
      rows.map((row) => [
        formatRate(row.learningRate),
        formatNumber(row.median),
        formatNumber(row.mean),
        formatNumber(row.sd),
        formatNumber(row.min),
        formatNumber(row.max),
        `${row.diverged}/${seeds.length}`,
        ...(hasAccuracy ? [formatPercent(row.accuracy)] : []),
        row === best ? '← best' : '',
      ]),
    ),
  );
  output.line();
  output.line(
    `best: ${config.optimizer} with learning rate ${formatRate(best.learningRate)} (median ${metricName} ${formatNumber(best.median)}` +
      `${best.accuracy === undefined ? '' : `, validation accuracy ${formatPercent(best.accuracy)}`}); ${cells.length} runs in ${formatDuration(seconds)}`,
  );
  if (grid.length > 2 && (best === rows[0] || best === rows[rows.length - 1])) {
    output.line(
      `note: the best rate is at the ${best === rows[0] ? 'low' : 'high'} end of the grid; widen it with ${best === rows[0] ? '--lr-min' : '--lr-max'}`,
    );
  }
  const plotted = rows.map((row) => (Number.isFinite(row.median) ? row.median : Number.NaN));
  if (plotted.filter(Number.isFinite).length >= 2) {
    output.line();
    output.line(
      terminalChart([{ name: 'median', values: plotted.map((v) => Math.max(v, 1e-16)) }], {
        title: `median ${metricName} from lr ${formatRate(grid[0])} to ${formatRate(grid[grid.length - 1])}`,
        log: true,
        height: 8,
        width: 60,
        color: process.stdout.isTTY === true,
      }),
    );
  }
  if (config.out !== undefined) {
    const files = [config.out, siblingPath(config.out, '.csv'), siblingPath(config.out, '.svg')];
    const { lineChart } = await import('../output/svg-chart.js');
    await writeAtomically(
      files[0],
      `${JSON.stringify(record, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`,
    );
    await writeAtomically(
      files[1],
      toCsv(
        ['learning_rate', 'seed', 'metric', 'validation_accuracy', 'diverged', 'seconds'],
        cells.map((cell) => [
          cell.learningRate,
          cell.seed,
          cell.metric,
          cell.accuracy,
          String(cell.diverged),
          cell.seconds,
        ]),
      ),
    );
    await writeAtomically(
      files[2],
      lineChart(
        [
          { name: 'median', points: rows.map((row) => [row.learningRate, Math.max(row.median, 1e-16)] as const) },
          ...seeds.map((seed) => ({
            name: `seed ${seed}`,
            points: cells
              .filter((cell) => cell.seed === seed)
              .map((cell) => [cell.learningRate, Math.max(cell.metric, 1e-16)] as const),
            dashed: true,
          })),
        ],
        {
          title: `${config.optimizer} on ${target}: sensitivity to the learning rate`,
          xLabel: 'learning rate',
          yLabel: metricName,
          logX: true,
          logY: true,
        },
      ),
    );
    output.line(`wrote ${files.join(', ')}`);
  }
  return 0;
}
