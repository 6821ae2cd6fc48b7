import type { Rng } from '@descent/tensor';

/**
 * One generator per set: fills `x` (n × 2, row-major) and `y` (labels 0/1) in class blocks; `synthetic` shuffles.
 * `rng.nextFloat()` stands in for TensorFlow Playground's unseeded uniform draws; normals come from `rng.normal`.
 */
export type Generator = (n: number, noise: number, rng: Rng, x: Float64Array, y: Int32Array) => void;

function uniform(rng: Rng, low: number, high: number): number {
  return low + (high - low) * rng.nextFloat();
}

function normals(rng: Rng, count: number): Float64Array {
  const sample = rng.normal([count], { dtype: 'float64' });
  const values = sample.dataSync() as Float64Array;
  sample.dispose();
  return values;
}

/** Class sizes: class 0 gets ⌊n/2⌋, class 1 the rest (TensorFlow Playground gives each n/2). */
function halves(n: number): [number, number] {
  const negatives = Math.floor(n / 2);
  return [negatives, n - negatives];
}

/**
 * Playground's "circle": class 1 at radius U(0, 2.5), class 0 at U(3.5, 5), uniform angle. Noise does not move the
 * points: the label is that of the point shifted by U(−5, 5)·noise per coordinate (inside radius 2.5 → 1).
 */
export const circle: Generator = (n, noise, rng, x, y) => {
  const radius = 5;
  const [negatives] = halves(n);
  for (let i = 0; i < n; i++) {
    const inner = i >= negatives;
    const r = inner ? uniform(rng, 0, radius * 0.5) : uniform(rng, radius * 0.7, radius);
    const angle = uniform(rng, 0, 2 * Math.PI);
    const [px, py] = [r * Math.sin(angle), r * Math.cos(angle)];
    const noiseX = uniform(rng, -radius, radius) * noise;
    const noiseY = uniform(rng, -radius, radius) * noise;
    x[2 * i] = px;
    x[2 * i + 1] = py;
    y[i] = Math.hypot(px + noiseX, py + noiseY) < radius * 0.5 ? 1 : 0;
  }
};

/**
 * Playground's "xor": x, y ~ U(−5, 5), pushed 0.3 away from the axes; label 1 when x·y ≥ 0 for the point shifted by
 * U(−5, 5)·noise per coordinate (noise flips labels near the axes, points stay put).
 */
export const xor: Generator = (n, noise, rng, x, y) => {
  const padding = 0.3;
  for (let i = 0; i < n; i++) {
    let px = uniform(rng, -5, 5);
    px += px > 0 ? padding : -padding;
    let py = uniform(rng, -5, 5);
    py += py > 0 ? padding : -padding;
    const noiseX = uniform(rng, -5, 5) * noise;
    const noiseY = uniform(rng, -5, 5) * noise;
    x[2 * i] = px;
    x[2 * i + 1] = py;
    y[i] = (px + noiseX) * (py + noiseY) >= 0 ? 1 : 0;
  }
};

/**
 * Playground's "gauss": class 1 ~ N((2, 2), σ²I), class 0 ~ N((−2, −2), σ²I), with variance σ² = 0.5 + 7·noise
 * (Playground maps noise 0…0.5 linearly onto variance 0.5…4).
 */
export const gauss: Generator = (n, noise, rng, x, y) => {
  const std = Math.sqrt(0.5 + 7 * noise);
  const [negatives] = halves(n);
  const z = normals(rng, 2 * n);
  for (let i = 0; i < n; i++) {
    const center = i >= negatives ? 2 : -2;
    x[2 * i] = center + std * z[2 * i];
    x[2 * i + 1] = center + std * z[2 * i + 1];
    y[i] = i >= negatives ? 1 : 0;
  }
};

/**
 * Playground's "spiral": two interleaved arms, r = 5·i/m and θ = 1.75·2π·i/m (+π for class 0) for the i-th of m
 * points, plus U(−1, 1)·noise per coordinate.
 */
export const spiral: Generator = (n, noise, rng, x, y) => {
  const [negatives, positives] = halves(n);
  let at = 0;
  for (const [count, deltaT, label] of [
    [positives, 0, 1],
    [negatives, Math.PI, 0],
  ] as const) {
    for (let i = 0; i < count; i++, at++) {
      const r = (i / count) * 5;
      const t = ((1.75 * i) / count) * 2 * Math.PI + deltaT;
      x[2 * at] = r * Math.sin(t) + uniform(rng, -1, 1) * noise;
      x[2 * at + 1] = r * Math.cos(t) + uniform(rng, -1, 1) * noise;
      y[at] = label;
    }
  }
};

/**
 * scikit-learn's `make_moons`: class 0 on the upper half circle (cos t, sin t), class 1 on (1 − cos t, 0.5 − sin t),
 * t evenly spaced on [0, π], plus N(0, noise²) per coordinate. Spans about [−1, 2] × [−0.5, 1], not Playground's ±6.
 */
export const moons: Generator = (n, noise, rng, x, y) => {
  const [outer, inner] = halves(n);
  const z = normals(rng, 2 * n);
  for (let i = 0; i < n; i++) {
    const isInner = i >= outer;
    const k = isInner ? i - outer : i;
    const count = isInner ? inner : outer;
    const t = count === 1 ? 0 : (Math.PI * k) / (count - 1);
    x[2 * i] = (isInner ? 1 - Math.cos(t) : Math.cos(t)) + noise * z[2 * i];
    x[2 * i + 1] = (isInner ? 0.5 - Math.sin(t) : Math.sin(t)) + noise * z[2 * i + 1];
    y[i] = isInner ? 1 : 0;
  }
};
