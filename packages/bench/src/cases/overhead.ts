import { type BenchCase, randomValues } from '../bench-case.js';

const OPS_PER_RUN = 10_000;

/**
 * Per-op cost of `add` on two shape-[2] tensors: the work is nothing, so this is dispatch, validation and
 * allocation. Ten timed runs of 10,000 ops average over 1e5 ops. tfjs results are disposed as they go (what
 * `tidy` would do); ours are left to the GC, as users of the CPU backend do.
 */
export const overheadCase: BenchCase = {
  group: 'overhead',
  name: 'add [2] per op',
  measure: 'ops',
  work: OPS_PER_RUN,
  timing: { warmupMs: 200, minRuns: 10, maxRuns: 10, minTimeMs: 0 },
  prepare(engine) {
    const a = engine.fromArray(randomValues(2, 8), [2]);
    const b = engine.fromArray(randomValues(2, 9), [2]);
    let last: ArrayLike<number> = [];
    return {
      run: () => {
        for (let i = 1; i < OPS_PER_RUN; i++) engine.release(engine.add(a, b));
        const result = engine.add(a, b);
        last = engine.read(result);
        engine.release(result);
      },
      output: () => last,
      dispose: () => {
        engine.release(a);
        engine.release(b);
      },
    };
  },
};
