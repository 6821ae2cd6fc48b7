import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descent, errorLine, temporaryFolder } from './helpers.js';
import { benchRecordSchema } from './schema.js';

const folder = temporaryFolder('bench');

describe.concurrent('descent bench', () => {
  it('times matmul and element-wise ops on the cpu, gpujs and auto backends', async () => {
    const out = join(folder, 'bench.json');
    const result = await descent([
      'bench',
      '--matmul-sizes',
      '16',
      '--elementwise-sizes',
      '1000',
      '--repeats',
      '2',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^op +size +cpu ms +gpujs ms +auto ms +cpu\/gpujs +cpu\/auto +best GFLOP\/s$/m);
    expect(result.stdout).toMatch(/^matmul +16×16·16×16 /m);
    const record = benchRecordSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(record.results).toHaveLength(9);
    expect(new Set(record.results.map((r) => r.backend))).toEqual(new Set(['cpu', 'gpujs', 'auto']));
    expect(readFileSync(join(folder, 'bench.csv'), 'utf8').split('\n')[0]).toBe('op,size,backend,milliseconds,gflops');
  });

  it.each([
    [['--backends', 'cpu,webgpu'], /unknown backend 'webgpu'/],
    [['--matmul-sizes', '0'], /sizes must be positive integers, got 0/],
  ])('%j exits 2', async (args, message) => {
    const result = await descent(['bench', ...args]);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toMatch(message);
  });
});
