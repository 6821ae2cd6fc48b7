import { evaluate, NonFiniteLossError, train } from '@descent/meta';
import { type AnyModule, softmaxCrossEntropy, type Tree } from '@descent/nn';
import type { GradientTransformation } from '@descent/optim';
import { batchObjective, type IterationInfo, type Method, minimize } from '@descent/second-order';
import { createRng, type Tensor } from '@descent/tensor';
import { asUsage } from '../errors.js';
import type { PreparedData } from '../setup/dataset.js';

/** One optimizer's run on a dataset: the training loss against passes over the training data. */
export interface DataTrace {
  readonly name: string;
  readonly order: 'first' | 'second';
  /** Passes over the training data (epochs, or full-batch evaluations) at each recorded point. */
  readonly passes: number[];
  /** The training loss at each point (first-order: the epoch's mean minibatch loss; second-order: full batch). */
  readonly losses: number[];
  steps: number;
  seconds: number;
  stepsToTolerance?: number;
  secondsToTolerance?: number;
  status: string;
  /** Full-batch losses and accuracies of the final parameters. */
  final?: {
    readonly trainLoss: number;
    readonly validationLoss?: number;
    readonly validationAccuracy?: number;
    readonly testLoss: number;
    readonly testAccuracy?: number;
  };
  message?: string;
}

export interface DataRunOptions {
  readonly seed: number;
  /** Training loss at or below which the tolerance counts as reached. */
  readonly tolerance?: number | undefined;
}

function finalMetrics(
  model: AnyModule,
  params: Tree,
  state: Tree,
  data: PreparedData,
): NonNullable<DataTrace['final']> {
  const trainEval = evaluate(model, params, state, softmaxCrossEntropy, data.train);
  const testEval = evaluate(model, params, state, softmaxCrossEntropy, data.test);
  const validationEval =
    data.validation === undefined ? undefined : evaluate(model, params, state, softmaxCrossEntropy, data.validation);
  return {
    trainLoss: trainEval.loss,
    ...(validationEval === undefined
      ? {}
      : {
          validationLoss: validationEval.loss,
          ...(validationEval.accuracy === undefined ? {} : { validationAccuracy: validationEval.accuracy }),
        }),
    testLoss: testEval.loss,
    ...(testEval.accuracy === undefined ? {} : { testAccuracy: testEval.accuracy }),
  };
}

/** Minibatch training with a gradient transformation for `epochs` epochs (`@descent/meta`'s `train`). */
export async function runFirstOrderOnData(
  name: string,
  optimizer: GradientTransformation,
  model: AnyModule,
  data: PreparedData,
  options: DataRunOptions & { readonly epochs: number; readonly batchSize: number | 'full' },
): Promise<DataTrace> {
  const trace: DataTrace = { name, order: 'first', passes: [], losses: [], steps: 0, seconds: 0, status: 'max-steps' };
  const started = performance.now();
  try {
    const result = await train({
      model,
      loss: softmaxCrossEntropy,
      optimizer,
      data: { train: data.train },
      epochs: options.epochs,
      batchSize: options.batchSize,
      rng: options.seed,
      onEvent: (event) => {
        if (event.type === 'step') trace.steps = event.step;
        if (event.type !== 'epoch') return;
        trace.passes.push(event.record.epoch);
        trace.losses.push(event.record.trainLoss);
        trace.seconds = (performance.now() - started) / 1000;
        if (
          options.tolerance !== undefined &&
          trace.stepsToTolerance === undefined &&
          event.record.trainLoss <= options.tolerance
        ) {
          trace.stepsToTolerance = trace.steps;
          trace.secondsToTolerance = trace.seconds;
        }
      },
    });
    trace.seconds = (performance.now() - started) / 1000;
    trace.status = trace.stepsToTolerance === undefined ? 'max-steps' : 'reached-tolerance';
    trace.final = finalMetrics(model, result.params, result.state, data);
  } catch (error) {
    if (!(error instanceof NonFiniteLossError)) throw error;
    trace.status = 'diverged';
    trace.message = error.message;
    trace.seconds = (performance.now() - started) / 1000;
  }
  return trace;
}

/**
 * A second-order method on the full-batch training loss (`batchObjective` over the whole training set), with the
 * network's parameter tree as the variable. Models with state (batch norm) are not supported here.
 */
export function runSecondOrderOnData(
  method: Method,
  model: AnyModule,
  data: PreparedData,
  options: DataRunOptions & { readonly steps: number },
): DataTrace {
  const trace: DataTrace = { name: method, order: 'second', passes: [], losses: [], steps: 0, seconds: 0, status: '' };
  const { params, state } = model.init(createRng(options.seed).split());
  const loss = (p: Tree, batch: readonly [Tensor, Tensor]) =>
    softmaxCrossEntropy(model.apply(p, state, batch[0], { training: false }).y, batch[1]);
  const objective = batchObjective(loss, [[data.train.x, data.train.y] as const]);
  const started = performance.now();
  trace.passes.push(0);
  trace.losses.push(evaluate(model, params, state, softmaxCrossEntropy, data.train).loss);
  const result = asUsage(() =>
    minimize(objective, params, {
      method,
      maxIterations: options.steps,
      dtype: data.train.x.dtype === 'float64' ? 'float64' : 'float32',
      onIteration: (info: IterationInfo) => {
        if (!info.accepted) return undefined;
        trace.steps = info.iteration;
        trace.passes.push(info.nfev);
        trace.losses.push(info.fun);
        trace.seconds = (performance.now() - started) / 1000;
        if (options.tolerance !== undefined && trace.stepsToTolerance === undefined && info.fun <= options.tolerance) {
          trace.stepsToTolerance = info.iteration;
          trace.secondsToTolerance = trace.seconds;
        }
        return undefined;
      },
    }),
  );
  trace.seconds = (performance.now() - started) / 1000;
  trace.steps = result.nit;
  trace.status = result.status === 'non-finite' ? 'diverged' : result.status;
  trace.message = result.message;
  if (result.status !== 'non-finite' || Number.isFinite(result.fun)) {
    trace.final = finalMetrics(model, result.x as Tree, state, data);
  }
  return trace;
}
