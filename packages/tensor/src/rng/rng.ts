import { makeTensor } from '../backend/engine.js';
import { allocate, assertDType, type FloatDType, isFloatDType } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import { assertShape, type Shape, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { nextBelow, nextFloat53 } from './draws.js';
import { fillNormal } from './fill-normal.js';
import { fillTruncatedNormal } from './fill-truncated-normal.js';
import { fillUniform } from './fill-uniform.js';
import { floatInterval } from './float-interval.js';
import { assertRngState } from './rng-state.js';
import { sampleIndices } from './sample-indices.js';
import { sampleWeightedWithoutReplacement, sampleWeightedWithReplacement } from './sample-weighted.js';
import { seedState } from './seed-state.js';
import { splitmix32 } from './splitmix32.js';
import type {
  BernoulliOptions,
  ChoiceOptions,
  NormalOptions,
  RngState,
  SplitLevel,
  TruncatedNormalOptions,
  UniformOptions,
} from './types.js';
import { xoshiro128Jump, xoshiro128LongJump, xoshiro128Next } from './xoshiro128.js';

const TWO_32 = 2 ** 32;
const TWO_53 = 2 ** 53;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
/** NumPy's tolerance on Σp: √ε of float64, or of float32 when the probabilities are stored in float32. */
const SUM_TOLERANCE_FLOAT64 = Math.sqrt(2 ** -52);
const SUM_TOLERANCE_FLOAT32 = Math.sqrt(2 ** -23);

/**
 * A seeded, splittable pseudorandom generator: xoshiro128** (period 2^128 − 1, 32-bit arithmetic) seeded through
 * splitmix32. Same seed, same bits, on every run and backend: sampling happens on the CPU in integer arithmetic
 * and IEEE-754 double operations, and tensors are created afterwards on the current backend.
 *
 * Tensor samplers (`uniform`, `normal`, `truncatedNormal`, `bernoulli`, `integers`, `permutation`, `choice`) take
 * a shape (default `[]`, a scalar tensor). Scalar draws (`nextUint32`, `nextFloat`, `nextInt`) return numbers.
 *
 * `split()` returns a child stream. The rule: the child takes the parent's current state, and the parent skips
 * ahead, a long jump of 2^96 steps at the root (split level 0) and a jump of 2^64 at level 1. So up to 2^32 children
 * of a root, and 2^32 children of each of those, own provably disjoint stretches of the one xoshiro cycle: 2^96
 * outputs each for level-1 children and 2^64 for level-2 children (Blackman & Vigna's two-level jump scheme).
 * A level-2 generator has no shorter jump left, so its children are new roots seeded by hashing four of its
 * outputs through splitmix32: disjoint from every other stream with probability about 1 − m²L/2^128 for m streams
 * of L outputs, not by construction.
 *
 * @see Blackman & Vigna 2021, "Scrambled linear pseudorandom number generators", https://doi.org/10.1145/3460772
 * @example
 * const rng = createRng(42);
 * const w = rng.normal([784, 128], { std: 0.05 });
 * const order = rng.permutation(60_000);
 * const dropoutRng = rng.split();
 * const saved = JSON.stringify(rng.getState());
 */
export class Rng {
  readonly #state: Int32Array;
  #splitLevel: SplitLevel;

  /** Restores a generator from a `getState()` object; `createRng(seed)` is the usual way to make one. */
  constructor(state: RngState) {
    const checked = assertRngState('Rng', state);
    this.#state = new Int32Array(checked.words);
    this.#splitLevel = checked.splitLevel;
  }

  /**
   * The next raw output of xoshiro128**, an integer in [0, 2^32).
   * @example createRng(1).nextUint32() // → an integer below 4294967296
   */
  nextUint32(): number {
    return xoshiro128Next(this.#state);
  }

  /**
   * A float64 uniform on [0, 1) with 53 random bits, `(a≫5 · 2^26 + b≫6) · 2^-53` from two outputs; never 1.
   * @example createRng(1).nextFloat() // → 0 ≤ x < 1
   */
  nextFloat(): number {
    return nextFloat53(this.#state);
  }

  /**
   * An integer uniform on [low, high), without modulo bias (Lemire's method, or rejection above 2^21 values).
   * `low` and `high` are safe integers with `0 < high − low ≤ 2^53`.
   * @example createRng(1).nextInt(1, 7) // a die roll
   */
  nextInt(low: number, high: number): number {
    assertIntegerRange('Rng.nextInt', low, high, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    if (!(high - low <= TWO_53)) {
      throw new ValueError(`Rng.nextInt: high − low must be at most 2^53, got [${low}, ${high})`);
    }
    return low + nextBelow(this.#state, high - low);
  }

  /**
   * Uniform samples on [low, high): `low + (high − low)·u`, u with 24 random bits (one output) for float32 and 53
   * (two outputs) for float64. A value that rounds up to `high` is replaced by the largest value below it, so
   * `high` never appears.
   * @example createRng(0).uniform([2, 3], { low: -1, high: 1 })
   */
  uniform(shape: Shape = [], options: UniformOptions = {}): Tensor {
    const fn = 'Rng.uniform';
    const checked = assertShape(fn, shape);
    const { low = 0, high = 1 } = options;
    const dtype = floatDType(fn, options.dtype);
    assertFinite(fn, 'low', low);
    assertFinite(fn, 'high', high);
    if (!(low < high)) throw new ValueError(`${fn}: low must be below high, got low=${low}, high=${high}`);
    if (!Number.isFinite(high - low)) {
      throw new ValueError(`${fn}: high − low overflows float64 for low=${low}, high=${high}`);
    }
    const [lo, hi] = floatInterval(fn, low, high, dtype);
    const values = allocateFloat(checked, dtype);
    fillUniform(this.#state, values, low, high, lo, hi);
    return makeTensor(values, [...checked], dtype);
  }

  /**
   * Normal samples `mean + std·z`, z by the ziggurat method (Doornik's ZIGNOR) on 53-bit uniforms, so a float32
   * tensor holds the float64 values of the same stream, rounded. Two outputs per element in 98.8% of cases; no
   * logarithm except in the tails.
   * @see Doornik 2005, https://www.doornik.com/research/ziggurat.pdf
   * @example createRng(0).normal([3], { mean: 1, std: 0.1 })
   */
  normal(shape: Shape = [], options: NormalOptions = {}): Tensor {
    const fn = 'Rng.normal';
    const checked = assertShape(fn, shape);
    const dtype = floatDType(fn, options.dtype);
    const { mean, std } = meanAndStd(fn, options);
    const values = allocateFloat(checked, dtype);
    fillNormal(this.#state, values, mean, std);
    return makeTensor(values, [...checked], dtype);
  }

  /**
   * Normal samples conditioned on `mean + low·std ≤ x ≤ mean + high·std`: `low` and `high` count standard deviations,
   * as TensorFlow's `truncated_normal` (cut at ±2) and JAX's `truncated_normal`. PyTorch's `trunc_normal_(a, b)`
   * takes the cuts in absolute units instead; the two agree for mean 0 and std 1. Exact, by Robert's rejection
   * samplers (normal, uniform or exponential proposals), so cuts far in a tail cost no more than central ones.
   * Moments for a standard normal cut to [a, b], with Z = Φ(b) − Φ(a):
   * `E z = (φ(a) − φ(b)) / Z`, `Var z = 1 + (aφ(a) − bφ(b)) / Z − (E z)²`.
   * @see Robert 1995, https://doi.org/10.1007/BF00143942
   * @example createRng(0).truncatedNormal([256, 256], { std: 0.02 }) // values within ±0.04
   */
  truncatedNormal(shape: Shape = [], options: TruncatedNormalOptions = {}): Tensor {
    const fn = 'Rng.truncatedNormal';
    const checked = assertShape(fn, shape);
    const dtype = floatDType(fn, options.dtype);
    const { mean, std } = meanAndStd(fn, options);
    const { low = -2, high = 2 } = options;
    if (typeof low !== 'number' || typeof high !== 'number' || !(low < high)) {
      throw new ValueError(`${fn}: low must be below high (in standard deviations), got low=${low}, high=${high}`);
    }
    const values = allocateFloat(checked, dtype);
    fillTruncatedNormal(this.#state, values, mean, std, low, high);
    return makeTensor(values, [...checked], dtype);
  }

  /**
   * Samples that are 1 with probability `p` and 0 otherwise: `x = [u < p]` with one output u per element,
   * compared as `u < p·2^32`, so p is resolved to 2^-32.
   * @example createRng(0).bernoulli([4], { p: 0.9 }) // a dropout keep-mask
   */
  bernoulli(shape: Shape = [], options: BernoulliOptions = {}): Tensor {
    const fn = 'Rng.bernoulli';
    const { p = 0.5 } = options;
    const dtype = assertDType(fn, options.dtype ?? 'float32');
    const checked = assertShape(fn, shape);
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new ValueError(`${fn}: p must be a probability in [0, 1], got ${p}`);
    }
    const values = allocate(dtype, sizeOf(checked));
    const threshold = p * TWO_32;
    const state = this.#state;
    for (let i = 0; i < values.length; i++) values[i] = xoshiro128Next(state) < threshold ? 1 : 0;
    return makeTensor(values, [...checked], dtype);
  }

  /**
   * int32 samples uniform on the integers in [low, high), `-2^31 ≤ low < high ≤ 2^31`, without modulo bias.
   * @example createRng(0).integers(0, 10, [5]) // five digits
   */
  integers(low: number, high: number, shape: Shape = []): Tensor {
    const fn = 'Rng.integers';
    const checked = assertShape(fn, shape);
    assertIntegerRange(fn, low, high, INT32_MIN, INT32_MAX + 1);
    const values = new Int32Array(sizeOf(checked));
    const span = high - low;
    const state = this.#state;
    for (let i = 0; i < values.length; i++) values[i] = low + nextBelow(state, span);
    return makeTensor(values, [...checked], 'int32');
  }

  /**
   * A uniformly random permutation of 0…n−1 as an int32 tensor of shape [n], by a forward Fisher-Yates shuffle
   * (n − 1 bounded draws). `permutation(n)` equals `choice(n, n, { replace: false })` from the same state.
   * @example createRng(0).permutation(5) // e.g. [3, 0, 4, 1, 2]
   */
  permutation(n: number): Tensor {
    return makeTensor(this.permutationIndices(n), [n], 'int32');
  }

  /**
   * {@link permutation} as a plain `Int32Array`, for indexing in JavaScript without a tensor round trip.
   * @example createRng(0).permutationIndices(5) // e.g. Int32Array [3, 0, 4, 1, 2]
   */
  permutationIndices(n: number): Int32Array {
    assertCount('Rng.permutation', 'n', n);
    return sampleIndices(this.#state, n, n);
  }

  /**
   * Indices drawn from 0…n−1, as an int32 tensor of shape `size` (a number for 1-D): uniform or with
   * probabilities `p`, with replacement (default) or without. Without replacement and with `p`, each draw is
   * proportional to `p` among the indices not yet drawn, as NumPy. Methods: bounded integers; Fisher-Yates
   * prefixes; inversion of the cumulative sum of p; Efraimidis-Spirakis exponential clocks.
   * @example createRng(0).choice(3, 10, { p: [0.7, 0.2, 0.1] })
   * @example createRng(0).choice(100, 5, { replace: false }) // five distinct indices
   */
  choice(n: number, size: number | Shape = [], options: ChoiceOptions = {}): Tensor {
    const fn = 'Rng.choice';
    const shape = assertShape(fn, typeof size === 'number' ? [size] : size);
    const k = sizeOf(shape);
    const { replace = true } = options;
    assertCount(fn, 'n', n);
    if (n === 0 && k > 0) throw new ValueError(`${fn}: cannot draw ${k} samples from an empty population (n=0)`);
    if (!replace && k > n) {
      throw new ValueError(`${fn}: cannot draw ${k} distinct samples from n=${n} without replacement`);
    }
    const state = this.#state;
    let values: Int32Array;
    if (options.p === undefined) {
      if (replace) {
        values = new Int32Array(k);
        for (let i = 0; i < k; i++) values[i] = nextBelow(state, n);
      } else values = sampleIndices(state, n, k);
    } else {
      const p = probabilities(fn, options.p, n);
      if (replace) values = sampleWeightedWithReplacement(state, p, k);
      else {
        let positive = 0;
        for (let i = 0; i < n; i++) if (p[i] > 0) positive++;
        if (positive < k) {
          throw new ValueError(`${fn}: only ${positive} of the p are non-zero, fewer than ${k} distinct samples`);
        }
        values = sampleWeightedWithoutReplacement(state, p, k);
      }
    }
    return makeTensor(values, [...shape], 'int32');
  }

  /**
   * A child generator on a stream disjoint from this one's future (see the class notes for the rule and its
   * limits). The child starts from this generator's current state; this generator jumps ahead.
   * @example
   * const rng = createRng(0);
   * const [initRng, dataRng] = [rng.split(), rng.split()];
   */
  split(): Rng {
    const state = this.#state;
    const level = this.#splitLevel;
    if (level === 2) {
      const words: number[] = [];
      for (let i = 0; i < 4; i++) words.push(splitmix32(xoshiro128Next(state))[0]);
      // All four words zero needs four outputs that all hash to 0: a 2^-128 event, but the engine cannot leave it.
      if (!words.some((word) => word !== 0)) words[0] = 1;
      return new Rng({ algorithm: 'xoshiro128**', words: words as [number, number, number, number], splitLevel: 0 });
    }
    const child = new Rng(this.getState());
    child.#splitLevel = level === 0 ? 1 : 2;
    if (level === 0) xoshiro128LongJump(state);
    else xoshiro128Jump(state);
    return child;
  }

  /**
   * The full state as a plain JSON-serializable object; `createRng.fromState(state)` or `setState(state)`
   * continues the stream bit for bit.
   * @example const saved = JSON.stringify(rng.getState());
   */
  getState(): RngState {
    const state = this.#state;
    return {
      algorithm: 'xoshiro128**',
      words: [state[0] >>> 0, state[1] >>> 0, state[2] >>> 0, state[3] >>> 0],
      splitLevel: this.#splitLevel,
    };
  }

  /**
   * Replaces this generator's state with a `getState()` object, validated first.
   * @example rng.setState(JSON.parse(saved));
   */
  setState(state: RngState): void {
    const checked = assertRngState('Rng.setState', state);
    this.#state.set(checked.words);
    this.#splitLevel = checked.splitLevel;
  }

  /** `JSON.stringify(rng)` writes the state. @example JSON.stringify(createRng(0)) */
  toJSON(): RngState {
    return this.getState();
  }
}

/**
 * Creates a generator from a seed, any safe integer (|seed| < 2^53). Distinct seeds give distinct states; nearby
 * seeds give unrelated streams, because splitmix32 hashes the seed into the state.
 * @example
 * const rng = createRng(42);
 * rng.uniform([2, 2]); // the same values on every run
 */
export function createRng(seed: number): Rng {
  const words = seedState('createRng', seed);
  return new Rng({
    algorithm: 'xoshiro128**',
    words: [words[0] >>> 0, words[1] >>> 0, words[2] >>> 0, words[3] >>> 0],
    splitLevel: 0,
  });
}

/**
 * Restores a generator saved with `getState()`, after checking the object.
 * @example const rng = createRng.fromState(JSON.parse(saved));
 */
createRng.fromState = (state: RngState): Rng => new Rng(assertRngState('createRng.fromState', state));

function floatDType(fn: string, dtype: FloatDType | undefined): FloatDType {
  const checked = assertDType(fn, dtype ?? 'float32');
  if (!isFloatDType(checked)) throw new DTypeError(`${fn}: dtype must be float32 or float64, got ${checked}`);
  return checked;
}

function allocateFloat(shape: Shape, dtype: FloatDType): Float32Array | Float64Array {
  return allocate(dtype, sizeOf(shape)) as Float32Array | Float64Array;
}

function assertFinite(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${fn}: ${name} must be a finite number, got ${String(value)}`);
  }
}

function meanAndStd(fn: string, options: NormalOptions): { mean: number; std: number } {
  const { mean = 0, std = 1 } = options;
  assertFinite(fn, 'mean', mean);
  assertFinite(fn, 'std', std);
  if (std < 0) throw new ValueError(`${fn}: std must be non-negative, got ${std}`);
  return { mean, std };
}

function assertIntegerRange(fn: string, low: number, high: number, min: number, max: number): void {
  for (const [name, value] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ValueError(`${fn}: ${name} must be an integer in [${min}, ${max}], got ${String(value)}`);
    }
  }
  if (!(low < high)) throw new ValueError(`${fn}: low must be below high, got low=${low}, high=${high}`);
}

function assertCount(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > INT32_MAX) {
    throw new ValueError(`${fn}: ${name} must be an integer in [0, 2^31 − 1], got ${String(value)}`);
  }
}

/** Reads and checks `p`: n finite, non-negative numbers summing to 1 within NumPy's tolerance. */
function probabilities(fn: string, p: ArrayLike<number> | Tensor, n: number): ArrayLike<number> {
  let values: ArrayLike<number>;
  let tolerance = SUM_TOLERANCE_FLOAT64;
  if (p instanceof Tensor) {
    if (p.rank !== 1 || !isFloatDType(p.dtype)) {
      throw new ValueError(`${fn}: p must be a 1-D float tensor, got shape [${p.shape}] ${p.dtype}`);
    }
    values = p.dataSync();
    if (p.dtype === 'float32') tolerance = SUM_TOLERANCE_FLOAT32;
  } else {
    values = p;
    if (p instanceof Float32Array) tolerance = SUM_TOLERANCE_FLOAT32;
  }
  if (values === null || typeof values !== 'object' || values.length !== n) {
    throw new ValueError(`${fn}: p must hold one probability per index (n=${n}), got ${values?.length} values`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ValueError(`${fn}: p must be finite and non-negative, got p[${i}]=${String(value)}`);
    }
    total += value;
  }
  if (!(Math.abs(total - 1) <= tolerance)) {
    throw new ValueError(`${fn}: p must sum to 1 (within ${tolerance.toExponential(1)}), got a sum of ${total}`);
  }
  return values;
}
