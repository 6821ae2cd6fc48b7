import { FIRST_ORDER, METHOD_INFO, METHODS, type Method, type MethodConfig, normalizeConfig } from './methods.js';
import { PROBLEM_NAMES } from './objective.js';

// The whole playground state lives in the URL's query string, so a view can be shared and reproduced. Only values
// that differ from the defaults are written; reading is forgiving: a bad value is replaced by its default and
// reported, never thrown.

export const VIEWS = ['race', 'lab', 'strategies'] as const;
export type ViewName = (typeof VIEWS)[number];

export const SYNTHETIC_SETS = ['spiral', 'circle', 'xor', 'gauss', 'moons'] as const;
export const BUILTIN_SETS = ['iris', 'wine', 'breast-cancer', 'digits'] as const;
export type DatasetChoice = (typeof SYNTHETIC_SETS)[number] | (typeof BUILTIN_SETS)[number];
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
export type ActivationChoice = (typeof ACTIVATIONS)[number];
/** The CLI's initializer names (`@descent/init`'s), so a lab run exports as a `descent train` config. */
export const INITIALIZERS = [
  'glorotUniform',
  'glorotNormal',
  'heUniform',
  'heNormal',
  'lecunUniform',
  'lecunNormal',
  'orthogonal',
  'sparse',
  'truncatedNormal',
  'zeros',
] as const;
export type InitializerChoice = (typeof INITIALIZERS)[number];
export const SCHEDULES = ['constant', 'cosine', 'warmup-cosine', 'exponential', 'step', 'linear'] as const;
export type ScheduleChoice = (typeof SCHEDULES)[number];
export const AVERAGING = ['none', 'polyak', 'ema'] as const;
export type AveragingChoice = (typeof AVERAGING)[number];

export interface RaceState {
  readonly problem: string;
  readonly formula: string;
  /** A formula's view: [xmin, xmax, ymin, ymax]. */
  readonly bounds: readonly [number, number, number, number];
  /** Condition number of the quadratic problem. */
  readonly conditionNumber: number;
  /** A start picked by the user (click on the map); the problem's own otherwise. */
  readonly start: readonly [number, number] | undefined;
  readonly racers: readonly MethodConfig[];
  /** Per-example gradient noise σ. */
  readonly noise: number;
  readonly batchSize: number;
  readonly steps: number;
  /** Steps per animation frame. */
  readonly speed: number;
  /** The racer whose point the curvature panel analyses. */
  readonly focus: number;
}

export interface LabState {
  readonly dataset: DatasetChoice;
  /** Points in a synthetic set. */
  readonly points: number;
  /** Noise of a synthetic set; undefined for the CLI's default (0.2 for moons, 0.1 otherwise). */
  readonly dataNoise: number | undefined;
  readonly hidden: readonly number[];
  readonly activation: ActivationChoice;
  readonly initializer: InitializerChoice;
  readonly batchNorm: boolean;
  readonly optimizer: MethodConfig;
  readonly schedule: ScheduleChoice;
  readonly batchSize: number;
  readonly epochs: number;
  /** Early-stopping patience; 0 turns it off. */
  readonly patience: number;
  readonly averaging: AveragingChoice;
  readonly emaDecay: number;
  /** Curriculum: the epoch at which all examples are in use; 0 turns it off. */
  readonly curriculum: number;
  /** Share of the data held out for validation. */
  readonly validation: number;
}

export interface StrategiesState {
  /** Continuation: the start, and the largest smoothing width. */
  readonly continuationStart: number;
  readonly continuationWidth: number;
  /** Coordinate descent: condition number and whether the quadratic's axes are rotated. */
  readonly coordinateCondition: number;
  readonly coordinateRotated: boolean;
  /** Greedy pretraining: hidden layers of the deep network. */
  readonly pretrainingDepth: number;
  /** Curriculum pacing: the epoch at which all examples are in use. */
  readonly curriculumFullAt: number;
}

export interface AppState {
  readonly view: ViewName;
  readonly seed: number;
  readonly race: RaceState;
  readonly lab: LabState;
  readonly strategies: StrategiesState;
}

