import { valueAndGrad } from '@descent/autodiff';
import { batches, type Examples, loadDataset, type Standardizer, split, standardize, synthetic } from '@descent/data';
import {
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  type Initializer,
  lecunNormal,
  lecunUniform,
  orthogonal,
  sparse,
  truncatedNormal,
  zeros,
} from '@descent/init';
import {
  type EpochRecord,
  earlyStopping,
  ema,
  evaluate,
  curriculum as makeCurriculum,
  polyakAveraging,
  type Strategy,
  type StrategyContext,
} from '@descent/meta';
import { type AnyModule, dense, mlp, relu, sigmoid, softmaxCrossEntropy, type Tree, tanh } from '@descent/nn';
import { batchNorm } from '@descent/norm';
import {
  applyUpdates,
  constantSchedule,
  cosineDecay,
  exponentialDecay,
  type GradientTransformation,
  linearSchedule,
  type Schedule,
  stepDecay,
  warmupCosineDecay,
} from '@descent/optim';
import { createRng, gather, type Rng, softmax, type Tensor, tensor, tidy } from '@descent/tensor';
import { firstOrderTransformation, paramValue } from './methods.js';
import { type Histogram, histogram } from './stats.js';
import { BUILTIN_SETS, type InitializerChoice, type LabState } from './url-state.js';

/** The data a lab run trains on, standardized with training statistics. */
export interface LabData {
  readonly title: string;
  readonly description: string;
  readonly train: Examples;
  readonly validation: Examples;
  readonly features: number;
  readonly classes: number;
  readonly classNames: readonly string[];
  readonly standardizer: Standardizer;
  /** For 2-D sets: the raw training points, for the decision-boundary map. */
  readonly plane?: {
    readonly x: Float32Array;
    readonly y: Int32Array;
    readonly bounds: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  };
}

/** The share of the data the CLI holds out as a test set; the lab holds out the same so splits agree. */
export const TEST_FRACTION = 0.15;

/** The noise of a synthetic set: the lab's choice, or the CLI's default (0.2 for moons, 0.1 otherwise). */
export function syntheticNoise(state: LabState): number {
  return state.dataNoise ?? (state.dataset === 'moons' ? 0.2 : 0.1);
}

/**
 * Loads or generates the lab's dataset and splits it as `descent train` does: synthetic points drawn with `seed`, a
 * stratified split seeded with `seed` into train, validation and a test part (held out, unused here), and
 * standardization with training statistics.
 */
export async function loadLabData(state: LabState, seed: number): Promise<LabData> {
  const builtin = (BUILTIN_SETS as readonly string[]).includes(state.dataset);
  const dataset = builtin
    ? await loadDataset(state.dataset as (typeof BUILTIN_SETS)[number])
    : synthetic(state.dataset as 'spiral', { n: state.points, noise: syntheticNoise(state), rng: seed });
  const parts = split(dataset, {
    rng: seed,
    stratified: true,
    fractions: { validation: state.validation, test: TEST_FRACTION },
  });
  const standardizer = standardize(parts.train);
  const features = dataset.x.shape[1];
  const classes = Math.max(dataset.classNames.length, 2);
  const train = { x: standardizer.transform(parts.train.x), y: parts.train.y };
  const validation = { x: standardizer.transform(parts.validation.x), y: parts.validation.y };
  let plane: LabData['plane'];
  if (features === 2) {
    const x = Float32Array.from(parts.train.x.dataSync());
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < x.length; i += 2) {
      x0 = Math.min(x0, x[i]);
      x1 = Math.max(x1, x[i]);
      y0 = Math.min(y0, x[i + 1]);
      y1 = Math.max(y1, x[i + 1]);
    }
    const mx = 0.08 * (x1 - x0);
    const my = 0.08 * (y1 - y0);
    plane = {
      x,
      y: Int32Array.from(parts.train.y.dataSync()),
      bounds: { x: [x0 - mx, x1 + mx], y: [y0 - my, y1 + my] },
    };
  }
  return {
    title: builtin ? dataset.name : `${dataset.name} (synthetic)`,
    description: dataset.description ?? '',
    train,
    validation,
    features,
    classes,
    classNames: dataset.classNames,
    standardizer,
    ...(plane === undefined ? {} : { plane }),
  };
}

