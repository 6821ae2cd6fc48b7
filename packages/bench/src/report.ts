import type { BenchCase } from './bench-case.js';
import type { EngineName } from './engines.js';
import { formatTable } from './table.js';
import type { Clock, Timing } from './timing.js';

/** One case measured on every engine, with the worst disagreement of a tfjs output with ours. */
export interface CaseResult {
  readonly benchCase: BenchCase;
  /** Every engine's timing; `ours-wasm` only where that engine ran (the element-wise and reduction cases). */
  readonly timings: Readonly<Record<Exclude<EngineName, 'ours-wasm'>, Timing>> & { readonly 'ours-wasm'?: Timing };
  /** max |other − ours| / max |ours| over both tfjs backends (and ours-wasm where it ran). */
  readonly relativeError: number;
}

/** The figure a case reports for a median time, in its own unit. */
export function figureOf(benchCase: BenchCase, medianMs: number): number {
  switch (benchCase.measure) {
    case 'flops':
      return benchCase.work / (medianMs * 1e6); // GFLOP/s
    case 'elements':
      return medianMs; // ms (Melem/s is shown beside it)
    case 'ops':
      return (medianMs * 1e3) / benchCase.work; // µs per op
  }
}

const UNITS = { flops: 'GFLOP/s', elements: 'ms (Melem/s)', ops: 'µs/op' } as const;

function formatNumber(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function cell(benchCase: BenchCase, medianMs: number): string {
  const figure = formatNumber(figureOf(benchCase, medianMs));
  if (benchCase.measure !== 'elements') return figure;
  return `${figure} (${formatNumber(benchCase.work / (medianMs * 1e3))})`;
}

/** Speedup of ours over another engine: its time over ours, so > 1 means we are faster. */
export function speedup(result: CaseResult, other: Exclude<EngineName, 'ours-wasm'>, clock: Clock): number {
  return result.timings[other].medianMs[clock] / result.timings.ours.medianMs[clock];
}

export function formatResults(results: readonly CaseResult[], clock: Clock): string {
  const header = [
    'case',
    'unit',
    'ours',
    'ours-wasm',
    'tfjs-cpu',
    'tfjs-wasm',
    'ours/tfjs-cpu',
    'ours/tfjs-wasm',
    'ours-wasm/tfjs-wasm',
  ];
  const rows = results.map((result) => {
    const wasm = result.timings['ours-wasm']?.medianMs[clock];
    return [
      result.benchCase.name,
      UNITS[result.benchCase.measure],
      cell(result.benchCase, result.timings.ours.medianMs[clock]),
      wasm === undefined ? '-' : cell(result.benchCase, wasm),
      cell(result.benchCase, result.timings['tfjs-cpu'].medianMs[clock]),
      cell(result.benchCase, result.timings['tfjs-wasm'].medianMs[clock]),
      `${speedup(result, 'tfjs-cpu', clock).toFixed(2)}x`,
      `${speedup(result, 'tfjs-wasm', clock).toFixed(2)}x`,
      wasm === undefined ? '-' : `${(result.timings['tfjs-wasm'].medianMs[clock] / wasm).toFixed(2)}x`,
    ];
  });
  return formatTable(header, rows);
}

/**
 * Cases where the process spent much less time on a core than the wall clock shows: other processes were running,
 * and the wall-clock figures of those cases are inflated.
 */
export function contendedCases(results: readonly CaseResult[]): string[] {
  return results
    .filter(({ timings }) => Object.values(timings).some(({ medianMs }) => medianMs.wall > 1.25 * medianMs.cpu))
    .map(({ benchCase }) => benchCase.name);
}

/** The results as plain data for `--json`: both clocks' medians and figures, and the speedups on `clock`. */
export function resultsToJson(results: readonly CaseResult[], clock: Clock) {
  return {
    clock,
    results: results.map((result) => ({
      case: result.benchCase.name,
      group: result.benchCase.group,
      measure: result.benchCase.measure,
      work: result.benchCase.work,
      engines: Object.fromEntries(
        Object.entries(result.timings).map(([name, { runs, medianMs }]) => [
          name,
          {
            runs,
            medianMs,
            figure: { wall: figureOf(result.benchCase, medianMs.wall), cpu: figureOf(result.benchCase, medianMs.cpu) },
          },
        ]),
      ),
      speedupVsTfjsCpu: speedup(result, 'tfjs-cpu', clock),
      speedupVsTfjsWasm: speedup(result, 'tfjs-wasm', clock),
      relativeError: result.relativeError,
    })),
  };
}
