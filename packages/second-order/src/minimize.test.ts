import { getProblem, type ProblemName, problems } from '@descent/problems';
import {
  add,
  DTypeError,
  log,
  matmul,
  mean,
  memory,
  mul,
  reshape,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
  tree,
  ValueError,
} from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { type IterationInfo, type Method, methods, minimize, strongWolfe } from './index.js';

const values = (t: Tensor) => Array.from(t.dataSync() as Float64Array);
const distance = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

describe.each(methods.map((method) => ({ method })))('minimize with $method', ({ method }) => {
  it.each<ProblemName>(['booth', 'beale', 'rosenbrock', 'narrow-valley', 'himmelblau'])(
    'reaches a stated minimum of %s from its start',
    (name) => {
      const problem = problems[name];
      const result = minimize(problem.value, problem.initial(), { method, gradientTolerance: 1e-8 });
      expect(result.success, result.message).toBe(true);
      expect(result.status).toBe('converged');
      const x = values(result.x);
      const nearest = Math.min(...problem.minima.map((minimum) => distance(x, minimum.x)));
      expect(nearest).toBeLessThan(1e-6);
      expect(result.fun).toBeCloseTo(problem.minimum, 10);
      expect(Math.max(...values(result.jac).map(Math.abs))).toBeLessThanOrEqual(1e-8);
      expect(result.method).toBe(method);
      expect(result.message).toMatch(new RegExp(`^${method}: converged after ${result.nit} iterations in float64`));
    },
  );

  it('solves the ill-conditioned quadratic in 10-D', () => {
    const problem = getProblem('quadratic', { dimension: 10, conditionNumber: 1e4 });
    const result = minimize(problem.value, problem.initial(), { method, gradientTolerance: 1e-9 });
    expect(result.success, result.message).toBe(true);
    expect(distance(values(result.x), problem.minima[0].x)).toBeLessThan(1e-8);
  });

  it('counts evaluations and reports every iteration', () => {
    const seen: IterationInfo[] = [];
    const result = minimize(problems.rosenbrock.value, problems.rosenbrock.initial(), {
      method,
      onIteration: (info) => {
        seen.push(info);
      },
    });
    expect(seen).toHaveLength(result.nit);
    seen.forEach((info, i) => {
      expect(info.iteration).toBe(i + 1);
      expect(info.method).toBe(method);
      expect(info.x).toHaveLength(2);
      expect(info.fun).toBeCloseTo(problems.rosenbrock.value(tensor(info.x, { dtype: 'float64' })).item(), 12);
    });
    const last = seen[seen.length - 1];
    expect(last.nfev).toBe(result.nfev);
    expect(result.njev).toBe(result.nfev);
    expect(values(last.params() as Tensor)).toEqual(values(result.x));
    // f never increases from one accepted iterate to the next.
    for (let i = 1; i < seen.length; i++) expect(seen[i].fun).toBeLessThanOrEqual(seen[i - 1].fun);
    const hessianFree = method === 'bfgs' || method === 'lbfgs' || method === 'cg';
    if (hessianFree) expect(result.nhev).toBe(0);
    else expect(result.nhev).toBeGreaterThan(0);
    if (method === 'trust-ncg' || method === 'dogleg') expect(last.trustRadius).toBeGreaterThan(0);
    if (method === 'newton') expect(last.damping).toBeGreaterThanOrEqual(0);
    if (hessianFree || method === 'newton-cg') {
      // Line-search trials carry the points they evaluated, on the line x + α·d.
      for (const info of seen) {
        const search = info.lineSearch;
        expect(search).toBeDefined();
        const accepted = search?.trials.find((trial) => trial.step === search.step);
        expect(accepted?.x).toEqual(info.x);
      }
    }
  });

  it('frees every tensor it creates but the result', () => {
    const start = problems.beale.initial();
    const before = memory().liveTensors;
    const result = minimize(problems.beale.value, start, { method });
    expect(memory().liveTensors - before).toBe(2);
    result.x.dispose();
    result.jac.dispose();
  });

  it('stops when onIteration says so', () => {
    const result = minimize(problems.rosenbrock.value, problems.rosenbrock.initial(), {
      method,
      onIteration: (info) => (info.iteration === 3 ? 'stop' : undefined),
    });
    expect(result.status).toBe('stopped');
    expect(result.success).toBe(false);
    expect(result.nit).toBe(3);
  });
});

