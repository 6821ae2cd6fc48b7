/**
 * The Chromium page: runs the cases on the CPU backend, gpujs (WebGL2, SwiftShader without a GPU) and `auto`,
 * measuring inside the page; Node reads `window.runGpujsBench()`'s result and prints the table.
 */
import { getBackendInfo, probeBackends } from '@descent/backend-gpujs';
import { gpujsCases } from './cases.js';
import { type CaseResult, gpujsLabel, registerForCase, runDescentPaths } from './paths.js';

export interface PageReport {
  readonly userAgent: string;
  readonly renderer: string;
  readonly excludedFromAuto: string | undefined;
  /** Wall time of `auto`'s startup probe in the page. */
  readonly probeMs: number;
  readonly results: readonly CaseResult[];
}

/** WebGL2 on SwiftShader runs matmul near 0.1 GFLOP/s: n = 1024 would take about 20 s a run. */
const SLOW_MATMUL = 1024;

async function runGpujsBench(): Promise<PageReport> {
  registerForCase();
  const info = getBackendInfo();
  const results: CaseResult[] = [];
  for (const benchCase of gpujsCases) {
    const { result } = runDescentPaths(benchCase, {
      skip: (c, path) =>
        path.startsWith('gpujs:') && c.unit === 'flops' && c.work >= 2 * SLOW_MATMUL ** 3
          ? `skipped: about 20 s a run on ${gpujsLabel()}`
          : undefined,
    });
    results.push(result);
    // Let the page breathe between cases (and the driver see progress).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return {
    userAgent: navigator.userAgent,
    renderer: info.gpujs?.renderer.renderer ?? '?',
    excludedFromAuto: info.gpujs?.excludedFromAuto,
    probeMs: probeBackends().ms,
    results,
  };
}

(globalThis as { runGpujsBench?: typeof runGpujsBench }).runGpujsBench = runGpujsBench;