/** The initializers of the lab, by the CLI's names; biases start at zero. */
export const INITIALIZER_FUNCTIONS: Readonly<Record<InitializerChoice, Initializer>> = {
  glorotUniform,
  glorotNormal,
  heUniform,
  heNormal,
  lecunUniform,
  lecunNormal,
  orthogonal,
  sparse,
  truncatedNormal: (shape, options) => truncatedNormal(shape, { ...options, std: 0.05 }),
  zeros: (shape, options) => zeros(shape, options),
};

/** The lab's network: `mlp` with the chosen initializer, activation and batch norm. */
export function buildModel(state: LabState, features: number, classes: number): AnyModule {
  return mlp([features, ...state.hidden, classes], {
    activation: state.activation,
    kernelInitializer: INITIALIZER_FUNCTIONS[state.initializer],
    ...(state.batchNorm ? { normalization: (width: number) => batchNorm(width) } : {}),
  });
}

/**
 * The same layers `mlp` builds, one module per entry of its parameter list, so that a forward pass can stop after
 * each hidden layer for the histograms.
 */
function layerModules(state: LabState, features: number, classes: number): { module: AnyModule; hidden?: number }[] {
  const sizes = [features, ...state.hidden, classes];
  const act = { relu, tanh, sigmoid }[state.activation];
  const layers: { module: AnyModule; hidden?: number }[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    layers.push({ module: dense(sizes[i], sizes[i + 1]) as AnyModule });
    if (i + 2 === sizes.length) break;
    if (state.batchNorm) layers.push({ module: batchNorm(sizes[i + 1]) as AnyModule });
    layers.push({ module: act() as AnyModule, hidden: i });
  }
  return layers;
}

/** The CLI's `--schedule` spec of the lab's schedule choice, for a run of `epochs` epochs. */
export function scheduleSpec(state: LabState): string {
  switch (state.schedule) {
    case 'constant':
    case 'cosine':
    case 'linear':
      return state.schedule;
    case 'warmup-cosine':
      return 'warmup-cosine:1';
    case 'exponential':
      return 'exponential:0.95';
    case 'step':
      return `step:${Math.max(1, Math.round(state.epochs / 4))},0.5`;
  }
}

/**
 * The learning rate over the run, as `descent train` resolves its `--schedule` spec (epoch counts become step
 * counts): constant; cosine decay to 0; one epoch of linear warmup, then cosine; ×0.95 per epoch; ×0.5 every quarter
 * of the run; linear decay to 0.
 */
export function learningRateSchedule(state: LabState, stepsPerEpoch: number): Schedule {
  const lr = paramValue(state.optimizer, 'lr');
  const total = Math.max(1, stepsPerEpoch * state.epochs);
  switch (state.schedule) {
    case 'constant':
      return constantSchedule(lr);
    case 'cosine':
      return cosineDecay({ initValue: lr, decaySteps: total });
    case 'warmup-cosine': {
      const warmupSteps = Math.round(stepsPerEpoch);
      return warmupCosineDecay({
        initValue: 0,
        peakValue: lr,
        warmupSteps,
        decaySteps: Math.max(total, warmupSteps + 1),
      });
    }
    case 'exponential':
      return exponentialDecay({ initValue: lr, decayRate: 0.95, transitionSteps: stepsPerEpoch });
    case 'step':
      return stepDecay({
        initValue: lr,
        stepSize: Math.max(1, Math.round(state.epochs / 4)) * stepsPerEpoch,
        decayRate: 0.5,
      });
    case 'linear':
      return linearSchedule({ initValue: lr, endValue: 0, transitionSteps: total });
  }
}

