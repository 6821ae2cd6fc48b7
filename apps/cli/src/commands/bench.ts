import { add, createRng, exp, matmul, type Tensor, tidy } from '@descent/tensor';
import { Command } from 'commander';
import { z } from 'zod';
import { field } from '../config/fields.js';
import { UsageError } from '../errors.js';
import { formatNumber } from '../output/format.js';
import { ProgressBar } from '../output/progress-bar.js';
import { renderTable, toCsv } from '../output/table.js';
import { siblingPath, writeAtomically } from '../output/write-file.js';
import { BACKENDS, type BackendName, backendDetails, useBackend } from '../setup/backend.js';
import { versions } from '../versions.js';
import { optionLayers, outputOf, resolveOptions, withCommonOptions } from './common.js';

const benchSchema = z.strictObject({
  backends: field.list().default(['cpu', 'gpujs', 'auto']),
  matmulSizes: field.numbers().default([64, 128, 256]),
  elementwiseSizes: field.numbers().default([10_000, 1_000_000]),
  repeats: field.count().default(5),
  out: field.string().optional(),
});

interface Case {
  readonly op: 'matmul' | 'add' | 'exp';
  readonly size: number;
  readonly label: string;
  /** Floating-point operations per call, for GFLOP/s. */
  readonly flops: number;
  readonly run: (inputs: readonly Tensor[]) => Tensor;
  readonly inputs: () => Tensor[];
}

function cases(matmulSizes: readonly number[], elementwiseSizes: readonly number[]): Case[] {
  const rng = createRng(0);
  const random = (shape: number[]) => rng.uniform(shape, { low: -1, high: 1 });
  return [
    ...matmulSizes.map((n) => ({
      op: 'matmul' as const,
      size: n,
      label: `${n}×${n}·${n}×${n}`,
      flops: 2 * n ** 3,
      run: ([a, b]: readonly Tensor[]) => matmul(a, b),
      inputs: () => [random([n, n]), random([n, n])],
    })),
    ...elementwiseSizes.flatMap((n) => [
      {
        op: 'add' as const,
        size: n,
        label: `${n.toLocaleString('en-US')} elements`,
        flops: n,
        run: ([a, b]: readonly Tensor[]) => add(a, b),
        inputs: () => [random([n]), random([n])],
      },
      {
        op: 'exp' as const,
        size: n,
        label: `${n.toLocaleString('en-US')} elements`,
        flops: n,
        run: ([a]: readonly Tensor[]) => exp(a),
        inputs: () => [random([n])],
      },
    ]),
  ];
}

/**
 * Median milliseconds of `repeats` calls, results read back, after warm-up calls (at least two, and 30 ms) that
 * compile gpu.js kernels and let V8 optimize the CPU loops.
 */
function time(benchmark: Case, inputs: readonly Tensor[], repeats: number): number {
  const once = () => {
    const started = performance.now();
    tidy(() => {
      benchmark.run(inputs).dataSync();
    });
    return performance.now() - started;
  };
  const warmup = performance.now();
  for (let i = 0; i < 2 || performance.now() - warmup < 30; i++) once();
  const times = Array.from({ length: repeats }, once).sort((a, b) => a - b);
  return times[times.length >> 1];
}