export const DEFAULT_STATE: AppState = {
  view: 'race',
  seed: 0,
  race: {
    problem: 'rosenbrock',
    formula: 'x^2 + 10*y^2 + sin(3*x)',
    bounds: [-3, 3, -2, 2],
    conditionNumber: 100,
    start: undefined,
    racers: [
      { method: 'momentum', params: {} },
      { method: 'adam', params: {} },
      { method: 'lbfgs', params: {} },
    ],
    noise: 0,
    batchSize: 1,
    steps: 400,
    speed: 2,
    focus: 0,
  },
  lab: {
    dataset: 'spiral',
    points: 600,
    dataNoise: undefined,
    hidden: [24, 24],
    activation: 'relu',
    initializer: 'glorotUniform',
    batchNorm: false,
    optimizer: { method: 'adam', params: { lr: 0.02 } },
    schedule: 'constant',
    batchSize: 16,
    epochs: 40,
    patience: 0,
    averaging: 'none',
    emaDecay: 0.9,
    curriculum: 0,
    validation: 0.15,
  },
  strategies: {
    continuationStart: -2.5,
    continuationWidth: 2,
    coordinateCondition: 10,
    coordinateRotated: true,
    pretrainingDepth: 3,
    curriculumFullAt: 8,
  },
};

/** Limits every numeric field is clamped to. */
export const LIMITS = {
  seed: [0, 2 ** 31 - 1],
  conditionNumber: [1, 1e4],
  bound: [-1e3, 1e3],
  noise: [0, 100],
  batchSize: [1, 4096],
  steps: [1, 5000],
  speed: [1, 50],
  racers: [1, 8],
  points: [20, 2000],
  dataNoise: [0, 0.5],
  width: [1, 64],
  depth: [0, 6],
  labBatch: [1, 2048],
  epochs: [1, 1000],
  patience: [0, 100],
  emaDecay: [0, 0.9999],
  curriculum: [0, 200],
  validation: [0.05, 0.5],
  continuationStart: [-4, 4],
  continuationWidth: [0.25, 4],
  pretrainingDepth: [2, 5],
} as const satisfies Record<string, readonly [number, number]>;

/** What reading a URL produced: the state, and the values that were ignored and why. */
export interface DecodeResult {
  readonly state: AppState;
  readonly warnings: readonly string[];
}

// Query values keep these characters unescaped so that URLs stay readable: racers read `adam:lr=0.05;lbfgs`.
function escapeValue(value: string): string {
  return encodeURIComponent(value).replace(/%(3A|3B|2C|3D)/g, (match) => decodeURIComponent(match));
}

function numberText(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** `adam:lr=0.05,b1=0.8`: a method and its non-default hyperparameters. */
export function encodeMethod(config: MethodConfig): string {
  const { method, params } = normalizeConfig(config);
  const entries = METHOD_INFO[method].params
    .filter((spec) => params[spec.key] !== undefined)
    .map((spec) => `${spec.key}=${numberText(params[spec.key])}`);
  return entries.length === 0 ? method : `${method}:${entries.join(',')}`;
}

function methodsEqual(a: MethodConfig, b: MethodConfig): boolean {
  return encodeMethod(a) === encodeMethod(b);
}

/** Serializes the state into a query string (without `?`); defaults are left out. */
export function encodeState(state: AppState): string {
  const d = DEFAULT_STATE;
  const out: [string, string][] = [];
  const put = (key: string, value: string) => out.push([key, value]);
  const num = (key: string, value: number, fallback: number) => {
    if (value !== fallback) put(key, numberText(value));
  };
  put('view', state.view);
  num('seed', state.seed, d.seed);
  const r = state.race;
  if (r.problem !== d.race.problem) put('p', r.problem);
  if (r.problem === 'formula') {
    put('f', r.formula);
    if (!sameList(r.bounds, d.race.bounds)) put('b', r.bounds.map(numberText).join(','));
  }
  if (r.problem === 'quadratic') num('k', r.conditionNumber, d.race.conditionNumber);
  if (r.start !== undefined) put('x0', r.start.map(numberText).join(','));
  const racers = r.racers.map(encodeMethod).join(';');
  if (racers !== d.race.racers.map(encodeMethod).join(';')) put('r', racers);
  num('noise', r.noise, d.race.noise);
  num('batch', r.batchSize, d.race.batchSize);
  num('steps', r.steps, d.race.steps);
  num('speed', r.speed, d.race.speed);
  num('focus', r.focus, d.race.focus);
  const l = state.lab;
  if (l.dataset !== d.lab.dataset) put('ds', l.dataset);
  num('n', l.points, d.lab.points);
  if (l.dataNoise !== undefined) put('dn', numberText(l.dataNoise));
  if (!sameList(l.hidden, d.lab.hidden)) put('h', l.hidden.length === 0 ? 'none' : l.hidden.join(','));
  if (l.activation !== d.lab.activation) put('act', l.activation);
  if (l.initializer !== d.lab.initializer) put('init', l.initializer);
  if (l.batchNorm !== d.lab.batchNorm) put('bn', l.batchNorm ? '1' : '0');
  if (!methodsEqual(l.optimizer, d.lab.optimizer)) put('opt', encodeMethod(l.optimizer));
  if (l.schedule !== d.lab.schedule) put('sched', l.schedule);
  num('bs', l.batchSize, d.lab.batchSize);
  num('ep', l.epochs, d.lab.epochs);
  num('es', l.patience, d.lab.patience);
  if (l.averaging !== d.lab.averaging) put('avg', l.averaging);
  num('emad', l.emaDecay, d.lab.emaDecay);
  num('cur', l.curriculum, d.lab.curriculum);
  num('val', l.validation, d.lab.validation);
  const s = state.strategies;
  num('cs', s.continuationStart, d.strategies.continuationStart);
  num('cw', s.continuationWidth, d.strategies.continuationWidth);
  num('ck', s.coordinateCondition, d.strategies.coordinateCondition);
  if (s.coordinateRotated !== d.strategies.coordinateRotated) put('cr', s.coordinateRotated ? '1' : '0');
  num('gd', s.pretrainingDepth, d.strategies.pretrainingDepth);
  num('cf', s.curriculumFullAt, d.strategies.curriculumFullAt);
  return out.map(([key, value]) => `${key}=${escapeValue(value)}`).join('&');
}

/** Parses a query string. Unlike URLSearchParams, `+` stays a plus sign (formulas use it). */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    try {
      params.set(decodeURIComponent(rawKey), decodeURIComponent(rawValue));
    } catch {
      // A malformed escape: keep the raw text, the field readers reject it with a message.
      params.set(rawKey, rawValue);
    }
  }
  return params;
}

