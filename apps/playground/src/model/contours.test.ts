import { describe, expect, it } from 'vitest';
import { colorOf, contourSegments, shade } from './contours.js';

describe('shade', () => {
  it('maps the minimum to 0, the 98th percentile and above to 1, and NaN to NaN', () => {
    const values = [...Array.from({ length: 100 }, (_, i) => i), 1e9, Number.NaN];
    const { t, levels } = shade(values, 10);
    expect(t[0]).toBe(0);
    expect(t[100]).toBe(1);
    expect(Number.isNaN(t[101])).toBe(true);
    for (let i = 1; i < 100; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
    expect(levels).toHaveLength(10);
  });
});

describe('contourSegments', () => {
  it('traces a straight level line through a linear ramp', () => {
    // f = column index on a 4 × 3 grid: the level 1.5 is the vertical line x = 2 in cell coordinates.
    const grid = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3];
    const segments = contourSegments(grid, 4, 3, 1.5);
    expect(segments).toHaveLength(2 * 4);
    for (let i = 0; i < segments.length; i += 2) expect(segments[i]).toBeCloseTo(2, 12);
  });

  it('finds nothing outside the range and skips cells with NaN', () => {
    expect(contourSegments([0, 1, 2, 3], 2, 2, 10)).toEqual([]);
    expect(contourSegments([0, Number.NaN, 2, 3], 2, 2, 1)).toEqual([]);
  });

  it('closes a loop around a peak', () => {
    const grid = [0, 0, 0, 0, 1, 0, 0, 0, 0];
    const segments = contourSegments(grid, 3, 3, 0.5);
    expect(segments).toHaveLength(4 * 4);
  });
});

describe('colorOf', () => {
  it('runs from dark to light and greys out NaN', () => {
    const [dark, light] = [colorOf(0), colorOf(1)];
    expect(dark[0] + dark[1] + dark[2]).toBeLessThan(light[0] + light[1] + light[2]);
    expect(colorOf(Number.NaN)).toEqual([60, 60, 60]);
  });
});