describe('minimize over a tree of parameters', () => {
  // Least squares y ≈ x·w + b with parameters { w: [2, 1], b: [] }, against the normal equations.
  const x = tensor(
    [
      [1, 2],
      [2, 0.5],
      [3, -1],
      [0.5, 4],
      [-1, 1],
    ],
    { dtype: 'float64' },
  );
  const y = tensor([[1], [2], [2.5], [3], [-0.5]], { dtype: 'float64' });
  const loss = (p: { readonly w: Tensor; readonly b: Tensor }) => mean(square(sub(add(matmul(x, p.w), p.b), y)));
  const start = { w: tensor([[0], [0]], { dtype: 'float64' }), b: tensor(0, { dtype: 'float64' }) };

  it.each<Method>(['lbfgs', 'bfgs', 'newton', 'trust-ncg'])('%s returns the same tree, solved', (method) => {
    const result = minimize(loss, start, { method, gradientTolerance: 1e-8 });
    expect(result.success, result.message).toBe(true);
    expect(result.x.w.shape).toEqual([2, 1]);
    expect(result.x.b.shape).toEqual([]);
    expect(result.jac.w.shape).toEqual([2, 1]);
    // Closed form: least squares on [x, 1].
    const rows = [
      [1, 2, 1],
      [2, 0.5, 1],
      [3, -1, 1],
      [0.5, 4, 1],
      [-1, 1, 1],
    ];
    const targets = [1, 2, 2.5, 3, -0.5];
    const normal = (i: number, j: number) => rows.reduce((total, row) => total + row[i] * row[j], 0);
    const gram = [0, 1, 2].map((i) => [0, 1, 2].map((j) => normal(i, j)));
    const moment = [0, 1, 2].map((i) => rows.reduce((total, row, k) => total + row[i] * targets[k], 0));
    const solution = solve3(gram, moment);
    expect(values(result.x.w)[0]).toBeCloseTo(solution[0], 6);
    expect(values(result.x.w)[1]).toBeCloseTo(solution[1], 6);
    expect(result.x.b.item()).toBeCloseTo(solution[2], 6);
  });
});

/** Cramer's rule for a 3×3 system. */
function solve3(a: number[][], b: number[]): number[] {
  const det = (m: number[][]) =>
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(a);
  return [0, 1, 2].map((k) => det(a.map((row, i) => row.map((v, j) => (j === k ? b[i] : v)))) / d);
}

describe('line searches in minimize', () => {
  it.each<Method>(['bfgs', 'lbfgs', 'cg', 'newton-cg'])('%s converges with backtracking', (method) => {
    const result = minimize(problems.rosenbrock.value, problems.rosenbrock.initial(), {
      method,
      lineSearch: 'backtracking',
      maxIterations: 20_000,
    });
    expect(result.success, result.message).toBe(true);
    expect(distance(values(result.x), [1, 1])).toBeLessThan(1e-4);
  });

  it('accepts a custom line search and passes it the method tolerances', () => {
    const calls: { c1: number | undefined; c2: number | undefined }[] = [];
    const result = minimize(problems.beale.value, problems.beale.initial(), {
      method: 'cg',
      lineSearch: (phi, options = {}) => {
        calls.push({ c1: options.c1, c2: options.c2 });
        return strongWolfe(phi, options);
      },
    });
    expect(result.success).toBe(true);
    expect(calls.length).toBeGreaterThanOrEqual(result.nit);
    expect(calls[0]).toEqual({ c1: 1e-4, c2: 0.4 });
    const overridden = minimize(problems.beale.value, problems.beale.initial(), {
      method: 'bfgs',
      c2: 0.1,
      lineSearch: (phi, options = {}) => {
        expect(options.c2).toBe(0.1);
        return strongWolfe(phi, options);
      },
    });
    expect(overridden.success).toBe(true);
  });
});

describe('cg variants', () => {
  it('Fletcher-Reeves with restarts also converges, and restarts show in the report', () => {
    const restarts: boolean[] = [];
    const result = minimize(problems.rosenbrock.value, problems.rosenbrock.initial(), {
      method: 'cg',
      variant: 'fletcher-reeves',
      maxIterations: 5000,
      onIteration: (info) => {
        restarts.push(info.restarted);
      },
    });
    expect(result.success, result.message).toBe(true);
    expect(distance(values(result.x), [1, 1])).toBeLessThan(1e-4);
  });

  it('restartEvery 1 is steepest descent with a strong Wolfe search: far slower than PR+', () => {
    const options = { method: 'cg' as const, maxIterations: 300 };
    const prPlus = minimize(problems['narrow-valley'].value, problems['narrow-valley'].initial(), options);
    const steepest = minimize(problems['narrow-valley'].value, problems['narrow-valley'].initial(), {
      ...options,
      restartEvery: 1,
    });
    expect(prPlus.success).toBe(true);
    expect(steepest.nit).toBeGreaterThan(2 * prPlus.nit);
  });
});

