import { type BenchCase, prepareOp, randomValues } from '../bench-case.js';

const SIZE = 1_000_000;

function binaryCase(name: 'add' | 'mul'): BenchCase {
  return {
    group: 'elementwise',
    name: `${name} 1M`,
    measure: 'elements',
    work: SIZE,
    prepare(engine) {
      const a = engine.fromArray(randomValues(SIZE, 3), [SIZE]);
      const b = engine.fromArray(randomValues(SIZE, 4), [SIZE]);
      return prepareOp(engine, [a, b], () => engine[name](a, b));
    },
  };
}

const expCase: BenchCase = {
  group: 'elementwise',
  name: 'exp 1M',
  measure: 'elements',
  work: SIZE,
  prepare(engine) {
    const x = engine.fromArray(randomValues(SIZE, 5), [SIZE]);
    return prepareOp(engine, [x], () => engine.exp(x));
  },
};

export const elementwiseCases: readonly BenchCase[] = [binaryCase('add'), binaryCase('mul'), expCase];
