// Memory accounting: memory().liveTensors, dispose, tidy and keep. GPU textures are not garbage-collected, so the
// live count must stay flat across training steps wrapped in tidy, and a disposed tensor must never be read.

import { describe, expect, it } from 'vitest';
import {
  add,
  argmax,
  cast,
  exp,
  gather,
  keep,
  matmul,
  mean,
  memory,
  mul,
  reshape,
  stack,
  sub,
  sum,
  type Tensor,
  tensor,
  tidy,
  transpose,
  ValueError,
  zeros,
} from '../src/index.js';

const live = () => memory().liveTensors;

/** How many tensors `fn` leaves alive. */
function leftAlive(fn: () => unknown): number {
  const before = live();
  fn();
  return live() - before;
}

describe('memory()', () => {
  it('counts a created tensor until it is disposed, and a second dispose changes nothing', () => {
    const before = live();
    const t = zeros([2, 3]);
    expect(live()).toBe(before + 1);
    t.dispose();
    expect(live()).toBe(before);
    expect(t.isDisposed).toBe(true);
    t.dispose();
    expect(live()).toBe(before);
  });

  it('counts exactly one new tensor for each single-kernel op', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const i = tensor([1, 0], { dtype: 'int32' });
    expect(leftAlive(() => add(x, x))).toBe(1);
    expect(leftAlive(() => exp(x))).toBe(1);
    expect(leftAlive(() => sum(x, 0))).toBe(1);
    expect(leftAlive(() => matmul(x, x))).toBe(1);
    expect(leftAlive(() => gather(x, i, 1))).toBe(1);
    expect(leftAlive(() => argmax(x, 1))).toBe(1);
  });

  it('ops that return their input unchanged create nothing', () => {
    const x = zeros([2, 3]);
    expect(leftAlive(() => reshape(x, [2, 3]))).toBe(0);
    expect(leftAlive(() => cast(x, 'float32'))).toBe(0);
    expect(leftAlive(() => transpose(x, [0, 1]))).toBe(0);
  });

  // Composite ops create hidden intermediates (the scalar a number operand becomes, mean's sum and count, the
  // reshapes around 1-D matmul, stack's expandDims, gather's index tensor). Outside tidy nobody can dispose them,
  // which on a GPU backend leaks textures. Flip to `it` when ops scope their intermediates.
  it('composite ops called outside tidy leave only their result alive', () => {
    const x = tensor([1, 2, 3]);
    expect(leftAlive(() => add(x, 1))).toBe(1);
    expect(leftAlive(() => mean(x))).toBe(1);
    expect(leftAlive(() => matmul(x, x))).toBe(1);
    expect(leftAlive(() => stack([x, x]))).toBe(1);
    expect(leftAlive(() => gather(x, [0]))).toBe(1);
    expect(leftAlive(() => argmax(x))).toBe(1);
  });
});

