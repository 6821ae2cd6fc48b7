import { full, tree, zerosLike } from '@descent/tensor';
import type { ParamTree } from '../types.js';

/** A tree of zeros shaped like `params` (same dtypes). */
export function zerosTree(params: ParamTree): ParamTree {
  return tree.map(params, (p) => zerosLike(p));
}

/** A tree shaped like `params` filled with `value`. */
export function fullTree(params: ParamTree, value: number): ParamTree {
  return tree.map(params, (p) => full(p.shape, value, { dtype: p.dtype }));
}
