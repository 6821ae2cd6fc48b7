import type { Backend, KernelAttrs, KernelInputs, KernelName, TensorInfo } from '@descent/tensor';
import { sizeOf } from '@descent/tensor';
import type { GpujsBackend } from '../backend.js';
import type { Renderer } from '../environment.js';
import type { Work } from '../kernels/device-kernel.js';
import { type Prediction, predict } from './cost-model.js';
import { type ProbeFigures, runProbe } from './probe.js';

/** Output elements (and multiply-adds for matmul) at or below which an op stays on the CPU without a prediction. */
const TINY_ELEMENTS = 1024;
const TINY_FLOPS = 2 * 32 * 32 * 32;
/**
 * The call of an op (kernel and shapes) at which the losing path is first tried, how often after (`#exploring`),
 * and the most routed calls one exploration window may last.
 */
const EXPLORE_AFTER = 8;
const EXPLORE_EVERY = 32;
const MAX_EXPLORE_EVERY = 1024;
const MAX_WINDOW_CALLS = 128;
/** Rounds an exploration window lasts, and how many of them run cold and are not timed. */
const WINDOW_ROUNDS = 4;
const COLD_ROUNDS = 2;
/** How close (predicted time over the winner's) a losing path must be to be tried, and the timings after which its
 * corrected figures alone decide that. */
const REACH = 1.6;
const MEASURED = 5;
/** Timed ratios per path and kind of work whose lower quartile corrects the probe. */
const RECENT_RATIOS = 15;
/** How much faster the other path must be predicted for an op to leave the path its inputs live on. */
const STAY_MARGIN = 1.1;
/** Distinct ops (kernel and shapes) whose choices `getBackendInfo()` keeps. */
const MAX_CHOICES = 256;

/** Where `auto` ran one kind of op (a kernel on given shapes), and why. */
export interface Choice {
  readonly kernel: string;
  readonly shapes: string;
  readonly backend: string;
  readonly reason: string;
  /** Predicted milliseconds per path for the latest call, when a prediction was made. */
  readonly predictedMs?: { readonly cpu: number; readonly gpujs: number };
  /** Calls routed so far. */
  readonly calls: number;
}

/**
 * A routing decision. The reason of a predicted one is written only when `choices()` asks: formatting its figures on
 * every call cost more than the rest of the decision.
 */
interface Decision {
  readonly backend: Backend;
  readonly reason: string | (() => string);
  readonly predictedMs?: { readonly cpu: number; readonly gpujs: number };
}

/** The latest decision for one kind of op, as `#record` keeps it (its reason still unwritten). */
interface Recorded {
  readonly kernel: string;
  readonly shapes: string;
  backend: string;
  reason: string | (() => string);
  predictedMs: { readonly cpu: number; readonly gpujs: number } | undefined;
  calls: number;
}

/** An exploration window (see `Router.#window`). */
interface Window {
  readonly target: Backend;
  /** The op that opened it, and the count of its calls at which it closes. */
  readonly key: string;
  readonly closesAt: number;
  calls: number;
  /** The ops moved in it so far, with the number of their calls in it. */
  readonly seen: Map<string, number>;
  /** Per op moved: the uncorrected predictions there and at home, and the keys of their corrections. */
  readonly predictions: Map<string, { there: Prediction; home: Prediction; thereKey: string; homeKey: string }>;
}

