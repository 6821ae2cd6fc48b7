import type { ActivationName, AnyModule } from '@descent/nn';
import { mlp } from '@descent/nn';
import { batchNorm, layerNorm } from '@descent/norm';
import type { FloatDType } from '@descent/tensor';
import { asUsage, UsageError } from '../errors.js';
import { INITIALIZERS } from './initializers.js';

export const ACTIVATIONS = [
  'relu',
  'tanh',
  'sigmoid',
  'softplus',
  'leakyRelu',
  'linear',
] as const satisfies readonly ActivationName[];

/** What `--model` and its companions ask for. */
export interface ModelRequest {
  /** `mlp:<hidden sizes>` such as `mlp:64,64`, or `linear` (softmax regression). */
  readonly model: string;
  readonly activation: ActivationName;
  readonly batchNorm: boolean;
  readonly layerNorm: boolean;
  readonly dropout: number;
  readonly initializer: string;
  readonly dtype: FloatDType;
}

/** The hidden-layer sizes of a `--model` spec: `mlp:64,64` → [64, 64], `linear` → []. */
export function hiddenSizes(spec: string): number[] {
  if (spec === 'linear') return [];
  const match = /^mlp(?::(.*))?$/.exec(spec);
  if (match === null) {
    throw new UsageError(`--model must be mlp:<sizes> (such as mlp:128 or mlp:64,64) or linear, got '${spec}'`);
  }
  if (match[1] === undefined || match[1] === '') return [128];
  return match[1].split(',').map((text) => {
    const size = Number(text);
    if (!Number.isInteger(size) || size < 1) {
      throw new UsageError(`--model ${spec}: layer sizes must be positive integers, got '${text}'`);
    }
    return size;
  });
}

/** The network `--model` describes for `features` inputs and `classes` outputs. */
export function buildModel(request: ModelRequest, features: number, classes: number): AnyModule {
  const hidden = hiddenSizes(request.model);
  if (request.batchNorm && request.layerNorm) throw new UsageError('give --batch-norm or --layer-norm, not both');
  const entry = INITIALIZERS[request.initializer];
  if (entry === undefined) {
    throw new UsageError(
      `unknown initializer '${request.initializer}'; choose one of ${Object.keys(INITIALIZERS).join(', ')}`,
    );
  }
  const { dtype } = request;
  const normalization = request.batchNorm
    ? (width: number) => batchNorm(width, { dtype })
    : request.layerNorm
      ? (width: number) => layerNorm(width, { dtype })
      : undefined;
  return asUsage(() =>
    mlp([features, ...hidden, classes], {
      activation: request.activation,
      dropout: request.dropout,
      kernelInitializer: entry.initializer,
      dtype,
      ...(normalization === undefined ? {} : { normalization }),
    }),
  );
}
