import { valueAndGrad } from '@descent/autodiff';
import { type Examples, loadDataset, type Standardizer, split, standardize, synthetic } from '@descent/data';
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
  NonFiniteLossError,
  polyakAveraging,
  type Strategy,
  TrainingSession,
} from '@descent/meta';
import { type AnyModule, dense, mlp, relu, sigmoid, softmaxCrossEntropy, type Tree, tanh } from '@descent/nn';
import { batchNorm } from '@descent/norm';
import {
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
 * is `@descent/meta`'s `TrainingSession`, the one `train` runs to the end, so a config exported from here replays
 * with the same numbers in the CLI. The lab adds what it draws: train accuracy and the learning rate per epoch, the
 * decision boundary and per-layer histograms.
 */
export class LabSession {
  readonly model: AnyModule;
  readonly transformation: GradientTransformation;
  readonly strategies: Strategy[];
  readonly epochs: LabEpoch[] = [];
  readonly schedule: Schedule;
  status: LabStatus = 'running';
  message = '';
  /** The parameters shown: the trained ones, then a strategy's final choice (the best epoch) once finished. */
  params: Tree;
  readonly #session: TrainingSession;
  readonly #layers: { module: AnyModule; hidden?: number }[];
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
    this.#session = new TrainingSession({
      model: this.model,
      loss: softmaxCrossEntropy,
      optimizer: this.transformation,
      data: { train: data.train, validation: data.validation },
      epochs: config.epochs,
      batchSize: config.batchSize,
      rng: seed,
      strategies: this.strategies,
    });
    this.params = this.#session.params;
    const model = this.model;
    // For the histograms: the gradient of the training loss on the probe batch, with its batch statistics.
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

  /** The module state (batch-norm running statistics). */
  get state(): Tree {
    return this.#session.state;
  }

  /** Optimizer steps taken. */
  get step(): number {
    return this.#session.step;
  }

  /** The epoch in progress (the last one once finished). */
  get epoch(): number {
    return this.status === 'running' ? this.#session.epoch : this.#session.epoch - 1;
  }

  /** One record per finished epoch, as `train` keeps them. */
  get history(): readonly EpochRecord[] {
    return this.#session.history;
  }

  /** The parameters to evaluate: after averaging strategies. */
  evaluationParams(): Tree {
    return this.#session.evaluationParams();
  }

  /**
   * One minibatch step. Returns the finished epoch's record when this step ended an epoch, undefined otherwise.
   * After the last epoch (or an early stop) `status` leaves 'running'.
   */
  advance(): LabEpoch | undefined {
    if (this.status !== 'running') return undefined;
    try {
      const loss = this.#session.nextStep();
      this.params = this.#session.params;
      if (loss !== undefined) return undefined;
    } catch (error) {
      if (!(error instanceof NonFiniteLossError)) throw error;
      this.status = 'failed';
      this.message = `the loss became ${error.loss} at step ${error.step} (epoch ${error.epoch}): lower the learning rate`;
      return undefined;
    }
    return this.#endEpoch();
  }

  #endEpoch(): LabEpoch {
    const session = this.#session;
    const examples = session.examples;
    const { record, stop } = session.endEpoch();
    const train = evaluate(
      this.model,
      session.evaluationParams(record.epoch),
      this.state,
      softmaxCrossEntropy,
      this.data.train,
    );
    const epoch: LabEpoch = {
      epoch: record.epoch,
      trainLoss: record.trainLoss,
      trainAccuracy: train.accuracy ?? Number.NaN,
      validationLoss: record.validationLoss ?? Number.NaN,
      validationAccuracy: record.validationAccuracy ?? Number.NaN,
      examples,
      learningRate: this.schedule(Math.max(0, this.step - 1)),
    };
    this.epochs.push(epoch);
    if (stop) {
      this.status = 'early-stopped';
      this.message = `early stopping after epoch ${record.epoch}`;
    } else if (record.epoch >= this.config.epochs) {
      this.status = 'finished';
      this.message = `${this.config.epochs} epochs`;
    }
    if (this.status !== 'running') this.params = session.finalParams();
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
