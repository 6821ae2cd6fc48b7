import {
  adagrad,
  adam,
  chain,
  clipByGlobalNorm,
  type GradientTransformation,
  rmsprop,
  type ScalarOrSchedule,
  sgd,
} from '@descent/optim';

/** First-order methods: `@descent/optim` transformations fed with (possibly noisy) gradients. */
export const FIRST_ORDER = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export type FirstOrderMethod = (typeof FIRST_ORDER)[number];

/**
 * Second-order and quasi-Newton methods: each runs `minimize` from `@descent/second-order`. Saddle-free Newton
 * (Dauphin et al. 2014) is its Newton method with `saddleFree: true`, |H| = V|Λ|Vᵀ in place of H.
 */
export const SECOND_ORDER = [
  'newton',
  'saddle-free-newton',
  'newton-cg',
  'trust-ncg',
  'dogleg',
  'cg',
  'bfgs',
  'lbfgs',
] as const;
export type SecondOrderMethod = (typeof SECOND_ORDER)[number];

export type Method = FirstOrderMethod | SecondOrderMethod;
export const METHODS: readonly Method[] = [...FIRST_ORDER, ...SECOND_ORDER];

export function isFirstOrder(method: Method): method is FirstOrderMethod {
  return (FIRST_ORDER as readonly string[]).includes(method);
}

/** One numeric hyperparameter: its URL key, label, range and default. */
export interface ParamSpec {
  readonly key: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** Log-spaced slider. */
  readonly log?: boolean;
  readonly step?: number;
}

const lr = (value: number): ParamSpec => ({
  key: 'lr',
  label: 'learning rate ε',
  min: 1e-5,
  max: 10,
  default: value,
  log: true,
});
const momentum: ParamSpec = { key: 'mu', label: 'momentum α', min: 0, max: 0.999, default: 0.9, step: 0.01 };
const damping: ParamSpec = {
  key: 'damp',
  label: 'initial damping λ',
  min: 0,
  max: 100,
  default: 0,
  step: 0.01,
};
const radius: ParamSpec = { key: 'r0', label: 'initial trust radius', min: 1e-3, max: 100, default: 1, log: true };
const clip: ParamSpec = { key: 'clip', label: 'clip ‖g‖ at (0 = off)', min: 0, max: 1000, default: 0, step: 0.1 };

/** What each method is called and which hyperparameters it has. */
export const METHOD_INFO: Readonly<
  Record<Method, { readonly title: string; readonly section: string; readonly params: readonly ParamSpec[] }>
> = {
  sgd: { title: 'SGD', section: '8.3.1', params: [lr(1e-3), clip] },
  momentum: { title: 'Momentum', section: '8.3.2', params: [lr(1e-3), momentum, clip] },
  nesterov: { title: 'Nesterov', section: '8.3.3', params: [lr(1e-3), momentum, clip] },
  adagrad: { title: 'AdaGrad', section: '8.5.1', params: [lr(0.5), clip] },
  rmsprop: {
    title: 'RMSProp',
    section: '8.5.2',
    params: [lr(1e-2), { key: 'rho', label: 'decay ρ', min: 0, max: 0.9999, default: 0.99, step: 0.01 }, clip],
  },
  adam: {
    title: 'Adam',
    section: '8.5.3',
    params: [
      lr(0.05),
      { key: 'b1', label: 'β₁', min: 0, max: 0.9999, default: 0.9, step: 0.01 },
      { key: 'b2', label: 'β₂', min: 0, max: 0.99999, default: 0.999, step: 0.001 },
      clip,
    ],
  },
  newton: { title: 'Newton', section: '8.6.1', params: [damping] },
  'saddle-free-newton': { title: 'Saddle-free Newton', section: '8.6.1', params: [damping] },
  'newton-cg': { title: 'Newton-CG', section: '8.6.1', params: [] },
  'trust-ncg': { title: 'Trust-region Newton-CG', section: '8.6.1', params: [radius] },
  dogleg: { title: 'Dogleg trust region', section: '8.6.1', params: [radius] },
  cg: { title: 'Conjugate gradients', section: '8.6.2', params: [] },
  bfgs: { title: 'BFGS', section: '8.6.3', params: [] },
  lbfgs: {
    title: 'L-BFGS',
    section: '8.6.3',
    params: [{ key: 'm', label: 'memory m', min: 1, max: 50, default: 10, step: 1 }],
  },
};

/** A racer (or the network lab's optimizer): a method and its hyperparameters by key. */
export interface MethodConfig {
  readonly method: Method;
  readonly params: Readonly<Record<string, number>>;
}

/** The value of a hyperparameter, or its default. */
export function paramValue(config: MethodConfig, key: string): number {
  const spec = METHOD_INFO[config.method].params.find((p) => p.key === key);
  const value = config.params[key];
  if (value !== undefined) return value;
  if (spec === undefined) throw new Error(`${config.method} has no hyperparameter ${key}`);
  return spec.default;
}

/** A method with its defaults. */
export function defaultConfig(method: Method): MethodConfig {
  return { method, params: {} };
}

/** Clamps hyperparameters to their ranges and drops unknown or default ones. */
export function normalizeConfig(config: MethodConfig): MethodConfig {
  const params: Record<string, number> = {};
  for (const spec of METHOD_INFO[config.method].params) {
    const value = config.params[spec.key];
    if (value === undefined || !Number.isFinite(value)) continue;
    const clamped = Math.min(spec.max, Math.max(spec.min, value));
    if (clamped !== spec.default) params[spec.key] = clamped;
  }
  return { method: config.method, params };
}

/** A one-line description: `Adam (ε=0.05, β₁=0.9)`. */
export function describeConfig(config: MethodConfig): string {
  const info = METHOD_INFO[config.method];
  const shown = info.params
    .filter((p) => p.key !== 'clip' || paramValue(config, 'clip') > 0)
    .map((p) => `${p.key}=${formatNumber(paramValue(config, p.key))}`);
  return shown.length === 0 ? info.title : `${info.title} (${shown.join(', ')})`;
}

export function formatNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e5) return String(Number(value.toPrecision(4)));
  return value.toExponential(2).replace('e+', 'e');
}

/**
 * The `@descent/optim` transformation of a first-order method: PyTorch's rules through the package's aliases, with
 * global-norm clipping chained in front when `clip` > 0 (8.2.4; Pascanu et al. 2013). `learningRate` may be a
 * schedule (the network lab's).
 */
export function firstOrderTransformation(
  config: MethodConfig,
  learningRate: ScalarOrSchedule = paramValue(config, 'lr'),
): GradientTransformation {
  const method = config.method;
  if (!isFirstOrder(method)) throw new Error(`${method} is not a first-order method`);
  const base = ((): GradientTransformation => {
    switch (method) {
      case 'sgd':
        return sgd(learningRate);
      case 'momentum':
        return sgd(learningRate, { momentum: paramValue(config, 'mu') });
      case 'nesterov':
        return sgd(learningRate, { momentum: paramValue(config, 'mu'), nesterov: true });
      case 'adagrad':
        return adagrad(learningRate);
      case 'rmsprop':
        return rmsprop(learningRate, { decay: paramValue(config, 'rho') });
      case 'adam':
        return adam(learningRate, { b1: paramValue(config, 'b1'), b2: paramValue(config, 'b2') });
    }
  })();
  const maxNorm = paramValue(config, 'clip');
  return maxNorm > 0 ? (chain(clipByGlobalNorm(maxNorm), base) as GradientTransformation) : base;
}
