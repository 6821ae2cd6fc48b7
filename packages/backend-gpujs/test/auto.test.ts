import {
  add,
  type Backend,
  exp,
  findBackend,
  matmul,
  mul,
  ones,
  relu,
  setBackend,
  sum,
  type Tensor,
  tensor,
  ValueError,
} from '@descent/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import type { PathFigures, ProbeFigures } from '../src/auto/probe.js';
import { Router } from '../src/auto/router.js';
import { getBackendInfo, isSoftwareRenderer, probeBackends, registerGpujsBackend } from '../src/index.js';
import { backendFor, expectClose, IN_BROWSER, MODES, on, randomTensor } from './helpers.js';

afterEach(() => setBackend('cpu'));

describe('registerGpujsBackend', () => {
  it('refuses modes whose kernels return Promises, unknown modes and modes that cannot run here', () => {
    expect(() => registerGpujsBackend({ mode: 'webgpu' as never })).toThrow(/return Promises/);
    expect(() => registerGpujsBackend({ mode: 'async' as never })).toThrow(ValueError);
    expect(() => registerGpujsBackend({ mode: 'quantum' as never })).toThrow(/expected one of/);
    if (!IN_BROWSER) expect(() => registerGpujsBackend({ mode: 'webgl2' })).toThrow(/cannot run here; available: gpu/);
  });

  it('reports the environment, the renderer and the kernel cache', () => {
    registerGpujsBackend({ mode: MODES[0] });
    const info = getBackendInfo();
    expect(info.environment.modes).toContain(MODES[0]);
    expect(info.gpujs?.mode).toBe(MODES[0]);
    expect(info.gpujs?.renderer.engine).toBe(IN_BROWSER ? 'webgl2' : 'webasm');
    if (IN_BROWSER) {
      // Headless Chromium without a GPU renders WebGL2 with SwiftShader.
      expect(info.gpujs?.renderer.renderer).toMatch(/SwiftShader/i);
      expect(info.gpujs?.renderer.software).toBe(true);
      expect(info.gpujs?.excludedFromAuto).toMatch(/software renderer/);
    } else expect(info.gpujs?.renderer.software).toBe(false);
  });
});

describe('auto', () => {
  // How long the probe takes is a benchmark figure (`pnpm bench:gpujs` prints it), not asserted here: shared machines
  // are too noisy for a time limit in a unit test.
  it('probes once per process and reports the figures and its own wall time', () => {
    registerGpujsBackend({ mode: MODES[0], allowSoftware: true });
    const start = performance.now();
    const figures = probeBackends();
    expect(figures.ms).toBeGreaterThan(0);
    expect(figures.ms).toBeLessThanOrEqual(performance.now() - start);
    expect(figures.cpu.matmulGflops).toBeGreaterThan(0);
    expect(figures.gpujs?.path).toBe(`gpujs:${IN_BROWSER ? 'webgl2' : 'webasm'}`);
    expect(figures.gpujs?.compileMs).toBeGreaterThan(0);
    expect(figures.gpujs?.elementwiseNsPerElement).toBeGreaterThan(0);
    registerGpujsBackend({ mode: MODES[0], allowSoftware: true });
    expect(probeBackends()).toBe(figures);
    expect(getBackendInfo().probe).toBe(figures);
  });

  it('computes what the CPU computes, keeps tiny ops on the CPU and says why', () => {
    registerGpujsBackend({ mode: MODES[0] });
    const run = () => [
      add(tensor([1, 2]), tensor([3, 4])),
      matmul(randomTensor([96, 80], 61), randomTensor([80, 72], 62)),
      sum(exp(randomTensor([3000], 63))),
    ];
    const expected = on('cpu', run);
    const actual = on('auto', run);
    for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], { rtol: 1e-5, atol: 1e-6 });
    const choices = getBackendInfo().choices;
    const tiny = choices.find((choice) => choice.kernel === 'Add' && choice.shapes === '[2] [2]');
    expect(tiny?.backend).toBe('cpu');
    expect(tiny?.reason).toMatch(IN_BROWSER ? /software renderer/ : /tiny op/);
    const big = choices.find((choice) => choice.kernel === 'MatMul');
    expect(big?.reason).toMatch(IN_BROWSER ? /software renderer/ : /^predicted (cpu|gpujs) faster/);
    if (IN_BROWSER) expect(choices.every((choice) => choice.backend === 'cpu')).toBe(true);
  });

  it('recognizes software renderers by name', () => {
    for (const name of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'softpipe',
      'Google SwiftShader',
      'Microsoft Basic Render Driver',
    ]) {
      expect(isSoftwareRenderer(name), name).toBe(true);
    }
    for (const name of ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0)', 'Apple M2', 'Mali-G78']) {
      expect(isSoftwareRenderer(name), name).toBe(false);
    }
  });
});

