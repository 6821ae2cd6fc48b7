import {
  adadelta,
  adagrad,
  adam,
  adamax,
  adamw,
  chain,
  clipByGlobalNorm,
  type GradientTransformation,
  nadam,
  rmsprop,
  type ScalarOrSchedule,
  sgd,
} from '@descent/optim';
import { UsageError } from '../errors.js';

/** The optimizer hyperparameters the CLI exposes, by their config keys. */
export interface Hyperparameters {
  readonly momentum?: number | undefined;
  readonly nesterov?: boolean | undefined;
  readonly weightDecay?: number | undefined;
  readonly beta1?: number | undefined;
  readonly beta2?: number | undefined;
  readonly eps?: number | undefined;
  readonly decay?: number | undefined;
}

export type HyperparameterName = keyof Hyperparameters;

interface FirstOrderEntry {
  readonly description: string;
  readonly defaultLearningRate: number;
  /** The hyperparameters it takes; others are a usage error rather than silently ignored. */
  readonly accepts: readonly HyperparameterName[];
  readonly build: (learningRate: ScalarOrSchedule, h: Hyperparameters) => GradientTransformation;
}

/** Drops undefined values, so the library sees only what was given (exactOptionalPropertyTypes). */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

const moments = (h: Hyperparameters) => defined({ b1: h.beta1, b2: h.beta2, eps: h.eps, weightDecay: h.weightDecay });

/** First-order optimizers by CLI name: `@descent/optim`'s aliases with PyTorch's rules, plus momentum shorthands. */
export const FIRST_ORDER: Readonly<Record<string, FirstOrderEntry>> = {
  sgd: {
    description: 'stochastic gradient descent (Algorithm 8.1); --momentum and --nesterov add momentum',
    defaultLearningRate: 0.01,
    accepts: ['momentum', 'nesterov', 'weightDecay'],
    build: (lr, h) => sgd(lr, defined({ momentum: h.momentum, nesterov: h.nesterov, weightDecay: h.weightDecay })),
  },
  momentum: {
    description: 'SGD with momentum 0.9 (Algorithm 8.2)',
    defaultLearningRate: 0.01,
    accepts: ['momentum', 'weightDecay'],
    build: (lr, h) => sgd(lr, defined({ momentum: h.momentum ?? 0.9, weightDecay: h.weightDecay })),
  },
  nesterov: {
    description: 'SGD with Nesterov momentum 0.9 (Algorithm 8.3)',
    defaultLearningRate: 0.01,
    accepts: ['momentum', 'weightDecay'],
    build: (lr, h) => sgd(lr, defined({ momentum: h.momentum ?? 0.9, nesterov: true, weightDecay: h.weightDecay })),
  },
  adagrad: {
    description: 'AdaGrad (Algorithm 8.4)',
    defaultLearningRate: 0.01,
    accepts: ['eps', 'weightDecay'],
    build: (lr, h) => adagrad(lr, defined({ eps: h.eps, weightDecay: h.weightDecay })),
  },
  rmsprop: {
    description: 'RMSProp (Algorithms 8.5, 8.6); --decay is ρ, --momentum adds momentum',
    defaultLearningRate: 1e-3,
    accepts: ['decay', 'eps', 'momentum', 'nesterov', 'weightDecay'],
    build: (lr, h) =>
      rmsprop(
        lr,
        defined({
          decay: h.decay,
          eps: h.eps,
          momentum: h.momentum,
          nesterov: h.nesterov,
          weightDecay: h.weightDecay,
        }),
      ),
  },
  adadelta: {
    description: 'AdaDelta (Zeiler 2012); --decay is ρ',
    defaultLearningRate: 1,
    accepts: ['decay', 'eps', 'weightDecay'],
    build: (lr, h) => adadelta(lr, defined({ rho: h.decay, eps: h.eps, weightDecay: h.weightDecay })),
  },
  adam: {
    description: 'Adam (Algorithm 8.7); --beta1, --beta2, --eps, coupled --weight-decay',
    defaultLearningRate: 1e-3,
    accepts: ['beta1', 'beta2', 'eps', 'weightDecay'],
    build: (lr, h) => adam(lr, moments(h)),
  },
  adamw: {
    description: 'Adam with decoupled weight decay (Loshchilov & Hutter 2019); --weight-decay default 0.01',
    defaultLearningRate: 1e-3,
    accepts: ['beta1', 'beta2', 'eps', 'weightDecay'],
    build: (lr, h) => adamw(lr, moments(h)),
  },
  adamax: {
    description: 'AdaMax, Adam with the infinity norm (Kingma & Ba 2015)',
    defaultLearningRate: 2e-3,
    accepts: ['beta1', 'beta2', 'eps', 'weightDecay'],
    build: (lr, h) => adamax(lr, moments(h)),
  },
  nadam: {
    description: 'Nadam, Adam with Nesterov momentum (Dozat 2016)',
    defaultLearningRate: 2e-3,
    accepts: ['beta1', 'beta2', 'eps', 'weightDecay'],
    build: (lr, h) => nadam(lr, moments(h)),
  },
};

