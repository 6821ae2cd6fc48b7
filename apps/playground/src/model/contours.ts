// Turning a grid of f values into a heat map and contour lines: a log scale of f − min (landscapes span orders of
// magnitude) and marching squares.

/** The shading of a grid: each value mapped to [0, 1], and the contour levels on the same scale. */
export interface Shading {
  /** Per cell in [0, 1]; NaN where f is not finite. */
  readonly t: Float64Array;
  /** Contour levels on the t scale. */
  readonly levels: readonly number[];
}

/**
 * Maps f to t = log(f − min + δ) rescaled to [0, 1] between the minimum and the 98th percentile (a few huge values,
 * such as a cliff's plateau, would otherwise wash out the rest), and picks `count` evenly spaced levels.
 */
export function shade(values: ArrayLike<number>, count = 14): Shading {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  const t = new Float64Array(values.length).fill(Number.NaN);
  if (finite.length === 0) return { t, levels: [] };
  finite.sort((a, b) => a - b);
  const low = finite[0];
  const high = finite[Math.min(finite.length - 1, Math.floor(0.98 * (finite.length - 1)))];
  const delta = Math.max((high - low) * 1e-4, 1e-12);
  const bottom = Math.log(delta);
  const top = Math.log(high - low + delta);
  const span = top - bottom || 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) t[i] = Math.min(1, Math.max(0, (Math.log(v - low + delta) - bottom) / span));
  }
  const levels = Array.from({ length: count }, (_, k) => (k + 0.5) / count);
  return { t, levels };
}

/**
 * Contour segments of `grid` (row-major, `width × height`) at `level`, by marching squares with linear
 * interpolation: flat [x1, y1, x2, y2, …] in cell coordinates, where cell (col, row) has its centre at
 * (col + 0.5, row + 0.5). Cells touching a NaN are skipped.
 */
export function contourSegments(grid: ArrayLike<number>, width: number, height: number, level: number): number[] {
  const out: number[] = [];
  const at = (col: number, row: number) => grid[row * width + col];
  for (let row = 0; row + 1 < height; row++) {
    for (let col = 0; col + 1 < width; col++) {
      const a = at(col, row); // top left
      const b = at(col + 1, row); // top right
      const c = at(col + 1, row + 1); // bottom right
      const d = at(col, row + 1); // bottom left
      if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || Number.isNaN(d)) continue;
      const index = (a > level ? 8 : 0) | (b > level ? 4 : 0) | (c > level ? 2 : 0) | (d > level ? 1 : 0);
      if (index === 0 || index === 15) continue;
      const x = col + 0.5;
      const y = row + 0.5;
      const lerp = (p: number, q: number) => (p === q ? 0.5 : (level - p) / (q - p));
      const top = [x + lerp(a, b), y];
      const right = [x + 1, y + lerp(b, c)];
      const bottom = [x + lerp(d, c), y + 1];
      const left = [x, y + lerp(a, d)];
      const push = (p: number[], q: number[]) => out.push(p[0], p[1], q[0], q[1]);
      switch (index) {
        case 1:
        case 14:
          push(left, bottom);
          break;
        case 2:
        case 13:
          push(bottom, right);
          break;
        case 3:
        case 12:
          push(left, right);
          break;
        case 4:
        case 11:
          push(top, right);
          break;
        case 6:
        case 9:
          push(top, bottom);
          break;
        case 7:
        case 8:
          push(left, top);
          break;
        case 5: {
          // Saddle cell: decide by the centre value.
          const centre = (a + b + c + d) / 4;
          if (centre > level) {
            push(left, top);
            push(bottom, right);
          } else {
            push(top, right);
            push(left, bottom);
          }
          break;
        }
        case 10: {
          const centre = (a + b + c + d) / 4;
          if (centre > level) {
            push(top, right);
            push(left, bottom);
          } else {
            push(left, top);
            push(bottom, right);
          }
          break;
        }
      }
    }
  }
  return out;
}

const STOPS: readonly (readonly [number, number, number])[] = [
  [8, 22, 40],
  [18, 57, 90],
  [42, 111, 151],
  [80, 150, 185],
  [128, 185, 210],
  [176, 214, 230],
];

/** A dark-to-light blue scale for t in [0, 1]: low values dark, so bright trajectories stand out. */
export function colorOf(t: number): readonly [number, number, number] {
  if (Number.isNaN(t)) return [60, 60, 60];
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const [p, q] = [STOPS[i], STOPS[i + 1]];
  return [p[0] + f * (q[0] - p[0]), p[1] + f * (q[1] - p[1]), p[2] + f * (q[2] - p[2])];
}