describe('the cost model (synthetic figures)', () => {
  const cpuFigures: PathFigures = {
    path: 'cpu',
    compileMs: 0,
    callMs: 0.002,
    elementwiseNsPerElement: 2,
    matmulGflops: 2,
    transferNsPerByte: 0,
  };
  /** A device 10x faster at matmul and 4x at element-wise ops, with GPU-like call, compile and transfer costs. */
  const deviceFigures: PathFigures = {
    path: 'gpujs:test',
    compileMs: 40,
    callMs: 0.1,
    elementwiseNsPerElement: 0.5,
    matmulGflops: 20,
    transferNsPerByte: 0.5,
  };
  const figures: ProbeFigures = { cpu: cpuFigures, gpujs: deviceFigures, ms: 0 };

  function router(software = false) {
    const gpujs = backendFor(MODES[0]);
    const renderer = { engine: gpujs.engine, renderer: software ? 'SwiftShader' : 'test GPU', software };
    return {
      gpujs,
      cpu: findBackend('cpu') as Backend,
      router: new Router(findBackend('cpu') as Backend, gpujs, renderer, false, figures),
    };
  }

  it('moves a recurring large matmul to the faster device once its compile is paid back', () => {
    const { router: r, gpujs, cpu } = router();
    const a = on('cpu', () => ones([512, 512]));
    const inputs = { a, b: a };
    const attrs = { transposeA: false, transposeB: false };
    // 2 * 512^3 flops: 134 ms on the CPU, 13 ms on the device plus 2 MiB of transfer; the 40 ms compile is earned
    // back on the first call already.
    expect(r.select('MatMul', inputs, attrs)).toBe(gpujs);
    // A small one recurs: CPU 0.26 ms; device 0.03 + 0.1 (call) + 0.02 (transfer) ms plus a compile share of
    // 40 ms / calls so far, so the CPU, where its inputs live, runs it first, and the device once it is predicted
    // more than 10% faster (a share below 0.086 ms: after some 470 calls), but for exploration windows.
    const small: Tensor = on('cpu', () => ones([64, 64]));
    const picks = Array.from({ length: 600 }, () => r.select('MatMul', { a: small, b: small }, attrs));
    expect(picks.slice(0, 90).every((pick) => pick === cpu)).toBe(true);
    expect(picks.slice(480).filter((pick) => pick === gpujs).length).toBeGreaterThan(0.9 * 120);
    expect(picks[picks.length - 1]).toBe(gpujs);
    const choice = r.choices().find((c) => c.shapes === '[64,64] [64,64]');
    expect(choice?.calls).toBe(600);
    expect(choice?.reason).toMatch(/predicted gpujs faster/);
  });

  it('keeps tiny ops, uncovered dtypes and software renderers on the CPU', () => {
    const { router: r, cpu } = router();
    const tiny = on('cpu', () => ones([8]));
    expect(r.select('Exp', { x: tiny }, {})).toBe(cpu);
    const doubles = on('cpu', () => ones([4096, 64], { dtype: 'float64' }));
    expect(r.select('Exp', { x: doubles }, {})).toBe(cpu);
    const { router: software, cpu: cpu2 } = router(true);
    const big = on('cpu', () => ones([1024, 1024]));
    expect(software.select('MatMul', { a: big, b: big }, { transposeA: false, transposeB: false })).toBe(cpu2);
    expect(software.choices()[0].reason).toMatch(/software renderer \(SwiftShader\)/);
  });

  it('corrects a wrong probe figure from the host ops it times, trying the losing path now and then', () => {
    const gpujs = backendFor(MODES[0]);
    const cpu = findBackend('cpu') as Backend;
    // The probe claims the device is 1.5x slower at element-wise work; in truth it is 4x faster (the times we report).
    const misled: ProbeFigures = {
      cpu: { ...cpuFigures, callMs: 0.001, transferNsPerByte: 0 },
      gpujs: { ...deviceFigures, elementwiseNsPerElement: 3, callMs: 0.001, compileMs: 0, transferNsPerByte: 0 },
      ms: 0,
    };
    const renderer = { engine: gpujs.engine, renderer: 'test GPU', software: false };
    const r = new Router(cpu, gpujs, renderer, false, misled);
    // The input as the engine keeps it: it moves to wherever an op runs on it (one copy per backend stands for it).
    const x = new Map<Backend, Tensor>([
      [cpu, on('cpu', () => ones([1 << 16]))],
      [gpujs, on(`gpujs-${MODES[0]}`, () => add(ones([1 << 16]), ones([1 << 16])))], // compiled: calls can be timed
    ]);
    let xOn = cpu;
    const picks: Backend[] = [];
    for (let i = 0; i < 60; i++) {
      const input = x.get(xOn) as Tensor;
      const chosen = r.select('Add', { a: input, b: input }, {});
      xOn = chosen;
      picks.push(chosen);
      if (r.observing) r.observe('Add', chosen, chosen === gpujs ? 0.033 : 0.131);
    }
    if (IN_BROWSER) {
      // WebGL work runs asynchronously until read back: the device path is never timed, so the probe stands.
      expect(picks.every((pick) => pick === cpu)).toBe(true);
      expect(r.corrections()['gpujs:elementwise']).toBeUndefined();
      return;
    }
    // Calls 1-7 follow the probe (3-7 timed: an op's first two calls are cold); calls 8-11 try the device (two cold
    // rounds, then two timed), whose times correct its figure, and it runs there after. The CPU, timed five times and
    // now predicted 3.9x slower, is out of reach: it is not tried again, though the probe alone still rates it faster.
    const where = picks.map((pick) => (pick === gpujs ? 'g' : 'c')).join('');
    expect(where).toBe(`${'c'.repeat(7)}${'g'.repeat(53)}`);
    expect(r.corrections()['gpujs:elementwise'].factor).toBeCloseTo(0.033 / (0.197 + 0.001), 2);
    expect(r.corrections()['cpu:elementwise'].factor).toBeCloseTo(0.131 / (0.131 + 0.001), 2);
    // Timed: device calls 10-60, CPU calls 3-7.
    expect(r.corrections()['gpujs:elementwise'].samples).toBe(51);
    expect(r.corrections()['cpu:elementwise'].samples).toBe(5);
    // An observation that is not the op just routed (another kernel, another backend) changes nothing.
    const input = x.get(gpujs) as Tensor;
    r.select('Add', { a: input, b: input }, {});
    r.observe('Mul', gpujs, 100);
    expect(r.corrections()['gpujs:elementwise'].samples).toBe(51);
  });

  it('keeps an op where its inputs live unless the other path is predicted more than 10% faster', () => {
    const gpujs = backendFor(MODES[0]);
    const cpu = findBackend('cpu') as Backend;
    const renderer = { engine: gpujs.engine, renderer: 'test GPU', software: false };
    const onDevice = on(`gpujs-${MODES[0]}`, () => add(ones([1 << 16]), ones([1 << 16])));
    // The device: 1 ns an element; the CPU 5% faster (stay), then 20% faster (move). Nothing to transfer or compile.
    const pick = (cpuNs: number) => {
      const figures: ProbeFigures = {
        cpu: { ...cpuFigures, callMs: 0.001, elementwiseNsPerElement: cpuNs, transferNsPerByte: 0 },
        gpujs: { ...deviceFigures, callMs: 0.001, elementwiseNsPerElement: 1, compileMs: 0, transferNsPerByte: 0 },
        ms: 0,
      };
      const r = new Router(cpu, gpujs, renderer, false, figures);
      const chosen = r.select('Add', { a: onDevice, b: onDevice }, {});
      return { chosen, reason: r.choices()[0].reason };
    };
    const close = pick(0.95);
    expect(close.chosen).toBe(gpujs);
    expect(close.reason).toMatch(/^stays where its inputs live, within 10% \(predicted cpu faster/);
    expect(pick(0.8).chosen).toBe(cpu);
  });

  it('does not learn from a call that moved its inputs in (a cold copy is no measure of the op)', () => {
    const gpujs = backendFor(MODES[0]);
    const cpu = findBackend('cpu') as Backend;
    if (IN_BROWSER) return; // GL work is never timed.
    // Accurate figures: the device is 4x faster on element-wise work.
    const accurate: ProbeFigures = {
      cpu: { ...cpuFigures, callMs: 0.001, transferNsPerByte: 0 },
      gpujs: { ...deviceFigures, callMs: 0.001, compileMs: 0, transferNsPerByte: 0 },
      ms: 0,
    };
    const r = new Router(cpu, gpujs, { engine: gpujs.engine, renderer: 'test GPU', software: false }, false, accurate);
    const x = new Map<Backend, Tensor>([
      [cpu, on('cpu', () => ones([1 << 16]))],
      [gpujs, on(`gpujs-${MODES[0]}`, () => exp(ones([1 << 16])))],
    ]);
    let xOn = cpu;
    const picks: Backend[] = [];
    for (let i = 0; i < 20; i++) {
      const chosen = r.select('Exp', { x: x.get(xOn) as Tensor }, {});
      // The first device call copies its input in and takes 6x the op's time; later calls run on resident data.
      if (r.observing) r.observe('Exp', chosen, chosen === cpu ? 0.131 : xOn === chosen ? 0.033 : 0.2);
      xOn = chosen;
      picks.push(chosen);
    }
    expect(picks.every((pick) => pick === gpujs)).toBe(true);
    // Calls 1 (moved its input) and 2 (an op's first two calls are cold) are not timed.
    expect(r.corrections()['gpujs:elementwise'].samples).toBe(18);
  });

  it('moves a whole chain to the path that wins its exploration, though each op alone would not pay its transfer', () => {
    const gpujs = backendFor(MODES[0]);
    const cpu = findBackend('cpu') as Backend;
    if (IN_BROWSER) return; // GL work is never timed.
    // Accurate figures, with a costly transfer: moving a 256 KiB input (0.13 ms) costs more than the op saves.
    const figures: ProbeFigures = {
      cpu: { ...cpuFigures, callMs: 0.001, transferNsPerByte: 0 },
      gpujs: { ...deviceFigures, callMs: 0.001, compileMs: 0, transferNsPerByte: 0.5 },
      ms: 0,
    };
    const r = new Router(cpu, gpujs, { engine: gpujs.engine, renderer: 'test GPU', software: false }, false, figures);
    const size = 1 << 16;
    const copies = (make: () => Tensor) =>
      new Map<Backend, Tensor>([
        [cpu, on('cpu', make)],
        [gpujs, on(`gpujs-${MODES[0]}`, make)],
      ]);
    const x = copies(() => ones([size]));
    const product = copies(() => mul(ones([size]), ones([size])));
    on(`gpujs-${MODES[0]}`, () => exp(ones([size])));
    let xOn = cpu;
    const time = (chosen: Backend, resident: boolean) => (chosen === cpu ? 0.131 : resident ? 0.033 : 0.2);
    const rounds: string[] = [];
    for (let round = 0; round < 16; round++) {
      // exp(x * x), op by op.
      const mulOn = r.select('Mul', { a: x.get(xOn) as Tensor, b: x.get(xOn) as Tensor }, {});
      if (r.observing) r.observe('Mul', mulOn, time(mulOn, xOn === mulOn));
      xOn = mulOn;
      const expOn = r.select('Exp', { x: product.get(mulOn) as Tensor }, {});
      if (r.observing) r.observe('Exp', expOn, time(expOn, mulOn === expOn));
      rounds.push(`${mulOn === gpujs ? 'g' : 'c'}${expOn === gpujs ? 'g' : 'c'}`);
    }
    // Rounds 1-7 on the CPU, where the data is (0.131 ms an op against 0.033 + 0.13 to move an input over). Round 8
    // opens a window on the device (within reach without transfers), which it wins; the chain moves over for good.
    expect(rounds.join(' ')).toBe(`${'cc '.repeat(7)}${'gg '.repeat(8)}gg`);
    expect(r.choices().find((c) => c.kernel === 'Exp')?.reason).toMatch(/^predicted gpujs faster/);
  });

  it('brings a chain back from an exploration it lost, though each op alone would stay with the moved data', () => {
    const gpujs = backendFor(MODES[0]);
    const cpu = findBackend('cpu') as Backend;
    if (IN_BROWSER) return; // GL work is never timed.
    // The probe rates the device slower (3 ns an element); it is 4x faster. Moving an input costs 0.13 ms.
    const figures: ProbeFigures = {
      cpu: { ...cpuFigures, callMs: 0.001, transferNsPerByte: 0 },
      gpujs: { ...deviceFigures, elementwiseNsPerElement: 3, callMs: 0.001, compileMs: 0, transferNsPerByte: 0.5 },
      ms: 0,
    };
    const r = new Router(cpu, gpujs, { engine: gpujs.engine, renderer: 'test GPU', software: false }, false, figures);
    const size = 1 << 16;
    const copies = (make: () => Tensor) =>
      new Map<Backend, Tensor>([
        [cpu, on('cpu', make)],
        [gpujs, on(`gpujs-${MODES[0]}`, make)],
      ]);
    const x = copies(() => ones([size]));
    const product = copies(() => mul(ones([size]), ones([size])));
    on(`gpujs-${MODES[0]}`, () => exp(ones([size])));
    let xOn: Backend = gpujs;
    const time = (chosen: Backend, resident: boolean) => (chosen === cpu ? 0.131 : resident ? 0.033 : 0.2);
    const rounds: string[] = [];
    for (let round = 0; round < 16; round++) {
      const mulOn = r.select('Mul', { a: x.get(xOn) as Tensor, b: x.get(xOn) as Tensor }, {});
      if (r.observing) r.observe('Mul', mulOn, time(mulOn, xOn === mulOn));
      xOn = mulOn;
      const expOn = r.select('Exp', { x: product.get(mulOn) as Tensor }, {});
      if (r.observing) r.observe('Exp', expOn, time(expOn, mulOn === expOn));
      rounds.push(`${mulOn === gpujs ? 'g' : 'c'}${expOn === gpujs ? 'g' : 'c'}`);
    }
    // The chain starts where its data is, on the device. As the probe still rates the CPU faster, round 8 opens a
    // window there (rounds 8-11), which the CPU loses; round 12 moves the chain back, where per-op choices would have
    // kept it on the CPU with the data (0.131 ms an op against 0.033 + 0.26 to move both inputs of Mul back).
    expect(rounds.join(' ')).toBe(`${'gg '.repeat(7)}${'cc '.repeat(4)}${'gg '.repeat(4)}gg`);
    expect(r.choices().find((c) => c.kernel === 'Mul')?.reason).toMatch(
      /^stays where its inputs live|^predicted gpujs/,
    );
  });

  it('explores a chain as a whole and learns only from ops whose inputs were already where they ran', () => {
    const gpujs = backendFor(MODES[0]);
    const cpu = findBackend('cpu') as Backend;
    if (IN_BROWSER) return; // GL work is never timed (see above): nothing to explore with.
    const misled: ProbeFigures = {
      cpu: { ...cpuFigures, callMs: 0.001, transferNsPerByte: 0 },
      gpujs: { ...deviceFigures, elementwiseNsPerElement: 3, callMs: 0.001, compileMs: 0, transferNsPerByte: 0 },
      ms: 0,
    };
    const renderer = { engine: gpujs.engine, renderer: 'test GPU', software: false };
    const r = new Router(cpu, gpujs, renderer, false, misled);
    const size = 1 << 16;
    // One tensor per backend stands for a value living there: the persistent input x, and each op's output.
    const copies = (make: () => Tensor) =>
      new Map<Backend, Tensor>([
        [cpu, on('cpu', make)],
        [gpujs, on(`gpujs-${MODES[0]}`, make)],
      ]);
    const x = copies(() => ones([size]));
    const product = copies(() => mul(ones([size]), ones([size])));
    const sumOf = copies(() => add(ones([size]), ones([size])));
    on(`gpujs-${MODES[0]}`, () => relu(ones([size]))); // every kernel of the chain compiled: calls can be timed
    let xOn = cpu;
    // True times: the device is 4x faster on resident data; a device op whose input had to be moved in times 0.2 ms
    // (a cold copy), which must not be learnt from.
    const time = (chosen: Backend, resident: boolean) => (chosen === cpu ? 0.131 : resident ? 0.033 : 0.2);
    const rounds: Backend[][] = [];
    for (let round = 0; round < 12; round++) {
      // relu(x * x + x), op by op, each op's input living where the op before it ran.
      const mulOn = r.select('Mul', { a: x.get(xOn) as Tensor, b: x.get(xOn) as Tensor }, {});
      if (r.observing) r.observe('Mul', mulOn, time(mulOn, xOn === mulOn));
      xOn = mulOn;
      const addOn = r.select('Add', { a: product.get(mulOn) as Tensor, b: x.get(xOn) as Tensor }, {});
      if (r.observing) r.observe('Add', addOn, time(addOn, mulOn === addOn && xOn === addOn));
      xOn = addOn;
      const reluOn = r.select('Relu', { x: sumOf.get(addOn) as Tensor }, {});
      if (r.observing) r.observe('Relu', reluOn, time(reluOn, addOn === reluOn));
      rounds.push([mulOn, addOn, reluOn]);
    }
    // Rounds 1-7 follow the probe. Round 8 opens a window: the whole chain moves (rounds 8 and 9 cold, untimed);
    // rounds 10 and 11 run it on resident data, timed, which corrects the device's figure; it stays there after.
    for (const round of rounds.slice(0, 7)) expect(round).toEqual([cpu, cpu, cpu]);
    for (const round of rounds.slice(7)) expect(round).toEqual([gpujs, gpujs, gpujs]);
    const device = r.corrections()['gpujs:elementwise'];
    expect(device.samples).toBe(3 * (12 - 9));
    expect(device.factor).toBeCloseTo(0.033 / (0.197 + 0.001), 2);
  });

  it('records fused chains among the choices, with both predictions and why', () => {
    const { router: r } = router();
    const tiny = on('cpu', () => ones([8]));
    const big = on('cpu', () => ones([1 << 20]));
    expect(r.preferDeviceForFused(8, 3, [tiny], true, 'chain')).toBe(false);
    const picked = r.preferDeviceForFused(1 << 20, 3, [big], true, 'chain');
    const fused = r.choices().filter((choice) => choice.kernel === 'fused(3 ops)');
    expect(fused.map((choice) => choice.shapes)).toEqual(['[8]', '[1048576]']);
    expect(fused[0].reason).toMatch(/tiny chain/);
    expect(fused[1].reason).toMatch(
      /^predicted (one gpujs kernel|3 CPU ops) faster: 3 CPU ops [\d.]+ ms \([\d.]+ each\) vs one gpujs kernel [\d.]+ ms/,
    );
    expect(fused[1].backend).toBe(picked ? 'gpujs' : 'cpu');
    const predicted = fused[1].predictedMs;
    expect(predicted).toBeDefined();
    expect(picked).toBe((predicted?.gpujs ?? 0) < (predicted?.cpu ?? 0));
  });

  it('counts the cost of moving inputs that live on the other backend', () => {
    const { router: r, gpujs, cpu } = router();
    const onCpu = on('cpu', () => ones([1 << 16]));
    // Element-wise on 64Ki: CPU 0.13 ms; device 0.03 ms + 0.1 ms call + 0.26 ms to move 512 KiB in: the CPU wins
    // however often it recurs.
    for (let i = 0; i < 400; i++) r.select('Add', { a: onCpu, b: onCpu }, {});
    expect(r.select('Add', { a: onCpu, b: onCpu }, {})).toBe(cpu);
    // On data already on the device it is the CPU that would pay the move (0.39 ms), so the op stays there.
    const onDevice = on(`gpujs-${MODES[0]}`, () => ones([1 << 16]));
    for (let i = 0; i < 400; i++) r.select('Add', { a: onDevice, b: onDevice }, {});
    expect(onDevice.backend).toBe(gpujs);
    expect(r.select('Add', { a: onDevice, b: onDevice }, {})).toBe(gpujs);
  });
});
