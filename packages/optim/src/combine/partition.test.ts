import { describe, expect, it } from 'vitest';
import { adamw } from '../aliases/adamw.js';
import { sgd } from '../aliases/sgd.js';
import { updatesFor, vector } from '../internal/test-helpers.js';
import { partition } from './partition.js';

describe('partition', () => {
  const params = { layer: { w: vector([1, 2]), b: vector([3]) }, head: vector([4]) };
  const grads = { layer: { w: vector([1, 1]), b: vector([1]) }, head: vector([1]) };

  it('runs each group with its own transformation (per-group learning rates)', () => {
    const groups = partition({ slow: sgd(0.01), fast: sgd(1) }, (path) => (path === 'head' ? 'fast' : 'slow'));
    // Flatten order: head, layer.b, layer.w.
    expect(updatesFor(groups, [grads], params)[0]).toEqual([-1, -0.01, -0.01, -0.01]);
  });

  it('spares biases from weight decay with a label tree', () => {
    const groups = partition(
      { decay: adamw(0.1, { weightDecay: 0.5 }), plain: adamw(0.1, { weightDecay: 0 }) },
      { layer: { w: 'decay', b: 'plain' }, head: 'decay' },
    );
    const reference = adamw(0.1, { weightDecay: 0.5 });
    const plain = adamw(0.1, { weightDecay: 0 });
    const [decayed] = updatesFor(reference, [grads], params);
    const [undecayed] = updatesFor(plain, [grads], params);
    const [got] = updatesFor(groups, [grads], params);
    expect(got).toEqual([decayed[0], undecayed[1], decayed[2], decayed[3]]);
  });

  it('refuses a label without a transformation, naming the parameter', () => {
    const groups = partition({ a: sgd(1) }, () => 'b');
    expect(() => groups.init(params)).toThrow(/partition: head has label "b", which has no transformation; labels: a/);
  });
});
