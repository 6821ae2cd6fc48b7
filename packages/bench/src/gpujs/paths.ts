/**
 * Runs one case on the Descent paths `auto` chooses between (the CPU backend, gpujs and `auto` itself), timed side by
 * side, and on gpu.js's 'cpu' mode. Browser-safe: the Chromium page runs this file too.
 */
import { type Choice, getBackendInfo, probeBackends, registerGpujsBackend } from '@descent/backend-gpujs';
import { setBackend, type Tensor } from '@descent/tensor';
import {
  descentOps,
  type GpujsCase,
  measureInterleaved,
  median,
  mergeSamples,
  type Prepared,
  relativeError,
  type Sample,
} from './cases.js';

export interface PathResult {
  readonly sample?: Sample;
  /** Why the path was not timed. */
  readonly skipped?: string;
  /** Relative error of the output against the CPU backend's. */
  readonly error?: number;
}

export interface CaseResult {
  readonly name: string;
  readonly unit: 'flops' | 'elements';
  readonly work: number;
  readonly fused: boolean;
  readonly paths: Record<string, PathResult>;
  /** `getBackendInfo().choices` after the case (a fresh registration per case, so only this case's ops). */
  readonly choices: readonly Choice[];
  /** Where `auto`'s results lived. */
  readonly autoResultOn: string;
  /** The duel of `auto` against the faster single backend (see `runDescentPaths`). */
  readonly duel?: Duel;
}

/**
 * `auto` timed against the faster single backend in alternating runs. `ratio` is the median over rounds of auto's
 * time over the other's in the same round: runs taken side by side share the machine's state (a noisy neighbour,
 * frequency, cache), so the ratio of each pair is steadier than the ratio of two medians taken over seconds.
 */
export interface Duel {
  readonly best: string;
  readonly ratio: number;
  readonly rounds: number;
}

/** Paths the page and Node both time; `gpujs` is labelled with its engine (webasm, webgl2). */
export interface PathOptions {
  /** Returns a reason to skip (too slow to be worth the time), or undefined. */
  readonly skip?: (benchCase: GpujsCase, path: string) => string | undefined;
}

/** The gpujs engine label, e.g. `gpujs:webasm`, of the current registration. */
export function gpujsLabel(): string {
  return `gpujs:${getBackendInfo().gpujs?.renderer.engine ?? '?'}`;
}

/** Registers gpujs in mode 'gpu' (a fresh router, so `choices` are per case) and runs the probe (once per process). */
export function registerForCase(): void {
  registerGpujsBackend({ mode: 'gpu' });
  probeBackends();
}

/** Runs a case on cpu, gpujs and auto; returns the result and the CPU backend's output (the reference). */
export function runDescentPaths(
  benchCase: GpujsCase,
  options: PathOptions = {},
): { result: CaseResult; reference: ArrayLike<number> | undefined } {
  registerForCase();
  const gpujs = gpujsLabel();
  const paths: Record<string, PathResult> = {};
  const backends: Record<string, string> = { cpu: 'cpu', [gpujs]: 'gpujs', auto: 'auto' };
  const prepared: Record<string, Prepared> = {};
  const runs: Record<string, () => void> = {};
  let autoResultOn = '';
  for (const [label, backend] of Object.entries(backends)) {
    const reason = options.skip?.(benchCase, label);
    if (reason !== undefined) {
      paths[label] = { skipped: reason };
      continue;
    }
    setBackend(backend);
    const keep = backend === 'auto' ? (result: Tensor) => void (autoResultOn = result.backend.name) : undefined;
    const ready = benchCase.prepare(descentOps, keep);
    if (ready === undefined) continue;
    prepared[label] = ready;
    runs[label] = () => {
      setBackend(backend);
      ready.run();
    };
  }
  const { capMs, collectBeforeRuns } = benchCase;
  const samples = measureInterleaved(runs, { capMs, collectBeforeRuns });
  // A second, longer duel of auto against the faster single backend: the ratio needs more runs than the table.
  const singles = Object.keys(samples).filter((label) => label !== 'auto');
  let duel: Duel | undefined;
  if (samples.auto !== undefined && singles.length > 0) {
    const best = singles.reduce((x, y) => (samples[y].medianMs < samples[x].medianMs ? y : x));
    const rounds = measureInterleaved(
      { auto: runs.auto, [best]: runs[best] },
      { warmupMs: 0, minRuns: 24, minTimeMs: 1000, capMs: capMs / 2, collectBeforeRuns },
    );
    for (const label of ['auto', best]) samples[label] = mergeSamples(samples[label], rounds[label]);
    const ratios = rounds.auto.times.map((ms, i) => ms / rounds[best].times[i]);
    duel = { best, ratio: median(ratios), rounds: ratios.length };
  }
  const reference = prepared.cpu?.output();
  for (const [label, ready] of Object.entries(prepared)) {
    paths[label] = {
      sample: samples[label],
      ...(reference === undefined ? {} : { error: relativeError(ready.output(), reference) }),
    };
    setBackend(backends[label]);
    ready.dispose();
  }
  setBackend('cpu');
  const choices = getBackendInfo().choices.map((choice) => ({ ...choice }));
  const { name, unit, work, fused } = benchCase;
  return {
    result: { name, unit, work, fused, paths, choices, autoResultOn, ...(duel === undefined ? {} : { duel }) },
    reference,
  };
}

/** Times a case alone on gpu.js's 'cpu' mode (registered for the call; re-register mode 'gpu' afterwards). */
export function runGpujsCpuMode(benchCase: GpujsCase, reference: ArrayLike<number> | undefined): PathResult {
  registerGpujsBackend({ mode: 'cpu' });
  setBackend('gpujs');
  try {
    const ready = benchCase.prepare(descentOps);
    if (ready === undefined) return { skipped: 'no such op' };
    const { capMs, collectBeforeRuns } = benchCase;
    const sample = measureInterleaved({ run: ready.run }, { capMs, collectBeforeRuns }).run;
    const error = reference === undefined ? undefined : relativeError(ready.output(), reference);
    ready.dispose();
    return { sample, ...(error === undefined ? {} : { error }) };
  } finally {
    setBackend('cpu');
  }
}