describe('tidy', () => {
  it('disposes every intermediate and keeps what the function returns', () => {
    const x = tensor([1, 2, 3]);
    const before = live();
    let intermediate: Tensor | undefined;
    const result = tidy(() => {
      intermediate = exp(x);
      return sum(mul(intermediate, 2));
    });
    expect(live()).toBe(before + 1);
    expect(intermediate?.isDisposed).toBe(true);
    expect(result.isDisposed).toBe(false);
    expect(result.item()).toBeCloseTo(2 * (Math.E + Math.E ** 2 + Math.E ** 3), 4);
    // The input came from outside: the pure API never frees its inputs.
    expect(x.isDisposed).toBe(false);
  });

  it('keeps tensors returned anywhere in a tree of arrays and plain objects', () => {
    const x = tensor([1, 2]);
    const before = live();
    const out = tidy(() => {
      const doubled = add(x, x);
      return { a: doubled, list: [sub(doubled, x), { deep: exp(x) }], n: 3, s: 'text', nothing: null };
    });
    expect(live()).toBe(before + 3);
    expect(out.a.toArray()).toEqual([2, 4]);
    expect(out.list[0] instanceof Object && (out.list[0] as Tensor).toArray()).toEqual([1, 2]);
    expect(out.n).toBe(3);
  });

  it('returns a non-tensor value and frees everything', () => {
    const before = live();
    const value = tidy(() => sum(exp(zeros([4]))).item());
    expect(value).toBe(4);
    expect(live()).toBe(before);
  });

  it('returning an input tensor leaves it alive', () => {
    const x = zeros([2]);
    const before = live();
    const same = tidy(() => {
      exp(x);
      return reshape(x, [2]);
    });
    expect(same).toBe(x);
    expect(x.isDisposed).toBe(false);
    expect(live()).toBe(before);
  });

  it('hands what an inner tidy returns to the outer scope, which frees it unless returned again', () => {
    const before = live();
    let inner: Tensor | undefined;
    const outer = tidy(() => {
      inner = tidy(() => add(exp(zeros([3])), 1));
      expect(inner.isDisposed).toBe(false);
      return sum(inner);
    });
    expect(inner?.isDisposed).toBe(true);
    expect(outer.item()).toBe(6);
    expect(live()).toBe(before + 1);
  });

  it('keep() lets a tensor outlive every enclosing scope', () => {
    const before = live();
    let kept: Tensor | undefined;
    tidy(() => {
      tidy(() => {
        kept = keep(exp(zeros([2])));
        exp(zeros([2]));
      });
    });
    expect(kept?.isDisposed).toBe(false);
    expect(kept?.toArray()).toEqual([1, 1]);
    expect(live()).toBe(before + 1);
  });

  it('keeps the live count flat across many steps of a training-like loop', () => {
    let w = keep(tensor([0.5, -0.25, 2], { dtype: 'float64' }));
    const xs = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { dtype: 'float64' },
    );
    const counts: number[] = [];
    for (let step = 0; step < 20; step++) {
      const next = tidy(() => {
        const prediction = matmul(xs, reshape(w, [3, 1]));
        const gradient = mean(mul(transpose(prediction), 1e-3));
        return sub(w, gradient);
      });
      w.dispose();
      w = next;
      counts.push(live());
    }
    expect(new Set(counts).size).toBe(1);
  });

  it('propagates an exception, and later scopes still work', () => {
    const before = live();
    expect(() =>
      tidy(() => {
        exp(zeros([2]));
        throw new ValueError('boom');
      }),
    ).toThrow('boom');
    const after = live();
    tidy(() => {
      exp(zeros([2]));
    });
    expect(live()).toBe(after);
    expect(after - before).toBeLessThanOrEqual(2);
  });

  // When fn throws, the tensors it created are neither disposed nor handed to the outer scope, so they leak; TF.js
  // disposes them. Flip to `it` when engine.ts frees the scope on the error path.
  it('frees the intermediates of a scope that throws', () => {
    const before = live();
    try {
      tidy(() => {
        exp(zeros([2]));
        throw new ValueError('boom');
      });
    } catch {
      // expected
    }
    expect(live()).toBe(before);
  });
});

describe('disposed tensors', () => {
  it('cannot be read or used, and the error names the reader', () => {
    const t = tensor([1, 2, 3]);
    t.dispose();
    expect(() => t.dataSync()).toThrow(ValueError);
    expect(() => t.dataSync()).toThrow(/^dataSync: tensor #\d+ \(shape \[3\]\) was disposed/);
    expect(() => t.toArray()).toThrow(/was disposed/);
    expect(() => t.data()).toThrow(/^data: /);
    expect(() => exp(t)).toThrow(/^exp: /);
    expect(() => add(t, t)).toThrow(/^add: /);
  });

  it('a reshape shares data with its source, but disposing either leaves the other readable', () => {
    const a = tensor([1, 2, 3, 4]);
    const b = reshape(a, [2, 2]);
    a.dispose();
    expect(b.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const c = reshape(b, [4]);
    b.dispose();
    expect(c.toArray()).toEqual([1, 2, 3, 4]);
  });

  it('intermediates a tidy freed throw when read', () => {
    let intermediate: Tensor | undefined;
    tidy(() => {
      intermediate = exp(zeros([2]));
      return undefined;
    });
    expect(() => intermediate?.dataSync()).toThrow(ValueError);
  });
});
