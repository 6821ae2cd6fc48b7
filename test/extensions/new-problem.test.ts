import { grad } from '@descent/autodiff';
import type { Problem } from '@descent/problems';
import { curvature } from '@descent/second-order';
import { ShapeError, type Tensor, type TensorLike, tensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { type CustomProblem, fromTwoStarts, styblinskiTang } from '../../docs/guides/examples/new-problem.js';

const at = (x: TensorLike) => tensor(x, { dtype: 'float64' });
const maxAbs = (t: Tensor) => Math.max(...Array.from(t.dataSync(), Math.abs));

describe('styblinskiTang, a new benchmark problem', () => {
  const problem = styblinskiTang();
  const problem3 = styblinskiTang({ dimension: 3 });

  it('has the fields of a Problem (only the name is wider)', () => {
    const { name: _name, ...rest } = problem;
    const shape: Omit<Problem, 'name'> = rest;
    expect(Object.keys(shape).sort()).toEqual(
      [
        'title',
        'description',
        'section',
        'dimension',
        'dtype',
        'value',
        'minimum',
        'minima',
        'saddlePoints',
        'start',
        'bounds',
        'initial',
      ].sort(),
    );
    expect(problem.initial().shape).toEqual([2]);
  });

  it('has the published global minimum, −39.16617 per dimension, at xᵢ = −2.903534', () => {
    for (const dimension of [1, 2, 5]) {
      const { minimum, minima } = styblinskiTang({ dimension });
      expect(minimum / dimension).toBeCloseTo(-39.16617, 5);
      minima[0].x.forEach((t) => {
        expect(t).toBeCloseTo(-2.903534, 6);
      });
      expect(minima).toHaveLength(2 ** dimension);
    }
    expect(problem.value(at([0, 0])).item()).toBe(0);
  });

  it('lists stationary points only: the gradient (autodiff) vanishes at every minimum and saddle', () => {
    const { minima, saddlePoints } = problem3;
    expect(saddlePoints).toHaveLength(27 - 8);
    for (const { x, value } of [...minima, ...saddlePoints]) {
      expect(maxAbs(grad(problem3.value)(at(x)))).toBeLessThan(1e-12);
      expect(problem3.value(at(x)).item()).toBeCloseTo(value, 12);
    }
  });

  it('classifies them by curvature: minima positive definite, the others not', () => {
    for (const { x } of problem.minima) expect(curvature(problem.value, at(x)).definiteness).toBe('positive-definite');
    for (const { x } of problem.saddlePoints)
      expect(curvature(problem.value, at(x)).definiteness).not.toBe('positive-definite');
  });

  it('evaluates a batch of points at once', () => {
    expect(Array.from(problem.value(at([[0, 0], problem.minima[0].x])).dataSync())).toEqual([
      0,
      problem.value(at(problem.minima[0].x)).item(),
    ]);
    expect(() => problem.value(at([1, 2, 3]))).toThrow(ShapeError);
  });

  it('works with minimize: L-BFGS ends in the local minimum of its basin, Newton from the left in the global one', () => {
    const { fromStart, fromLeft } = fromTwoStarts(problem);
    expect(fromStart.success).toBe(true);
    expect(fromStart.fun).toBeCloseTo(problem.minima[problem.minima.length - 1].value, 8); // the worst minimum
    expect(fromLeft.success).toBe(true);
    expect(fromLeft.fun).toBeCloseTo(problem.minimum, 8);
  });

  it('is a plain record that tools written for built-in problems accept', () => {
    const describeProblem = ({ title, section, dimension }: CustomProblem) => `${title} (${section}, ${dimension}-D)`;
    expect(describeProblem(problem)).toBe('Styblinski-Tang (8.2.2, 2-D)');
  });
});
