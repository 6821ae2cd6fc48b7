import { createRng, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { type SyntheticName, synthetic } from '../index.js';

const NAMES: readonly SyntheticName[] = ['circle', 'xor', 'gauss', 'spiral', 'moons'];

function points(name: SyntheticName, n: number, noise: number, seed: number) {
  const data = synthetic(name, { n, noise, rng: createRng(seed) });
  const x = data.x.dataSync() as Float32Array;
  const y = data.y.dataSync() as Int32Array;
  return { data, x, y, ones: y.reduce((total, label) => total + label, 0) };
}

describe('synthetic', () => {
  it.each(NAMES)('%s gives x float32 [n, 2] and int32 labels in {0, 1}', (name) => {
    const { data, y } = points(name, 301, 0.2, 1);
    expect(data.x.shape).toEqual([301, 2]);
    expect(data.x.dtype).toBe('float32');
    expect(data.y.shape).toEqual([301]);
    expect(data.y.dtype).toBe('int32');
    expect(y.every((label) => label === 0 || label === 1)).toBe(true);
    expect(data.x.dataSync().every(Number.isFinite)).toBe(true);
    expect(data.featureNames).toEqual(['x1', 'x2']);
    expect(data.classNames).toEqual(['0', '1']);
    expect(data.description).toContain('noise=0.2');
  });

  it.each(['circle', 'gauss', 'spiral', 'moons'] as const)(
    '%s without noise has ⌊n/2⌋ zeros and the rest ones',
    (name) => {
      expect(points(name, 200, 0, 3).ones).toBe(100);
      expect(points(name, 201, 0, 3).ones).toBe(101);
    },
  );

  it('xor is balanced up to sampling error', () => {
    const { ones } = points('xor', 4000, 0, 5);
    expect(Math.abs(ones - 2000)).toBeLessThan(4 * Math.sqrt(1000)); // 4 standard deviations of Binomial(4000, ½)
  });

  it.each(NAMES)('%s is deterministic per seed, different across seeds, and shuffled', (name) => {
    const a = points(name, 100, 0.1, 42);
    const b = points(name, 100, 0.1, 42);
    const c = points(name, 100, 0.1, 43);
    expect(a.x).toEqual(b.x);
    expect(a.y).toEqual(b.y);
    expect(a.x).not.toEqual(c.x);
    // Shuffled: the labels do not come in two blocks.
    let changes = 0;
    for (let i = 1; i < a.y.length; i++) if (a.y[i] !== a.y[i - 1]) changes++;
    expect(changes).toBeGreaterThan(10);
    // A number seed is createRng(seed); an Rng advances, so two draws from one generator differ.
    expect(synthetic(name, { n: 100, noise: 0.1, rng: 42 }).x.dataSync()).toEqual(a.x);
    const rng = createRng(7);
    expect(synthetic(name, { n: 50, rng }).x.dataSync()).not.toEqual(synthetic(name, { n: 50, rng }).x.dataSync());
  });

  it('circle: without noise the label is the side of radius 2.5, with noise some labels flip', () => {
    const clean = points('circle', 1000, 0, 0);
    for (let i = 0; i < 1000; i++) {
      const r = Math.hypot(clean.x[2 * i], clean.x[2 * i + 1]);
      expect(clean.y[i] === 1 ? r <= 2.5 : r >= 3.5 && r <= 5).toBe(true);
    }
    const noisy = points('circle', 1000, 0.5, 0);
    let flipped = 0;
    for (let i = 0; i < 1000; i++) {
      if (Math.hypot(noisy.x[2 * i], noisy.x[2 * i + 1]) < 3 !== (noisy.y[i] === 1)) flipped++;
    }
    expect(flipped).toBeGreaterThan(100);
  });

  it('xor: without noise the label is the sign of x1·x2, and points keep 0.3 off the axes', () => {
    const { x, y } = points('xor', 1000, 0, 0);
    for (let i = 0; i < 1000; i++) {
      expect(y[i]).toBe(x[2 * i] * x[2 * i + 1] >= 0 ? 1 : 0);
      expect(Math.min(Math.abs(x[2 * i]), Math.abs(x[2 * i + 1]))).toBeGreaterThanOrEqual(Math.fround(0.3));
    }
    const noisy = points('xor', 1000, 0.5, 0);
    let flipped = 0;
    for (let i = 0; i < 1000; i++) if ((noisy.x[2 * i] * noisy.x[2 * i + 1] >= 0 ? 1 : 0) !== noisy.y[i]) flipped++;
    expect(flipped).toBeGreaterThan(100);
  });

  it('gauss: clusters at ±(2, 2) with variance 0.5 + 7·noise', () => {
    for (const noise of [0, 0.5]) {
      const { x, y } = points('gauss', 20000, noise, 9);
      let sum = 0;
      let sumSquares = 0;
      for (let i = 0; i < 20000; i++) {
        const center = y[i] === 1 ? 2 : -2;
        for (const value of [x[2 * i] - center, x[2 * i + 1] - center]) {
          sum += value;
          sumSquares += value * value;
        }
      }
      const mean = sum / 40000;
      expect(Math.abs(mean)).toBeLessThan(0.05);
      expect(sumSquares / 40000 - mean * mean).toBeCloseTo(0.5 + 7 * noise, 1);
    }
  });

  it('spiral: without noise the points lie on the two arms, noise moves them off', () => {
    const onArm = (px: number, py: number, label: number) => {
      // r = 5i/m and θ = 1.75·2π·i/m (+π for class 0), so on an arm θ − 0.7π·r is a multiple of 2π.
      const r = Math.hypot(px, py);
      const theta = Math.atan2(px, py) - (label === 1 ? 0 : Math.PI);
      const expected = (1.75 * 2 * Math.PI * r) / 5;
      const turns = (theta - expected) / (2 * Math.PI);
      return Math.abs(turns - Math.round(turns)) < 1e-4 || r < 1e-6;
    };
    const clean = points('spiral', 400, 0, 2);
    for (let i = 0; i < 400; i++) expect(onArm(clean.x[2 * i], clean.x[2 * i + 1], clean.y[i])).toBe(true);
    const noisy = points('spiral', 400, 0.3, 2);
    let off = 0;
    for (let i = 0; i < 400; i++) if (!onArm(noisy.x[2 * i], noisy.x[2 * i + 1], noisy.y[i])) off++;
    expect(off).toBeGreaterThan(350);
  });

  it('moons: without noise the points lie on the two unit half circles', () => {
    const { x, y } = points('moons', 300, 0, 4);
    for (let i = 0; i < 300; i++) {
      const [px, py] = [x[2 * i], x[2 * i + 1]];
      const r = y[i] === 0 ? Math.hypot(px, py) : Math.hypot(px - 1, py - 0.5);
      expect(r).toBeCloseTo(1, 5);
      expect(y[i] === 0 ? py >= -1e-6 : py <= 0.5 + 1e-6).toBe(true);
    }
    const noisy = points('moons', 300, 0.2, 4);
    const deviations = Array.from({ length: 300 }, (_, i) =>
      noisy.y[i] === 0
        ? Math.hypot(noisy.x[2 * i], noisy.x[2 * i + 1]) - 1
        : Math.hypot(noisy.x[2 * i] - 1, noisy.x[2 * i + 1] - 0.5) - 1,
    );
    expect(Math.max(...deviations.map(Math.abs))).toBeGreaterThan(0.2);
  });

  it('rejects bad names and options, naming the function', () => {
    const rng = createRng(0);
    expect(() => synthetic('donut' as SyntheticName, { rng })).toThrow(ValueError);
    expect(() => synthetic('donut' as SyntheticName, { rng })).toThrow(/synthetic: unknown set "donut"; choose one of/);
    expect(() => synthetic('toString' as SyntheticName, { rng })).toThrow(/unknown set/);
    expect(() => synthetic('xor', { n: 1, rng })).toThrow('synthetic: n must be an integer ≥ 2, got 1');
    expect(() => synthetic('xor', { n: 0, rng })).toThrow(/n must be an integer ≥ 2/);
    expect(() => synthetic('xor', { n: 2.5, rng })).toThrow(/n must be an integer/);
    expect(() => synthetic('xor', { noise: -0.1, rng })).toThrow(/noise must be a finite number ≥ 0/);
    expect(() => synthetic('xor', { noise: Number.NaN, rng })).toThrow(/noise must be/);
    expect(() => synthetic('xor', {} as { rng: number })).toThrow(/synthetic: generating 'xor' needs options.rng/);
    expect(() => synthetic('xor', { rng: 'seed' as unknown as number })).toThrow(/options.rng must be an Rng/);
    expect(() => synthetic('xor', { rng: 0.5 })).toThrow(/a seed must be a safe integer/);
  });

  it('defaults to 500 points', () => {
    expect(synthetic('gauss', { rng: 0 }).x.shape).toEqual([500, 2]);
  });
});
