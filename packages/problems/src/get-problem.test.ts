import { DTypeError, linalg, ShapeError, Tensor, tensor, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { getProblem, type Problem, type ProblemName, problemNames, problems } from './index.js';

// Closed forms written out on plain numbers: the oracle for the tensor-op implementations.
const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));
const CLOSED_FORMS: Record<Exclude<ProblemName, 'quadratic'>, (x: readonly number[]) => number> = {
  rosenbrock: (x) =>
    x.slice(0, -1).reduce((total, xi, i) => total + 100 * (x[i + 1] - xi * xi) ** 2 + (1 - xi) ** 2, 0),
  beale: ([x, y]) => (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2,
  booth: ([x, y]) => (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
  himmelblau: ([x, y]) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  rastrigin: (x) => 10 * x.length + x.reduce((total, xi) => total + xi * xi - 10 * Math.cos(2 * Math.PI * xi), 0),
  'six-hump-camel': ([x, y]) => (4 - 2.1 * x ** 2 + x ** 4 / 3) * x ** 2 + x * y + (-4 + 4 * y ** 2) * y ** 2,
  saddle: ([x, y]) => x * x - y * y,
  'monkey-saddle': ([x, y]) => x ** 3 - 3 * x * y ** 2,
  plateau: ([x, y]) => 1 - Math.exp(-(x * x + y * y) / 2),
  cliff: ([x, y]) => ((x - 2) ** 2 + y ** 2) / 2 + 50 * sigmoid((1 - x) / 0.05),
  'narrow-valley': ([x, y]) => {
    const u = 0.8 * x + 0.6 * y - 3;
    const v = -0.6 * x + 0.8 * y;
    return Math.sqrt(1 + u * u) - 1 + 50 * v * v;
  },
};

const UNDER_TEST: readonly Problem[] = [
  ...problemNames.map((name) => problems[name]),
  getProblem('rosenbrock', { dimension: 10 }),
  getProblem('rastrigin', { dimension: 5 }),
  getProblem('quadratic', { dimension: 7, conditionNumber: 1e3 }),
  getProblem('quadratic', { dimension: 5, conditionNumber: 50, rotation: 'axis-aligned' }),
];

const at = (problem: Problem, x: readonly number[]) => problem.value(tensor(x, { dtype: 'float64' })).item();

/** Central differences: an oracle independent of any autodiff. */
function numericGradient(problem: Problem, x: readonly number[], h = 1e-6): number[] {
  return x.map((_, i) => {
    const plus = [...x];
    const minus = [...x];
    plus[i] += h;
    minus[i] -= h;
    return (at(problem, plus) - at(problem, minus)) / (2 * h);
  });
}

/** A reproducible pseudo-random stream for test points (no dependence on the code under test). */
function points(count: number, dimension: number, bounds: readonly [number, number]): number[][] {
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: dimension }, () => bounds[0] + (bounds[1] - bounds[0]) * next()),
  );
}

describe.each(UNDER_TEST.map((problem) => ({ label: `${problem.name} (n = ${problem.dimension})`, problem })))(
  '$label',
  ({ problem }) => {
    it('has a zero gradient at every stated minimum and saddle point, and the stated values', () => {
      for (const point of [...problem.minima, ...problem.saddlePoints]) {
        expect(point.x).toHaveLength(problem.dimension);
        expect(at(problem, point.x)).toBeCloseTo(point.value, 12);
        for (const component of numericGradient(problem, point.x)) expect(Math.abs(component)).toBeLessThan(2e-7);
      }
      if (problem.minima.length > 0) expect(problem.minima[0].value).toBe(problem.minimum);
      else expect(problem.minimum).toBe(Number.NEGATIVE_INFINITY);
    });

    it('has minima that are minima: no nearby point is lower', () => {
      const offsets = points(20, problem.dimension, [-1e-3, 1e-3]);
      for (const point of problem.minima) {
        for (const offset of offsets) {
          const nearby = point.x.map((xi, i) => xi + offset[i]);
          expect(at(problem, nearby)).toBeGreaterThanOrEqual(point.value);
        }
      }
    });

    it('evaluates a batch of points as each point alone', () => {
      const grid = points(6, problem.dimension, problem.bounds.x);
      const batch = problem.value(tensor(grid, { dtype: 'float64' }));
      expect(batch.shape).toEqual([6]);
      const values = Array.from(batch.dataSync());
      grid.forEach((x, i) => {
        expect(values[i]).toBeCloseTo(at(problem, x), 10);
      });
      const nested = problem.value(tensor([grid.slice(0, 3), grid.slice(3)], { dtype: 'float64' }));
      expect(nested.shape).toEqual([2, 3]);
    });

    it('starts inside its view bounds, with a start tensor of its dtype', () => {
      expect(problem.start).toHaveLength(problem.dimension);
      const [x, y] = problem.start;
      expect(x).toBeGreaterThanOrEqual(problem.bounds.x[0]);
      expect(x).toBeLessThanOrEqual(problem.bounds.x[1]);
      if (problem.dimension > 1) {
        expect(y).toBeGreaterThanOrEqual(problem.bounds.y[0]);
        expect(y).toBeLessThanOrEqual(problem.bounds.y[1]);
      }
      const initial = problem.initial();
      expect(initial.dtype).toBe('float64');
      expect(Array.from(initial.dataSync())).toEqual(problem.start);
      expect(problem.description).toMatch(new RegExp(problem.section.replaceAll('.', '\\.')));
    });
  },
);