class Reader {
  readonly warnings: string[] = [];
  constructor(private readonly params: Map<string, string>) {}

  raw(key: string): string | undefined {
    return this.params.get(key);
  }

  warn(key: string, value: string, why: string): void {
    this.warnings.push(`ignored ${key}=${value.slice(0, 40)}: ${why}`);
  }

  number(key: string, fallback: number, [min, max]: readonly [number, number], integer = false): number {
    const text = this.params.get(key);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) {
      this.warn(key, text, 'not a number');
      return fallback;
    }
    if (integer && !Number.isInteger(value)) {
      this.warn(key, text, 'not an integer');
      return fallback;
    }
    if (value < min || value > max) {
      this.warn(key, text, `outside [${min}, ${max}]`);
      return Math.min(max, Math.max(min, value));
    }
    return value;
  }

  choice<T extends string>(key: string, options: readonly T[], fallback: T): T {
    const text = this.params.get(key);
    if (text === undefined) return fallback;
    if ((options as readonly string[]).includes(text)) return text as T;
    this.warn(key, text, `expected one of ${options.join(', ')}`);
    return fallback;
  }

  flag(key: string, fallback: boolean): boolean {
    const text = this.params.get(key);
    if (text === undefined) return fallback;
    if (text === '1' || text === 'true') return true;
    if (text === '0' || text === 'false') return false;
    this.warn(key, text, 'expected 0 or 1');
    return fallback;
  }

  numbers(key: string, count: number, [min, max]: readonly [number, number]): number[] | undefined {
    const text = this.params.get(key);
    if (text === undefined) return undefined;
    const values = text.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
    if (values.length !== count || values.some((v) => !Number.isFinite(v) || v < min || v > max)) {
      this.warn(key, text, `expected ${count} numbers in [${min}, ${max}]`);
      return undefined;
    }
    return values;
  }
}

/** Reads `adam:lr=0.05,b1=0.8`; undefined (with a warning) when it is not a known method. */
export function decodeMethod(text: string, allowed: readonly Method[] = METHODS): MethodConfig | undefined {
  const [name, rest = ''] = text.split(':', 2);
  if (!(allowed as readonly string[]).includes(name)) return undefined;
  const method = name as Method;
  const params: Record<string, number> = {};
  for (const entry of rest.split(',')) {
    if (entry === '') continue;
    const [key, value] = entry.split('=', 2);
    const spec = METHOD_INFO[method].params.find((p) => p.key === key);
    const number = Number(value);
    if (spec === undefined || value === undefined || value.trim() === '' || !Number.isFinite(number)) return undefined;
    params[key] = number;
  }
  return normalizeConfig({ method, params });
}

