import type { FloatDType, Rng, Shape, Tensor } from '@descent/tensor';

/** What every initializer takes. */
export interface InitOptions {
  /**
   * The seeded generator that every random choice goes through: `createRng(seed)`, or a `split()` of one. Required
   * by the random initializers, so that the same seed always gives the same weights.
   */
  readonly rng: Rng;
  /** `float32` (default) or `float64`. */
  readonly dtype?: FloatDType;
}

/** The options of the initializers that draw nothing (`zeros`, `ones`, `identity`): `rng` is accepted and unused. */
export interface DeterministicInitOptions {
  readonly rng?: Rng;
  /** `float32` (default) or `float64`. */
  readonly dtype?: FloatDType;
}

/**
 * The common signature, for modules that take an initializer as a parameter: `lecunNormal`, `glorotUniform`,
 * `heNormal`, `orthogonal`, `zeros` … all fit it, and a closure fixes any other option:
 * `(shape, o) => orthogonal(shape, { ...o, gain: Math.SQRT2 })`.
 */
export type Initializer = (shape: Shape, options: InitOptions) => Tensor;

/**
 * Which fan a variance-scaling initializer divides by: `fanIn` keeps the variance of activations constant in the
 * forward pass, `fanOut` that of gradients in the backward pass (He et al. 2015, §2.2).
 */
export type FanMode = 'fanIn' | 'fanOut';
