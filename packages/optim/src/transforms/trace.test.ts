import { ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { updatesFor, vector } from '../internal/test-helpers.js';
import { trace } from './trace.js';

/** torch.optim.SGD's buffer on one coordinate: b₁ = g₁, b_k = α·b_{k−1} + (1 − d)·g_k; Nesterov returns g + α·b. */
function scalarTrace(gradients: readonly number[], decay: number, dampening = 0, nesterov = false): number[] {
  let buffer = 0;
  return gradients.map((g, k) => {
    buffer = k === 0 ? g : decay * buffer + (1 - dampening) * g;
    return nesterov ? g + decay * buffer : buffer;
  });
}

describe('trace', () => {
  const sequence = [1, -2, 0.5, 3, 0.25];
  const grads = sequence.map((g) => ({ w: vector([g]) }));

  it.each([
    { decay: 0.9, dampening: 0, nesterov: false },
    { decay: 0.5, dampening: 0.3, nesterov: false },
    { decay: 0.9, dampening: 0, nesterov: true },
  ])('matches the PyTorch momentum buffer (%o)', ({ decay, dampening, nesterov }) => {
    const got = updatesFor(trace({ decay, dampening, nesterov }), grads).map(([u]) => u);
    expect(got).toEqual(scalarTrace(sequence, decay, dampening, nesterov));
  });

  it('starts the buffer at the first update, undamped (torch.clone(d_p))', () => {
    const [[first]] = updatesFor(trace({ decay: 0.9, dampening: 0.5 }), grads);
    expect(first).toBe(1);
  });

  it('refuses Nesterov without momentum or with dampening, and decay outside [0, 1)', () => {
    expect(() => trace({ decay: 0, nesterov: true })).toThrow(/trace: Nesterov momentum needs decay > 0/);
    expect(() => trace({ decay: 0.9, nesterov: true, dampening: 0.1 })).toThrow(ValueError);
    expect(() => trace({ decay: 1 })).toThrow(/trace: decay must be in \[0, 1\), got 1/);
    expect(() => trace({} as never)).toThrow(/trace: decay must be in \[0, 1\), got undefined/);
  });
});
