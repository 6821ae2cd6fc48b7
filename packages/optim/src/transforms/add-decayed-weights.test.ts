import { describe, expect, it } from 'vitest';
import { updatesFor, valuesOf, vector } from '../internal/test-helpers.js';
import { addDecayedWeights } from './add-decayed-weights.js';

describe('addDecayedWeights', () => {
  const params = { w: vector([[1, 2]].flat()), b: vector([10]) };
  const grads = { w: vector([0.5, 0.5]), b: vector([1]) };

  it('adds λ·θ', () => {
    // Leaves in flatten order: b, then w.
    expect(updatesFor(addDecayedWeights(0.1), [grads], params)[0]).toEqual([1 + 0.1 * 10, 0.5 + 0.1, 0.5 + 0.2]);
  });

  it('spares the parameters a mask leaves out, given as a tree or a function of the path', () => {
    const byTree = updatesFor(addDecayedWeights(0.1, { mask: { w: true, b: false } }), [grads], params)[0];
    const byPath = updatesFor(addDecayedWeights(0.1, { mask: (path) => path !== 'b' }), [grads], params)[0];
    expect(byTree).toEqual([1, 0.6, 0.7]);
    expect(byPath).toEqual(byTree);
  });

  it('needs the parameters', () => {
    const transformation = addDecayedWeights(0.1);
    expect(() => transformation.update(grads, transformation.init(params))).toThrow(
      /addDecayedWeights: needs the parameters; call update\(updates, state, params\)/,
    );
  });

  it('names the place where a mask tree does not fit', () => {
    const transformation = addDecayedWeights(0.1, { mask: { w: true } as never });
    expect(() => transformation.update(grads, transformation.init(params), params)).toThrow(
      /addDecayedWeights: mask at the root has keys \[w\]; the parameters have keys \[b,w\]/,
    );
    const bad = addDecayedWeights(0.1, { mask: () => 'yes' as never });
    expect(() => bad.update(grads, bad.init(params), params)).toThrow(
      /mask returned "yes" for b; expected true or false/,
    );
    expect(valuesOf(params)).toEqual([10, 1, 2]);
  });
});