/** Reads a query string into a full state; anything missing or invalid takes its default. */
export function decodeState(query: string): DecodeResult {
  const read = new Reader(parseQuery(query));
  const d = DEFAULT_STATE;
  const problemText = read.raw('p');
  let problem = d.race.problem;
  if (problemText !== undefined) {
    if (problemText === 'formula' || (PROBLEM_NAMES as readonly string[]).includes(problemText)) problem = problemText;
    else read.warn('p', problemText, `unknown problem; expected formula or one of ${PROBLEM_NAMES.join(', ')}`);
  }
  const bounds = read.numbers('b', 4, LIMITS.bound);
  const validBounds = bounds !== undefined && bounds[0] < bounds[1] && bounds[2] < bounds[3];
  if (bounds !== undefined && !validBounds) read.warn('b', bounds.join(','), 'expected xmin < xmax and ymin < ymax');
  const start = read.numbers('x0', 2, LIMITS.bound);
  let racers = d.race.racers;
  const racerText = read.raw('r');
  if (racerText !== undefined) {
    const parsed: MethodConfig[] = [];
    for (const part of racerText.split(';')) {
      const config = decodeMethod(part);
      if (config === undefined) read.warn('r', part, 'unknown method or hyperparameter');
      else if (parsed.length < LIMITS.racers[1]) parsed.push(config);
    }
    if (parsed.length > 0) racers = parsed;
  }
  const race: RaceState = {
    problem,
    formula: read.raw('f') ?? d.race.formula,
    bounds: validBounds ? (bounds as unknown as RaceState['bounds']) : d.race.bounds,
    conditionNumber: read.number('k', d.race.conditionNumber, LIMITS.conditionNumber),
    start: start === undefined ? undefined : [start[0], start[1]],
    racers,
    noise: read.number('noise', d.race.noise, LIMITS.noise),
    batchSize: read.number('batch', d.race.batchSize, LIMITS.batchSize, true),
    steps: read.number('steps', d.race.steps, LIMITS.steps, true),
    speed: read.number('speed', d.race.speed, LIMITS.speed, true),
    focus: Math.min(racers.length - 1, read.number('focus', d.race.focus, [0, LIMITS.racers[1] - 1], true)),
  };
  let hidden = d.lab.hidden;
  const hiddenText = read.raw('h');
  if (hiddenText !== undefined) {
    const widths = hiddenText === 'none' ? [] : hiddenText.split(',').map(Number);
    const [low, high] = LIMITS.width;
    if (widths.length > LIMITS.depth[1] || widths.some((w) => !Number.isInteger(w) || w < low || w > high)) {
      read.warn('h', hiddenText, `expected up to ${LIMITS.depth[1]} widths in [${low}, ${high}]`);
    } else hidden = widths;
  }
  let optimizer = d.lab.optimizer;
  const optimizerText = read.raw('opt');
  if (optimizerText !== undefined) {
    const parsed = decodeMethod(optimizerText, FIRST_ORDER);
    if (parsed === undefined)
      read.warn('opt', optimizerText, `expected a first-order method: ${FIRST_ORDER.join(', ')}`);
    else optimizer = parsed;
  }
  const lab: LabState = {
    dataset: read.choice('ds', [...SYNTHETIC_SETS, ...BUILTIN_SETS], d.lab.dataset),
    points: read.number('n', d.lab.points, LIMITS.points, true),
    dataNoise: read.raw('dn') === undefined ? undefined : read.number('dn', 0.1, LIMITS.dataNoise),
    hidden,
    activation: read.choice('act', ACTIVATIONS, d.lab.activation),
    initializer: read.choice('init', INITIALIZERS, d.lab.initializer),
    batchNorm: read.flag('bn', d.lab.batchNorm),
    optimizer,
    schedule: read.choice('sched', SCHEDULES, d.lab.schedule),
    batchSize: read.number('bs', d.lab.batchSize, LIMITS.labBatch, true),
    epochs: read.number('ep', d.lab.epochs, LIMITS.epochs, true),
    patience: read.number('es', d.lab.patience, LIMITS.patience, true),
    averaging: read.choice('avg', AVERAGING, d.lab.averaging),
    emaDecay: read.number('emad', d.lab.emaDecay, LIMITS.emaDecay),
    curriculum: read.number('cur', d.lab.curriculum, LIMITS.curriculum, true),
    validation: read.number('val', d.lab.validation, LIMITS.validation),
  };
  const strategies: StrategiesState = {
    continuationStart: read.number('cs', d.strategies.continuationStart, LIMITS.continuationStart),
    continuationWidth: read.number('cw', d.strategies.continuationWidth, LIMITS.continuationWidth),
    coordinateCondition: read.number('ck', d.strategies.coordinateCondition, LIMITS.conditionNumber),
    coordinateRotated: read.flag('cr', d.strategies.coordinateRotated),
    pretrainingDepth: read.number('gd', d.strategies.pretrainingDepth, LIMITS.pretrainingDepth, true),
    curriculumFullAt: read.number('cf', d.strategies.curriculumFullAt, [1, 50], true),
  };
  const state: AppState = {
    view: read.choice('view', VIEWS, d.view),
    seed: read.number('seed', d.seed, LIMITS.seed, true),
    race,
    lab,
    strategies,
  };
  return { state, warnings: read.warnings };
}
