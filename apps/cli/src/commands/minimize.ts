import { type Problem, problemNames } from '@descent/problems';
import { curvature, type IterationInfo, type Method, methods, minimize } from '@descent/second-order';
import type { Tensor } from '@descent/tensor';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { field } from '../config/fields.js';
import { asUsage, UsageError } from '../errors.js';
import { formatDuration, formatNumber } from '../output/format.js';
import type { Output } from '../output/output.js';
import { toCsv } from '../output/table.js';
import { terminalChart } from '../output/terminal-chart.js';
import { siblingPath, writeAtomically } from '../output/write-file.js';
import { gridValues } from '../runs/grid.js';
import { SECOND_ORDER } from '../setup/optimizers.js';
import { buildProblem, startTensor } from '../setup/problem.js';
import { versions } from '../versions.js';
import { optionLayers, outputOf, resolveOptions, withCommonOptions } from './common.js';

const minimizeSchema = z.strictObject({
  problem: field.string().default('rosenbrock'),
  method: field.string().default('newton'),
  maxIterations: field.count().optional(),
  gradientTolerance: field.positive().default(1e-8),
  dimension: field.count().optional(),
  conditionNumber: field.positive().optional(),
  start: field.numbers().optional(),
  lineSearch: field.choice(['strong-wolfe', 'backtracking']).optional(),
  history: field.count().optional(),
  damping: field.nonNegative().optional(),
  saddleFree: field.boolean().optional(),
  dtype: field.choice(['float32', 'float64']).default('float64'),
  out: field.string().optional(),
});

type MinimizeConfig = z.output<typeof minimizeSchema>;

interface IterationRow {
  readonly iteration: number;
  readonly fun: number;
  readonly gradientNorm: number;
  readonly step?: number;
  readonly trustRadius?: number;
  readonly damping?: number;
  readonly innerIterations?: number;
  readonly nfev: number;
  readonly njev: number;
  readonly nhev: number;
  readonly accepted: boolean;
  readonly restarted: boolean;
  readonly x: number[];
}