describe('Newton and saddle points (Deep Learning §8.2.3)', () => {
  it('plain Newton jumps onto the saddle of x² − y² and calls it converged', () => {
    const result = minimize(problems.saddle.value, problems.saddle.initial(), { method: 'newton' });
    expect(result.status).toBe('converged');
    expect(distance(values(result.x), [0, 0])).toBeLessThan(1e-12);
    expect(result.nit).toBe(1);
  });

  it('saddle-free Newton escapes it, descending along the negative-curvature direction', () => {
    const result = minimize(problems.saddle.value, problems.saddle.initial(), {
      method: 'newton',
      saddleFree: true,
      maxIterations: 20,
    });
    expect(result.status).toBe('max-iterations');
    const [x, y] = values(result.x);
    expect(Math.abs(x)).toBeLessThan(1e-6);
    expect(Math.abs(y)).toBeGreaterThan(1e4);
    expect(result.fun).toBeLessThan(-1e8);
  });

  it('plain Newton creeps into the degenerate monkey saddle; saddle-free Newton leaves it', () => {
    const { value } = problems['monkey-saddle'];
    const plain = minimize(value, problems['monkey-saddle'].initial(), { method: 'newton' });
    expect(plain.status).toBe('converged');
    expect(distance(values(plain.x), [0, 0])).toBeLessThan(1e-2);
    const free = minimize(value, problems['monkey-saddle'].initial(), {
      method: 'newton',
      saddleFree: true,
      maxIterations: 30,
    });
    expect(free.fun).toBeLessThan(-1);
    expect(distance(values(free.x), [0, 0])).toBeGreaterThan(1);
  });

  it('damping keeps Newton descending from a start where H is indefinite', () => {
    const seen: number[] = [];
    const result = minimize(problems.himmelblau.value, tensor([-0.3, -0.9], { dtype: 'float64' }), {
      method: 'newton',
      onIteration: (info) => {
        if (info.damping !== undefined) seen.push(info.damping);
      },
    });
    expect(result.success).toBe(true);
    expect(result.fun).toBeLessThan(1e-12);
    expect(Math.max(...seen)).toBeGreaterThan(0);
  });
});

describe('precision', () => {
  it('float32 runs in float32 and says so when precision stops progress', () => {
    const problem = problems['six-hump-camel'];
    const result = minimize(problem.value, problem.initial(), {
      method: 'bfgs',
      dtype: 'float32',
      gradientTolerance: 1e-9,
    });
    expect(result.x.dtype).toBe('float32');
    expect(result.status).toBe('precision-loss');
    expect(result.success).toBe(false);
    expect(result.message).toMatch(/in float32/);
    expect(result.message).toMatch(/use float64/);
    expect(Math.min(...problem.minima.map((minimum) => distance(values(result.x), minimum.x)))).toBeLessThan(1e-3);
  });

  it('float32 converges at a tolerance float32 can reach', () => {
    const result = minimize(problems.booth.value, problems.booth.initial(), { method: 'lbfgs', dtype: 'float32' });
    expect(result.success, result.message).toBe(true);
    expect(distance(values(result.x), [1, 3])).toBeLessThan(1e-4);
  });
});

describe('stopping rules', () => {
  const { value } = problems.rosenbrock;
  it('maxIterations, maxEvaluations, stepTolerance and functionTolerance', () => {
    expect(minimize(value, problems.rosenbrock.initial(), { maxIterations: 5 })).toMatchObject({
      status: 'max-iterations',
      nit: 5,
      success: false,
    });
    const limited = minimize(value, problems.rosenbrock.initial(), { maxEvaluations: 10 });
    expect(limited.status).toBe('max-evaluations');
    expect(limited.nfev).toBeGreaterThanOrEqual(10);
    expect(
      minimize(value, problems.rosenbrock.initial(), { stepTolerance: 1e-3, gradientTolerance: 1e-12 }),
    ).toMatchObject({ status: 'small-step', success: true });
    expect(
      minimize(value, problems.rosenbrock.initial(), { functionTolerance: 1e-6, gradientTolerance: 1e-12 }),
    ).toMatchObject({ status: 'small-reduction', success: true });
  });

  it('returns at once when x0 is already stationary', () => {
    const result = minimize(value, tensor([1, 1], { dtype: 'float64' }));
    expect(result).toMatchObject({ status: 'converged', nit: 0, nfev: 1, success: true });
  });
});

