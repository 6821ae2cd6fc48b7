import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descent, errorLine, events, temporaryFolder } from './helpers.js';
import { sweepRecordSchema } from './schema.js';

const folder = temporaryFolder('sweep');

describe.concurrent('descent sweep', () => {
  it('sweeps a log-spaced grid on a dataset over several seeds: best setting and sensitivity table', async () => {
    const out = join(folder, 'iris.json');
    const result = await descent([
      'sweep',
      '--dataset',
      'iris',
      '--optimizer',
      'sgd',
      '--lr-min',
      '1e-3',
      '--lr-max',
      '1',
      '--points',
      '4',
      '--seeds',
      '2',
      '--epochs',
      '3',
      '--model',
      'mlp:8',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^ *learning rate +median final validation loss +mean +sd +min +max +diverged +val acc/m,
    );
    expect(result.stdout).toMatch(/^best: sgd with learning rate \S+ \(median final validation loss/m);
    const record = sweepRecordSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(record.grid).toEqual([0.001, 0.01, 0.1, 1]);
    expect(record.runs).toHaveLength(8);
    expect(record.sensitivity).toHaveLength(4);
    const best = record.sensitivity.find((row) => row.learningRate === record.best.learningRate);
    for (const row of record.sensitivity) expect(Number(best?.median)).toBeLessThanOrEqual(Number(row.median));
    expect(readFileSync(join(folder, 'iris.csv'), 'utf8').trim().split('\n')).toHaveLength(9);
    expect(readFileSync(join(folder, 'iris.svg'), 'utf8')).toContain('<svg');
  });

  it('sweeps on an analytic problem from seeded starts and counts diverged runs', async () => {
    const result = await descent([
      'sweep',
      '--problem',
      'rosenbrock',
      '--optimizer',
      'sgd',
      '--lr-min',
      '1e-4',
      '--lr-max',
      '1e-1',
      '--points',
      '4',
      '--seeds',
      '2',
      '--steps',
      '100',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const record = sweepRecordSchema.parse(events(result.stdout).at(-1));
    expect(record.metric).toBe('final f − f*');
    // Gradient descent on Rosenbrock blows up with a step of 0.1.
    expect(record.sensitivity.at(-1)?.diverged).toBe(2);
    expect(record.best.learningRate).toBeLessThan(0.1);
  });

  it.each([
    [['--lr-min', '1', '--lr-max', '0.1'], /--lr-min \(1\) must be below --lr-max \(0\.1\)/],
    [['--optimizer', 'lbfgs'], /unknown optimizer 'lbfgs'; sweep takes sgd/],
    [['--seeds', '0'], /--seeds must be a positive integer/],
  ])('%j exits 2', async (args, message) => {
    const result = await descent(['sweep', ...args]);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toMatch(message);
  });
});
