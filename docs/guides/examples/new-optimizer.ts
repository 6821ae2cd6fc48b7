import { grad } from '@descent/autodiff';
import {
  applyUpdates,
  chain,
  clipByGlobalNorm,
  exponentialDecay,
  type GradientTransformation,
  type ParamTree,
  scaleByLearningRate,
} from '@descent/optim';
import { lerp, mul, sign, square, sub, sum, type Tensor, tensor, tidy, tree, zerosLike } from '@descent/tensor';

/** `scaleBySign` keeps no memory; an empty object still round-trips through `stateToJSON`. */
export type ScaleBySignState = Record<string, never>;

/**
 * signSGD's direction: u ← sign(u), element by element. Only the sign of each gradient coordinate is kept, so every
 * coordinate moves by exactly the learning rate, however badly the problem is scaled.
 * @see Bernstein, Wang, Azizzadenesheli & Anandkumar 2018, signSGD, https://arxiv.org/abs/1802.04434
 * @example chain(scaleBySign(), scaleByLearningRate(0.01)) // signSGD
 */
export function scaleBySign(): GradientTransformation<ScaleBySignState> {
  return {
    init: () => ({}),
    update: (updates, state) => [tidy(() => tree.map(updates, (u) => sign(u))), state],
  };
}

export interface LionOptions {
  /** Interpolation between momentum and gradient for the step's direction; default 0.9. */
  readonly b1?: number;
  /** Decay of the momentum buffer; default 0.99. */
  readonly b2?: number;
}

export interface ScaleByLionState {
  /** The momentum buffer m, with the parameters' structure. */
  readonly momentum: ParamTree;
}

/**
 * Lion's direction: u = sign(b1·m + (1 − b1)·g), then m ← b2·m + (1 − b2)·g. Written with `lerp`
 * (a + w·(b − a)), the fused one-pass kernel that Adam's moments use too. Applies no learning rate; see {@link lion}.
 * @see Chen et al. 2023, Symbolic Discovery of Optimization Algorithms, https://arxiv.org/abs/2302.06675
 * @example chain(scaleByLion({ b1: 0.9, b2: 0.99 }), scaleByLearningRate(1e-4))
 */
export function scaleByLion({ b1 = 0.9, b2 = 0.99 }: LionOptions = {}): GradientTransformation<ScaleByLionState> {
  return {
    init: (params) => ({ momentum: tree.map(params, (p) => zerosLike(p)) }),
    update(grads, { momentum }) {
      return tidy(() => {
        const direction = tree.map(grads, (g: Tensor, m: Tensor) => sign(lerp(g, m, b1)), momentum);
        const next = tree.map(grads, (g: Tensor, m: Tensor) => lerp(g, m, b2), momentum);
        return [direction, { momentum: next }] as const;
      });
    },
  };
}

/** The Lion optimizer: Lion's direction, then −learningRate (Chen et al. use 3–10x smaller rates than Adam's). */
export const lion = (learningRate: number, options?: LionOptions) =>
  chain(scaleByLion(options), scaleByLearningRate(learningRate));

// Usage: new transformations chain with the built-in ones like any other.

/** Sign methods move every coordinate by the learning rate, so they need a decaying one to settle. */
const halvedEvery100Steps = exponentialDecay({ initValue: 0.1, decayRate: 0.5, transitionSteps: 100 });

/** signSGD with gradient clipping and a decaying learning rate. */
export const clippedSignSgd = () => chain(clipByGlobalNorm(1), scaleBySign(), scaleByLearningRate(halvedEvery100Steps));

/** Lion with gradient clipping and a decaying learning rate. */
export const clippedLion = () => chain(clipByGlobalNorm(1), scaleByLion(), scaleByLearningRate(halvedEvery100Steps));

const curvatures = tensor([1000, 10, 1], { dtype: 'float64' });
const center = tensor([1, -2, 3], { dtype: 'float64' });

/** An ill-conditioned quadratic, f(w) = ½ Σᵢ λᵢ (wᵢ − cᵢ)² with λ = (1000, 10, 1) (κ = 1000), minimized at c. */
export const quadratic = {
  optimum: [1, -2, 3],
  loss: (p: { w: Tensor }) => mul(sum(mul(curvatures, square(sub(p.w, center)))), 0.5),
  start: () => ({ w: tensor([0, 0, 0], { dtype: 'float64' }) }),
};

/** Runs `steps` steps of `transformation` on {@link quadratic} from its start and returns the final w. */
export function fitQuadratic(transformation: GradientTransformation, steps: number): number[] {
  let params = quadratic.start();
  let state = transformation.init(params);
  for (let i = 0; i < steps; i++) {
    const [updates, next] = transformation.update(grad(quadratic.loss)(params), state, params);
    params = applyUpdates(params, updates);
    state = next;
  }
  return Array.from(params.w.dataSync());
}