/**
 * A difficulty score per training example for curriculum learning (the CLI's `classMarginDifficulty`): the distance
 * to the mean of its own class divided by the distance to the nearest other class mean. Typical examples near their
 * class centre come first; atypical ones and those between classes last.
 */
export function classMarginDifficulty(x: ArrayLike<number>, y: ArrayLike<number>, features: number): Float64Array {
  const n = y.length;
  let classes = 0;
  for (let i = 0; i < n; i++) classes = Math.max(classes, y[i] + 1);
  const centres = new Float64Array(classes * features);
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    counts[y[i]]++;
    for (let j = 0; j < features; j++) centres[y[i] * features + j] += x[i * features + j];
  }
  for (let k = 0; k < classes; k++) {
    for (let j = 0; j < features; j++) centres[k * features + j] /= Math.max(1, counts[k]);
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let own = 0;
    let nearest = Number.POSITIVE_INFINITY;
    for (let k = 0; k < classes; k++) {
      if (counts[k] === 0) continue;
      let distance = 0;
      for (let j = 0; j < features; j++) {
        const d = x[i * features + j] - centres[k * features + j];
        distance += d * d;
      }
      if (k === y[i]) own = Math.sqrt(distance);
      else nearest = Math.min(nearest, Math.sqrt(distance));
    }
    scores[i] = own / Math.max(nearest, 1e-12);
  }
  return scores;
}

/** One epoch of the lab's curves. */
export interface LabEpoch {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly validationLoss: number;
  readonly validationAccuracy: number;
  /** Examples used this epoch (fewer than all under a curriculum). */
  readonly examples: number;
  readonly learningRate: number;
}

export interface LayerHistograms {
  readonly layer: number;
  readonly activations: Histogram;
  readonly gradients: Histogram;
}

export type LabStatus = 'running' | 'finished' | 'early-stopped' | 'failed';

const HISTOGRAM_BATCH = 256;

/**
 * A training run of the network lab, stepped one minibatch at a time so a worker can yield between steps. The loop
 * is `train` from `@descent/meta`, unrolled: the same generator draws in the same order (initialization, then per
 * epoch the curriculum and the batch order, then per step the dropout generator), the same strategies hooks, the
 * same evaluation, so a config exported from here replays with the same numbers in the CLI.
 */
export class LabSession {
  readonly model: AnyModule;
  readonly transformation: GradientTransformation;
  readonly strategies: Strategy[];
  readonly history: EpochRecord[] = [];
  readonly epochs: LabEpoch[] = [];
  readonly schedule: Schedule;
  status: LabStatus = 'running';
  message = '';
  params: Tree;
  state: Tree;
  step = 0;
  epoch = 1;
  readonly #rng: Rng;
  readonly #layers: { module: AnyModule; hidden?: number }[];
  #optimizerState: unknown;
  #iterator: Iterator<{ x: Tensor; y: Tensor }> | undefined;
  #examples = 0;
  #lossSum = 0;
  #stepsThisEpoch = 0;
  readonly #lossAndState;
  readonly #probe: Examples;

