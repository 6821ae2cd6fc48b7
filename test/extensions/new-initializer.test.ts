import { type Initializer, lecunNormal } from '@descent/init';
import { dense, mlp } from '@descent/nn';
import { createRng, mean, ShapeError, square, type Tensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { activationScale, randomWalk, randomWalkGain } from '../../docs/guides/examples/new-initializer.js';

const rms = (t: Tensor) => Math.sqrt(mean(square(t)).item());

describe('randomWalk, a new initializer', () => {
  it('has the Initializer signature of @descent/init', () => {
    const initializer: Initializer = randomWalk;
    const w = initializer([3, 5], { rng: createRng(0), dtype: 'float64' });
    expect(w.shape).toEqual([3, 5]);
    expect(w.dtype).toBe('float64');
    expect(randomWalk([3, 5], { rng: createRng(0) }).dtype).toBe('float32');
  });

  it('draws the same weights from the same seed', () => {
    const draw = () => Array.from(randomWalk([8, 8], { rng: createRng(7) }).dataSync());
    expect(draw()).toEqual(draw());
  });

  it('has standard deviation g/√fanIn (closed form, to the sampling error of 65 536 draws)', () => {
    const w = randomWalk([256, 256], { rng: createRng(1), dtype: 'float64' });
    const expected = (Math.SQRT2 * Math.exp(1.2 / (256 - 2.4))) / 16;
    expect(Math.abs(rms(w) / expected - 1)).toBeLessThan(0.01);
    expect(randomWalkGain(4)).toBeCloseTo(Math.SQRT2 * Math.exp(1.2 / 3.6), 15); // max(N, 6) for tiny layers
    expect(randomWalkGain(10, 'linear')).toBeCloseTo(Math.exp(0.05), 15);
  });

  it('rejects shapes without a fan-in, and unknown nonlinearities', () => {
    expect(() => randomWalk([4], { rng: createRng(0) })).toThrow(ShapeError);
    expect(() => randomWalk([4, 4], { rng: createRng(0), nonlinearity: 'tanh' as never })).toThrow(/nonlinearity/);
  });

  it('plugs into dense and mlp as kernelInitializer', () => {
    const { params } = dense(64, 32, { kernelInitializer: randomWalk }).init(createRng(2));
    expect('w' in params && params.w.shape).toEqual([64, 32]);
    const model = mlp([4, 16, 3], { kernelInitializer: randomWalk });
    const { params: tree, state } = model.init(createRng(3));
    expect(model.apply(tree, state, createRng(4).normal([2, 4]), { training: false }).y.shape).toEqual([2, 3]);
  });

  it('keeps ReLU activations at their scale through 30 layers, where LeCun normal lets them vanish', () => {
    // The log of the scale performs a random walk without drift: after 30 layers it stays within a factor of 10.
    const kept = activationScale(randomWalk);
    expect(kept).toBeGreaterThan(0.1);
    expect(kept).toBeLessThan(10);
    expect(activationScale(lecunNormal)).toBeLessThan(1e-3); // (1/√2)^30 ≈ 3e-5 of the input scale
  });
});
