import { type BenchCase, prepareOp, randomValues } from '../bench-case.js';

/** Square float32 matmul; 2n³ flops per product. */
function matmulCase(n: number): BenchCase {
  return {
    group: 'matmul',
    name: `matmul ${n}x${n}`,
    measure: 'flops',
    work: 2 * n ** 3,
    // tfjs cpu needs 3-5 s for one 1024 product here: one warm-up run, then at least three timed runs and 1.5 s.
    ...(n >= 1024 ? { timing: { warmupMs: 0, minRuns: 3, minTimeMs: 1500 } } : {}),
    prepare(engine) {
      const a = engine.fromArray(randomValues(n * n, 1), [n, n]);
      const b = engine.fromArray(randomValues(n * n, 2), [n, n]);
      return prepareOp(engine, [a, b], () => engine.matmul(a, b));
    },
  };
}

export const matmulCases: readonly BenchCase[] = [128, 256, 512, 1024].map(matmulCase);
