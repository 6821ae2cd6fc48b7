import { formatTable } from '../table.js';
import type { CaseResult, PathResult } from './paths.js';

/** `auto` may be this much slower than the best single backend it routes between before it is flagged. */
export const AUTO_SLACK = 1.1;
/** Outputs may differ by float32 rounding and summation order; anything beyond this is a wrong result. */
export const TOLERANCE = 1e-3;

function cell(result: CaseResult, path: PathResult | undefined, fastest: number): string {
  if (path === undefined) return '-';
  if (path.sample === undefined) return 'skip';
  const ms = path.sample.medianMs;
  const figure =
    result.unit === 'flops'
      ? `${(result.work / ms / 1e6).toFixed(2)} GF/s`
      : `${ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)} ms`;
  return `${ms <= fastest ? '*' : ''}${figure}`;
}

export interface AutoCheck {
  readonly name: string;
  readonly ratio: number;
  readonly best: string;
}

/**
 * auto against the faster of the two backends it chooses between (cpu and the gpujs engine): the duel's median
 * ratio of side-by-side runs (see `Duel`), else the ratio of the medians.
 */
export function autoRatio(result: CaseResult): AutoCheck | undefined {
  if (result.duel !== undefined) return { name: result.name, ratio: result.duel.ratio, best: result.duel.best };
  const auto = result.paths.auto?.sample;
  const singles = Object.entries(result.paths).filter(
    ([label, path]) => (label === 'cpu' || label.startsWith('gpujs:')) && label !== 'gpujs:cpu' && path.sample,
  );
  if (auto === undefined || singles.length === 0) return undefined;
  const [best, path] = singles.reduce((x, y) => ((y[1].sample?.medianMs ?? 0) < (x[1].sample?.medianMs ?? 0) ? y : x));
  return { name: result.name, ratio: auto.medianMs / (path.sample?.medianMs ?? 1), best };
}

/** The table: one row per case, one column per path, the fastest starred, and auto/best. */
export function formatResults(results: readonly CaseResult[], columns: readonly string[]): string {
  const rows = results.map((result) => {
    const times = columns
      .map((label) => result.paths[label]?.sample?.medianMs)
      .filter((ms): ms is number => ms !== undefined);
    const fastest = Math.min(...times);
    const check = autoRatio(result);
    const ratio = check === undefined ? '-' : `${check.ratio.toFixed(2)}${check.ratio > AUTO_SLACK ? ' !' : ''}`;
    return [result.name, ...columns.map((label) => cell(result, result.paths[label], fastest)), ratio];
  });
  return formatTable(['case', ...columns, 'auto/best'], rows);
}

/** What auto chose per case, with the reasons `getBackendInfo().choices` gives (a shared reason printed once). */
export function formatChoices(results: readonly CaseResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.name}: auto's results on ${result.autoResultOn || '?'}`);
    const reasons = new Set(result.choices.map((choice) => `${choice.backend}: ${choice.reason}`));
    if (result.choices.length > 1 && reasons.size === 1) {
      const ops = result.choices.map((choice) => `${choice.kernel} ${choice.shapes} (${choice.calls} calls)`);
      lines.push(`  ${ops.join(', ')} -> ${[...reasons][0]}`);
      continue;
    }
    for (const choice of result.choices) {
      lines.push(`  ${choice.kernel} ${choice.shapes} -> ${choice.backend} (${choice.calls} calls): ${choice.reason}`);
    }
  }
  return lines.join('\n');
}

/** Lines flagging auto/best above the slack, and outputs that disagree with the CPU backend. */
export function formatFlags(results: readonly CaseResult[], where: string): string[] {
  const flags: string[] = [];
  for (const result of results) {
    const check = autoRatio(result);
    if (check !== undefined && check.ratio > AUTO_SLACK) {
      flags.push(
        `! ${where} ${result.name}: auto is ${((check.ratio - 1) * 100).toFixed(0)}% slower than ${check.best}` +
          ` (limit ${((AUTO_SLACK - 1) * 100).toFixed(0)}%)`,
      );
    }
    for (const [label, path] of Object.entries(result.paths)) {
      if (path.error !== undefined && !(path.error <= TOLERANCE)) {
        flags.push(`! ${where} ${result.name}: ${label} disagrees with cpu (relative error ${path.error})`);
      }
    }
  }
  return flags;
}
