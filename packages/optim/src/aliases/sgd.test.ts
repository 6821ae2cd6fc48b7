import { describe, expect, it } from 'vitest';
import { updatesFor, vector } from '../internal/test-helpers.js';
import { exponentialDecay } from '../schedules/exponential-decay.js';
import { sgd } from './sgd.js';

// PyTorch's Nesterov is Algorithm 8.3 in look-ahead coordinates (Sutskever et al. 2013): with a constant learning
// rate the two forms give the same updates; a schedule separates them, because the book keeps ε inside v.
describe('sgd forms', () => {
  const grads = [1, -2, 0.5, 3, 0.25].map((g) => ({ w: vector([g]) }));

  it.each([false, true])('agree while the learning rate is constant (nesterov: %s)', (nesterov) => {
    const pytorch = updatesFor(sgd(0.1, { momentum: 0.9, nesterov }), grads).flat();
    const book = updatesFor(sgd(0.1, { momentum: 0.9, nesterov, form: 'book' }), grads).flat();
    for (const [i, u] of book.entries()) expect(u).toBeCloseTo(pytorch[i], 14);
  });

  it('part ways under a schedule, the book scaling each gradient by the rate of its own step', () => {
    const schedule = exponentialDecay({ initValue: 1, decayRate: 0.5, transitionSteps: 1 });
    const pytorch = updatesFor(sgd(schedule, { momentum: 0.5 }), grads).flat();
    const book = updatesFor(sgd(schedule, { momentum: 0.5, form: 'book' }), grads).flat();
    // Step 2: PyTorch −ε₁(α·g₁ + g₂) = −0.5·(0.5 − 2) = 0.75; the book α·v₁ − ε₁·g₂ = 0.5·(−1) + 1 = 0.5.
    expect(pytorch[1]).toBeCloseTo(0.75, 15);
    expect(book[1]).toBeCloseTo(0.5, 15);
  });
});
