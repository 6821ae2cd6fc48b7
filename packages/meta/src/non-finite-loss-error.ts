import type { Tree } from '@descent/nn';
import { DescentError } from '@descent/tensor';

/**
 * Training met a NaN or infinite loss. The run stops at once; `params` holds the last parameters whose loss was
 * finite, so nothing computed before the failure is lost.
 */
export class NonFiniteLossError extends DescentError {
  override name = 'NonFiniteLossError';

  constructor(
    readonly epoch: number,
    readonly step: number,
    readonly loss: number,
    readonly params: Tree,
    readonly state: Tree,
  ) {
    super(
      `train: the loss became ${loss} at step ${step} (epoch ${epoch}); the last finite parameters are in error.params (lower the learning rate or clip gradients)`,
    );
  }
}
