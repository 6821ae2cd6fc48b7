import { shapesEqual, tree, ValueError } from '@descent/tensor';
import { pullBack, type Tree, trace } from './differentiate.js';

/**
 * The output of `f` at `x` and its pullback: a function from an output cotangent u (same structure as the output)
 * to the input cotangent uᵀJ (same structure as `x`). The pullback may be called many times.
 * @example const [y, pullback] = vjp((x) => mul(x, x), x); pullback(onesLike(y)) // → 2x
 */
export function vjp<P extends Tree, O extends Tree>(f: (x: P) => O, x: P): [O, (cotangent: O) => P] {
  const { result, tape, leaves, structure } = trace('vjp', x, () => f(x));
  const outputs = tree.flatten(result);
  const pullback = (cotangent: O): P => {
    const seeds = tree.flatten(cotangent);
    const difference = tree.structureDifference(outputs.structure, seeds.structure);
    if (difference !== undefined) {
      throw new ValueError(`vjp: the cotangent's structure differs from the output's: ${difference}`);
    }
    const roots = outputs.leaves.map((y, i) => {
      const seed = seeds.leaves[i];
      if (!shapesEqual(seed.shape, y.shape) || seed.dtype !== y.dtype) {
        throw new ValueError(
          `vjp: cotangent leaf ${i} is [${seed.shape}] ${seed.dtype}, but the output leaf is [${y.shape}] ${y.dtype}`,
        );
      }
      return [y, seed] as const;
    });
    return pullBack(tape, roots, structure, leaves);
  };
  return [result, pullback];
}
