import { describe, expect, it } from 'vitest';
import type { Method, MethodConfig } from './methods.js';
import { buildObjective, type ObjectiveSpec } from './objective.js';
import { bfgsUpdate, curvatureAt, Race, type RaceConfig, type RacePoint } from './race.js';

const spec = (problem: string, extra: Partial<ObjectiveSpec> = {}): ObjectiveSpec => ({
  problem: problem as ObjectiveSpec['problem'],
  formula: '',
  bounds: [-1, 1, -1, 1],
  conditionNumber: 100,
  start: undefined,
  ...extra,
});
const racer = (method: Method, params: Record<string, number> = {}): MethodConfig => ({ method, params });
const config = (racers: MethodConfig[], extra: Partial<RaceConfig> = {}): RaceConfig => ({
  racers,
  noise: 0,
  batchSize: 1,
  steps: 200,
  ...extra,
});

function runToEnd(race: Race): void {
  while (!race.done) race.advance(50);
}

const last = (points: readonly RacePoint[]) => points[points.length - 1];

describe('Race', () => {
  it('races Adam and L-BFGS on Rosenbrock: both losses fall, L-BFGS converges', () => {
    const race = new Race(buildObjective(spec('rosenbrock')), config([racer('adam'), racer('lbfgs')]), 0);
    runToEnd(race);
    const [adam, lbfgs] = [race.trajectory(0), race.trajectory(1)];
    expect(adam[0].f).toBeCloseTo(24.2, 10);
    expect(last(adam).f).toBeLessThan(adam[0].f / 5);
    expect(adam).toHaveLength(201);
    expect(last(lbfgs).f).toBeLessThan(1e-12);
    expect(last(lbfgs).x).toBeCloseTo(1, 6);
    expect(lbfgs.length).toBeLessThan(80);
  });

  it('reports each racer’s new points once, one step per call and racer', () => {
    const race = new Race(buildObjective(spec('booth')), config([racer('sgd', { lr: 0.01 }), racer('bfgs')]), 0);
    const first = race.advance(0);
    expect(first.map((u) => [u.from, u.points.length])).toEqual([
      [0, 1],
      [0, 1],
    ]);
    const second = race.advance(3);
    expect(second.map((u) => [u.from, u.points.length])).toEqual([
      [1, 3],
      [1, 3],
    ]);
    expect(race.steps).toEqual([3, 3]);
    expect(race.advance(0).every((u) => u.points.length === 0)).toBe(true);
  });

  it('is reproducible: same seed, same noisy trajectories; another seed, others', () => {
    const objective = buildObjective(spec('quadratic'));
    const noisy = config([racer('sgd', { lr: 0.005 }), racer('adam')], { noise: 2, steps: 30 });
    const run = (seed: number) => {
      const race = new Race(objective, noisy, seed);
      runToEnd(race);
      return [race.trajectory(0), race.trajectory(1)];
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)[0]).not.toEqual(run(4)[0]);
    const quiet = config([racer('sgd', { lr: 0.005 })], { steps: 30 });
    const a = new Race(objective, quiet, 1);
    const b = new Race(objective, quiet, 2);
    runToEnd(a);
    runToEnd(b);
    expect(a.trajectory(0)).toEqual(b.trajectory(0));
  });

  it('scales the gradient noise as σ/√B (8.1.3)', () => {
    // SGD sitting at the minimum of a quadratic only moves by noise: its mean squared distance from the minimum is
    // proportional to the noise variance σ²/B.
    const objective = buildObjective(spec('quadratic', { conditionNumber: 1, start: [0, 0] }));
    const spread = (batchSize: number) => {
      const race = new Race(objective, config([racer('sgd', { lr: 0.05 })], { noise: 1, batchSize, steps: 400 }), 0);
      runToEnd(race);
      const points = race.trajectory(0).slice(100);
      return points.reduce((total, p) => total + p.x * p.x + p.y * p.y, 0) / points.length;
    };
    const ratio = spread(1) / spread(100);
    expect(ratio).toBeGreaterThan(40);
    expect(ratio).toBeLessThan(250);
  });

  it('marks a racer that diverges and stops it', () => {
    const race = new Race(buildObjective(spec('quadratic')), config([racer('sgd', { lr: 5 })], { steps: 500 }), 0);
    runToEnd(race);
    const [update] = race.advance(0);
    expect(update.status).toBe('diverged');
    expect(update.message).toMatch(/diverged at step \d+/);
    expect(race.trajectory(0).length).toBeLessThan(100);
  });

  it('clips the gradient on the cliff: no step longer than ε·c (8.2.4)', () => {
    const objective = buildObjective(spec('cliff'));
    const race = new Race(objective, config([racer('sgd', { lr: 0.1 }), racer('sgd', { lr: 0.1, clip: 1 })]), 0);
    runToEnd(race);
    const longest = (points: readonly RacePoint[]) =>
      Math.max(...points.slice(1).map((p, i) => Math.hypot(p.x - points[i].x, p.y - points[i].y)));
    expect(longest(race.trajectory(0))).toBeGreaterThan(5);
    expect(longest(race.trajectory(1))).toBeLessThanOrEqual(0.1 + 1e-12);
    expect(last(race.trajectory(1)).x).toBeCloseTo(2, 2);
  });

  it('exposes line-search trials, trust radii and the BFGS metric', () => {
    const objective = buildObjective(spec('rosenbrock'));
    const race = new Race(objective, config([racer('bfgs'), racer('trust-ncg'), racer('cg')]), 0);
    runToEnd(race);
    const [bfgs, trust, cg] = [race.trajectory(0), race.trajectory(1), race.trajectory(2)];
    expect(bfgs[1].internals?.trials?.length).toBeGreaterThan(0);
    expect(bfgs.slice(1).every((p) => p.internals?.inverseHessian !== undefined)).toBe(true);
    expect(trust.slice(1).every((p) => (p.internals?.trustRadius ?? 0) > 0)).toBe(true);
    expect(cg[1].internals?.trials?.length).toBeGreaterThan(0);
    expect(last(bfgs).f).toBeLessThan(1e-10);
  });

  it('sends Newton to the saddle point and saddle-free Newton away from it (8.2.3, 8.6.1)', () => {
    const objective = buildObjective(spec('saddle'));
    const race = new Race(objective, config([racer('newton'), racer('saddle-free-newton')], { steps: 20 }), 0);
    runToEnd(race);
    const newton = last(race.trajectory(0));
    const saddleFree = last(race.trajectory(1));
    expect(Math.hypot(newton.x, newton.y)).toBeLessThan(1e-6);
    expect(saddleFree.f).toBeLessThan(race.trajectory(1)[0].f - 1);
  });

  it('reports a racer whose method fails instead of throwing', () => {
    const objective = buildObjective(spec('formula', { formula: 'log(x)', bounds: [-1, 1, -1, 1], start: [0.5, 0] }));
    const race = new Race(objective, config([racer('newton'), racer('sgd', { lr: 1 })]), 0);
    runToEnd(race);
    const updates = race.advance(0);
    expect(updates.every((u) => u.status !== 'running')).toBe(true);
  });
});

