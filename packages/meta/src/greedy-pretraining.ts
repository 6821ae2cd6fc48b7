import type { Examples } from '@descent/data';
import {
  type ActivationName,
  type AnyModule,
  leakyRelu,
  mlp,
  relu,
  sigmoid,
  softplus,
  type Tree,
  tanh,
} from '@descent/nn';
import type { GradientTransformation } from '@descent/optim';
import { createRng, Rng, type Tensor, tidy, ValueError } from '@descent/tensor';
import { train } from './train.js';
import type { EpochRecord, TrainEvent, TrainOptions, TrainResult } from './types.js';

/** Options of {@link greedyPretraining}: the final network's sizes, and how each stage and the fine-tuning train. */
export interface GreedyPretrainingOptions {
  /** Layer sizes of the final network: [inputs, hidden₁, …, hidden_K, outputs]. */
  readonly sizes: readonly number[];
  /** The hidden activation of every network; default relu. */
  readonly activation?: ActivationName;
  /** The surrogate loss of every stage and of the fine-tuning, e.g. `softmaxCrossEntropy`. */
  readonly loss: TrainOptions['loss'];
  /** A fresh optimizer per stage (and for fine-tuning): its state must not carry over between networks. */
  readonly optimizer: () => GradientTransformation;
  /** Training and optional validation data, as for `train`; later stages see it through the trained layers. */
  readonly data: TrainOptions['data'];
  /** Epochs of training for each greedy stage. */
  readonly epochsPerStage: number;
  /** Epochs of joint fine-tuning of the whole network at the end. */
  readonly fineTuneEpochs: number;
  /** Examples per step, as for `train`; default 32. */
  readonly batchSize?: number | 'full';
  /** A seed or a generator; each stage and the fine-tuning get a generator split from it. */
  readonly rng: Rng | number;
  /** Receives every training event, with the stage it came from: 1, 2, … for the greedy stages, then `'fine-tune'`. */
  readonly onEvent?: (event: TrainEvent, stage: number | 'fine-tune') => void;
}

/**
 * What {@link greedyPretraining} returns: the deep network with its fine-tuned parameters, and every stage's history.
 */
export interface GreedyPretrainingResult {
  /** The final network, `mlp(sizes, { activation })`. */
  readonly model: AnyModule;
  /** The parameters after fine-tuning (`fineTune.params`). */
  readonly params: Tree;
  /** The module state after fine-tuning. */
  readonly state: Tree;
  /** One entry per greedy stage: the depth of the network trained and its history. */
  readonly stages: readonly { readonly depth: number; readonly history: readonly EpochRecord[] }[];
  /** The result of the final joint fine-tuning. */
  readonly fineTune: TrainResult;
}

/**
 * Greedy supervised pretraining (Deep Learning 8.7.4; Bengio et al. 2007): stage k trains a shallow network, one
 * hidden layer and an output layer, on the features computed by the k − 1 hidden layers already trained (held
 * fixed); its hidden layer joins the stack. After the last stage the whole deep network, initialized from the
 * stages, is fine-tuned jointly.
 * @see https://papers.nips.cc/paper/3048-greedy-layer-wise-training-of-deep-networks
 * @example await greedyPretraining({ sizes: [64, 64, 64, 10], loss: softmaxCrossEntropy, optimizer: () => adam(1e-2), data, epochsPerStage: 5, fineTuneEpochs: 10, rng: 0 })
 */
export async function greedyPretraining(options: GreedyPretrainingOptions): Promise<GreedyPretrainingResult> {
  const {
    sizes,
    activation = 'relu',
    loss,
    optimizer,
    data,
    epochsPerStage,
    fineTuneEpochs,
    batchSize,
    onEvent,
  } = options;
  if (sizes.length < 3) throw new ValueError(`greedyPretraining: sizes need at least one hidden layer, got [${sizes}]`);
  const rng = options.rng instanceof Rng ? options.rng : createRng(options.rng);
  const outputs = sizes[sizes.length - 1];
  const hidden: Tree[] = [];
  const stages: { depth: number; history: readonly EpochRecord[] }[] = [];
  let features: { train: Examples; validation?: Examples } = data;
  let lastOutputLayer: Tree = null;
  for (let k = 1; k < sizes.length - 1; k++) {
    const shallow = mlp([sizes[k - 1], sizes[k], outputs], { activation });
    const result = await train({
      model: shallow,
      loss,
      optimizer: optimizer(),
      data: features,
      epochs: epochsPerStage,
      rng: rng.split(),
      ...(batchSize === undefined ? {} : { batchSize }),
      ...(onEvent === undefined ? {} : { onEvent: (event: TrainEvent) => onEvent(event, k) }),
    });
    const [layer, , output] = result.params as Tree[];
    hidden.push(layer);
    lastOutputLayer = output;
    stages.push({ depth: k, history: result.history });
    // The next stage learns on this stage's hidden representation, with the layers below held fixed.
    const encoder = mlp([sizes[k - 1], sizes[k]]);
    const encode = (x: Tensor) =>
      tidy(() => hiddenActivation(activation, encoder.apply([layer], [null], x, { training: false }).y));
    features = {
      train: { x: encode(features.train.x), y: features.train.y },
      ...(features.validation === undefined
        ? {}
        : { validation: { x: encode(features.validation.x), y: features.validation.y } }),
    };
  }
  const model = mlp(sizes, { activation });
  const initial = model.init(rng.split());
  // mlp's parameter list alternates dense layers and (parameterless) activations, ending with the output layer.
  const params = (initial.params as Tree[]).map((entry, i) => {
    if (i === (initial.params as Tree[]).length - 1) return lastOutputLayer;
    return entry === null ? null : hidden[i / 2];
  });
  const fineTune = await train({
    model,
    loss,
    optimizer: optimizer(),
    data,
    epochs: fineTuneEpochs,
    rng: rng.split(),
    initial: { params, state: initial.state },
    ...(batchSize === undefined ? {} : { batchSize }),
    ...(onEvent === undefined ? {} : { onEvent: (event: TrainEvent) => onEvent(event, 'fine-tune') }),
  });
  return { model, params: fineTune.params, state: fineTune.state, stages, fineTune };
}

/** The activation `mlp` puts after a hidden layer, applied on its own. */
function hiddenActivation(name: ActivationName, h: Tensor): Tensor {
  const modules = { relu, tanh, sigmoid, softplus, leakyRelu } as const;
  if (name === 'linear') return h;
  return modules[name]().apply(null, null, h, { training: false }).y;
}
