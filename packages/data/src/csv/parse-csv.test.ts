import { ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../index.js';

const rows = (x: { toArray(): unknown }) => x.toArray() as number[][];

describe('parseCsv', () => {
  it('reads a header, features and string class labels (sorted into classes)', () => {
    const data = parseCsv('width,height,animal\n1,2,dog\n3,4.5,cat\n-5e-1,6,dog\n');
    expect(data.x.shape).toEqual([3, 2]);
    expect(data.x.dtype).toBe('float32');
    expect(rows(data.x)).toEqual([
      [1, 2],
      [3, 4.5],
      [-0.5, 6],
    ]);
    expect(data.y.dtype).toBe('int32');
    expect(Array.from(data.y.dataSync())).toEqual([1, 0, 1]);
    expect(data.classNames).toEqual(['cat', 'dog']);
    expect(data.featureNames).toEqual(['width', 'height']);
    expect(data.name).toBe('csv');
  });

  it('uses integer labels as class indices', () => {
    const data = parseCsv('a,b\n0.5,2\n1.5,0\n2.5,2\n');
    expect(Array.from(data.y.dataSync())).toEqual([2, 0, 2]);
    expect(data.classNames).toEqual(['0', '1', '2']);
  });

  it('picks the label column by name, index or negative index', () => {
    const text = 'y,a,b\n1,10,20\n0,30,40\n';
    for (const labelColumn of ['y', 0, -3] as const) {
      const data = parseCsv(text, { labelColumn });
      expect(rows(data.x)).toEqual([
        [10, 20],
        [30, 40],
      ]);
      expect(Array.from(data.y.dataSync())).toEqual([1, 0]);
      expect(data.featureNames).toEqual(['a', 'b']);
    }
  });

  it('keeps a given class order and reads numeric targets for regression', () => {
    const fixed = parseCsv('a,c\n1,low\n2,high\n3,mid\n', { classNames: ['low', 'mid', 'high'] });
    expect(Array.from(fixed.y.dataSync())).toEqual([0, 2, 1]);
    expect(fixed.classNames).toEqual(['low', 'mid', 'high']);
    const regression = parseCsv('a,t\n1,0.25\n2,-3\n', { labels: 'number' });
    expect(regression.y.dtype).toBe('float32');
    expect(Array.from(regression.y.dataSync())).toEqual([0.25, -3]);
    expect(regression.classNames).toEqual([]);
  });

  it('handles no header, other delimiters, CRLF, a BOM, blank lines, comments and skipped rows', () => {
    const data = parseCsv('\uFEFF150,4,junk\r\n# comment;x\r\n1;2;a\r\n\r\n3;4;b\r\n', {
      header: false,
      delimiter: ';',
      skipRows: 1,
      comment: '#',
    });
    expect(rows(data.x)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(data.featureNames).toEqual(['column 0', 'column 1']);
    expect(data.classNames).toEqual(['a', 'b']);
    const tsv = parseCsv('p\tq\tr\n1\t2\t0\n', { delimiter: '\t' });
    expect(rows(tsv.x)).toEqual([[1, 2]]);
  });

  it('reads RFC 4180 quoted cells: delimiters, doubled quotes and line breaks inside quotes', () => {
    const data = parseCsv('"a, first",b,"label"\n"1",2,"say ""hi"", twice"\n3,"4","two\nlines"\n5,6,plain\n');
    expect(data.featureNames).toEqual(['a, first', 'b']);
    expect(rows(data.x)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(data.classNames).toEqual(['plain', 'say "hi", twice', 'two\nlines']);
  });

  it('rejects ragged rows, naming the line', () => {
    const text = 'a,b,c\n1,2,0\n3,4\n';
    expect(() => parseCsv(text)).toThrow(ValueError);
    expect(() => parseCsv(text, { source: 'data.csv' })).toThrow(
      'parseCsv: data.csv line 3 has 2 cells, expected 3 (as on line 1)',
    );
    expect(() => parseCsv('"a",b\n"1",2,3\n')).toThrow(/line 2 has 3 cells, expected 2/);
  });

  it('rejects non-numeric and empty feature cells, naming line, column and cell', () => {
    expect(() => parseCsv('a,b,c\n1,2,0\n3,x4,1\n')).toThrow(`parseCsv: line 3, 'b': "x4" is not a number`);
    expect(() => parseCsv('a,b,c\n1,,0\n')).toThrow(`parseCsv: line 2, 'b': "" is not a number`);
    expect(() => parseCsv('1,NaN,0\n', { header: false })).toThrow(/line 1, column 1: "NaN" is not a number/);
    expect(() => parseCsv('a,t\n1,abc\n', { labels: 'number' })).toThrow(/line 2, 't': "abc" is not a number/);
  });

  it('rejects empty input, a header without data, and bad options', () => {
    expect(() => parseCsv('')).toThrow('parseCsv: has no rows');
    expect(() => parseCsv('\n\n')).toThrow('parseCsv: has no rows');
    expect(() => parseCsv('a,b\n')).toThrow('parseCsv: has a header but no data rows');
    expect(() => parseCsv('a\n1\n')).toThrow(/at least one feature and the label/);
    expect(() => parseCsv('a,b\n1,2\n', { labelColumn: 'c' })).toThrow(/has no column "c" \(columns: a, b\)/);
    expect(() => parseCsv('a,b\n1,2\n', { labelColumn: 2 })).toThrow(/labelColumn must be .* in \[-2, 1\], got 2/);
    expect(() => parseCsv('1,2\n', { header: false, labelColumn: 'b' })).toThrow(/header is false/);
    expect(() => parseCsv('a,b\n1,2\n', { delimiter: ';;' })).toThrow(/delimiter must be one character/);
    expect(() => parseCsv('a,b\n1,x\n', { classNames: ['y'] })).toThrow(
      /line 2: label "x" is not one of the classNames/,
    );
    expect(() => parseCsv('a,b\n"1,2\n')).toThrow('parseCsv: line 2: a quoted cell is never closed');
    expect(() => parseCsv('a,b\n"1"x,2\n')).toThrow(/line 2: unexpected "x" after a quoted cell/);
  });
});
