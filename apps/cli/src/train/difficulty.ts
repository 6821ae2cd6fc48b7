import type { Examples } from '@descent/data';

/**
 * A difficulty score per training example for curriculum learning: the distance to the mean of its own class,
 * divided by the distance to the nearest other class mean. Typical examples sit near their class centre (easy);
 * atypical ones and those between classes come last.
 */
export function classMarginDifficulty(data: Examples): Float64Array {
  const n = data.x.shape[0];
  const width = data.x.size / n;
  const x = data.x.dataSync();
  const y = data.y.dataSync();
  let classes = 0;
  for (let i = 0; i < n; i++) classes = Math.max(classes, y[i] + 1);
  const centres = new Float64Array(classes * width);
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    counts[y[i]]++;
    for (let j = 0; j < width; j++) centres[y[i] * width + j] += x[i * width + j];
  }
  for (let k = 0; k < classes; k++) for (let j = 0; j < width; j++) centres[k * width + j] /= Math.max(1, counts[k]);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let own = 0;
    let nearest = Number.POSITIVE_INFINITY;
    for (let k = 0; k < classes; k++) {
      if (counts[k] === 0) continue;
      let distance = 0;
      for (let j = 0; j < width; j++) {
        const d = x[i * width + j] - centres[k * width + j];
        distance += d * d;
      }
      if (k === y[i]) own = Math.sqrt(distance);
      else nearest = Math.min(nearest, Math.sqrt(distance));
    }
    scores[i] = own / Math.max(nearest, 1e-12);
  }
  return scores;
}
