import { DTypeError, type FloatDType, ValueError } from '@descent/tensor';
import { integerOption } from './internal/define-problem.js';
import { beale } from './problems/beale.js';
import { booth } from './problems/booth.js';
import { cliff } from './problems/cliff.js';
import { himmelblau } from './problems/himmelblau.js';
import { monkeySaddle } from './problems/monkey-saddle.js';
import { narrowValley } from './problems/narrow-valley.js';
import { plateau } from './problems/plateau.js';
import { quadratic } from './problems/quadratic.js';
import { rastrigin } from './problems/rastrigin.js';
import { rosenbrock } from './problems/rosenbrock.js';
import { saddle } from './problems/saddle.js';
import { sixHumpCamel } from './problems/six-hump-camel.js';
import type { Problem, ProblemName, ProblemOptions } from './types.js';

type OptionName = Exclude<keyof ProblemOptions, 'dtype'>;

interface Entry {
  /** The options besides `dtype` that this problem accepts. */
  readonly accepts: readonly OptionName[];
  readonly make: (options: ProblemOptions, dtype: FloatDType) => Problem;
}

const fn = 'getProblem';

const REGISTRY: { readonly [N in ProblemName]: Entry } = {
  rosenbrock: {
    accepts: ['dimension'],
    make: (options, dtype) => rosenbrock(integerOption(fn, 'rosenbrock: dimension', options.dimension ?? 2, 2), dtype),
  },
  beale: { accepts: [], make: (_, dtype) => beale(dtype) },
  booth: { accepts: [], make: (_, dtype) => booth(dtype) },
  himmelblau: { accepts: [], make: (_, dtype) => himmelblau(dtype) },
  rastrigin: {
    accepts: ['dimension'],
    make: (options, dtype) => rastrigin(integerOption(fn, 'rastrigin: dimension', options.dimension ?? 2, 1), dtype),
  },
  'six-hump-camel': { accepts: [], make: (_, dtype) => sixHumpCamel(dtype) },
  quadratic: {
    accepts: ['dimension', 'conditionNumber', 'rotation', 'seed'],
    make: (options, dtype) => {
      const dimension = integerOption(fn, 'quadratic: dimension', options.dimension ?? 2, 1);
      const conditionNumber = options.conditionNumber ?? 100;
      if (typeof conditionNumber !== 'number' || !Number.isFinite(conditionNumber) || conditionNumber < 1) {
        throw new ValueError(`${fn}: quadratic: conditionNumber must be a finite number ≥ 1, got ${conditionNumber}`);
      }
      if (dimension === 1 && conditionNumber !== 1) {
        throw new ValueError(`${fn}: quadratic: a 1-D quadratic has condition number 1, got ${conditionNumber}`);
      }
      const rotation = options.rotation ?? 'random';
      if (rotation !== 'random' && rotation !== 'axis-aligned') {
        throw new ValueError(`${fn}: quadratic: rotation must be 'random' or 'axis-aligned', got ${String(rotation)}`);
      }
      const seed = integerOption(fn, 'quadratic: seed', options.seed ?? 0, 0);
      return quadratic(dimension, conditionNumber, rotation, seed, dtype);
    },
  },
  saddle: { accepts: [], make: (_, dtype) => saddle(dtype) },
  'monkey-saddle': { accepts: [], make: (_, dtype) => monkeySaddle(dtype) },
  plateau: { accepts: [], make: (_, dtype) => plateau(dtype) },
  cliff: { accepts: [], make: (_, dtype) => cliff(dtype) },
  'narrow-valley': { accepts: [], make: (_, dtype) => narrowValley(dtype) },
};

/**
 * Every problem name, in a stable order.
 * @example problemNames.includes('rosenbrock') // → true
 */
export const problemNames: readonly ProblemName[] = Object.freeze(Object.keys(REGISTRY) as ProblemName[]);

/**
 * Builds a problem by name, with options where the problem has them (dimension, condition number, rotation, seed)
 * and the dtype of its start (float64 by default). Unknown names and options that do not apply are ValueErrors
 * naming what is known.
 * @example
 * const problem = getProblem('rosenbrock', { dimension: 10 });
 * problem.value(problem.initial()).item(); // → 6316.2 (every coordinate at -1.2)
 * getProblem('quadratic', { dimension: 50, conditionNumber: 1e3, rotation: 'axis-aligned' });
 */
export function getProblem(name: ProblemName, options: ProblemOptions = {}): Problem {
  if (typeof name !== 'string' || !Object.hasOwn(REGISTRY, name)) {
    throw new ValueError(`${fn}: unknown problem ${JSON.stringify(name)}; known problems: ${problemNames.join(', ')}`);
  }
  const entry = REGISTRY[name];
  for (const key of Object.keys(options) as (keyof ProblemOptions)[]) {
    if (options[key] === undefined || key === 'dtype') continue;
    if (!entry.accepts.includes(key)) {
      const accepted = entry.accepts.length === 0 ? 'only dtype' : [...entry.accepts, 'dtype'].join(', ');
      throw new ValueError(`${fn}: ${name} takes ${accepted}; got option ${key}`);
    }
  }
  const dtype = options.dtype ?? 'float64';
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DTypeError(`${fn}: dtype must be float32 or float64, got ${String(dtype)}`);
  }
  return entry.make(options, dtype);
}

/**
 * Every problem with its default options (2-D, float64), by name. Built on first access, so importing the package
 * creates no tensors.
 * @example
 * import { problems } from '@descent/problems';
 * const { value, start, minima } = problems.himmelblau; // four minima of value 0
 */
export const problems: { readonly [N in ProblemName]: Problem } = Object.freeze(
  Object.defineProperties(
    {},
    Object.fromEntries(
      problemNames.map((name) => {
        let built: Problem | undefined;
        return [name, { enumerable: true, get: () => (built ??= getProblem(name)) }];
      }),
    ),
  ) as { readonly [N in ProblemName]: Problem },
);