/** Second-order methods of `@descent/second-order`'s `minimize`, by name (for listings). */
export const SECOND_ORDER: Readonly<Record<string, string>> = {
  newton: "Newton's method on the exact Hessian, Levenberg-Marquardt damping (8.6.1)",
  'newton-cg': 'truncated Newton: conjugate gradients on Hessian-vector products, line search',
  cg: 'nonlinear conjugate gradients, Polak-Ribière+ (8.6.2)',
  bfgs: 'BFGS quasi-Newton, dense inverse-Hessian estimate (8.6.3)',
  lbfgs: 'limited-memory BFGS (8.6.3)',
  'trust-ncg': 'trust region, Steihaug-Toint conjugate gradients',
  dogleg: "trust region, Powell's dogleg on the exact Hessian",
};

export const FIRST_ORDER_NAMES = Object.keys(FIRST_ORDER);
export const SECOND_ORDER_NAMES = Object.keys(SECOND_ORDER);

export function isFirstOrder(name: string): boolean {
  return Object.hasOwn(FIRST_ORDER, name);
}

export function isSecondOrder(name: string): boolean {
  return Object.hasOwn(SECOND_ORDER, name);
}

/** The optimizer's own name for a hyperparameter key, as a flag: `weightDecay` → `--weight-decay`. */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/**
 * A first-order optimizer from its name, learning rate (or schedule), hyperparameters and an optional global-norm
 * clip, which runs first: `chain(clipByGlobalNorm(c), optimizer)`.
 */
export function buildOptimizer(
  name: string,
  learningRate: ScalarOrSchedule,
  hyperparameters: Hyperparameters,
  clip?: number,
): GradientTransformation {
  const entry = FIRST_ORDER[name];
  if (entry === undefined) {
    const hint = isSecondOrder(name) ? ` (${name} is second-order: use descent minimize or descent compare)` : '';
    throw new UsageError(`unknown optimizer '${name}'${hint}; choose one of ${FIRST_ORDER_NAMES.join(', ')}`);
  }
  for (const [key, value] of Object.entries(hyperparameters)) {
    if (value !== undefined && !entry.accepts.includes(key as HyperparameterName)) {
      throw new UsageError(
        `${flagOf(key)} does not apply to ${name} (it takes ${entry.accepts.map(flagOf).join(', ')})`,
      );
    }
  }
  const optimizer = entry.build(learningRate, hyperparameters);
  return clip === undefined ? optimizer : chain(clipByGlobalNorm(clip), optimizer);
}

/**
 * Default learning rates on the analytic problems, whose curvature is far larger than a network's loss: stable on
 * Rosenbrock from its classic start (λmax ≈ 1000 at the minimum, so plain gradient descent needs ε < 0.002).
 */
const PROBLEM_LEARNING_RATES: Readonly<Record<string, number>> = {
  sgd: 1e-3,
  momentum: 1e-4,
  nesterov: 1e-4,
  adagrad: 0.5,
  rmsprop: 0.01,
  adadelta: 1,
  adam: 0.05,
  adamw: 0.05,
  adamax: 0.05,
  nadam: 0.05,
};

/** The default learning rate of a first-order optimizer on an analytic problem. */
export function problemLearningRate(name: string): number {
  return PROBLEM_LEARNING_RATES[name] ?? FIRST_ORDER[name]?.defaultLearningRate ?? 1e-3;
}

/** An entry of `--optimizers`: a name, an optional learning rate and the method's own settings. */
export interface OptimizerChoice {
  readonly name: string;
  readonly learningRate?: number;
  /** First-order hyperparameters given in the entry (`sgd:1e-3:momentum=0.9`); empty for the defaults. */
  readonly hyperparameters: Hyperparameters;
  /** A first-order method's gradients clipped to this global norm first (`sgd:0.1:clip=1`, 8.2.4). */
  readonly clip?: number;
  /** Newton on |H| (`newton:saddle-free`, 8.2.3): second-order `minimize`'s `saddleFree`. */
  readonly saddleFree?: boolean;
  /** The entry as given, for labels. */
  readonly label: string;
}

