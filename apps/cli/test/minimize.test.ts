import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descent, errorLine, events, temporaryFolder } from './helpers.js';
import { minimizeRecordSchema } from './schema.js';

const folder = temporaryFolder('minimize');

describe.concurrent('descent minimize', () => {
  it("runs Newton's method on Rosenbrock with per-iteration lines and the SciPy-style record", async () => {
    const out = join(folder, 'newton.json');
    const result = await descent(['minimize', '--problem', 'rosenbrock', '--method', 'newton', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ +iter +f\(x\) +‖∇f‖∞ +step +evals +note$/m);
    expect(result.stdout).toMatch(/^ +1 +\S+ +\S+/m);
    expect(result.stdout).toMatch(/^ +success: True$/m);
    expect(result.stdout).toMatch(/^ +status: converged$/m);
    expect(result.stdout).toMatch(/^ +x: \[1 +1\]$/m);
    expect(result.stdout).toMatch(
      /curvature at x: eigenvalues in \[0\.399\d*, 100\d\], condition number 25\d\d, positive-definite/,
    );
    const record = minimizeRecordSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(record.result.success).toBe(true);
    for (const value of record.result.x) expect(value).toBeCloseTo(1, 6);
    expect(record.iterations.length).toBe(record.result.nit);
    expect(readFileSync(join(folder, 'newton.csv'), 'utf8').split('\n')[0]).toBe(
      'iteration,f,gradient_norm,step,trust_radius,nfev,njev,nhev,accepted,x1,x2',
    );
    expect(readFileSync(join(folder, 'newton-trajectory.svg'), 'utf8')).toMatch(/^<svg [\s\S]*<\/svg>\n$/);
  });

  it('streams iterations as NDJSON with --json', async () => {
    const result = await descent([
      'minimize',
      '--problem',
      'quadratic',
      '--dimension',
      '10',
      '--method',
      'cg',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const stream = events(result.stdout);
    expect(stream[0]).toMatchObject({ type: 'start', command: 'minimize', problem: 'quadratic' });
    const iterations = stream.filter((event) => event.type === 'iteration');
    expect(iterations.length).toBeGreaterThan(0);
    const record = minimizeRecordSchema.parse(stream.at(-1));
    expect(record.result.nit).toBe(iterations.length);
    expect(record.result.x).toHaveLength(10);
  });

  it.each([
    [['--method', 'adam'], /unknown method 'adam' \(adam is first-order: use descent compare\)/],
    [['--method', 'simplex'], /unknown method 'simplex'; choose one of newton/],
    [['--gradient-tolerance', '-1'], /--gradient-tolerance must be positive/],
    [['--start', 'a,b'], /--start must be a number/],
  ])('%j exits 2', async (args, message) => {
    const result = await descent(['minimize', ...args]);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toMatch(message);
  });
});
