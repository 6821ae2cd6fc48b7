import { valueAndGrad } from '@descent/autodiff';
import { batches, type Examples } from '@descent/data';
import type { Tree } from '@descent/nn';
import { applyUpdates } from '@descent/optim';
import { createRng, gather, Rng, type Tensor, tensor, tidy, ValueError } from '@descent/tensor';
import type { Checkpoint } from './checkpoint.js';
import { type Evaluation, evaluate } from './evaluate.js';
import { NonFiniteLossError } from './non-finite-loss-error.js';
import type { EpochRecord, Strategy, StrategyContext, TrainOptions } from './types.js';

/** What a {@link TrainingSession} needs: `train`'s options without the hooks that `train` runs around it. */
export type TrainingSessionOptions = Omit<TrainOptions, 'onEvent' | 'checkpoint' | 'resume' | 'shouldStop'>;

/** What {@link TrainingSession.endEpoch} reports: the epoch's record, its validation, and whether to stop. */
export interface EpochEnd {
  readonly record: EpochRecord;
  /** The evaluation on `data.validation`, when given. */
  readonly validation?: Evaluation;
  /** A strategy's `afterEpoch` returned 'stop' (early stopping). */
  readonly stop: boolean;
}

/** Checks `train`'s options, naming `fn` (`train` or `TrainingSession`) in the errors. */
export function validateTrainOptions(fn: string, options: TrainingSessionOptions): void {
  const { epochs, batchSize = 32, data } = options;
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new ValueError(`${fn}: epochs must be a positive integer, got ${epochs}`);
  }
  if (batchSize !== 'full' && (!Number.isInteger(batchSize) || batchSize < 1)) {
    throw new ValueError(`${fn}: batchSize must be a positive integer or 'full', got ${String(batchSize)}`);
  }
  if (data?.train?.x === undefined || data.train.x.shape[0] === 0) throw new ValueError(`${fn}: data.train is empty`);
  if (data.train.x.shape[0] !== data.train.y.shape[0]) {
    throw new ValueError(`${fn}: data.train has ${data.train.x.shape[0]} samples but ${data.train.y.shape[0]} targets`);
  }
}

/** The rows of `examples` at `indices`. */
function subset(examples: Examples, indices: Int32Array): Examples {
  const index = tensor(indices, { dtype: 'int32' });
  return { x: gather(examples.x, index), y: gather(examples.y, index) };
}

/**
 * `train`'s loop one minibatch at a time, for hosts that must yield between steps (a worker drawing live charts, a
 * stepping debugger) and still compute exactly what `train` computes: `train` is this session driven to the end, with
 * events and checkpoints around it.
 *
 * Drive it with {@link TrainingSession.nextStep} until it returns undefined (the epoch has no batch left), then
 * {@link TrainingSession.endEpoch}; repeat while `epoch ≤ epochs` and no strategy asked to stop. Randomness is
 * `train`'s: one generator initializes the model, then per epoch draws the curriculum and the minibatch order, and per
 * step splits off the generator dropout uses.
 * @example
 * const session = new TrainingSession({ model, loss: softmaxCrossEntropy, optimizer: adam(1e-3), data, epochs: 5, rng: 0 });
 * while (session.epoch <= 5) {
 *   while (session.nextStep() !== undefined) {} // or one step per animation frame
 *   if (session.endEpoch().stop) break;
 * }
 */
export class TrainingSession {
  /** What the session trains, as given. */
  readonly options: TrainingSessionOptions;
  /** The one generator of the run: initialization, curricula, minibatch orders and dropout draw from it. */
  readonly rng: Rng;
  /** `options.strategies`, called in order at each hook. */
  readonly strategies: readonly Strategy[];
  /** Examples in the current (or last) epoch: fewer than all under a curriculum. */
  examples = 0;
  /** The trained parameters after the last step (strategies' choices are in `evaluationParams` and `finalParams`). */
  params: Tree;
  /** The module state (batch-norm running statistics) after the last step. */
  state: Tree;
  /** The optimizer's state after the last step. */
  optimizerState: unknown;
  /** Optimizer steps taken in total (across a resume). */
  step: number;
  /** The epoch in progress, or the next one to run between epochs (1-based). */
  epoch: number;
  /** One record per finished epoch, including those before a resume. */
  readonly history: EpochRecord[];
  readonly #lossAndState;
  #batches: Iterator<Examples> | undefined;
  #lossSum = 0;
  #stepsThisEpoch = 0;
  #started = 0;

