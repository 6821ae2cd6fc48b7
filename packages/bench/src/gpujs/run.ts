/**
 * The gpu.js benchmarks: matmul n = 128..1024 and element-wise chains on 1M elements (op by op, and through
 * `fuse`) on the CPU backend, gpujs and `auto` (timed side by side), gpu.js's 'cpu' mode and TensorFlow.js wasm in
 * Node, then the CPU backend, gpujs (WebGL2) and `auto` in headless Chromium. Prints what `auto` chose and checks
 * that it is never more than 10% slower than the faster of the backends it routes between.
 */
import { cpus } from 'node:os';
import { getBackendInfo, probeBackends } from '@descent/backend-gpujs';
import { setBackend } from '@descent/tensor';
import { runInChromium } from './browser.js';
import { type GpujsCase, gpujsCases, measureInterleaved, relativeError } from './cases.js';
import {
  type CaseResult,
  gpujsLabel,
  type PathResult,
  registerForCase,
  runDescentPaths,
  runGpujsCpuMode,
} from './paths.js';
import { AUTO_SLACK, autoRatio, formatChoices, formatFlags, formatResults } from './report.js';
import { activateTfjsWasm, tfjsOps } from './tfjs.js';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const filter = args[0] === '--filter' ? args[1] : undefined;
const nodeOnly = args.includes('--node-only');
const cases = gpujsCases.filter((benchCase) => filter === undefined || benchCase.name.includes(filter));

/** gpu.js 'cpu' mode runs matmul near 0.5 GFLOP/s: n = 1024 would take about 4 s a run. */
function cpuModeSkip(benchCase: GpujsCase): string | undefined {
  return benchCase.unit === 'flops' && benchCase.work >= 2 * 1024 ** 3 ? 'about 4 s a run' : undefined;
}

async function runTfjs(benchCase: GpujsCase, reference: ArrayLike<number> | undefined): Promise<PathResult> {
  await activateTfjsWasm();
  const ready = benchCase.prepare(tfjsOps);
  if (ready === undefined) return {};
  const { capMs, collectBeforeRuns } = benchCase;
  const sample = measureInterleaved({ run: ready.run }, { capMs, collectBeforeRuns }).run;
  const error = reference === undefined ? undefined : relativeError(ready.output(), reference);
  ready.dispose();
  return { sample, ...(error === undefined ? {} : { error }) };
}

function printSection(title: string, results: readonly CaseResult[], columns: readonly string[], where: string) {
  console.log(`\n${title}`);
  console.log(formatResults(results, columns));
  console.log(`\nwhat auto chose (${where}):`);
  console.log(formatChoices(results));
  const ratios = results.map(autoRatio).filter((check) => check !== undefined);
  const worst = ratios.reduce((x, y) => (y.ratio > x.ratio ? y : x), ratios[0]);
  if (worst !== undefined) {
    console.log(
      `auto/best (${where}): worst ${worst.ratio.toFixed(2)} on ${worst.name} (vs ${worst.best}); ` +
        `limit ${AUTO_SLACK.toFixed(2)}`,
    );
  }
  const flags = formatFlags(results, where);
  for (const flag of flags) console.log(flag);
  return flags.length;
}

async function main(): Promise<void> {
  const started = performance.now();
  // --- Node ---
  const nodeResults: CaseResult[] = [];
  for (const benchCase of cases) {
    process.stderr.write(`  node: ${benchCase.name} ...\n`);
    const { result, reference } = runDescentPaths(benchCase);
    const skip = cpuModeSkip(benchCase);
    result.paths['gpujs:cpu'] = skip === undefined ? runGpujsCpuMode(benchCase, reference) : { skipped: skip };
    result.paths['tfjs-wasm'] = await runTfjs(benchCase, reference);
    nodeResults.push(result);
  }
  setBackend('cpu');
  const nodeSeconds = (performance.now() - started) / 1e3;
  registerForCase();
  const probe = probeBackends();
  const engine = gpujsLabel();
  const info = getBackendInfo();
  console.log(
    `\ngpu.js paths | Node ${process.versions.node} | ${cpus()[0]?.model ?? 'unknown cpu'} x${cpus().length}` +
      ` | gpujs = ${engine} (${info.gpujs?.renderer.renderer})`,
  );
  console.log(
    'wall-clock medians after warm-up; every output read back; cpu, gpujs and auto timed in interleaved rounds;' +
      ' matmul in GFLOP/s, chains in ms per call; * = fastest; auto/best = auto over the faster of cpu and gpujs' +
      ' (the backends it routes between), the median ratio of 24+ side-by-side pairs of runs; gpujs:cpu = gpu.js cpu mode; tfjs-wasm has no fuse',
  );
  const fig = (path: typeof probe.cpu | undefined) =>
    path === undefined
      ? 'not measured'
      : `call ${path.callMs.toFixed(3)} ms, add ${path.elementwiseNsPerElement.toFixed(2)} ns/elem, matmul ` +
        `${path.matmulGflops.toFixed(2)} GF/s, compile ${path.compileMs.toFixed(1)} ms, transfer ` +
        `${path.transferNsPerByte.toFixed(3)} ns/B`;
  console.log(`probe (${probe.ms.toFixed(0)} ms): cpu ${fig(probe.cpu)}; ${engine} ${fig(probe.gpujs)}`);
  let flags = printSection(
    `Node (${nodeSeconds.toFixed(1)} s)`,
    nodeResults,
    ['cpu', engine, 'auto', 'gpujs:cpu', 'tfjs-wasm'],
    'Node',
  );
  // --- Chromium ---
  if (!nodeOnly) {
    const browserStarted = performance.now();
    process.stderr.write('  chromium: building the page and running every case ...\n');
    const report = await runInChromium((line) => process.stderr.write(`${line}\n`));
    const seconds = (performance.now() - browserStarted) / 1e3;
    if (typeof report === 'string') console.log(`\n${report}`);
    else {
      const results = report.results.filter((result) => cases.some((c) => c.name === result.name));
      const label = Object.keys(results[0]?.paths ?? {}).find((key) => key.startsWith('gpujs:')) ?? 'gpujs:?';
      console.log(
        `\nheadless Chromium (${seconds.toFixed(1)} s incl. build and launch) | ${report.userAgent.match(/Chrome\/[\d.]+/)?.[0]}` +
          ` | gpujs = ${label} (${report.renderer}): a software renderer, reported, not a target` +
          (report.excludedFromAuto === undefined ? '' : `; auto: ${report.excludedFromAuto}`) +
          `; probe ${report.probeMs.toFixed(0)} ms`,
      );
      flags += printSection('Chromium', results, ['cpu', label, 'auto'], 'Chromium');
    }
  }
  console.log(
    `\n${flags === 0 ? 'no flags' : `${flags} flag(s)`}; gpu.js section in ${((performance.now() - started) / 1e3).toFixed(1)} s`,
  );
}

await main();
