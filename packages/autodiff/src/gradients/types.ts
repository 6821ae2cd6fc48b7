import type { CoreKernelName, KernelAttrs, KernelName, Tensor, TensorInputs } from '@descent/tensor';

/** What a gradient rule sees: the cotangent of the output, the kernel's inputs, attributes and output. */
export interface GradientCall<K extends KernelName> {
  readonly dy: Tensor;
  readonly inputs: TensorInputs<K>;
  readonly attrs: KernelAttrs<K>;
  readonly output: Tensor;
  /**
   * Whether an input's cotangent is wanted (it depends on a differentiated input). Rules with costly partials,
   * such as matmul's, skip the others: the gradient with respect to a data batch is never computed.
   */
  readonly needs: (input: Tensor) => boolean;
}

/**
 * A vector-Jacobian product for one kernel: the cotangent of each input it has one for (undefined, or absent, for
 * the others). Rules are written with
 * ordinary tensor ops, so an enclosing differentiation records them and higher derivatives come for free.
 */
export type GradientFn<K extends KernelName> = (call: GradientCall<K>) => {
  readonly [N in keyof TensorInputs<K>]?: TensorInputs<K>[N] | undefined;
};

/**
 * Covers the whole core vocabulary: a new core kernel without a rule fails the type check, not a test. Custom kernels
 * (declared in `CustomKernelSignatures`) get theirs with `registerGradient`.
 */
export type GradientTable = { readonly [K in CoreKernelName]: GradientFn<K> | 'not-differentiable' };
