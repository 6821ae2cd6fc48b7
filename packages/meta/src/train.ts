import { readCheckpoint, serializeCheckpoint, writeAtomically } from './checkpoint.js';
import { TrainingSession, validateTrainOptions } from './training-session.js';
import type { StopReason, TrainOptions, TrainResult } from './types.js';

/**
 * The training loop both apps use: minibatch steps of any `@descent/optim` transformation on the model's surrogate
 * loss, an evaluation on validation data after every epoch (surrogate loss and, for classification, accuracy and
 * the 0-1 loss), chapter 8.7's strategies as hooks, a typed event stream, and atomic checkpoints from which a run
 * resumes bit-identically. The loop itself is a {@link TrainingSession} run to the end; hosts that must step it
 * themselves (the playground) use the session directly.
 *
 * Randomness: one generator (from `rng`) initializes the model, then per epoch draws the curriculum and the
 * minibatch order, and per step splits off the generator dropout uses. A checkpoint stores its state.
 *
 * A non-finite loss stops the run with a `NonFiniteLossError` naming the step; the error carries the last finite
 * parameters.
 * @example
 * const result = await train({ model, loss: softmaxCrossEntropy, optimizer: adam(1e-3), data: { train, validation },
 *   epochs: 20, batchSize: 64, rng: 0, strategies: [earlyStopping({ patience: 3 })] });
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  validateTrainOptions('train', options);
  const { epochs, onEvent, checkpoint } = options;
  const resumed = options.resume === undefined ? undefined : await readCheckpoint(options.resume);
  const session = new TrainingSession(options, resumed);
  let reason: StopReason = 'epochs-completed';
  while (session.epoch <= epochs) {
    const epoch = session.epoch;
    for (let loss = session.nextStep(); loss !== undefined; loss = session.nextStep()) {
      onEvent?.({ type: 'step', epoch, step: session.step, loss });
    }
    const { record, validation, stop } = session.endEpoch();
    if (validation !== undefined) {
      onEvent?.({
        type: 'evaluation',
        epoch,
        loss: validation.loss,
        ...(validation.accuracy === undefined ? {} : { accuracy: validation.accuracy }),
      });
    }
    onEvent?.({ type: 'epoch', record });
    const requested = !stop && options.shouldStop?.() === true;
    if (checkpoint !== undefined && (epoch % (checkpoint.every ?? 1) === 0 || stop || requested || epoch === epochs)) {
      await writeAtomically(checkpoint.path, serializeCheckpoint(session.checkpoint()));
      onEvent?.({ type: 'checkpoint', epoch, path: checkpoint.path });
    }
    if (stop) {
      reason = 'early-stopping';
      break;
    }
    if (requested) {
      reason = 'requested';
      break;
    }
    // A macrotask turn between epochs: a browser can paint, and Node can deliver signals and timers.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const lastEpoch = session.epoch - 1;
  onEvent?.({ type: 'stop', epoch: lastEpoch, reason });
  return {
    params: session.finalParams(),
    state: session.state,
    lastParams: session.params,
    optimizerState: session.optimizerState,
    history: session.history,
    stopped: { epoch: lastEpoch, reason },
    steps: session.step,
  };
}