  /** A new run, or the continuation of `resumed` (a checkpoint written by a run with the same options). */
  constructor(options: TrainingSessionOptions, resumed?: Checkpoint) {
    validateTrainOptions('TrainingSession', options);
    this.options = options;
    this.strategies = options.strategies ?? [];
    this.rng = options.rng instanceof Rng ? options.rng : createRng(options.rng);
    if (resumed !== undefined) {
      ({ params: this.params, state: this.state, optimizerState: this.optimizerState, step: this.step } = resumed);
      this.rng.setState(resumed.rng);
      this.history = [...resumed.history];
      this.epoch = resumed.epoch + 1;
      this.strategies.forEach((strategy, i) => {
        strategy.setState?.(resumed.strategies[i]);
      });
    } else {
      ({ params: this.params, state: this.state } = options.initial ?? options.model.init(this.rng.split()));
      this.optimizerState = options.optimizer.init(this.params);
      this.step = 0;
      this.history = [];
      this.epoch = 1;
    }
    const { model, loss } = options;
    this.#lossAndState = valueAndGrad(
      (p: Tree, x: Tensor, y: Tensor, dropoutRng: Rng) => {
        const out = model.apply(p, this.state, x, { training: true, rng: dropoutRng });
        return [loss(out.y, y), out.state] as const;
      },
      { hasAux: true },
    );
  }

  /** What strategies see now, at `epoch`. */
  context(epoch: number = this.epoch): StrategyContext {
    return { epoch, step: this.step, params: this.params, history: this.history };
  }

  /** The parameters to evaluate: the trained ones after the strategies' `evaluationParams` (averaged iterates). */
  evaluationParams(epoch: number = this.epoch): Tree {
    return this.strategies.reduce<Tree>(
      (current, s) => s.evaluationParams?.({ ...this.context(epoch), params: current }) ?? current,
      this.params,
    );
  }

  /** The parameters to use once training ends: a strategy's `finalParams` (the best epoch), or `evaluationParams`. */
  finalParams(): Tree {
    const last = this.epoch - 1;
    const chosen = this.strategies.reduce<Tree | undefined>(
      (picked, s) => picked ?? s.finalParams?.(this.context(last)),
      undefined,
    );
    return chosen ?? this.evaluationParams(last);
  }

  /**
   * One minibatch step of the current epoch (starting it first if none is in progress): the step's loss, or
   * undefined when the epoch has no batch left. A non-finite loss throws a `NonFiniteLossError` and changes nothing.
   */
  nextStep(): number | undefined {
    if (this.#batches === undefined) this.#beginEpoch();
    const next = (this.#batches as Iterator<Examples>).next();
    if (next.done === true) return undefined;
    const batch = next.value;
    const dropoutRng = this.rng.split();
    const { optimizer } = this.options;
    const outcome = tidy(() => {
      const [[value, nextState], grads] = this.#lossAndState(this.params, batch.x, batch.y, dropoutRng);
      const lossValue = value.item();
      if (!Number.isFinite(lossValue)) return { lossValue };
      const [updates, nextOptimizerState] = optimizer.update(grads, this.optimizerState, this.params);
      return {
        lossValue,
        params: applyUpdates(this.params, updates),
        state: nextState as Tree,
        optimizerState: nextOptimizerState,
      };
    });
    this.step++;
    if (outcome.params === undefined) {
      throw new NonFiniteLossError(this.epoch, this.step, outcome.lossValue, this.params, this.state);
    }
    this.params = outcome.params;
    this.state = outcome.state as Tree;
    this.optimizerState = outcome.optimizerState;
    this.#lossSum += outcome.lossValue;
    this.#stepsThisEpoch++;
    for (const s of this.strategies) s.afterStep?.(this.context());
    return outcome.lossValue;
  }

  /**
   * Closes the current epoch (running what is left of it first): evaluates on the validation data, records the
   * epoch in `history`, calls the strategies' `afterEpoch`, and moves `epoch` on.
   */
  endEpoch(): EpochEnd {
    while (this.nextStep() !== undefined) {}
    const epoch = this.epoch;
    let record: EpochRecord = {
      epoch,
      trainLoss: this.#lossSum / this.#stepsThisEpoch,
      steps: this.#stepsThisEpoch,
      seconds: (performance.now() - this.#started) / 1000,
    };
    const { model, loss, data } = this.options;
    const validation =
      data.validation === undefined
        ? undefined
        : evaluate(model, this.evaluationParams(epoch), this.state, loss, data.validation);
    if (validation !== undefined) {
      record = {
        ...record,
        validationLoss: validation.loss,
        ...(validation.accuracy === undefined
          ? {}
          : { validationAccuracy: validation.accuracy, validationError: 1 - validation.accuracy }),
      };
    }
    this.history.push(record);
    const stop = this.strategies.some((s) => s.afterEpoch?.(this.context(epoch)) === 'stop');
    this.#batches = undefined;
    this.epoch = epoch + 1;
    return { record, ...(validation === undefined ? {} : { validation }), stop };
  }

  /** Everything a checkpoint holds, between epochs: with it a new session continues bit for bit. */
  checkpoint(): Checkpoint {
    if (this.#batches !== undefined) {
      throw new ValueError(`TrainingSession: checkpoint() between epochs only; epoch ${this.epoch} is in progress`);
    }
    return {
      epoch: this.epoch - 1,
      step: this.step,
      params: this.params,
      state: this.state,
      optimizerState: this.optimizerState,
      rng: this.rng.getState(),
      strategies: this.strategies.map((s) => s.getState?.()),
      history: this.history,
    };
  }

  /** Draws the epoch's examples (a curriculum's choice) and, lazily, its minibatch order. */
  #beginEpoch(): void {
    this.#started = performance.now();
    const { data, batchSize = 32 } = this.options;
    const count = data.train.x.shape[0];
    const chosen = this.strategies.reduce<Int32Array | undefined>(
      (picked, s) => picked ?? s.selectExamples?.(this.epoch, count, this.rng),
      undefined,
    );
    const examples = chosen === undefined ? data.train : subset(data.train, chosen);
    this.examples = examples.x.shape[0];
    this.#lossSum = 0;
    this.#stepsThisEpoch = 0;
    this.#batches = batches(examples, { batchSize, rng: this.rng, shuffle: batchSize !== 'full' });
  }
}
