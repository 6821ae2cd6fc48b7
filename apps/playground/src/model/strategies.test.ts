import { describe, expect, it } from 'vitest';
import { continuationDemo, coordinateDemo } from './strategies.js';
import { DEFAULT_STATE } from './url-state.js';

describe('strategy demos', () => {
  it('continuation reaches the global basin that plain descent misses (8.7.6)', () => {
    const demo = continuationDemo(DEFAULT_STATE.strategies, 0);
    expect(demo.levels.map((l) => l.width)).toEqual([2, 1, 0.5, 0.25, 0]);
    expect(demo.levels.every((l) => l.values.length === demo.grid.length)).toBe(true);
    expect(Math.abs(demo.path[demo.path.length - 1])).toBeLessThan(0.3);
    expect(demo.plain).toBeLessThan(-1.5);
    // The widest blur has no ripples: one minimum on the grid.
    const blurred = demo.levels[0].values;
    const minima = blurred.filter(
      (v, i) => i > 0 && i < blurred.length - 1 && v < blurred[i - 1] && v < blurred[i + 1],
    );
    expect(minima).toHaveLength(1);
  });

  it('coordinate descent solves an axis-aligned quadratic in one sweep and zigzags on a rotated one (8.7.2)', () => {
    const aligned = coordinateDemo({ ...DEFAULT_STATE.strategies, coordinateRotated: false }, 3);
    expect(aligned.values[1]).toBeLessThan(1e-20);
    expect(aligned.path).toHaveLength(7);
    const rotated = coordinateDemo(
      { ...DEFAULT_STATE.strategies, coordinateRotated: true, coordinateCondition: 50 },
      3,
    );
    expect(rotated.values[1]).toBeGreaterThan(1e-3);
    expect(rotated.values[3]).toBeLessThan(rotated.values[1]);
    for (let i = 1; i < rotated.path.length; i++) {
      const [a, b] = [rotated.path[i - 1], rotated.path[i]];
      // One coordinate moves per block step.
      expect(a[0] === b[0] || a[1] === b[1]).toBe(true);
    }
  });
});
