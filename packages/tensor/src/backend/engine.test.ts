import { afterEach, describe, expect, it } from 'vitest';
import { addCpu, mulCpu } from '../backends/cpu/kernels/binary.js';
import { CpuStorage } from '../backends/cpu/storage.js';
import { tensor } from '../creation/tensor.js';
import { ValueError } from '../errors.js';
import { add, mul } from '../ops/arithmetic.js';
import { exp } from '../ops/unary.js';
import type { Backend, KernelName } from './backend.js';
import { defineBackend } from './define-backend.js';
import {
  findBackend,
  getBackend,
  inputNames,
  moveTo,
  onKernelRun,
  registerBackend,
  runKernel,
  setBackend,
} from './engine.js';

/** A second backend with its own storage that implements only Add and Mul: everything else must fall back. */
class PartialStorage extends CpuStorage {
  override readonly name = 'partial';
  writes = 0;
  override write(...args: Parameters<CpuStorage['write']>) {
    this.writes++;
    return super.write(...args);
  }
}

const storage = new PartialStorage();
registerBackend('partial', defineBackend(storage, { Add: addCpu, Mul: mulCpu }));

afterEach(() => setBackend('cpu'));

describe('moveTo', () => {
  it('moves a tensor to another backend with its value, frees the old copy, and does nothing when it is there', () => {
    const x = tensor([1.5, -2, 3]);
    const before = x.dataId;
    const writes = storage.writes;
    const partial = findBackend('partial') as Backend;
    moveTo(x, partial);
    expect(x.backend).toBe(partial);
    expect(storage.writes).toBe(writes + 1);
    expect(x.dataId).not.toBe(before);
    expect((before as { values?: unknown }).values).toBeUndefined(); // the CPU copy was released
    expect(Array.from(x.dataSync())).toEqual([1.5, -2, 3]);
    moveTo(x, partial);
    expect(storage.writes).toBe(writes + 1);
  });
});

describe('backend registry', () => {
  it('runs ops on the selected backend and falls back to the CPU per op, moving data as needed', () => {
    const x = tensor([1, 2, 3]);
    expect(x.backend.name).toBe('cpu');
    setBackend('partial');
    expect(getBackend().name).toBe('partial');
    const sum = add(x, x);
    expect(sum.backend.name).toBe('partial');
    expect(x.backend.name).toBe('partial'); // the input moved with its value intact
    const e = exp(sum); // no Exp kernel on `partial`
    expect(e.backend.name).toBe('cpu');
    expect(Array.from(e.dataSync())).toEqual([2, 4, 6].map((v) => Math.fround(Math.exp(v))));
    const product = mul(e, sum);
    expect(product.backend.name).toBe('partial');
    expect(Array.from(product.dataSync())).toEqual([2, 4, 6].map((v) => Math.fround(Math.fround(Math.exp(v)) * v)));
    expect(storage.writes).toBeGreaterThan(0);
  });

  it('names the registered backends when asked for an unknown one', () => {
    expect(() => setBackend('webgpu-typo')).toThrow(ValueError);
    expect(() => setBackend('webgpu-typo')).toThrow(/unknown backend "webgpu-typo"; registered: cpu, auto, partial/);
  });

  it('selects the CPU for auto when no auto backend is registered', () => {
    setBackend('auto');
    expect(getBackend().name).toBe('cpu');
  });

  it('reports every kernel run to listeners until they unsubscribe', () => {
    const seen: KernelName[] = [];
    const stop = onKernelRun((kernel) => seen.push(kernel));
    const x = tensor([1, 2]);
    exp(add(x, x));
    stop();
    mul(x, x);
    expect(seen).toEqual(['Add', 'Exp']);
  });

  it("learns each kernel's input names from its first call, in the order the op passes them", () => {
    const names: (readonly string[])[] = [];
    const stop = onKernelRun((kernel, inputs) => names.push(inputNames(kernel, inputs)));
    const x = tensor([1, 2]);
    exp(add(x, x));
    stop();
    expect(names).toEqual([['a', 'b'], ['x']]);
  });

  it('still refuses a disposed input when runKernel is called directly', () => {
    const x = tensor([1, 2]);
    x.dispose();
    expect(() => runKernel('Exp', { x }, {})).toThrow(/disposed/);
  });

  it('tells an observing router how long the ops it routed took, and only those', () => {
    const cpu = getBackend();
    const seen: [string, string, number][] = [];
    let observing = false;
    const router: Backend = {
      ...cpu,
      name: 'observing-router',
      select: (kernel) => {
        observing = kernel === 'Exp';
        return cpu;
      },
      get observing() {
        return observing;
      },
      observe: (kernel, ran, ms) => {
        seen.push([kernel, ran.name, ms]);
        observing = false;
      },
    };
    registerBackend('observing-router', router);
    setBackend('observing-router');
    const x = tensor([1, 2]);
    exp(add(x, x));
    setBackend('cpu');
    expect(seen.map(([kernel, ran]) => [kernel, ran])).toEqual([['Exp', 'cpu']]);
    expect(seen[0][2]).toBeGreaterThanOrEqual(0);
  });
});