/** The `auto` router: per op, the CPU backend or the gpujs backend, whichever the cost model predicts is faster. */
export class Router {
  #figures: ProbeFigures | undefined;
  readonly #seen = new Map<string, number>();
  readonly #choices = new Map<string, Recorded>();
  /**
   * Per path and kind of work (`cpu:elementwise`, `gpujs:matmul`, …): measured compute over the probe's prediction,
   * the lower quartile of the last `RECENT_RATIOS` ops timed. The probe is short and its figures can be off (gpu.js's
   * WebAssembly path timed at 2 or at 4 ns an element in different processes); the ops themselves correct them.
   * Timings of one op on a 1M-element chain ranged from 1.4 to 10 ms on a loaded machine, the excess one-sided (page
   * faults on fresh output memory, collections, neighbours): a low quantile is what the op costs, as the probe's
   * fastest-of-N is, and neither path is favoured. Applied from the second sample on, so that one call cannot swing
   * the choice on its own.
   */
  readonly #corrections = new Map<string, { factor: number; samples: number; recent: number[] }>();
  /**
   * An exploration in progress: ops run on `target`, where the cost model predicts them slower (within 2x), so that
   * their times correct its figures. It spans `WINDOW_ROUNDS` rounds of whatever the program repeats: from the call
   * of the op `key` that opened it until that op's call that many after, so a chain of ops moves over whole and its
   * later rounds run on resident, warm data, as they would if the chain lived there (see `#decide`).
   */
  #window: Window | undefined;
  /**
   * After a window, the chain it moved goes to the path that won it, every op once whatever its transfer costs. Left
   * to per-op choices, a chain stays wherever its data happens to be: each op sees its inputs on the path the op
   * before it ran on, and moving them costs more than the op saves, though moving the whole chain once pays back.
   */
  #migration: { readonly to: Backend; readonly remaining: Set<string>; calls: number } | undefined;
  /** Ops (kernel and shapes) whose gpujs kernel is compiled. */
  readonly #compiled = new Set<string>();
  /** Per op (kernel and shapes): the call at which it may next open a window, and the interval after that. */
  readonly #turns = new Map<string, { next: number; interval: number }>();
  /** The op just routed, waiting for its time (host paths only: GL work is asynchronous until read). */
  #pending:
    | { readonly kernel: string; readonly backend: Backend; readonly key: string; readonly predicted: number }
    | undefined;

  constructor(
    readonly cpu: Backend,
    readonly gpujs: GpujsBackend,
    readonly renderer: Renderer,
    readonly allowSoftware: boolean,
    figures: ProbeFigures | undefined,
  ) {
    this.#figures = figures;
  }

  /** Why the gpujs path is never chosen, if it is not. */
  get excluded(): string | undefined {
    if (this.renderer.software && !this.allowSoftware) {
      return `software renderer (${this.renderer.renderer}): never chosen automatically`;
    }
    return undefined;
  }

  /** The probe's figures, measuring them on first use (cached per process by `registerGpujsBackend`). */
  figures(): ProbeFigures {
    this.#figures ??= runProbe(this.cpu, this.gpujs, this.excluded);
    return this.#figures;
  }

  get probed(): ProbeFigures | undefined {
    return this.#figures;
  }

