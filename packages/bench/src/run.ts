import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { BenchCase } from './bench-case.js';
import { elementwiseCases } from './cases/elementwise.js';
import { matmulCases } from './cases/matmul.js';
import { overheadCase } from './cases/overhead.js';
import { reduceCases } from './cases/reduce.js';
import {
  type Engine,
  type EngineName,
  ours,
  oursWasm,
  tfjsCpu,
  tfjsVersion,
  tfjsWasm,
  wasmFeatures,
} from './engines.js';
import { type CaseResult, contendedCases, formatResults, resultsToJson } from './report.js';
import { type Clock, measure, type Timing } from './timing.js';

const USAGE = `usage: pnpm bench [--filter <text>] [--clock wall|cpu] [--json [file]]
  --filter <text>  run only the cases whose name contains <text> (e.g. "matmul")
  --clock cpu      report process CPU time instead of wall time (steadier on a busy shared machine)
  --json [file]    also write the results, on both clocks, as JSON (default file: bench-results.json)`;

/** Outputs may differ by float32 rounding and summation order; anything beyond this is a wrong result. */
const TOLERANCE = 1e-3;

interface Options {
  readonly filter: string | undefined;
  readonly clock: Clock;
  readonly json: string | undefined;
}

function parseOptions(args: readonly string[]): Options {
  let filter: string | undefined;
  let json: string | undefined;
  let clock: Clock = 'wall';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--filter' && i + 1 < args.length) filter = args[++i];
    else if (arg === '--clock' && (args[i + 1] === 'wall' || args[i + 1] === 'cpu')) clock = args[++i] as Clock;
    else if (arg === '--json')
      json = i + 1 < args.length && !args[i + 1].startsWith('--') ? args[++i] : 'bench-results.json';
    else if (arg === '--') continue;
    else {
      console.error(USAGE);
      process.exit(arg === '--help' || arg === '-h' ? 0 : 1);
    }
  }
  return { filter, clock, json };
}

function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let scale = 0;
  let error = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    error = Math.max(error, Math.abs(actual[i] - expected[i]));
  }
  return error / Math.max(scale, Number.MIN_VALUE);
}

/**
 * Runs one case on every engine in turn, in this process. Engines take turns per case rather than per suite, so a
 * noisy neighbour on the VM slows all three alike.
 */
async function runCase(benchCase: BenchCase, engines: readonly Engine<unknown>[]): Promise<CaseResult> {
  const timings: Partial<Record<EngineName, Timing>> = {};
  const outputs: Partial<Record<EngineName, ArrayLike<number>>> = {};
  for (const engine of engines) {
    await engine.activate();
    const prepared = benchCase.prepare(engine);
    timings[engine.name] = measure(prepared.run, benchCase.timing);
    outputs[engine.name] = Array.from(prepared.output());
    prepared.dispose();
  }
  const reference = outputs.ours ?? [];
  const error = Math.max(
    relativeError(outputs['tfjs-cpu'] ?? [], reference),
    relativeError(outputs['tfjs-wasm'] ?? [], reference),
    outputs['ours-wasm'] === undefined ? 0 : relativeError(outputs['ours-wasm'], reference),
  );
  return { benchCase, timings: timings as CaseResult['timings'], relativeError: error };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const all = [...matmulCases, ...elementwiseCases, ...reduceCases, overheadCase];
  const cases = all.filter((benchCase) => options.filter === undefined || benchCase.name.includes(options.filter));
  const engines: readonly Engine<unknown>[] = [ours, tfjsCpu, tfjsWasm];
  // Our wasm backend runs the element-wise and reduction cases (exp and the sum over one axis fall back to the CPU
  // kernels, on its memory); matmul and the per-op overhead case stay CPU-only.
  const enginesFor = (benchCase: BenchCase) =>
    benchCase.group === 'elementwise' || benchCase.group === 'reduce' ? [ours, oursWasm, tfjsCpu, tfjsWasm] : engines;
  const started = performance.now();
  const results: CaseResult[] = [];
  for (const benchCase of cases) {
    process.stderr.write(`  ${benchCase.name} ...\n`);
    results.push(await runCase(benchCase, enginesFor(benchCase)));
  }
  const seconds = (performance.now() - started) / 1e3;
  const { simd, threads } = wasmFeatures();
  console.log(
    `\n@descent/tensor cpu (and @descent/backend-wasm on element-wise and sum cases) vs TensorFlow.js ${tfjsVersion}` +
      ` (cpu; wasm simd=${simd} threads=${threads})` +
      ` | Node ${process.versions.node} | ${cpus()[0]?.model ?? 'unknown cpu'} x${cpus().length}`,
  );
  console.log(
    `${options.clock === 'wall' ? 'wall-clock' : 'process CPU time'} medians of repeated runs after warm-up;` +
      ' every output is read with dataSync; ratios: >1 = ours faster\n',
  );
  console.log(formatResults(results, options.clock));
  for (const result of results) {
    if (!(result.relativeError <= TOLERANCE)) {
      console.log(`! ${result.benchCase.name}: outputs disagree with ours (relative error ${result.relativeError})`);
    }
  }
  const contended = contendedCases(results);
  if (options.clock === 'wall' && contended.length > 0) {
    console.log(`! other processes took the CPU during: ${contended.join('; ')}. Those figures are inflated;`);
    console.log('  rerun on a quiet machine, or with --clock cpu.');
  }
  console.log(`\n${results.length} cases in ${seconds.toFixed(1)} s`);
  if (options.json !== undefined) {
    const report = { node: process.versions.node, tfjs: tfjsVersion, ...resultsToJson(results, options.clock) };
    writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${options.json}`);
  }
}

await main();
