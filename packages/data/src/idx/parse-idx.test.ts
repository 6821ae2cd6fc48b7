import { gzipSync } from 'node:zlib';
import { ShapeError, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { datasetFromIdx, type IdxType, parseIdx } from '../index.js';
import { writeIdx } from './idx-writer.test-util.js';

const CASES: { type: IdxType; values: number[]; array: new (values: number[]) => ArrayLike<number> }[] = [
  { type: 'uint8', values: [0, 1, 127, 128, 254, 255], array: Uint8Array },
  { type: 'int8', values: [-128, -1, 0, 1, 100, 127], array: Int8Array },
  { type: 'int16', values: [-32768, -2, 0, 3, 256, 32767], array: Int16Array },
  { type: 'int32', values: [-(2 ** 31), -70000, 0, 1, 65536, 2 ** 31 - 1], array: Int32Array },
  { type: 'float32', values: [-1.5, 0, 0.1, 3.25, 1e-3, 65504], array: Float32Array },
  { type: 'float64', values: [-1.5, 0, 0.1, Math.PI, 1e-300, 1e300], array: Float64Array },
];

describe('parseIdx', () => {
  it.each(CASES)('reads $type values big-endian, raw and gzipped', ({ type, values, array }) => {
    const raw = writeIdx(type, [2, 3], values);
    for (const bytes of [raw, new Uint8Array(gzipSync(raw))]) {
      const parsed = parseIdx(bytes);
      expect(parsed.type).toBe(type);
      expect(parsed.shape).toEqual([2, 3]);
      expect(parsed.data).toBeInstanceOf(array);
      expect(Array.from(parsed.data)).toEqual(Array.from(new array(values)));
    }
  });

  it('reads rank 0, 1 and 4, and empty dimensions', () => {
    expect(parseIdx(writeIdx('uint8', [], [7]))).toMatchObject({ shape: [], data: new Uint8Array([7]) });
    expect(parseIdx(writeIdx('int32', [3], [1, 2, 3])).shape).toEqual([3]);
    expect(parseIdx(writeIdx('uint8', [1, 2, 2, 2], new Array(8).fill(1))).shape).toEqual([1, 2, 2, 2]);
    expect(parseIdx(writeIdx('uint8', [0, 28, 28], [])).data).toHaveLength(0);
  });

  it('copies raw input, so the result never aliases the caller’s bytes', () => {
    const raw = writeIdx('uint8', [2], [5, 6]);
    const parsed = parseIdx(raw);
    raw[raw.length - 1] = 99;
    expect(Array.from(parsed.data)).toEqual([5, 6]);
  });

  it('rejects wrong magic numbers, unknown types, truncation and trailing bytes, naming the source', () => {
    const good = writeIdx('uint8', [2, 2], [1, 2, 3, 4]);
    const source = { source: 'x-idx3-ubyte' };
    const badMagic = good.slice();
    badMagic[0] = 0x50; // "PK": a zip file, say
    expect(() => parseIdx(badMagic, source)).toThrow(ValueError);
    expect(() => parseIdx(badMagic, source)).toThrow(/parseIdx: x-idx3-ubyte has magic number 0x50000802, not an IDX/);
    const badType = good.slice();
    badType[2] = 0x0a;
    expect(() => parseIdx(badType)).toThrow(/parseIdx: the input has magic number 0x00000a02/);
    expect(() => parseIdx(good.subarray(0, 3))).toThrow(/3 bytes, too short for an IDX header/);
    expect(() => parseIdx(good.subarray(0, 9))).toThrow(/is truncated: its header needs 12 bytes for rank 2/);
    expect(() => parseIdx(good.subarray(0, 15), source)).toThrow(
      /parseIdx: x-idx3-ubyte is truncated: its header says \[2,2\] uint8 \(16 bytes\), got 15 bytes/,
    );
    expect(() => parseIdx(new Uint8Array([...good, 0, 0]))).toThrow(/has 2 trailing bytes/);
    expect(() => parseIdx([0, 0, 8, 1] as unknown as Uint8Array)).toThrow(/expected a Uint8Array/);
  });

  it('rejects truncated and corrupt gzip data', () => {
    const gz = new Uint8Array(gzipSync(writeIdx('uint8', [100], new Array(100).fill(3))));
    expect(() => parseIdx(gz.subarray(0, gz.length - 12), { source: 'a.gz' })).toThrow(
      /parseIdx: a.gz is not valid gzip data/,
    );
    const corrupt = gz.slice();
    corrupt[12] ^= 0xff;
    expect(() => parseIdx(corrupt)).toThrow(ValueError);
  });
});

describe('datasetFromIdx', () => {
  const pixels = [0, 255, 51, 102, 0, 0, 255, 255, 1, 2, 3, 4];
  const images = writeIdx('uint8', [3, 2, 2], pixels);
  const labels = writeIdx('uint8', [3], [2, 0, 1]);

  it('builds x [n, rows·cols] scaled to [0, 1] and int32 y from bytes or parsed arrays', () => {
    for (const [a, b] of [
      [images, labels],
      [parseIdx(images), parseIdx(labels)],
    ] as const) {
      const data = datasetFromIdx(a, b);
      expect(data.x.shape).toEqual([3, 4]);
      expect(data.x.dtype).toBe('float32');
      expect(Array.from(data.x.dataSync())).toEqual(pixels.map((p) => Math.fround(p / 255)));
      expect(data.y.dtype).toBe('int32');
      expect(Array.from(data.y.dataSync())).toEqual([2, 0, 1]);
      expect(data.featureNames).toEqual(['pixel_0_0', 'pixel_0_1', 'pixel_1_0', 'pixel_1_1']);
      expect(data.classNames).toEqual(['0', '1', '2']);
    }
  });

  it('keeps the image shape, raw values, class names and a limit on request', () => {
    const data = datasetFromIdx(images, labels, {
      flatten: false,
      normalize: false,
      classNames: ['a', 'b', 'c', 'd'],
      limit: 2,
      name: 'tiny',
    });
    expect(data.x.shape).toEqual([2, 2, 2]);
    expect(Array.from(data.x.dataSync())).toEqual(pixels.slice(0, 8));
    expect(Array.from(data.y.dataSync())).toEqual([2, 0]);
    expect(data.classNames).toEqual(['a', 'b', 'c', 'd']);
    expect(data.name).toBe('tiny');
  });

  it('rejects count mismatches and labels that are not class indices', () => {
    const twoLabels = writeIdx('uint8', [2], [0, 1]);
    expect(() => datasetFromIdx(images, twoLabels)).toThrow(ShapeError);
    expect(() => datasetFromIdx(images, twoLabels)).toThrow(
      /datasetFromIdx: images holds 3 samples but labels holds 2/,
    );
    expect(() => datasetFromIdx(images, writeIdx('float32', [3], [0, 1, 0.5]))).toThrow(/float32 values/);
    expect(() => datasetFromIdx(images, writeIdx('int8', [3], [0, -1, 1]))).toThrow(/negative label -1 at index 1/);
    expect(() => datasetFromIdx(images, writeIdx('uint8', [3, 1], [0, 1, 1]))).toThrow(/expected \[n\] labels/);
    expect(() => datasetFromIdx(images, labels, { classNames: ['a', 'b'] })).toThrow(/label 2, but only 2 classNames/);
    expect(() => datasetFromIdx(images, labels, { limit: 0 })).toThrow(/limit must be an integer ≥ 1/);
    expect(() => datasetFromIdx(writeIdx('uint8', [0, 2], []), writeIdx('uint8', [0], []))).toThrow(/no samples/);
  });
});