export function minimizeCommand(): Command {
  const command = new Command('minimize')
    .summary('run a second-order method on a problem')
    .description(
      'Minimize an analytic problem with a method of @descent/second-order, printing every iteration (f, ‖∇f‖∞, ' +
        'step or trust radius, evaluations), then the SciPy-style result record and the curvature at the solution.',
    )
    .option('--problem <name>', `${problemNames.join(', ')} (default rosenbrock)`)
    .option('--method <name>', `${methods.join(', ')} (default newton)`)
    .option('--max-iterations <n>', 'iteration limit (default 200 × dimension)')
    .option('--gradient-tolerance <tol>', 'stop when ‖∇f‖∞ ≤ tol (default 1e-8)')
    .option('--dimension <n>', 'problem dimension (rosenbrock, rastrigin, quadratic)')
    .option('--condition-number <kappa>', 'quadratic: Hessian condition number')
    .option('--start <x,y,…>', "start point (default: the problem's)")
    .addOption(
      new Option('--line-search <kind>', 'cg, bfgs, lbfgs, newton-cg').choices(['strong-wolfe', 'backtracking']),
    )
    .option('--history <m>', 'lbfgs: curvature pairs kept (default 10)')
    .option('--damping <lambda>', 'newton: initial Levenberg-Marquardt damping (default 0)')
    .option('--saddle-free', 'newton: use |H| (saddle-free Newton, Dauphin et al. 2014)')
    .addOption(new Option('--dtype <dtype>', 'float64 (default) or float32').choices(['float32', 'float64']))
    .option(
      '-o, --out <file.json>',
      'write the record here, with per-iteration .csv and .svg (and -trajectory.svg, 2-D)',
    );
  return withCommonOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  $ descent minimize                                     Newton on Rosenbrock from (-1.2, 1)
  $ descent minimize --problem rosenbrock --dimension 10 --method lbfgs
  $ descent minimize --problem saddle --method newton --saddle-free
  $ descent minimize --problem quadratic --condition-number 1e4 --method cg --json`,
    )
    .action(async (_options, self: Command) => {
      process.exitCode = await runMinimize(self);
    });
}

async function runMinimize(command: Command): Promise<number> {
  const output = outputOf(command);
  const config = resolveOptions(minimizeSchema, await optionLayers(command));
  if (!(methods as readonly string[]).includes(config.method)) {
    const hint = ['sgd', 'momentum', 'adam', 'rmsprop'].includes(config.method)
      ? ` (${config.method} is first-order: use descent compare)`
      : '';
    throw new UsageError(`unknown method '${config.method}'${hint}; choose one of ${methods.join(', ')}`);
  }
  const method = config.method as Method;
  const { problem, start } = buildProblem({
    problem: config.problem,
    dimension: config.dimension,
    conditionNumber: config.conditionNumber,
    start: config.start,
    dtype: config.dtype,
  });
  output.line(`${problem.title} (${problem.dimension}-D): ${problem.description}`);
  output.line(`method ${method}: ${SECOND_ORDER[method] ?? ''}`);
  output.event('start', { command: 'minimize', config, problem: problem.name, start });
  const header = `${'iter'.padStart(5)}  ${'f(x)'.padStart(12)}  ${'‖∇f‖∞'.padStart(10)}  ${'step'.padStart(9)}  ${'evals'.padStart(5)}  note`;
  output.line(header);
  const rows: IterationRow[] = [];
  const x0 = startTensor(start, config.dtype);
  const started = performance.now();
  const initial = problem.value(x0).item();
  output.line(
    `${'0'.padStart(5)}  ${formatNumber(initial, 6).padStart(12)}  ${''.padStart(10)}  ${''.padStart(9)}  ${'1'.padStart(5)}  start`,
  );
  const result = asUsage(() =>
    minimize((x: Tensor) => problem.value(x), x0, {
      method,
      gradientTolerance: config.gradientTolerance,
      dtype: config.dtype,
      ...(config.maxIterations === undefined ? {} : { maxIterations: config.maxIterations }),
      ...(config.lineSearch === undefined ? {} : { lineSearch: config.lineSearch }),
      ...(config.history === undefined ? {} : { history: config.history }),
      ...(config.damping === undefined ? {} : { damping: config.damping }),
      ...(config.saddleFree === undefined ? {} : { saddleFree: config.saddleFree }),
      onIteration: (info: IterationInfo) => {
        const row = iterationRow(info);
        rows.push(row);
        output.event('iteration', { ...row });
        output.line(iterationLine(row));
        return undefined;
      },
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const x = Array.from((result.x as Tensor).dataSync());
  const jac = Array.from((result.jac as Tensor).dataSync());
  const report = curvatureAt(problem, x, config);
  const record = {
    schema: 'descent.minimize/1',
    command: 'minimize',
    config,
    problem: { name: problem.name, title: problem.title, dimension: problem.dimension, minimum: problem.minimum },
    start,
    iterations: rows,
    result: {
      x,
      fun: result.fun,
      jac,
      nit: result.nit,
      nfev: result.nfev,
      njev: result.njev,
      nhev: result.nhev,
      status: result.status,
      success: result.success,
      message: result.message,
      method: result.method,
    },
    curvature: report,
    timing: { seconds },
    versions: versions(),
  };
  output.event('result', record);
  output.line();
  output.line(scipyRecord(record.result));
  if (report !== undefined) {
    output.line();
    output.line(
      `curvature at x: eigenvalues in [${formatNumber(report.minEigenvalue)}, ${formatNumber(report.maxEigenvalue)}], ` +
        `condition number ${formatNumber(report.conditionNumber)}, ${report.definiteness}`,
    );
  }
  output.line(`time ${formatDuration(seconds)}`);
  const gap = (value: number) => (Number.isFinite(problem.minimum) ? Math.max(value - problem.minimum, 1e-16) : value);
  const values = [initial, ...rows.filter((r) => r.accepted).map((r) => r.fun)];
  if (values.length >= 2) {
    output.line();
    output.line(
      terminalChart([{ name: method, values: values.map(gap) }], {
        title: Number.isFinite(problem.minimum) ? 'f − f* per iteration' : 'f per iteration',
        log: Number.isFinite(problem.minimum),
        height: 8,
        color: process.stdout.isTTY === true,
      }),
    );
  }
  if (config.out !== undefined) await writeOutputs(output, config.out, record, problem, start, rows, values.map(gap));
  return result.success ? 0 : 1;
}

function iterationRow(info: IterationInfo): IterationRow {
  return {
    iteration: info.iteration,
    fun: info.fun,
    gradientNorm: info.gradientNorm,
    ...(info.lineSearch === undefined ? {} : { step: info.lineSearch.step }),
    ...(info.trustRadius === undefined ? {} : { trustRadius: info.trustRadius }),
    ...(info.damping === undefined ? {} : { damping: info.damping }),
    ...(info.innerIterations === undefined ? {} : { innerIterations: info.innerIterations }),
    nfev: info.nfev,
    njev: info.njev,
    nhev: info.nhev,
    accepted: info.accepted,
    restarted: info.restarted,
    x: Array.from(info.x),
  };
}

function iterationLine(row: IterationRow): string {
  const step =
    row.step !== undefined
      ? formatNumber(row.step)
      : row.trustRadius !== undefined
        ? `Δ ${formatNumber(row.trustRadius)}`
        : '';
  const notes = [
    row.accepted ? undefined : 'rejected',
    row.restarted ? 'restart' : undefined,
    row.damping !== undefined && row.damping > 0 ? `λ ${formatNumber(row.damping)}` : undefined,
    row.innerIterations !== undefined ? `${row.innerIterations} CG` : undefined,
  ].filter((note) => note !== undefined);
  return `${String(row.iteration).padStart(5)}  ${formatNumber(row.fun, 6).padStart(12)}  ${formatNumber(row.gradientNorm).padStart(10)}  ${step.padStart(9)}  ${String(row.nfev).padStart(5)}  ${notes.join(', ')}`;
}

function curvatureAt(problem: Problem, x: readonly number[], config: MinimizeConfig) {
  if (!x.every(Number.isFinite)) return undefined;
  try {
    const report = curvature((point: Tensor) => problem.value(point), startTensor(x, config.dtype), {
      dtype: config.dtype,
    });
    return {
      minEigenvalue: report.minEigenvalue,
      maxEigenvalue: report.maxEigenvalue,
      conditionNumber: report.conditionNumber,
      definiteness: report.definiteness,
      gradientNorm: report.gradientNorm,
      exact: report.exact,
    };
  } catch {
    return undefined;
  }
}

/** The result as SciPy prints an `OptimizeResult`: right-aligned keys, arrays in brackets. */
function scipyRecord(result: Record<string, unknown>): string {
  const keys = ['message', 'success', 'status', 'fun', 'x', 'nit', 'jac', 'nfev', 'njev', 'nhev', 'method'];
  const width = Math.max(...keys.map((key) => key.length));
  const show = (value: unknown): string => {
    if (Array.isArray(value)) {
      const items = value.map((v) => formatNumber(v as number, 6));
      return `[${items.slice(0, 8).join('  ')}${items.length > 8 ? `  … (${items.length})` : ''}]`;
    }
    if (typeof value === 'number') return formatNumber(value, 6);
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    return String(value);
  };
  return keys.map((key) => `${key.padStart(width + 1)}: ${show(result[key])}`).join('\n');
}

async function writeOutputs(
  output: Output,
  path: string,
  record: Record<string, unknown>,
  problem: Problem,
  start: readonly number[],
  rows: readonly IterationRow[],
  gaps: readonly number[],
): Promise<void> {
  const files = [path, siblingPath(path, '.csv'), siblingPath(path, '.svg')];
  const { contourChart, lineChart } = await import('../output/svg-chart.js');
  const json = JSON.stringify(record, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
  await writeAtomically(files[0], `${json}\n`);
  await writeAtomically(
    files[1],
    toCsv(
      [
        'iteration',
        'f',
        'gradient_norm',
        'step',
        'trust_radius',
        'nfev',
        'njev',
        'nhev',
        'accepted',
        ...start.map((_, i) => `x${i + 1}`),
      ],
      rows.map((r) => [
        r.iteration,
        r.fun,
        r.gradientNorm,
        r.step,
        r.trustRadius,
        r.nfev,
        r.njev,
        r.nhev,
        String(r.accepted),
        ...r.x,
      ]),
    ),
  );
  const finite = Number.isFinite(problem.minimum);
  await writeAtomically(
    files[2],
    lineChart(
      [{ name: String((record.config as MinimizeConfig).method), points: gaps.map((g, k) => [k, g] as const) }],
      {
        title: `${problem.title}: ${finite ? 'f − f*' : 'f'} per iteration`,
        xLabel: 'iteration',
        yLabel: finite ? 'f − f*' : 'f',
        logY: finite,
      },
    ),
  );
  if (problem.dimension === 2) {
    files.push(siblingPath(path, '-trajectory.svg'));
    const points = [
      [start[0], start[1]] as const,
      ...rows.filter((r) => r.accepted).map((r) => [r.x[0], r.x[1]] as const),
    ];
    await writeAtomically(
      files[3],
      contourChart({
        title: `${problem.title}: ${String((record.config as MinimizeConfig).method)}`,
        bounds: problem.bounds,
        grid: gridValues(problem, 90),
        resolution: 90,
        paths: [{ name: String((record.config as MinimizeConfig).method), points }],
        minima: problem.minima.map((m) => [m.x[0], m.x[1]] as const),
      }),
    );
  }
  output.line(`wrote ${files.join(', ')}`);
}
