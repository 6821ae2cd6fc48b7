import { type KernelName, ValueError } from '@descent/tensor';
import { gradients } from './table.js';
import type { GradientFn } from './types.js';

type Rule = GradientFn<KernelName> | 'not-differentiable';

/** The built-in rules and those registered for custom kernels, by kernel name (a null-prototype object: no `toString`). */
const rules: Partial<Record<KernelName, Rule>> = Object.assign(Object.create(null), gradients);

/** The gradient rule of `kernel`, or undefined when it has none. */
export function gradientRule(kernel: KernelName): Rule | undefined {
  return rules[kernel];
}

/**
 * Gives a custom kernel (one declared in `CustomKernelSignatures` and registered with `registerKernel`) its gradient
 * rule, or declares it `'not-differentiable'`. Rules are written with ordinary ops, so higher derivatives work as for
 * core kernels. A kernel reached by a backward sweep without a rule is a `ValueError` naming it. Core kernels keep
 * their rules: to change the gradient of an expression, use `stopGradient` (see docs/guides/new-kernel.md).
 * @example registerGradient('Huber', ({ dy, inputs: { x }, attrs: { delta } }) => ({ x: mul(dy, clip(x, delta)) }))
 */
export function registerGradient<K extends KernelName>(kernel: K, rule: GradientFn<K> | 'not-differentiable'): void {
  if (typeof kernel !== 'string' || (kernel as string) === '') {
    throw new ValueError(`registerGradient: kernel must be a non-empty string, got ${String(kernel)}`);
  }
  if (typeof rule !== 'function' && rule !== 'not-differentiable') {
    throw new ValueError(
      `registerGradient: the rule for "${kernel}" must be a function or 'not-differentiable', got ${String(rule)}`,
    );
  }
  if (kernel in gradients) {
    throw new ValueError(
      `registerGradient: "${kernel}" is a core kernel with a built-in rule; to change the gradient of an expression, ` +
        'use stopGradient (see docs/guides/new-kernel.md)',
    );
  }
  rules[kernel] = rule as Rule;
}
