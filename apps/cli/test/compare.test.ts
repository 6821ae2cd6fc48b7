import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descent, errorLine, events, temporaryFolder } from './helpers.js';
import { compareRecordSchema } from './schema.js';

const folder = temporaryFolder('compare');

describe.concurrent('descent compare', () => {
  it('compares first- and second-order methods on Rosenbrock: table, record, CSV and SVG charts', async () => {
    const out = join(folder, 'rosenbrock.json');
    const result = await descent([
      'compare',
      '--problem',
      'rosenbrock',
      '--optimizers',
      'sgd,adam:0.05,lbfgs,newton',
      '--steps',
      '300',
      '--tolerance',
      '1e-6',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^optimizer +order +lr +final f +f − f\* +steps to tol +time to tol/m);
    const record = compareRecordSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(record.runs.map((run) => run.optimizer)).toEqual(['sgd', 'adam:0.05', 'lbfgs', 'newton']);
    const byName = Object.fromEntries(record.runs.map((run) => [run.optimizer, run]));
    // Newton and L-BFGS reach 1e-6 within a few dozen iterations; plain gradient descent does not in 300 steps.
    expect(byName.newton.stepsToTolerance).toBeLessThan(50);
    expect(byName.lbfgs.stepsToTolerance).toBeLessThan(60);
    expect(byName.sgd.stepsToTolerance).toBeUndefined();
    expect(readFileSync(join(folder, 'rosenbrock.csv'), 'utf8').split('\n')[0]).toContain('steps_to_tolerance');
    for (const svg of ['rosenbrock.svg', 'rosenbrock-trajectories.svg']) {
      expect(readFileSync(join(folder, svg), 'utf8')).toMatch(/^<svg [\s\S]*<path [\s\S]*<\/svg>\n$/);
    }
  });

  it('compares optimizers on a dataset with the same seed', async () => {
    const result = await descent([
      'compare',
      '--dataset',
      'iris',
      '--optimizers',
      'sgd:0.1,adam:0.05,lbfgs',
      '--epochs',
      '8',
      '--steps',
      '15',
      '--model',
      'mlp:8',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const stream = events(result.stdout);
    const record = compareRecordSchema.parse(stream.at(-1));
    expect(record.dataset?.name).toBe('iris');
    expect(record.runs.map((run) => run.order)).toEqual(['first', 'first', 'second']);
    for (const run of record.runs) expect((run.final as { testAccuracy: number }).testAccuracy).toBeGreaterThan(0.5);
  });

  it('has no trajectory plot for a problem of more than two dimensions', async () => {
    const out = join(folder, 'quadratic.json');
    const result = await descent([
      'compare',
      '--problem',
      'quadratic',
      '--dimension',
      '5',
      '--condition-number',
      '50',
      '--optimizers',
      'sgd:0.01,cg',
      '--steps',
      '50',
      '--out',
      out,
      '--quiet',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(existsSync(join(folder, 'quadratic.svg'))).toBe(true);
    expect(existsSync(join(folder, 'quadratic-trajectories.svg'))).toBe(false);
  });

  it('takes hyperparameters per entry, so one method can race itself with other settings', async () => {
    const result = await descent([
      'compare',
      '--problem',
      'quadratic',
      '--dimension',
      '5',
      '--condition-number',
      '50',
      '--optimizers',
      'sgd:0.01,sgd:0.01:momentum=0.9:nesterov,adam:0.05:beta1=0.5:beta2=0.9,sgd:0.01:clip=0.001',
      '--steps',
      '60',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const record = compareRecordSchema.parse(events(result.stdout).at(-1));
    const [plain, nesterov, adam, clipped] = record.runs;
    expect(record.runs.map((run) => run.optimizer)).toEqual([
      'sgd:0.01',
      'sgd:0.01:momentum=0.9:nesterov',
      'adam:0.05:beta1=0.5:beta2=0.9',
      'sgd:0.01:clip=0.001',
    ]);
    expect(plain.hyperparameters).toBeUndefined();
    expect(nesterov.hyperparameters).toEqual({ momentum: 0.9, nesterov: true });
    expect(adam.hyperparameters).toEqual({ beta1: 0.5, beta2: 0.9 });
    expect(clipped.hyperparameters).toEqual({ clip: 0.001 });
    // Clipped to norm 0.001, each of the 60 steps moves at most 0.01 · 0.001.
    const start = record.problem?.start as number[];
    const moved = Math.hypot(...(clipped.finalX as number[]).map((x, i) => x - start[i]));
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThanOrEqual(60 * 0.01 * 0.001 * (1 + 1e-9));
    // Same learning rate and start: momentum covers the small-curvature directions that plain descent crawls along.
    expect(nesterov.gap as number).toBeLessThan((plain.gap as number) / 10);
  });

  it('runs saddle-free Newton beside Newton (8.2.3): Newton stops at the saddle point, saddle-free leaves it', async () => {
    const result = await descent([
      'compare',
      '--problem',
      'saddle',
      '--optimizers',
      'newton,newton:saddle-free',
      '--steps',
      '20',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const [newton, saddleFree] = compareRecordSchema.parse(events(result.stdout).at(-1)).runs;
    expect(saddleFree.optimizer).toBe('newton:saddle-free');
    expect(Math.hypot(...(newton.finalX as number[]))).toBeLessThan(1e-6);
    expect(saddleFree.finalValue as number).toBeLessThan((newton.finalValue as number) - 1);
  });

  it.each([
    [['--optimizers', 'sgd,adamw2'], /unknown optimizer 'adamw2'/],
    [['--optimizers', 'lbfgs:0.1'], /lbfgs is second-order and takes no learning rate/],
    [['--optimizers', 'sgd:-1'], /the learning rate in 'sgd:-1' must be a positive number/],
    [
      ['--optimizers', 'adam:0.01:momentum=0.9'],
      /momentum does not apply to adam \(it takes beta1, beta2, eps, weight-decay\)/,
    ],
    [['--optimizers', 'sgd:momentum=fast'], /momentum in 'sgd:momentum=fast' must be a number, got 'fast'/],
    [['--optimizers', 'sgd:0.1:nesterov=yes'], /nesterov in 'sgd:0.1:nesterov=yes' must be true or false/],
    [['--optimizers', 'sgd:0.1:speed=2'], /unknown setting 'speed' in 'sgd:0.1:speed=2'/],
    [['--optimizers', 'adam:beta1=1'], /'adam:beta1=1': .*b1/],
    [['--optimizers', 'lbfgs:saddle-free'], /saddle-free applies to newton only/],
    [['--optimizers', 'sgd:clip=0'], /'sgd:clip=0': clipByGlobalNorm: maxNorm must be a finite number > 0, got 0/],
    [['--optimizers', 'cg:momentum=0.9'], /cg is second-order and takes no momentum/],
    [['--problem', 'everest'], /unknown problem 'everest'; choose one of rosenbrock/],
    [['--problem', 'beale', '--dataset', 'iris'], /give --problem or --dataset, not both/],
    [['--dataset', 'iris', '--optimizers', 'newton'], /newton builds the dense Hessian/],
    [['--problem', 'beale', '--dimension', '3'], /beale takes only dtype; got option dimension/],
    [['--start', '1,2,3'], /--start has 3 coordinates; rosenbrock has dimension 2/],
    [['--steps', '0'], /--steps must be a positive integer/],
  ])('%j exits 2', async (args, message) => {
    const result = await descent(['compare', ...args]);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toMatch(message);
  });
});