describe('non-finite values during the search', () => {
  // f = (x − 10)² + 0·log(2 − x): NaN beyond x = 2, where the steps toward 10 go.
  const fn = (x: Tensor) => add(sum(square(sub(x, 10))), mul(sum(log(sub(2, x))), 0));

  it.each<Method>(['lbfgs', 'bfgs', 'cg', 'newton', 'newton-cg', 'trust-ncg', 'dogleg'])(
    '%s ends with success false at the last finite iterate',
    (method) => {
      const result = minimize(fn, tensor([0], { dtype: 'float64' }), { method });
      expect(result.status).toBe('non-finite');
      expect(result.success).toBe(false);
      expect(Number.isFinite(result.fun)).toBe(true);
      expect(values(result.x)[0]).toBeLessThan(2);
      expect(result.message).toMatch(/NaN .*last finite iterate/);
    },
  );
});

describe('bad input', () => {
  const x0 = tensor([1, 2], { dtype: 'float64' });
  const fn = (x: Tensor) => sum(square(x));

  it('names minimize and what it got', () => {
    expect(() => minimize((x: Tensor) => square(x), x0)).toThrow(ValueError);
    expect(() => minimize((x: Tensor) => square(x), x0)).toThrow(/^minimize: fn must return a scalar, got shape \[2\]/);
    expect(() => minimize((x: Tensor) => sum(log(sub(x, 5))), x0)).toThrow(/minimize: at x0, f is NaN/);
    expect(() => minimize(fn, tensor([1, Number.NaN], { dtype: 'float64' }))).toThrow(
      /minimize: x0 has NaN at flat index 1/,
    );
    expect(() => minimize(fn, x0, { gradientTolerance: 0 })).toThrow(
      /minimize: gradientTolerance must be a positive number, got 0/,
    );
    expect(() => minimize(fn, x0, { gradientTolerance: -1 })).toThrow(ValueError);
    expect(() => minimize(fn, x0, { method: 'adam' as Method })).toThrow(
      /minimize: unknown method "adam"; expected one of newton, newton-cg, cg, bfgs, lbfgs, trust-ncg, dogleg/,
    );
    expect(() => minimize(fn, tensor([1, 2], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => minimize(fn as never, {})).toThrow(/minimize: x0 has no tensors/);
    expect(() => minimize(fn, x0, { lineSearch: 'wolfe' as never })).toThrow(/minimize: lineSearch must be/);
    expect(() => minimize(fn, x0, { history: 0 })).toThrow(/minimize: history must be an integer ≥ 1, got 0/);
    expect(() => minimize(fn, x0, { eta: 0.5 })).toThrow(/minimize: eta must be a number in \[0, 0.25\]/);
    expect(() => minimize(fn, x0, { dtype: 'int32' as never })).toThrow(DTypeError);
  });

  it('explains a float32 constant that meets the float64 default', () => {
    const target = tensor([1, 2]);
    expect(() => minimize((x: Tensor) => sum(square(sub(x, target))), tensor([0, 0]))).toThrow(
      /minimize: fn failed on x0 converted to float64 .*pass \{ dtype: 'float32' \}/,
    );
    const result = minimize((x: Tensor) => sum(square(sub(x, target))), tensor([0, 0]), { dtype: 'float32' });
    expect(result.success).toBe(true);
  });

  it('leaves x0 untouched', () => {
    const start = tensor([3, -4], { dtype: 'float64' });
    minimize(fn, start);
    expect(values(start)).toEqual([3, -4]);
    expect(start.isDisposed).toBe(false);
  });

  it('works for any leaf shape', () => {
    const matrix = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'float64' },
    );
    const result = minimize(
      (m: Tensor) => sum(square(sub(m, reshape(tensor([4, 3, 2, 1], { dtype: 'float64' }), [2, 2])))),
      matrix,
    );
    expect(result.x.shape).toEqual([2, 2]);
    expect(values(result.x).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([4, 3, 2, 1]);
    expect(tree.leaves(result.jac)).toHaveLength(1);
  });
});
