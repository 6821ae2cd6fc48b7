import type { DType, FloatDType } from '../dtype.js';
import type { Tensor } from '../tensor.js';

/**
 * How deep a generator sits in its split tree, which fixes how far `split()` jumps: a root (level 0) long-jumps
 * 2^96 steps, a level-1 child jumps 2^64, and a level-2 child re-seeds its children as new roots.
 */
export type SplitLevel = 0 | 1 | 2;

/**
 * Everything a generator is, as plain JSON: `JSON.parse(JSON.stringify(rng.getState()))` restores a generator
 * that continues bit for bit.
 */
export interface RngState {
  /** The engine, so that a state saved now is refused, not misread, by a future engine. */
  readonly algorithm: 'xoshiro128**';
  /** The four 32-bit state words as unsigned integers in [0, 2^32), not all zero. */
  readonly words: readonly [number, number, number, number];
  readonly splitLevel: SplitLevel;
}

/** Options of `Rng.uniform`: the interval [low, high) and the dtype. */
export interface UniformOptions {
  /** Inclusive lower end; default 0. */
  readonly low?: number;
  /** Exclusive upper end; default 1. */
  readonly high?: number;
  /** Default `float32`. */
  readonly dtype?: FloatDType;
}

/** Options of `Rng.normal`: N(mean, std²) and the dtype. */
export interface NormalOptions {
  /** Default 0. */
  readonly mean?: number;
  /** Standard deviation, ≥ 0; default 1. */
  readonly std?: number;
  /** Default `float32`. */
  readonly dtype?: FloatDType;
}

/**
 * Options of `Rng.truncatedNormal`: N(mean, std²) conditioned on [mean + low·std, mean + high·std] (default ±2σ),
 * and the dtype.
 */
export interface TruncatedNormalOptions extends NormalOptions {
  /** Lower cut in standard deviations from the mean (may be −∞); default −2. */
  readonly low?: number;
  /** Upper cut in standard deviations from the mean (may be +∞); default 2. */
  readonly high?: number;
}

/** Options of `Rng.bernoulli`: the probability of a 1 and the dtype. */
export interface BernoulliOptions {
  /** Probability of a 1, in [0, 1]; default 0.5. */
  readonly p?: number;
  /** Default `float32`, ready to multiply as a mask. */
  readonly dtype?: DType;
}

/** Options of `Rng.choice`: with or without replacement, and the probabilities of the indices. */
export interface ChoiceOptions {
  /** Draw with replacement (default) or return distinct indices. */
  readonly replace?: boolean;
  /**
   * Probabilities of the n indices: non-negative, summing to 1 within √ε of their precision (1.5e-8 for numbers
   * and float64, 3.5e-4 for float32, as NumPy). Uniform when omitted.
   */
  readonly p?: ArrayLike<number> | Tensor;
}