describe('closed forms', () => {
  it.each(Object.keys(CLOSED_FORMS) as (keyof typeof CLOSED_FORMS)[])('%s matches its formula', (name) => {
    for (const problem of [
      problems[name],
      ...(name === 'rosenbrock' || name === 'rastrigin' ? [getProblem(name, { dimension: 6 })] : []),
    ]) {
      for (const x of points(12, problem.dimension, problem.bounds.x)) {
        const want = CLOSED_FORMS[name](x);
        expect(at(problem, x)).toBeCloseTo(want, Math.abs(want) > 1e4 ? 6 : 10);
      }
    }
  });

  it('float32 inputs give float32 values', () => {
    const value = problems.beale.value(tensor([1, 1], { dtype: 'float32' }));
    expect(value.dtype).toBe('float32');
    expect(value.item()).toBeCloseTo(CLOSED_FORMS.beale([1, 1]), 4);
    expect(getProblem('booth', { dtype: 'float32' }).initial().dtype).toBe('float32');
  });
});

describe('quadratic', () => {
  /** For f(x) = ½xᵀAx, A_ij = f(eᵢ + eⱼ) − f(eᵢ) − f(eⱼ) exactly (up to rounding), and A_ii = 2 f(eᵢ). */
  function explicitHessian(problem: Problem): number[][] {
    const n = problem.dimension;
    const unit = (i: number, j?: number) => Array.from({ length: n }, (_, k) => (k === i || k === j ? 1 : 0));
    return Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) =>
        i === j ? 2 * at(problem, unit(i)) : at(problem, unit(i, j)) - at(problem, unit(i)) - at(problem, unit(j)),
      ),
    );
  }

  it.each([
    { dimension: 6, conditionNumber: 1e4, rotation: 'random' as const },
    { dimension: 4, conditionNumber: 10, rotation: 'axis-aligned' as const },
  ])('has Hessian eigenvalues log-spaced from 1 to κ ($rotation)', (options) => {
    const problem = getProblem('quadratic', options);
    const hessian = explicitHessian(problem);
    const { values } = linalg.eigh(tensor(hessian, { dtype: 'float64' }));
    const n = options.dimension;
    Array.from(values.dataSync()).forEach((value, i) => {
      expect(value).toBeCloseTo(options.conditionNumber ** (i / (n - 1)), 8);
    });
    const offDiagonal = hessian.flatMap((row, i) => row.filter((_, j) => j !== i)).map(Math.abs);
    if (options.rotation === 'axis-aligned') expect(Math.max(...offDiagonal)).toBeLessThan(1e-12);
    else expect(Math.max(...offDiagonal)).toBeGreaterThan(1e-3);
  });

  it('is reproducible by seed and changes with it', () => {
    const x = [0.3, -1.2, 0.7];
    const make = (seed: number) => getProblem('quadratic', { dimension: 3, seed });
    expect(at(make(4), x)).toBe(at(make(4), x));
    expect(at(make(4), x)).not.toBeCloseTo(at(make(5), x), 6);
  });
});

describe('bad input', () => {
  it('lists the known problems for an unknown name', () => {
    expect(() => getProblem('rosenbrok' as ProblemName)).toThrow(ValueError);
    expect(() => getProblem('rosenbrok' as ProblemName)).toThrow(
      /getProblem: unknown problem "rosenbrok"; known problems: rosenbrock, beale, .*narrow-valley/,
    );
  });

  it('rejects options that do not apply or are out of range', () => {
    expect(() => getProblem('beale', { dimension: 3 })).toThrow(
      /getProblem: beale takes only dtype; got option dimension/,
    );
    expect(() => getProblem('rosenbrock', { conditionNumber: 10 })).toThrow(/rosenbrock takes dimension, dtype/);
    expect(() => getProblem('rosenbrock', { dimension: 1 })).toThrow(/dimension must be an integer ≥ 2, got 1/);
    expect(() => getProblem('quadratic', { conditionNumber: 0.5 })).toThrow(
      /conditionNumber must be a finite number ≥ 1/,
    );
    expect(() => getProblem('quadratic', { dimension: 1, conditionNumber: 3 })).toThrow(/condition number 1/);
    expect(() => getProblem('quadratic', { rotation: 'diagonal' as never })).toThrow(/rotation must be/);
    expect(() => getProblem('booth', { dtype: 'int32' as never })).toThrow(DTypeError);
  });

  it('checks the shape and dtype of x, naming the problem', () => {
    expect(() => problems.booth.value(tensor([1, 2, 3], { dtype: 'float64' }))).toThrow(ShapeError);
    expect(() => problems.booth.value(tensor([1, 2, 3], { dtype: 'float64' }))).toThrow(
      /booth: x must have shape \[2\] or \[\.\.\., 2\], got \[3\]/,
    );
    expect(() => problems.booth.value(tensor([1, 2], { dtype: 'int32' }))).toThrow(
      /booth: x must be float32 or float64/,
    );
    expect(() => problems.booth.value([1, 2] as unknown as Tensor)).toThrow(ValueError);
  });

  it('builds the record lazily and keeps it frozen', () => {
    expect(Object.keys(problems)).toEqual([...problemNames]);
    expect(problems.rosenbrock).toBe(problems.rosenbrock);
    expect(Object.isFrozen(problems.rosenbrock.minima)).toBe(true);
    expect(problems.rosenbrock.value(problems.rosenbrock.initial())).toBeInstanceOf(Tensor);
  });
});
