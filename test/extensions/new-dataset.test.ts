import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batches, split, standardize } from '@descent/data';
import { createRng, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { classifyLibsvm, loadLibsvm, parseLibsvm } from '../../docs/guides/examples/new-dataset.js';

const SAMPLE = `# two classes, three features
+1 1:0.5 3:2
-1 2:1   # a comment after an example

+1 1:-1.25 2:3 3:4
`;

/** Two Gaussian blobs at ±(1.5, 1.5) with a third, useless feature, written in LIBSVM's sparse format. */
function blobs(n: number, seed: number): string {
  const rng = createRng(seed);
  const noise = rng.normal([n, 3]).dataSync();
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2 === 0 ? 1 : -1;
    const point = [1.5 * label + noise[3 * i], 1.5 * label + noise[3 * i + 1], noise[3 * i + 2]];
    lines.push(`${label > 0 ? '+1' : '-1'} ${point.map((v, j) => `${j + 1}:${v.toFixed(4)}`).join(' ')}`);
  }
  return lines.join('\n');
}

describe('parseLibsvm, a new dataset loader', () => {
  it('returns the Dataset shape: dense x, int32 class indices, names', () => {
    const data = parseLibsvm(SAMPLE);
    expect(data.x.shape).toEqual([3, 3]);
    expect(data.x.toArray()).toEqual([
      [0.5, 0, 2],
      [0, 1, 0],
      [-1.25, 3, 4],
    ]);
    expect(data.y.dtype).toBe('int32');
    expect(Array.from(data.y.dataSync())).toEqual([1, 0, 1]);
    expect(data.classNames).toEqual(['-1', '1']);
    expect(data.featureNames).toEqual(['feature 1', 'feature 2', 'feature 3']);
  });

  it('reads regression targets and a fixed feature count', () => {
    const data = parseLibsvm('2.5 1:1\n-0.5 2:1', { labels: 'number', features: 4, dtype: 'float64' });
    expect(data.x.shape).toEqual([2, 4]);
    expect(data.y.dtype).toBe('float64');
    expect(Array.from(data.y.dataSync())).toEqual([2.5, -0.5]);
    expect(data.classNames).toEqual([]);
  });

  it('names the line of malformed input', () => {
    expect(() => parseLibsvm('+1 1:1\n-1 2:1 1:3')).toThrow(/line 2: expected index:value with ascending indices/);
    expect(() => parseLibsvm('yes 1:1')).toThrow(ValueError);
    expect(() => parseLibsvm('+1 0:1')).toThrow(/line 1/);
    expect(() => parseLibsvm('+1 5:1', { features: 3 })).toThrow(/exceeds features = 3/);
    expect(() => parseLibsvm('# nothing\n\n')).toThrow(/no examples/);
  });

  it('loads a file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'descent-libsvm-')), 'sample.svm');
    writeFileSync(path, SAMPLE);
    const data = await loadLibsvm(path);
    expect(data.name).toBe(path);
    expect(data.x.shape).toEqual([3, 3]);
  });

  it('feeds split, standardize, batches and train like a shipped dataset', async () => {
    const data = parseLibsvm(blobs(300, 0));
    const parts = split(data, { fractions: { validation: 0.2, test: 0.2 }, rng: 1, stratified: true });
    expect(parts.train.classNames).toEqual(['-1', '1']);
    const sizes = [...batches(standardize(parts.train).transform(parts.train), { batchSize: 32, rng: 2 })].map(
      (batch) => batch.x.shape[0],
    );
    expect(sizes).toEqual([32, 32, 32, 32, 32, 20]);
    const result = await classifyLibsvm(blobs(300, 0));
    // The blobs are 3σ apart along the diagonal: a linear classifier is right about 98 % of the time.
    expect(result.history[result.history.length - 1].validationAccuracy).toBeGreaterThan(0.9);
  });
});
