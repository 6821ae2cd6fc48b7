import { type Rng, tensor, ValueError } from '@descent/tensor';
import { assertInteger, resolveRng } from '../internal/validate.js';
import type { Dataset } from '../types.js';
import { circle, type Generator, gauss, moons, spiral, xor } from './generators.js';

/** The synthetic 2-D sets. */
export type SyntheticName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'moons';

/** Size, noise and randomness of a synthetic set. */
export interface SyntheticOptions {
  /** Number of points (default 500, Playground's); at least 2. Class 0 gets ⌊n/2⌋ (xor: by quadrant). */
  readonly n?: number;
  /** Noise level, ≥ 0 (default 0); Playground's slider spans 0 to 0.5. Each set's JSDoc says what it does. */
  readonly noise?: number;
  /** The generator (or a seed). Draws advance it; the same seed gives the same points. */
  readonly rng: Rng | number;
}

const GENERATORS: Readonly<Record<SyntheticName, { generate: Generator; description: string }>> = {
  circle: {
    generate: circle,
    description:
      'TensorFlow Playground "circle": class 1 within radius 2.5, class 0 in the ring 3.5-5; noise flips labels',
  },
  xor: {
    generate: xor,
    description: 'TensorFlow Playground "exclusive or": class 1 in the quadrants where x1·x2 > 0; noise flips labels',
  },
  gauss: {
    generate: gauss,
    description: 'TensorFlow Playground "gaussian": two isotropic clusters at ±(2, 2), variance 0.5 + 7·noise',
  },
  spiral: {
    generate: spiral,
    description: 'TensorFlow Playground "spiral": two interleaved spiral arms; noise jitters the points',
  },
  moons: {
    generate: moons,
    description: 'scikit-learn make_moons: two interleaving half circles; noise is the standard deviation of jitter',
  },
};

/**
 * Generates one of TensorFlow Playground's 2-D classification sets (`circle`, `xor`, `gauss`, `spiral`) or
 * scikit-learn's `moons`: `x` float32 `[n, 2]`, `y` int32 `[n]` in {0, 1} (Playground's −1 is 0 here), shuffled.
 * Seeded: the same `rng` seed gives the same points on every run. Playground's sets span about [−6, 6]².
 * @see Smilkov & Carter, TensorFlow Playground, https://playground.tensorflow.org (src/dataset.ts)
 * @see scikit-learn `sklearn.datasets.make_moons`
 * @example
 * const spiral = synthetic('spiral', { n: 200, noise: 0.1, rng: createRng(0) });
 * spiral.x.shape; // [200, 2]
 */
export function synthetic(name: SyntheticName, options: SyntheticOptions): Dataset {
  const fn = 'synthetic';
  const entry = Object.hasOwn(GENERATORS, name) ? GENERATORS[name] : undefined;
  if (entry === undefined) {
    const known = Object.keys(GENERATORS)
      .map((key) => `'${key}'`)
      .join(', ');
    throw new ValueError(`${fn}: unknown set ${JSON.stringify(name)}; choose one of ${known}`);
  }
  if (options === null || typeof options !== 'object') {
    throw new ValueError(`${fn}: expected options { n, noise, rng }, got ${String(options)}`);
  }
  const n = assertInteger(fn, 'n', options.n ?? 500, 2);
  const { noise = 0 } = options;
  if (typeof noise !== 'number' || !Number.isFinite(noise) || noise < 0) {
    throw new ValueError(`${fn}: noise must be a finite number ≥ 0, got ${String(noise)}`);
  }
  const rng = resolveRng(fn, options.rng, `generating '${name}'`);
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  entry.generate(n, noise, rng, x, y);
  // Playground shuffles too: without it the classes come in blocks, and an unshuffled split would take one class.
  const order = rng.permutationIndices(n);
  const shuffledX = new Float32Array(2 * n);
  const shuffledY = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    shuffledX[2 * i] = x[2 * order[i]];
    shuffledX[2 * i + 1] = x[2 * order[i] + 1];
    shuffledY[i] = y[order[i]];
  }
  return {
    name,
    x: tensor(shuffledX, { shape: [n, 2] }),
    y: tensor(shuffledY, { dtype: 'int32' }),
    featureNames: ['x1', 'x2'],
    classNames: ['0', '1'],
    description: `${entry.description} (n=${n}, noise=${noise})`,
  };
}