  constructor(
    readonly config: LabState,
    readonly data: LabData,
    seed: number,
  ) {
    this.model = buildModel(config, data.features, data.classes);
    this.#layers = layerModules(config, data.features, data.classes);
    const n = data.train.x.shape[0];
    this.schedule = learningRateSchedule(config, Math.ceil(n / config.batchSize));
    this.transformation = firstOrderTransformation(config.optimizer, this.schedule);
    this.strategies = [];
    if (config.curriculum > 0) {
      this.strategies.push(
        makeCurriculum({
          difficulty: classMarginDifficulty(data.train.x.dataSync(), data.train.y.dataSync(), data.features),
          fullAt: config.curriculum,
        }),
      );
    }
    if (config.averaging === 'polyak') this.strategies.push(polyakAveraging());
    if (config.averaging === 'ema') this.strategies.push(ema(config.emaDecay));
    if (config.patience > 0) this.strategies.push(earlyStopping({ patience: config.patience }));
    this.#rng = createRng(seed);
    ({ params: this.params, state: this.state } = this.model.init(this.#rng.split()));
    this.#optimizerState = this.transformation.init(this.params);
    const model = this.model;
    this.#lossAndState = valueAndGrad(
      (p: Tree, x: Tensor, y: Tensor, dropoutRng: Rng) => {
        const out = model.apply(p, this.state, x, { training: true, rng: dropoutRng });
        return [softmaxCrossEntropy(out.y, y), out.state] as const;
      },
      { hasAux: true },
    );
    const probeSize = Math.min(HISTOGRAM_BATCH, n);
    const index = tensor(
      Int32Array.from({ length: probeSize }, (_, i) => i),
      { dtype: 'int32' },
    );
    this.#probe = { x: gather(data.train.x, index), y: gather(data.train.y, index) };
  }

  #context(): StrategyContext {
    return { epoch: this.epoch, step: this.step, params: this.params, history: this.history };
  }

