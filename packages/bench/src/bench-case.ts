import type { Engine } from './engines.js';
import type { TimingOptions } from './timing.js';

/**
 * How a run's time turns into the reported figure: `flops` prints GFLOP/s, `elements` prints ms and Melem/s,
 * `ops` prints microseconds per op. `work` is the flops, elements or ops in one run.
 */
export type Measure = 'flops' | 'elements' | 'ops';

/** One timed run, ready to repeat; `output` is the last result, read back, for the cross-engine check. */
export interface Prepared {
  run(): void;
  output(): ArrayLike<number>;
  dispose(): void;
}

/** A benchmark case, written once against `Engine` and run on every engine in turn. */
export interface BenchCase {
  readonly group: string;
  readonly name: string;
  readonly measure: Measure;
  readonly work: number;
  readonly timing?: TimingOptions;
  prepare<T>(engine: Engine<T>): Prepared;
}

/**
 * The common shape of a case: inputs made once, then each run applies `op`, reads the result with `dataSync`
 * (so nothing lazy escapes the timer) and releases it.
 */
export function prepareOp<T>(engine: Engine<T>, inputs: readonly T[], op: () => T): Prepared {
  let last: ArrayLike<number> = [];
  return {
    run: () => {
      const result = op();
      last = engine.read(result);
      engine.release(result);
    },
    output: () => last,
    dispose: () => {
      for (const input of inputs) engine.release(input);
    },
  };
}

/** Deterministic values in [low, high) (mulberry32), so every engine sees the same inputs on every run. */
export function randomValues(size: number, seed: number, low = -1, high = 1): Float32Array {
  const values = new Float32Array(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = low + (high - low) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return values;
}