describe('bfgsUpdate', () => {
  it('satisfies the secant condition H·y = s and stays symmetric', () => {
    const s = [0.3, -0.2] as const;
    const y = [1.1, 0.4] as const;
    const h = bfgsUpdate([2, 0.5, 0.5, 1], s, y);
    if (h === undefined) throw new Error('no update');
    expect(h[0] * y[0] + h[1] * y[1]).toBeCloseTo(s[0], 12);
    expect(h[2] * y[0] + h[3] * y[1]).toBeCloseTo(s[1], 12);
    expect(h[1]).toBeCloseTo(h[2], 12);
  });

  it('scales the first H and skips pairs without positive curvature', () => {
    const first = bfgsUpdate(undefined, [1, 0], [2, 0]);
    expect(first?.[0]).toBeCloseTo(0.5, 12);
    expect(bfgsUpdate([1, 0, 0, 1], [1, 0], [-1, 0])).toEqual([1, 0, 0, 1]);
  });
});

describe('curvatureAt', () => {
  it('gives the Hessian eigenvalues and gᵀHg of an axis-aligned quadratic', () => {
    const objective = buildObjective(spec('quadratic', { conditionNumber: 100 }));
    const c = curvatureAt(objective, [1, 1]);
    // f = ½(x² + 100 y²) up to a rotation; the eigenvalues do not depend on it.
    expect(c.eigenvalues[0]).toBeCloseTo(1, 8);
    expect(c.eigenvalues[1]).toBeCloseTo(100, 6);
    expect(c.definiteness).toBe('positive-definite');
    expect(c.gTHg / c.gTg).toBeGreaterThanOrEqual(1 - 1e-9);
    expect(c.gTHg / c.gTg).toBeLessThanOrEqual(100 + 1e-9);
    expect(c.optimalStep).toBeCloseTo(c.gTg / c.gTHg, 12);
  });

  it('recognizes a saddle', () => {
    expect(curvatureAt(buildObjective(spec('saddle')), [0.5, 0.5]).definiteness).toBe('indefinite');
  });
});
