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
 * The call of an op (kernel and shapes) at which the losing path is first tried (for two calls, the second timed),
 * and how often after (`#decide`).
 */
const EXPLORE_AFTER = 8;
const EXPLORE_EVERY = 32;
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

interface Decision {
  readonly backend: Backend;
  readonly reason: string;
  readonly predictedMs?: { readonly cpu: number; readonly gpujs: number };
}

/** The `auto` router: per op, the CPU backend or the gpujs backend, whichever the cost model predicts is faster. */
export class Router {
  #figures: ProbeFigures | undefined;
  readonly #seen = new Map<string, number>();
  readonly #choices = new Map<string, Choice>();
  /**
   * Per path and kind of work (`cpu:elementwise`, `gpujs:matmul`, …): measured compute over the probe's prediction,
   * a running average of the ops timed so far. The probe is short and its figures can be off (gpu.js's WebAssembly
   * path timed at 2 or at 4 ns an element in different processes); the ops themselves correct them.
   */
  readonly #corrections = new Map<string, { factor: number; samples: number }>();
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
    return [...this.#choices.values()];
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
   * measured time (call included) to the probe's prediction, as a running average of the last ten or so.
   */
  observe(kernel: string, ran: Backend, ms: number): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending === undefined || pending.kernel !== kernel || pending.backend !== ran || !(ms >= 0)) return;
    const ratio = Math.min(Math.max(ms / Math.max(pending.predicted, 1e-6), 0.05), 20);
    const correction = this.#corrections.get(pending.key);
    if (correction === undefined) this.#corrections.set(pending.key, { factor: ratio, samples: 1 });
    else {
      correction.factor += (ratio - correction.factor) / Math.min(correction.samples + 1, 10);
      correction.samples++;
    }
  }

  /** The measured corrections so far, by path and kind of work (for `getBackendInfo`). */
  corrections(): Record<string, { readonly factor: number; readonly samples: number }> {
    return Object.fromEntries([...this.#corrections].map(([key, value]) => [key, { ...value }]));
  }

  /** Host paths run synchronously, so an op's wall time is its cost; GL work runs later, until read back. */
  #timed(backend: Backend): boolean {
    return backend === this.cpu || !this.gpujs.storage.textures;
  }

  /** `prediction` with its compute and call scaled by the measured correction of `key`, if any. */
  #corrected(prediction: Prediction, key: string): Prediction {
    const factor = this.#corrections.get(key)?.factor;
    if (factor === undefined) return prediction;
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
    const seen = this.#count(`${kernel} ${shapesOf(tensors)}`);
    // Moving an input off the device costs what moving it on does (a download, or the engine's copy).
    const cpuFigures = { ...figures.cpu, transferNsPerByte: figures.gpujs.transferNsPerByte };
    const onCpu = predict(cpuFigures, work, this.#bytesElsewhere(tensors, cpu), true, seen);
    const onDevice = predict(
      figures.gpujs,
      work,
      this.#bytesElsewhere(tensors, gpujs),
      gpujs.isCompiled(kernel, inputs, attrs),
      seen,
    );
    const cpuKey = `cpu:${work.kind}`;
    const deviceKey = `gpujs:${work.kind}`;
    const cpuPredicted = this.#corrected(onCpu, cpuKey);
    const devicePredicted = this.#corrected(onDevice, deviceKey);
    const predictedMs = { cpu: cpuPredicted.totalMs, gpujs: devicePredicted.totalMs };
    let backend = devicePredicted.totalMs < cpuPredicted.totalMs ? gpujs : cpu;
    let reason = explain(backend === gpujs ? 'gpujs' : 'cpu', cpuPredicted, devicePredicted);
    // Now and then (the 8th call of an op, then every 32nd), run a recurring op on the losing path if it is predicted
    // within 2x: the measurement corrects a wrong probe figure, which would otherwise never be noticed, at a cost of
    // at most one call in 32. Only timed calls count: a first call on gpujs compiles and says nothing of its speed.
    const deviceCompiled = gpujs.isCompiled(kernel, inputs, attrs);
    const [loser, loserMs, winnerMs] =
      backend === gpujs
        ? [cpu, cpuPredicted.totalMs, devicePredicted.totalMs]
        : [gpujs, devicePredicted.totalMs, cpuPredicted.totalMs];
    // Two calls in a row, timing only the second: the first call of an op on a path it has not run on lately pays
    // for moving its inputs there and for a cold kernel (webasm's first calls run at half speed), and one such
    // timing had kept an element-wise chain on the slower path.
    const phase = seen - EXPLORE_AFTER;
    const exploring = phase >= 0 && phase % EXPLORE_EVERY < 2 && loserMs < 2 * winnerMs && this.#timed(loser);
    if (exploring) {
      backend = loser;
      reason = `exploring: measuring ${loser === gpujs ? 'gpujs' : 'cpu'} on this call (${reason})`;
    }
    const onChosen = backend === gpujs ? onDevice : onCpu;
    const timed =
      this.#timed(backend) && (backend === cpu || deviceCompiled) && !(exploring && phase % EXPLORE_EVERY === 0);
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
    const previous = this.#choices.get(key);
    if (previous === undefined && this.#choices.size >= MAX_CHOICES) return;
    const choice: Choice = {
      kernel,
      shapes,
      backend: decision.backend === this.gpujs ? 'gpujs' : 'cpu',
      reason: decision.reason,
      calls: (previous?.calls ?? 0) + 1,
      ...(decision.predictedMs === undefined ? {} : { predictedMs: decision.predictedMs }),
    };
    this.#choices.set(key, choice);
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
