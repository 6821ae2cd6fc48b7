import { isFloatDType, onesLike, Tensor, tidy, ValueError } from '@descent/tensor';
import { pullBack, type Tree, trace } from './differentiate.js';
import { isRecording } from './tape.js';

/** Options of {@link valueAndGrad}. */
export interface ValueAndGradOptions {
  /**
   * `f` returns `[loss, aux]`: the loss is differentiated, `aux` (new batch-norm statistics, metrics, …) is passed
   * through untouched. Default false.
   */
  readonly hasAux?: boolean;
}

function checkScalar(fn: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) throw new ValueError(`${fn}: f must return a scalar tensor, got ${typeof value}`);
  const loss = value;
  if (loss.size !== 1) {
    throw new ValueError(
      `${fn}: f must return a scalar, got shape [${loss.shape}]; use vjp or jacobian for non-scalar outputs`,
    );
  }
  if (!isFloatDType(loss.dtype)) throw new ValueError(`${fn}: f must return a float scalar, got ${loss.dtype}`);
  return loss;
}

/** Frees intermediates at the outermost level; inside an enclosing differentiation they must stay alive. */
function scoped<T>(fn: () => T): T {
  return isRecording() ? fn() : tidy(fn);
}

/**
 * The value of scalar `f` at `x` and its gradient with respect to `x` (a tensor or a tree of tensors; the
 * gradient has the same structure). Extra arguments are passed through and not differentiated.
 * @example
 * const [loss, grads] = valueAndGrad((p) => sum(square(sub(matmul(x, p.w), y))))({ w });
 */
export function valueAndGrad<P extends Tree, A extends unknown[]>(
  f: (params: P, ...args: A) => Tensor,
  options?: { readonly hasAux?: false },
): (params: P, ...args: A) => [Tensor, P];
export function valueAndGrad<P extends Tree, A extends unknown[], Aux>(
  f: (params: P, ...args: A) => readonly [Tensor, Aux],
  options: { readonly hasAux: true },
): (params: P, ...args: A) => [[Tensor, Aux], P];
export function valueAndGrad(
  f: (params: Tree, ...args: unknown[]) => unknown,
  options: ValueAndGradOptions = {},
): (params: Tree, ...args: unknown[]) => unknown {
  const hasAux = options.hasAux ?? false;
  return (params, ...args) =>
    scoped(() => {
      // Without extra arguments (the common case) the call spreads nothing.
      const { result, tape, leaves, structure } = trace('valueAndGrad', params, () =>
        args.length === 0 ? f(params) : f(params, ...args),
      );
      let loss: Tensor;
      let aux: unknown;
      if (hasAux) {
        if (!Array.isArray(result) || result.length !== 2) {
          throw new ValueError('valueAndGrad: with hasAux, f must return [loss, aux]');
        }
        loss = checkScalar('valueAndGrad', result[0]);
        aux = result[1];
      } else loss = checkScalar('valueAndGrad', result);
      const grads = pullBack(tape, [[loss, onesLike(loss)]], structure, leaves);
      return hasAux ? [[loss, aux], grads] : [loss, grads];
    });
}

/**
 * The gradient of scalar `f` with respect to its first argument, with the same tree structure.
 * Higher derivatives compose: `grad(grad(f))` for a function of one scalar.
 * @example grad((x) => sum(square(x)))(tensor([1, 2])) // → [2, 4]
 */
export function grad<P extends Tree, A extends unknown[]>(
  f: (params: P, ...args: A) => Tensor,
): (params: P, ...args: A) => P {
  const both = valueAndGrad(f);
  return (params, ...args) => both(params, ...args)[1];
}
