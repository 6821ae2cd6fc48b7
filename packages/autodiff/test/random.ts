import { type Shape, type Tensor, tensor } from '@descent/tensor';

/** mulberry32: a tiny seeded generator for test data, independent of the code under test. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where an op's inputs must lie for its derivative to exist and be tested well. */
export type Domain = 'any' | 'positive' | 'away-from-zero' | 'distinct';

export function randomTensor(random: () => number, shape: Shape, domain: Domain = 'any'): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const u = random() * 2 - 1;
    if (domain === 'positive') values[i] = 0.5 + 1.5 * random();
    else if (domain === 'away-from-zero') values[i] = Math.sign(u || 1) * (0.2 + Math.abs(u));
    // Distinct values spaced well apart, in shuffled order: no ties within a finite-difference step.
    else if (domain === 'distinct') values[i] = (i - size / 2) * 0.37 + 0.01 * random();
    else values[i] = u * 1.5;
  }
  if (domain === 'distinct') {
    for (let i = size - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [values[i], values[j]] = [values[j], values[i]];
    }
  }
  return tensor(values, { shape, dtype: 'float64' });
}
