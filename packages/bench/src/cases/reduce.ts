import { type BenchCase, prepareOp, randomValues } from '../bench-case.js';

const fullSum: BenchCase = {
  group: 'reduce',
  name: 'sum 1M (all)',
  measure: 'elements',
  work: 1_000_000,
  prepare(engine) {
    // Positive values: a sum with heavy cancellation would make the cross-engine check meaningless.
    const x = engine.fromArray(randomValues(1_000_000, 6, 0, 1), [1_000_000]);
    return prepareOp(engine, [x], () => engine.sum(x));
  },
};

/** Summing over the leading axis walks down columns: the strided pattern that naive reductions get wrong. */
const axisSum: BenchCase = {
  group: 'reduce',
  name: 'sum [1000,1000] axis 0',
  measure: 'elements',
  work: 1_000_000,
  prepare(engine) {
    const x = engine.fromArray(randomValues(1_000_000, 7, 0, 1), [1000, 1000]);
    return prepareOp(engine, [x], () => engine.sum(x, 0));
  },
};

export const reduceCases: readonly BenchCase[] = [fullSum, axisSum];
