// A small seeded generator for test data, kept local so the suite does not depend on the library's own `Rng`.

/** mulberry32 (Tommy Ettinger, 2017): 32 bits of state, good enough to spread test inputs, fully reproducible. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Convenience draws on top of a uniform [0, 1) source. */
export class TestRandom {
  readonly #next: () => number;

  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.#next();
  }

  /** Uniform integer in [low, high] (both included). */
  int(low: number, high: number): number {
    return low + Math.floor(this.#next() * (high - low + 1));
  }

  bool(probability = 0.5): boolean {
    return this.#next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#next() * items.length)];
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): number[] {
    const out = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** A random subset of 0..n-1, sorted. */
  subset(n: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (this.bool()) out.push(i);
    return out;
  }

  /** `count` values uniform in [low, high). */
  values(count: number, low = -3, high = 3): number[] {
    return Array.from({ length: count }, () => this.uniform(low, high));
  }

  /** `count` small integers in [low, high]: many ties, which comparisons and arg-reductions need. */
  ints(count: number, low = -3, high = 3): number[] {
    return Array.from({ length: count }, () => this.int(low, high));
  }

  /**
   * A shape of rank in [minRank, maxRank] with sizes in [1, maxDim]; each size is 1 with probability `unit` (about
   * 0.3 by default) and, when `allowZero`, 0 with probability 0.08.
   */
  shape(
    options: { minRank?: number; maxRank?: number; maxDim?: number; allowZero?: boolean; unit?: number } = {},
  ): number[] {
    const { minRank = 0, maxRank = 4, maxDim = 4, allowZero = false, unit = 0.25 } = options;
    const rank = this.int(minRank, maxRank);
    return Array.from({ length: rank }, () => {
      if (allowZero && this.bool(0.08)) return 0;
      if (this.bool(unit)) return 1;
      return this.int(2, Math.max(2, maxDim));
    });
  }

  /**
   * Two shapes that broadcast together: an output shape, then each operand drops some leading axes and turns some
   * sizes into 1. Covers rank 0, size-1 axes, missing leading axes and zero-size axes.
   */
  broadcastablePair(options: { maxRank?: number; maxDim?: number; allowZero?: boolean } = {}): [number[], number[]] {
    const out = this.shape({
      maxRank: options.maxRank ?? 4,
      maxDim: options.maxDim ?? 4,
      allowZero: options.allowZero ?? true,
    });
    return [this.operandOf(out), this.operandOf(out)];
  }

  /** An operand shape that broadcasts to `out`. */
  operandOf(out: readonly number[]): number[] {
    const drop = this.bool(0.3) ? this.int(0, out.length) : 0;
    return out.slice(drop).map((dim) => (this.bool(0.3) ? 1 : dim));
  }
}