  /** The parameters to evaluate: after averaging strategies. */
  evaluationParams(): Tree {
    return this.strategies.reduce<Tree>(
      (current, s) => s.evaluationParams?.({ ...this.#context(), params: current }) ?? current,
      this.params,
    );
  }

  /**
   * One minibatch step. Returns the finished epoch's record when this step ended an epoch, undefined otherwise.
   * After the last epoch (or an early stop) `status` leaves 'running'.
   */
  advance(): LabEpoch | undefined {
    if (this.status !== 'running') return undefined;
    if (this.#iterator === undefined) {
      const count = this.data.train.x.shape[0];
      const chosen = this.strategies.reduce<Int32Array | undefined>(
        (picked, s) => picked ?? s.selectExamples?.(this.epoch, count, this.#rng),
        undefined,
      );
      const examples =
        chosen === undefined
          ? this.data.train
          : (() => {
              const index = tensor(chosen, { dtype: 'int32' });
              return { x: gather(this.data.train.x, index), y: gather(this.data.train.y, index) };
            })();
      this.#examples = examples.x.shape[0];
      this.#iterator = batches(examples, { batchSize: this.config.batchSize, rng: this.#rng, shuffle: true });
      this.#lossSum = 0;
      this.#stepsThisEpoch = 0;
    }
    const next = this.#iterator.next();
    if (next.done) return this.#endEpoch();
    const batch = next.value;
    const dropoutRng = this.#rng.split();
    const outcome = tidy(() => {
      const [[value, nextState], grads] = this.#lossAndState(this.params, batch.x, batch.y, dropoutRng);
      const lossValue = value.item();
      if (!Number.isFinite(lossValue)) return { lossValue };
      const [updates, nextOptimizerState] = this.transformation.update(grads, this.#optimizerState, this.params);
      return {
        lossValue,
        params: applyUpdates(this.params, updates),
        state: nextState as Tree,
        optimizerState: nextOptimizerState,
      };
    });
    this.step++;
    if (outcome.params === undefined) {
      this.status = 'failed';
      this.message = `the loss became ${outcome.lossValue} at step ${this.step} (epoch ${this.epoch}): lower the learning rate`;
      return undefined;
    }
    this.params = outcome.params;
    this.state = outcome.state as Tree;
    this.#optimizerState = outcome.optimizerState;
    this.#lossSum += outcome.lossValue;
    this.#stepsThisEpoch++;
    for (const s of this.strategies) s.afterStep?.(this.#context());
    return undefined;
  }

  #endEpoch(): LabEpoch {
    this.#iterator = undefined;
    const evalParams = this.evaluationParams();
    const validation = evaluate(this.model, evalParams, this.state, softmaxCrossEntropy, this.data.validation);
    const train = evaluate(this.model, evalParams, this.state, softmaxCrossEntropy, this.data.train);
    const record: EpochRecord = {
      epoch: this.epoch,
      trainLoss: this.#lossSum / Math.max(1, this.#stepsThisEpoch),
      steps: this.#stepsThisEpoch,
      seconds: 0,
      validationLoss: validation.loss,
      ...(validation.accuracy === undefined
        ? {}
        : { validationAccuracy: validation.accuracy, validationError: 1 - validation.accuracy }),
    };
    this.history.push(record);
    const epoch: LabEpoch = {
      epoch: this.epoch,
      trainLoss: record.trainLoss,
      trainAccuracy: train.accuracy ?? Number.NaN,
      validationLoss: validation.loss,
      validationAccuracy: validation.accuracy ?? Number.NaN,
      examples: this.#examples,
      learningRate: this.schedule(Math.max(0, this.step - 1)),
    };
    this.epochs.push(epoch);
    const stop = this.strategies.some((s) => s.afterEpoch?.(this.#context()) === 'stop');
    if (stop) {
      this.status = 'early-stopped';
      this.message = `early stopping after epoch ${this.epoch}`;
    } else if (this.epoch >= this.config.epochs) {
      this.status = 'finished';
      this.message = `${this.config.epochs} epochs`;
    }
    if (this.status !== 'running') {
      const final = this.strategies.reduce<Tree | undefined>(
        (chosen, s) => chosen ?? s.finalParams?.(this.#context()),
        undefined,
      );
      if (final !== undefined) this.params = final;
    } else this.epoch++;
    return epoch;
  }

  /** P(class 1) (two classes) or the winning class's probability scaled by class, on a grid over the plane. */
  boundary(width: number, height: number): Float32Array | undefined {
    const plane = this.data.plane;
    if (plane === undefined) return undefined;
    const { x, y } = plane.bounds;
    const points = new Float32Array(width * height * 2);
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        const k = 2 * (row * width + col);
        points[k] = x[0] + ((col + 0.5) / width) * (x[1] - x[0]);
        points[k + 1] = y[1] - ((row + 0.5) / height) * (y[1] - y[0]);
      }
    }
    const params = this.status === 'running' ? this.evaluationParams() : this.params;
    return tidy(() => {
      const grid = this.data.standardizer.transform(tensor(points, { shape: [width * height, 2] }));
      const logits = this.model.apply(params, this.state, grid, { training: false }).y;
      const probabilities = softmax(logits, -1).dataSync();
      const out = new Float32Array(width * height);
      const classes = this.data.classes;
      for (let i = 0; i < out.length; i++) out[i] = probabilities[i * classes + 1];
      return out;
    });
  }

  /**
   * Per hidden layer, histograms of its activations and of the loss gradient with respect to its weights, on a fixed
   * batch of training examples, with batch statistics (training mode) as the optimizer sees them.
   */
  histograms(bins = 24): LayerHistograms[] {
    return tidy(() => {
      const rng = createRng(0);
      let h = this.#probe.x;
      const activations: Float32Array[] = [];
      const params = this.params as Tree[];
      const state = this.state as Tree[];
      this.#layers.forEach(({ module, hidden }, i) => {
        h = module.apply(params[i], state[i], h, { training: true, rng }).y;
        if (hidden !== undefined) activations.push(Float32Array.from(h.dataSync()));
      });
      const [, grads] = this.#lossAndState(this.params, this.#probe.x, this.#probe.y, rng);
      const weightGrads = (grads as Tree[])
        .filter((entry, i) => entry !== null && this.#layers[i].module.name.startsWith('dense'))
        .map((entry) => Float32Array.from(((entry as { w: Tensor }).w as Tensor).dataSync()));
      return activations.map((values, layer) => ({
        layer,
        activations: histogram(values, bins),
        gradients: histogram(weightGrads[layer], bins),
      }));
    });
  }
}