/** The settings an entry may carry, spelled as `descent train`'s flags without the dashes. */
const ENTRY_SETTINGS: Readonly<Record<string, HyperparameterName | 'clip' | 'saddleFree'>> = {
  momentum: 'momentum',
  nesterov: 'nesterov',
  'weight-decay': 'weightDecay',
  beta1: 'beta1',
  beta2: 'beta2',
  eps: 'eps',
  decay: 'decay',
  clip: 'clip',
  'saddle-free': 'saddleFree',
};

const BOOLEAN_SETTINGS: ReadonlySet<string> = new Set(['nesterov', 'saddleFree']);

/** A setting's spelling in an entry: `weightDecay` → `weight-decay`. */
function settingOf(key: string): string {
  return flagOf(key).slice(2);
}

function settingValue(entry: string, setting: string, key: string, raw: string): number | boolean {
  if (BOOLEAN_SETTINGS.has(key)) {
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    throw new UsageError(`${setting} in '${entry}' must be true or false, got '${raw}'`);
  }
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`${setting} in '${entry}' must be a number, got '${raw}'`);
  return value;
}

/**
 * One `--optimizers` entry: `name[:learningRate][:setting=value…]`, such as `sgd:1e-3:momentum=0.9:nesterov`,
 * `adam:0.01:beta1=0.8:clip=1` or `newton:saddle-free`; a boolean setting alone means true. Settings a method does not take,
 * and values its library function refuses, are usage errors before anything runs.
 */
function parseOptimizerEntry(entry: string, methods: readonly string[]): OptimizerChoice {
  const [name, ...parts] = entry.split(':') as [string, ...string[]];
  const firstOrder = isFirstOrder(name);
  if (!firstOrder && !methods.includes(name)) {
    throw new UsageError(`unknown optimizer '${name}'; choose from ${[...FIRST_ORDER_NAMES, ...methods].join(', ')}`);
  }
  let learningRate: number | undefined;
  let saddleFree: boolean | undefined;
  let clip: number | undefined;
  const hyperparameters: Record<string, number | boolean> = {};
  parts.forEach((part, index) => {
    const equals = part.indexOf('=');
    const setting = equals < 0 ? part : part.slice(0, equals);
    if (index === 0 && equals < 0 && !Object.hasOwn(ENTRY_SETTINGS, setting)) {
      if (!firstOrder) throw new UsageError(`${name} is second-order and takes no learning rate ('${entry}')`);
      learningRate = Number(part);
      if (!(Number.isFinite(learningRate) && learningRate > 0)) {
        throw new UsageError(`the learning rate in '${entry}' must be a positive number`);
      }
      return;
    }
    const key = Object.hasOwn(ENTRY_SETTINGS, setting) ? ENTRY_SETTINGS[setting] : undefined;
    if (key === undefined) {
      throw new UsageError(
        `unknown setting '${setting}' in '${entry}'; an entry is name[:learningRate][:setting=value…] with settings ${Object.keys(ENTRY_SETTINGS).join(', ')}`,
      );
    }
    const value = settingValue(entry, setting, key, equals < 0 ? 'true' : part.slice(equals + 1));
    if (key === 'saddleFree') {
      if (name !== 'newton') throw new UsageError(`saddle-free applies to newton only ('${entry}')`);
      saddleFree = value as boolean;
      return;
    }
    if (!firstOrder) throw new UsageError(`${name} is second-order and takes no ${setting} ('${entry}')`);
    if (key === 'clip') {
      clip = value as number;
      return;
    }
    const accepts = FIRST_ORDER[name].accepts;
    if (!accepts.includes(key)) {
      throw new UsageError(
        `${setting} does not apply to ${name} (it takes ${accepts.map(settingOf).join(', ')}): '${entry}'`,
      );
    }
    hyperparameters[key] = value;
  });
  // Build once now, so that a value the library refuses (a β of 1, a negative decay) stops the command before any
  // optimizer has run.
  if (firstOrder) {
    try {
      buildOptimizer(name, learningRate ?? 1, hyperparameters, clip);
    } catch (error) {
      throw new UsageError(`'${entry}': ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    name,
    ...(learningRate === undefined ? {} : { learningRate }),
    hyperparameters,
    ...(clip === undefined ? {} : { clip }),
    ...(saddleFree === undefined ? {} : { saddleFree }),
    label: entry,
  };
}

/** Parses `--optimizers sgd:1e-3:momentum=0.9,adam,lbfgs`: see `parseOptimizerEntry`. */
export function parseOptimizerList(entries: readonly string[], methods: readonly string[]): OptimizerChoice[] {
  return entries.map((entry) => parseOptimizerEntry(entry, methods));
}
