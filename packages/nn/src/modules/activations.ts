import * as ops from '@descent/tensor';
import { type Module, stateless } from '../module.js';

// Activation functions as parameterless modules, for `sequential` and `mlp`.

/** max(x, 0). */
export const relu = (): Module<null, null> => stateless('relu', ops.relu);
/** Hyperbolic tangent. */
export const tanh = (): Module<null, null> => stateless('tanh', ops.tanh);
/** 1 / (1 + e^-x). */
export const sigmoid = (): Module<null, null> => stateless('sigmoid', ops.sigmoid);
/** log(1 + e^x), a smooth relu. */
export const softplus = (): Module<null, null> => stateless('softplus', ops.softplus);
/** x for x ≥ 0, alpha·x otherwise (default alpha 0.01, PyTorch's negative_slope). */
export const leakyRelu = (options: ops.LeakyReluOptions = {}): Module<null, null> =>
  stateless(`leakyRelu(${options.alpha ?? 0.01})`, (x) => ops.leakyRelu(x, options));

/** Activation names accepted by `mlp`. */
export type ActivationName = 'relu' | 'tanh' | 'sigmoid' | 'softplus' | 'leakyRelu' | 'linear';

export function activation(name: ActivationName): Module<null, null> | undefined {
  switch (name) {
    case 'relu':
      return relu();
    case 'tanh':
      return tanh();
    case 'sigmoid':
      return sigmoid();
    case 'softplus':
      return softplus();
    case 'leakyRelu':
      return leakyRelu();
    case 'linear':
      return undefined;
    default:
      throw new ops.ValueError(
        `mlp: unknown activation "${String(name)}"; expected relu, tanh, sigmoid, softplus, leakyRelu or linear`,
      );
  }
}
