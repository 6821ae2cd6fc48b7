import { valueAndGrad } from '@descent/autodiff';
import { batches, type Examples } from '@descent/data';
import type { Tree } from '@descent/nn';
import { applyUpdates } from '@descent/optim';
import { createRng, gather, Rng, type Tensor, tensor, tidy, ValueError } from '@descent/tensor';
import { type Checkpoint, readCheckpoint, serializeCheckpoint, writeAtomically } from './checkpoint.js';
import { evaluate } from './evaluate.js';
import { NonFiniteLossError } from './non-finite-loss-error.js';
import type { EpochRecord, StopReason, StrategyContext, TrainOptions, TrainResult } from './types.js';

function validate(options: TrainOptions): void {
  const { epochs, batchSize = 32, data } = options;
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new ValueError(`train: epochs must be a positive integer, got ${epochs}`);
  if (batchSize !== 'full' && (!Number.isInteger(batchSize) || batchSize < 1)) {
    throw new ValueError(`train: batchSize must be a positive integer or 'full', got ${String(batchSize)}`);
  }
  if (data?.train?.x === undefined || data.train.x.shape[0] === 0) throw new ValueError('train: data.train is empty');
  if (data.train.x.shape[0] !== data.train.y.shape[0]) {
    throw new ValueError(`train: data.train has ${data.train.x.shape[0]} samples but ${data.train.y.shape[0]} targets`);
  }
}

/** The rows of `examples` at `indices`. */
function subset(examples: Examples, indices: Int32Array): Examples {
  const index = tensor(indices, { dtype: 'int32' });
  return { x: gather(examples.x, index), y: gather(examples.y, index) };
}

/**
 * The training loop both apps use: minibatch steps of any `@descent/optim` transformation on the model's surrogate
 * loss, an evaluation on validation data after every epoch (surrogate loss and, for classification, accuracy and
 * the 0-1 loss), chapter 8.7's strategies as hooks, a typed event stream, and atomic checkpoints from which a run
 * resumes bit-identically.
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
  validate(options);
  const { model, loss, optimizer, data, epochs, batchSize = 32, strategies = [], onEvent, checkpoint } = options;
  const rng = options.rng instanceof Rng ? options.rng : createRng(options.rng);
  let params: Tree;
  let state: Tree;
  let optimizerState: unknown;
  let history: EpochRecord[] = [];
  let firstEpoch = 1;
  let step = 0;
  if (options.resume !== undefined) {
    const saved: Checkpoint = await readCheckpoint(options.resume);
    ({ params, state, optimizerState, step } = saved);
    rng.setState(saved.rng);
    history = [...saved.history];
    firstEpoch = saved.epoch + 1;
    strategies.forEach((strategy, i) => {
      strategy.setState?.(saved.strategies[i]);
    });
  } else {
    const initial = options.initial ?? model.init(rng.split());
    ({ params, state } = initial);
    optimizerState = optimizer.init(params);
  }

  const lossAndState = valueAndGrad(
    (p: Tree, x: Tensor, y: Tensor, dropoutRng: Rng) => {
      const out = model.apply(p, state, x, { training: true, rng: dropoutRng });
      return [loss(out.y, y), out.state] as const;
    },
    { hasAux: true },
  );
  const context = (epoch: number): StrategyContext => ({ epoch, step, params, history });
  const evaluationParams = (epoch: number): Tree =>
    strategies.reduce<Tree>(
      (current, s) => s.evaluationParams?.({ ...context(epoch), params: current }) ?? current,
      params,
    );

  let reason: StopReason = 'epochs-completed';
  let lastEpoch = firstEpoch - 1;
  for (let epoch = firstEpoch; epoch <= epochs; epoch++) {
    const started = performance.now();
    const count = data.train.x.shape[0];
    const chosen = strategies.reduce<Int32Array | undefined>(
      (picked, s) => picked ?? s.selectExamples?.(epoch, count, rng),
      undefined,
    );
    const examples = chosen === undefined ? data.train : subset(data.train, chosen);
    let lossSum = 0;
    let stepsThisEpoch = 0;
    for (const batch of batches(examples, { batchSize, rng, shuffle: batchSize !== 'full' })) {
      const dropoutRng = rng.split();
      const outcome = tidy(() => {
        const [[value, nextState], grads] = lossAndState(params, batch.x, batch.y, dropoutRng);
        const lossValue = value.item();
        if (!Number.isFinite(lossValue)) return { lossValue };
        const [updates, nextOptimizerState] = optimizer.update(grads, optimizerState, params);
        return {
          lossValue,
          params: applyUpdates(params, updates),
          state: nextState as Tree,
          optimizerState: nextOptimizerState,
        };
      });
      step++;
      if (outcome.params === undefined) throw new NonFiniteLossError(epoch, step, outcome.lossValue, params, state);
      params = outcome.params;
      state = outcome.state as Tree;
      optimizerState = outcome.optimizerState;
      lossSum += outcome.lossValue;
      stepsThisEpoch++;
      for (const s of strategies) s.afterStep?.(context(epoch));
      onEvent?.({ type: 'step', epoch, step, loss: outcome.lossValue });
    }
    let record: EpochRecord = {
      epoch,
      trainLoss: lossSum / stepsThisEpoch,
      steps: stepsThisEpoch,
      seconds: (performance.now() - started) / 1000,
    };
    if (data.validation !== undefined) {
      const result = evaluate(model, evaluationParams(epoch), state, loss, data.validation);
      record = {
        ...record,
        validationLoss: result.loss,
        ...(result.accuracy === undefined
          ? {}
          : { validationAccuracy: result.accuracy, validationError: 1 - result.accuracy }),
      };
      onEvent?.({
        type: 'evaluation',
        epoch,
        loss: result.loss,
        ...(result.accuracy === undefined ? {} : { accuracy: result.accuracy }),
      });
    }
    history.push(record);
    onEvent?.({ type: 'epoch', record });
    lastEpoch = epoch;
    const stop = strategies.some((s) => s.afterEpoch?.(context(epoch)) === 'stop');
    const requested = !stop && options.shouldStop?.() === true;
    if (checkpoint !== undefined && (epoch % (checkpoint.every ?? 1) === 0 || stop || requested || epoch === epochs)) {
      const text = serializeCheckpoint({
        epoch,
        step,
        params,
        state,
        optimizerState,
        rng: rng.getState(),
        strategies: strategies.map((s) => s.getState?.()),
        history,
      });
      await writeAtomically(checkpoint.path, text);
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
  onEvent?.({ type: 'stop', epoch: lastEpoch, reason });
  const finalParams = strategies.reduce<Tree | undefined>(
    (chosen, s) => chosen ?? s.finalParams?.(context(lastEpoch)),
    undefined,
  );
  return {
    params: finalParams ?? evaluationParams(lastEpoch),
    state,
    lastParams: params,
    optimizerState,
    history,
    stopped: { epoch: lastEpoch, reason },
    steps: step,
  };
}
