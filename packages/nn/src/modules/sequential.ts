import { ValueError } from '@descent/tensor';
import type { AnyModule, Module, Tree } from '../module.js';

/**
 * Applies modules in order. Parameters and state are arrays with one entry per module (null for activations).
 * @example sequential([dense(2, 16), tanh(), dense(16, 1)])
 */
export function sequential(modules: readonly AnyModule[]): Module<Tree[], Tree[]> {
  if (!Array.isArray(modules) || modules.length === 0)
    throw new ValueError('sequential: expected a non-empty array of modules');
  const children = modules as unknown as readonly Module[];
  return {
    name: `sequential(${children.map((m) => m.name).join(', ')})`,
    init: (rng) => {
      // One split per child: adding a module does not change the draws of the ones before it.
      const parts = children.map((child) => child.init(rng.split()));
      return { params: parts.map((p) => p.params), state: parts.map((p) => p.state) };
    },
    apply: (params, state, x, ctx) => {
      if (!Array.isArray(params) || params.length !== children.length) {
        throw new ValueError(
          `sequential: got ${Array.isArray(params) ? params.length : 'no'} parameter entries for ${children.length} modules`,
        );
      }
      let y = x;
      const next: Tree[] = [];
      children.forEach((child, i) => {
        const out = child.apply(params[i], state[i], y, ctx);
        y = out.y;
        next.push(out.state);
      });
      return { y, state: next };
    },
  };
}
