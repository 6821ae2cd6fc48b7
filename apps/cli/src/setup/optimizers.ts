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

/** An entry of `--optimizers`: a name with an optional learning rate, `sgd:1e-3`. */
export interface OptimizerChoice {
  readonly name: string;
  readonly learningRate?: number;
  /** The entry as given, for labels. */
  readonly label: string;
}

/** Parses `--optimizers sgd:1e-3,adam,lbfgs`, checking each name against the first- and second-order ones. */
export function parseOptimizerList(entries: readonly string[], methods: readonly string[]): OptimizerChoice[] {
  return entries.map((entry) => {
    const [name, rate] = entry.split(':', 2) as [string, string | undefined];
    const known = isFirstOrder(name) || methods.includes(name);
    if (!known) {
      throw new UsageError(`unknown optimizer '${name}'; choose from ${[...FIRST_ORDER_NAMES, ...methods].join(', ')}`);
    }
    if (rate === undefined) return { name, label: entry };
    if (!isFirstOrder(name)) throw new UsageError(`${name} is second-order and takes no learning rate ('${entry}')`);
    const learningRate = Number(rate);
    if (!(Number.isFinite(learningRate) && learningRate > 0)) {
      throw new UsageError(`the learning rate in '${entry}' must be a positive number`);
    }
    return { name, learningRate, label: entry };
  });
}
