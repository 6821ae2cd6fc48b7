import { describe, expect, it } from 'vitest';
import { logGrid } from '../commands/sweep.js';
import { formatDuration, formatNumber, formatRate } from './format.js';
import { toCsv } from './table.js';
import { siblingPath } from './write-file.js';

describe('formatting', () => {
  it('writes numbers, rates and durations for people', () => {
    expect(formatNumber(0.081462)).toBe('0.08146');
    expect(formatNumber(1e-6)).toBe('1e-6');
    expect(formatNumber(2.5e7)).toBe('2.5e7');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatRate(0.001)).toBe('1e-3');
    expect(formatRate(0.05)).toBe('0.05');
    expect(formatRate(0.000316)).toBe('3.16e-4');
    expect(formatDuration(0.25)).toBe('250 ms');
    expect(formatDuration(125)).toBe('2m 05s');
  });

  it('quotes CSV cells that need it', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [1, undefined],
        ],
      ),
    ).toBe('a,b\n"x,y","say ""hi"""\n1,\n');
  });

  it('derives sibling paths', () => {
    expect(siblingPath('runs/a.json', '.csv')).toBe('runs/a.csv');
    expect(siblingPath('runs.d/a', '.svg')).toBe('runs.d/a.svg');
  });

  it('spaces a learning-rate grid evenly in log', () => {
    expect(logGrid(1e-4, 1, 5)).toEqual([1e-4, 1e-3, 0.01, 0.1, 1]);
    expect(logGrid(0.01, 0.1, 1)).toEqual([0.01]);
  });
});