export function benchCommand(): Command {
  const command = new Command('bench')
    .summary('benchmark the tensor backends (matmul, element-wise)')
    .description(
      'A small built-in benchmark of the tensor backends: matmul and element-wise ops on cpu, gpujs and auto, median ' +
        'times with the result read back. The full comparison with TensorFlow.js lives in packages/bench (pnpm bench).',
    )
    .option('--backends <list>', `comma-separated: ${BACKENDS.join(', ')} (default all)`)
    .option('--matmul-sizes <n,…>', 'square matmul sizes (default 64,128,256)')
    .option('--elementwise-sizes <n,…>', 'element counts for add and exp (default 10000,1000000)')
    .option('--repeats <n>', 'timed calls per case, after a warm-up (default 5)')
    .option('-o, --out <file.json>', 'write the record here, with a .csv beside it');
  return withCommonOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  $ descent bench
  $ descent bench --backends cpu,gpujs --matmul-sizes 128,1024 --repeats 10
  $ descent bench --backends cpu --json`,
    )
    .action(async (_options, self: Command) => {
      process.exitCode = await runBench(self);
    });
}

async function runBench(command: Command): Promise<number> {
  const output = outputOf(command);
  const config = resolveOptions(benchSchema, await optionLayers(command));
  for (const name of config.backends) {
    if (!(BACKENDS as readonly string[]).includes(name)) {
      throw new UsageError(`unknown backend '${name}'; choose from ${BACKENDS.join(', ')}`);
    }
  }
  for (const size of [...config.matmulSizes, ...config.elementwiseSizes]) {
    if (!Number.isInteger(size) || size < 1) throw new UsageError(`sizes must be positive integers, got ${size}`);
  }
  const backends = config.backends as BackendName[];
  const list = cases(config.matmulSizes, config.elementwiseSizes);
  const results: { op: string; size: number; label: string; backend: string; milliseconds: number; gflops: number }[] =
    [];
  const details: Record<string, unknown>[] = [];
  const bar = new ProgressBar(output, 'bench {bar} {value}/{total} | {backend} {case}');
  bar.start(list.length * backends.length, { backend: '', case: '' });
  for (const backend of backends) {
    await useBackend(backend);
    details.push(await backendDetails(backend));
    for (const benchmark of list) {
      bar.update(results.length, { backend, case: `${benchmark.op} ${benchmark.label}` });
      const inputs = benchmark.inputs();
      const milliseconds = time(benchmark, inputs, config.repeats);
      const result = {
        op: benchmark.op,
        size: benchmark.size,
        label: benchmark.label,
        backend,
        milliseconds,
        gflops: benchmark.flops / (milliseconds * 1e6),
      };
      results.push(result);
      output.event('case', result);
    }
  }
  bar.stop();
  await useBackend('cpu');
  const byCase = list.map((benchmark) => {
    const of = (backend: string) =>
      results.find((r) => r.op === benchmark.op && r.size === benchmark.size && r.backend === backend);
    return { benchmark, of };
  });
  const table = renderTable(
    [
      { title: 'op' },
      { title: 'size' },
      ...backends.map((backend) => ({ title: `${backend} ms`, align: 'right' as const })),
      ...backends
        .filter((b) => b !== 'cpu' && backends.includes('cpu'))
        .map((b) => ({ title: `cpu/${b}`, align: 'right' as const })),
      { title: 'best GFLOP/s', align: 'right' },
    ],
    byCase.map(({ benchmark, of }) => {
      const cpu = of('cpu')?.milliseconds;
      const best = Math.max(...backends.map((b) => of(b)?.gflops ?? 0));
      return [
        benchmark.op,
        benchmark.label,
        ...backends.map((b) => formatNumber(of(b)?.milliseconds, 3)),
        ...backends
          .filter((b) => b !== 'cpu' && backends.includes('cpu'))
          .map((b) => (cpu === undefined ? '-' : `${formatNumber(cpu / (of(b)?.milliseconds ?? Number.NaN), 2)}×`)),
        formatNumber(best, 3),
      ];
    }),
  );
  const record = {
    schema: 'descent.bench/1',
    command: 'bench',
    config,
    backends: details,
    results,
    versions: versions(),
  };
  output.event('result', record);
  output.line(table);
  const gpujs = details.find((d) => d.name !== 'cpu');
  if (gpujs !== undefined) {
    output.line(`gpu.js engine: ${String(gpujs.engine ?? gpujs.gpujsMode)} (${String(gpujs.renderer)})`);
  }
  output.line('cpu/x above 1× means x is faster than the CPU backend. Full suite against TensorFlow.js: pnpm bench');
  if (config.out !== undefined) {
    const files = [config.out, siblingPath(config.out, '.csv')];
    await writeAtomically(files[0], `${JSON.stringify(record, null, 2)}\n`);
    await writeAtomically(
      files[1],
      toCsv(
        ['op', 'size', 'backend', 'milliseconds', 'gflops'],
        results.map((r) => [r.op, r.size, r.backend, r.milliseconds, r.gflops]),
      ),
    );
    output.line(`wrote ${files.join(', ')}`);
  }
  return 0;
}