  choices(): Choice[] {
    return [...this.#choices.values()].map(({ kernel, shapes, backend, reason, predictedMs, calls }) => ({
      kernel,
      shapes,
      backend,
      reason: typeof reason === 'string' ? reason : reason(),
      calls,
      ...(predictedMs === undefined ? {} : { predictedMs }),
    }));
  }

  select<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): Backend {
    this.#pending = undefined;
    const decision = this.#decide(kernel, inputs, attrs);
    this.#record(kernel, inputs, decision);
    return decision.backend;
  }

  /** Whether the op just routed should be timed for `observe` (see `Backend.observing`). */
  get observing(): boolean {
    return this.#pending !== undefined;
  }

  /**
   * The wall time of the op just routed: updates the correction of its path and kind of work by the ratio of the
   * measured time (call included) to the probe's prediction (see `#corrections`).
   */
  observe(kernel: string, ran: Backend, ms: number): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending === undefined || pending.kernel !== kernel || pending.backend !== ran || !(ms >= 0)) return;
    const ratio = Math.min(Math.max(ms / Math.max(pending.predicted, 1e-6), 0.05), 20);
    let correction = this.#corrections.get(pending.key);
    if (correction === undefined) {
      correction = { factor: ratio, samples: 0, recent: [] };
      this.#corrections.set(pending.key, correction);
    }
    correction.recent.push(ratio);
    if (correction.recent.length > RECENT_RATIOS) correction.recent.shift();
    correction.samples++;
    correction.factor = lowerQuartile(correction.recent);
  }

  /** The measured corrections so far, by path and kind of work (for `getBackendInfo`). */
  corrections(): Record<string, { readonly factor: number; readonly samples: number }> {
    return Object.fromEntries([...this.#corrections].map(([key, { factor, samples }]) => [key, { factor, samples }]));
  }

  /** Host paths run synchronously, so an op's wall time is its cost; GL work runs later, until read back. */
  #timed(backend: Backend): boolean {
    return backend === this.cpu || !this.gpujs.storage.textures;
  }

  /** `prediction` with its compute and call scaled by the measured correction of `key`, if any. */
  #corrected(prediction: Prediction, key: string): Prediction {
    const correction = this.#corrections.get(key);
    if (correction === undefined || correction.samples < 2) return prediction;
    const factor = correction.factor;
    const computeMs = prediction.computeMs * factor;
    const callMs = prediction.callMs * factor;
    return {
      ...prediction,
      computeMs,
      callMs,
      totalMs: prediction.totalMs + computeMs - prediction.computeMs + callMs - prediction.callMs,
    };
  }

  /**
   * Whether a fused element-wise program of `steps` ops over `elements` outputs should run as one gpu.js kernel
   * (true) or as separate CPU ops (false).
   */
  preferDeviceForFused(
    elements: number,
    steps: number,
    inputs: readonly TensorInfo[],
    compiled: boolean,
    key: string,
  ): boolean {
    const decision = this.#decideFused(elements, steps, inputs, compiled, key);
    this.#record(`fused(${steps} ops)`, inputs, decision);
    return decision.backend === this.gpujs;
  }

  #decideFused(
    elements: number,
    steps: number,
    inputs: readonly TensorInfo[],
    compiled: boolean,
    key: string,
  ): Decision {
    const { cpu, gpujs } = this;
    const excluded = this.excluded;
    if (excluded !== undefined) return { backend: cpu, reason: `${excluded}; the chain runs op by op` };
    if (elements <= TINY_ELEMENTS) {
      return { backend: cpu, reason: 'tiny chain: the call cost dominates, the CPU runs it op by op' };
    }
    const figures = this.figures();
    if (figures.gpujs === undefined) return { backend: cpu, reason: figures.skipped ?? 'gpujs not measured' };
    const seen = this.#count(`fused ${key} ${elements}`);
    // One pass over memory however many ops; the arithmetic of each further op is small beside the call and the
    // memory traffic (a rough allowance: a quarter of an add per op).
    const device = predict(
      figures.gpujs,
      { kind: 'elementwise', elements, steps: 1 + 0.25 * (steps - 1) },
      this.#bytesElsewhere(inputs, gpujs),
      compiled,
      seen,
    );
    const perOp = predict(figures.cpu, { kind: 'elementwise', elements, steps: 1 }, 0, true, seen);
    const cpuMs = steps * perOp.totalMs + (this.#bytesElsewhere(inputs, cpu) * figures.gpujs.transferNsPerByte) / 1e6;
    const backend = device.totalMs < cpuMs ? gpujs : cpu;
    const winner = backend === gpujs ? 'one gpujs kernel' : `${steps} CPU ops`;
    const reason =
      `predicted ${winner} faster: ${steps} CPU ops ${format(cpuMs)} ms (${format(perOp.totalMs)} each) vs one ` +
      `gpujs kernel ${format(device.totalMs)} ms (compute ${format(device.computeMs)}, call ${format(device.callMs)}` +
      `${device.transferMs > 0 ? `, transfer ${format(device.transferMs)}` : ''}` +
      `${device.compileMs > 0 ? `, compile share ${format(device.compileMs)}` : ''})`;
    return { backend, reason, predictedMs: { cpu: cpuMs, gpujs: device.totalMs } };
  }

  #decide<K extends KernelName>(kernel: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): Decision {
    const { gpujs, cpu } = this;
    if (!gpujs.covers(kernel, inputs, attrs)) {
      return { backend: cpu, reason: 'no gpu.js kernel for this op, dtype or shape: the CPU reference runs it' };
    }
    const excluded = this.excluded;
    if (excluded !== undefined) return { backend: cpu, reason: excluded };
    const work = gpujs.work(kernel, inputs, attrs);
    if (work.kind === 'free') {
      const onDevice = tensorsOf(inputs).every((tensor) => (tensor as { backend?: Backend }).backend === gpujs);
      return { backend: onDevice ? gpujs : cpu, reason: 'no compute: runs where its input lives' };
    }
    if (isTiny(work)) return { backend: cpu, reason: 'tiny op: the call cost dominates, the CPU is fastest' };
    const figures = this.figures();
    if (figures.gpujs === undefined) return { backend: cpu, reason: figures.skipped ?? 'gpujs not measured' };
    const tensors = tensorsOf(inputs);
    const opKey = `${kernel} ${shapesOf(tensors)}`;
    const seen = this.#count(opKey);
    // Moving an input off the device costs what moving it on does (a download, or the engine's copy).
    const cpuFigures = { ...figures.cpu, transferNsPerByte: figures.gpujs.transferNsPerByte };
    const onCpu = predict(cpuFigures, work, this.#bytesElsewhere(tensors, cpu), true, seen);
    // Whether the kernel is compiled for these sizes: asked of gpujs (which writes the kernel's source to look it up)
    // until it is, then remembered.
    let compiled = this.#compiled.has(opKey);
    if (!compiled && gpujs.isCompiled(kernel, inputs, attrs)) {
      compiled = true;
      if (this.#compiled.size < 4 * MAX_CHOICES) this.#compiled.add(opKey);
    }
    const onDevice = predict(figures.gpujs, work, this.#bytesElsewhere(tensors, gpujs), compiled, seen);
    const cpuKey = `cpu:${work.kind}`;
    const deviceKey = `gpujs:${work.kind}`;
    const cpuPredicted = this.#corrected(onCpu, cpuKey);
    const devicePredicted = this.#corrected(onDevice, deviceKey);
    const predictedMs = { cpu: cpuPredicted.totalMs, gpujs: devicePredicted.totalMs };
    const predictedWinner = devicePredicted.totalMs < cpuPredicted.totalMs ? 'gpujs' : 'cpu';
    let backend = predictedWinner === 'gpujs' ? gpujs : cpu;
    let reason = () => explain(predictedWinner, cpuPredicted, devicePredicted);
    // Hysteresis: timed ops are noisy (2x swings on a loaded machine), and a chain that flips between the paths pays
    // cold calls and moves its data each time. An op whose inputs all live on one path stays there unless the other
    // is predicted more than STAY_MARGIN faster.
    const home = this.#home(tensors);
    if (home !== undefined && home !== backend) {
      const [homeMs, awayMs] =
        home === gpujs
          ? [devicePredicted.totalMs, cpuPredicted.totalMs]
          : [cpuPredicted.totalMs, devicePredicted.totalMs];
      if (homeMs < STAY_MARGIN * awayMs) {
        backend = home;
        const predicted = reason;
        reason = () => `stays where its inputs live, within ${Math.round((STAY_MARGIN - 1) * 100)}% (${predicted()})`;
      }
    }
    const loser = backend === gpujs ? cpu : gpujs;
    // Now and then (an op's 8th call, then at growing intervals) the losing path is tried if it is within reach: its
    // measured times correct a wrong figure, which would otherwise never be noticed. Within reach means predicted
    // within REACH, leaving out transfers (where the data is now says nothing of where the chain should live), by
    // the corrected figures, or by the probe's alone while that path has few timings (a few slow ones must not rule
    // it out for good). A wider reach kept trying a path that was measured 1.9x slower: a window in 32 calls at
    // 1.9x cost some 10% on a short run. Trying one
    // op alone measures the wrong thing when it belongs to a chain: its inputs come from the other path and its
    // output goes back, and a lone webasm op timed 1.8x its cost inside a resident chain, which kept chains on the
    // slower CPU. So the trial is a window over a few rounds of the program, during which every op within reach
    // moves.
    const [loserCorrected, winnerCorrected, loserProbed, winnerProbed, loserKey] =
      loser === gpujs
        ? [devicePredicted, cpuPredicted, onDevice, onCpu, deviceKey]
        : [cpuPredicted, devicePredicted, onCpu, onDevice, cpuKey];
    const loserMeasured = (this.#corrections.get(loserKey)?.samples ?? 0) >= MEASURED;
    const withinReach =
      inPlace(loserCorrected) < REACH * inPlace(winnerCorrected) ||
      (!loserMeasured && inPlace(loserProbed) < REACH * inPlace(winnerProbed));
    const window = this.#exploring(opKey, seen, loser, withinReach);
    if (window !== undefined && loser === window.target && withinReach) {
      backend = loser;
      const before = reason;
      reason = () => `exploring: measuring ${loser === gpujs ? 'gpujs' : 'cpu'} on this call (${before()})`;
    }
    // Only calls that say what the op costs where it runs are timed: the kernel compiled, its inputs already there
    // (a moved input makes the call pay for a cold copy), and not cold: an op's first two calls, or its first
    // `COLD_ROUNDS` in a window (webasm ops took 2-4x their cost on their first rounds after a move).
    const coldInWindow = window !== undefined && (window.seen.get(opKey) ?? 0) < COLD_ROUNDS;
    if (window !== undefined && backend === window.target) {
      window.seen.set(opKey, (window.seen.get(opKey) ?? 0) + 1);
      window.predictions.set(
        opKey,
        window.target === gpujs
          ? { there: onDevice, home: onCpu, thereKey: deviceKey, homeKey: cpuKey }
          : { there: onCpu, home: onDevice, thereKey: cpuKey, homeKey: deviceKey },
      );
    }
    const migration = this.#migration;
    if (window === undefined && migration !== undefined) {
      migration.calls++;
      if (migration.remaining.delete(opKey)) {
        backend = migration.to;
        const before = reason;
        const to = migration.to === gpujs ? 'gpujs' : 'cpu';
        reason = () => `moves with its chain to ${to}, which won the last exploration (${before()})`;
      }
      if (migration.remaining.size === 0 || migration.calls > MAX_WINDOW_CALLS) this.#migration = undefined;
    }
    const onChosen = backend === gpujs ? onDevice : onCpu;
    const timed =
      seen > 2 &&
      !coldInWindow &&
      this.#timed(backend) &&
      (backend === cpu || compiled) &&
      this.#resident(tensors, backend);
    this.#pending = timed
      ? {
          kernel,
          backend,
          key: backend === gpujs ? deviceKey : cpuKey,
          predicted: onChosen.computeMs + onChosen.callMs,
        }
      : undefined;
    return { backend, reason, predictedMs };
  }

  /**
   * The open exploration window, after opening one at this op's turn or closing the one that has run its course.
   * An op's turns come at its 8th call, then `EXPLORE_EVERY` calls after its window, the interval doubling after each
   * (up to `MAX_EXPLORE_EVERY`): checking on the other path costs less and less as a program runs on.
   */
  #exploring(opKey: string, seen: number, loser: Backend, withinReach: boolean) {
    let turns = this.#turns.get(opKey);
    if (turns === undefined) {
      turns = { next: EXPLORE_AFTER, interval: EXPLORE_EVERY };
      if (this.#turns.size < 4 * MAX_CHOICES) this.#turns.set(opKey, turns);
    }
    const window = this.#window;
    if (window !== undefined) {
      window.calls++;
      if ((window.key === opKey && seen >= window.closesAt) || window.calls > MAX_WINDOW_CALLS) {
        this.#window = undefined;
        // The verdict, from the figures as the window's timings corrected them: the chain goes where it runs faster
        // on resident data, call and compute without transfers (see `#migration`).
        let thereMs = 0;
        let homeMs = 0;
        for (const { there, home, thereKey, homeKey } of window.predictions.values()) {
          const corrected = [this.#corrected(there, thereKey), this.#corrected(home, homeKey)];
          thereMs += corrected[0].computeMs + corrected[0].callMs;
          homeMs += corrected[1].computeMs + corrected[1].callMs;
        }
        const won = thereMs > 0 && STAY_MARGIN * thereMs < homeMs;
        const home = window.target === this.gpujs ? this.cpu : this.gpujs;
        const to = won ? window.target : home;
        this.#migration = { to, remaining: new Set(window.seen.keys()), calls: 0 };
        // Every op the window moved has had its turn: one window per program, not one per op of the chain.
        for (const key of window.seen.keys()) {
          const taken = this.#turns.get(key);
          if (taken === undefined) continue;
          taken.next = (this.#seen.get(key) ?? 0) + taken.interval;
          taken.interval = Math.min(2 * taken.interval, MAX_EXPLORE_EVERY);
        }
      }
      return this.#window;
    }
    if (seen < turns.next || !withinReach || !this.#timed(loser) || this.#migration !== undefined) return undefined;
    this.#window = {
      target: loser,
      key: opKey,
      closesAt: seen + WINDOW_ROUNDS,
      calls: 1,
      seen: new Map(),
      predictions: new Map(),
    };
    return this.#window;
  }

  /** The backend on which every input but tiny ones lives, if they all live on one. */
  #home(tensors: readonly TensorInfo[]): Backend | undefined {
    let home: Backend | undefined;
    for (const tensor of tensors) {
      const on = (tensor as { backend?: Backend }).backend;
      if (on === undefined || sizeOf(tensor.shape) <= TINY_ELEMENTS) continue;
      if (on !== this.cpu && on !== this.gpujs) return undefined;
      if (home !== undefined && on !== home) return undefined;
      home = on;
    }
    return home;
  }

  /** Whether every input but tiny ones (a scalar, a bias) already lives on `backend`. */
  #resident(tensors: readonly TensorInfo[], backend: Backend): boolean {
    for (const tensor of tensors) {
      const on = (tensor as { backend?: Backend }).backend;
      if (on !== undefined && on !== backend && sizeOf(tensor.shape) > TINY_ELEMENTS) return false;
    }
    return true;
  }

  #bytesElsewhere(tensors: readonly TensorInfo[], target: Backend): number {
    let bytes = 0;
    for (const tensor of tensors) {
      const backend = (tensor as { backend?: Backend }).backend;
      if (backend !== undefined && backend !== target) bytes += sizeOf(tensor.shape) * 4;
    }
    return bytes;
  }

  #count(key: string): number {
    const seen = (this.#seen.get(key) ?? 0) + 1;
    if (this.#seen.size < 4 * MAX_CHOICES || this.#seen.has(key)) this.#seen.set(key, seen);
    return seen;
  }

  #record(kernel: string, inputs: object, decision: Decision): void {
    const shapes = shapesOf(Array.isArray(inputs) ? inputs : tensorsOf(inputs));
    const key = `${kernel} ${shapes}`;
    const backend = decision.backend === this.gpujs ? 'gpujs' : 'cpu';
    const previous = this.#choices.get(key);
    if (previous !== undefined) {
      previous.backend = backend;
      previous.reason = decision.reason;
      previous.predictedMs = decision.predictedMs;
      previous.calls++;
      return;
    }
    if (this.#choices.size >= MAX_CHOICES) return;
    this.#choices.set(key, {
      kernel,
      shapes,
      backend,
      reason: decision.reason,
      predictedMs: decision.predictedMs,
      calls: 1,
    });
  }
}

function isTiny(work: Work): boolean {
  switch (work.kind) {
    case 'matmul':
      return work.flops <= TINY_FLOPS;
    case 'elementwise':
    case 'reduce':
      return work.elements <= TINY_ELEMENTS;
    case 'free':
      return true;
  }
}

/** A prediction without moving inputs: what the op costs once its data lives on that path. */
function inPlace(prediction: Prediction): number {
  return prediction.totalMs - prediction.transferMs;
}

function tensorsOf(inputs: object): TensorInfo[] {
  const tensors: TensorInfo[] = [];
  for (const value of Object.values(inputs)) {
    if (Array.isArray(value)) tensors.push(...(value as TensorInfo[]));
    else tensors.push(value as TensorInfo);
  }
  return tensors;
}

function shapesOf(tensors: readonly TensorInfo[]): string {
  return tensors.map((tensor) => `[${tensor.shape.join(',')}]`).join(' ');
}

/** The lower quartile (the smaller value at the quarter mark: the minimum of up to four). */
function lowerQuartile(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[(sorted.length - 1) >> 2];
}

function format(ms: number): string {
  return ms >= 10 ? ms.toFixed(0) : ms >= 0.1 ? ms.toFixed(2) : ms.toFixed(4);
}

function explain(winner: 'cpu' | 'gpujs', cpu: Prediction, device: Prediction): string {
  const parts = [`compute ${format(device.computeMs)}`, `call ${format(device.callMs)}`];
  if (device.transferMs > 0) parts.push(`transfer ${format(device.transferMs)}`);
  if (device.compileMs > 0) parts.push(`compile share ${format(device.compileMs)}`);
  const cpuParts = [`compute ${format(cpu.computeMs)}`, `call ${format(cpu.callMs)}`];
  if (cpu.transferMs > 0) cpuParts.push(`transfer ${format(cpu.transferMs)}`);
  return (
    `predicted ${winner} faster: cpu ${format(cpu.totalMs)} ms (${cpuParts.join(', ')}) vs ` +
    `gpujs ${format(device.totalMs)} ms (${parts.join(', ')})`
  );
}
