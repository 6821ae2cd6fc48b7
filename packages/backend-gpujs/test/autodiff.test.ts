// Differentiating through the gpujs backend (webasm in Node, WebGL2 in the Chromium project): the gradients of a
// small float32 MLP loss and of single ops with device kernels match the CPU backend's, and stay on gpujs.
import { valueAndGrad } from '@descent/autodiff';
import { mlp, softmaxCrossEntropy } from '@descent/nn';
import { createRng, exp, matmul, setBackend, sum, type Tensor, tanh, tensor, tree } from '@descent/tensor';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getBackendInfo, registerGpujsBackend } from '../src/index.js';
import { expectClose, IN_BROWSER, on, randomTensor, type Tolerance } from './helpers.js';

/** GL computes exp and tanh with GLSL builtins or float32 formulas; webasm calls Math.*. */
const OPS: Tolerance = IN_BROWSER ? { rtol: 1e-4, atol: 1e-5 } : { rtol: 2e-5, atol: 1e-6 };
const MLP: Tolerance = IN_BROWSER ? { rtol: 1e-3, atol: 1e-5 } : { rtol: 2e-4, atol: 1e-6 };

/** A copy of every leaf on the current backend. */
function copyTree<T extends tree.Tree>(params: T): T {
  return tree.map(params, (leaf: Tensor) =>
    tensor(leaf.dataSync(), { shape: [...leaf.shape], dtype: leaf.dtype }),
  ) as T;
}

/** Kernel fallbacks recorded so far (gpujs ran the CPU reference on host values). */
const fallbacks = (): Record<string, number> => ({ ...(getBackendInfo().gpujs?.fallbacks ?? {}) });

function newFallbacks(before: Record<string, number>): string[] {
  return Object.entries(fallbacks())
    .filter(([kernel, count]) => count > (before[kernel] ?? 0))
    .map(([kernel]) => kernel);
}

beforeAll(() => registerGpujsBackend({ mode: 'gpu' }));
afterEach(() => setBackend('cpu'));

describe('autodiff on gpujs', () => {
  const x = () => randomTensor([16, 12], 71);
  const w = () => randomTensor([12, 8], 72, -0.5, 0.5);

  const singles: [string, (p: { x: Tensor; w: Tensor }) => Tensor, readonly string[]][] = [
    ['matmul', ({ x, w }) => sum(matmul(x, w)), ['MatMul', 'Sum']],
    ['tanh', ({ x, w }) => sum(tanh(matmul(x, w))), ['MatMul', 'Tanh', 'Sum']],
    ['exp', ({ x }) => sum(exp(x)), ['Exp', 'Sum']],
    ['sum over an axis', ({ x, w }) => sum(sum(matmul(x, w), 0)), ['MatMul', 'Sum']],
  ];

  it.each(singles)('the gradient of %s matches the CPU backend and stays on gpujs', (_, f, kernels) => {
    const params = { x: x(), w: w() };
    const [expectedValue, expectedGrads] = valueAndGrad(f)(params);
    setBackend('gpujs');
    const onDevice = copyTree(params);
    const before = fallbacks();
    const [value, grads] = valueAndGrad(f)(onDevice);
    const fellBack = newFallbacks(before);
    setBackend('cpu');
    expect(value.backend.name).toBe('gpujs');
    expectClose(value, expectedValue, { rtol: 1e-4, atol: 1e-4 }, undefined, 'value');
    for (const name of ['x', 'w'] as const) {
      expect(grads[name].backend.name, `grad ${name} backend`).toBe('gpujs');
      expect(grads[name].dtype).toBe('float32');
      expectClose(grads[name], expectedGrads[name], OPS, undefined, `grad ${name}`);
    }
    // The forward ops' kernels ran on the device, not through the CPU fallback.
    expect(fellBack.filter((kernel) => kernels.includes(kernel))).toEqual([]);
  });

  it('the gradient of an MLP softmax cross-entropy loss matches the CPU backend and stays on gpujs', () => {
    const model = mlp([12, 16, 16, 5], { activation: 'tanh' });
    const { params, state } = on('cpu', () => model.init(createRng(0)));
    const inputs = randomTensor([32, 12], 73);
    const labels = tensor(
      Int32Array.from({ length: 32 }, (_, i) => (i * 7) % 5),
      { dtype: 'int32' },
    );
    const loss = (p: typeof params, xs: Tensor, ys: Tensor) =>
      softmaxCrossEntropy(model.apply(p, state, xs, { training: true }).y, ys);
    const [expectedLoss, expectedGrads] = valueAndGrad(loss)(params, inputs, labels);

    setBackend('gpujs');
    const [p, xs, ys] = [copyTree(params), copyTree(inputs), copyTree(labels)];
    const before = fallbacks();
    const [value, grads] = valueAndGrad(loss)(p, xs, ys);
    const fellBack = newFallbacks(before);
    setBackend('cpu');

    expect(value.backend.name).toBe('gpujs');
    expectClose(value, expectedLoss, MLP, undefined, 'loss');
    const expected = tree.leaves(expectedGrads) as Tensor[];
    const actual = tree.leaves(grads) as Tensor[];
    expect(actual.length).toBe(expected.length);
    expect(actual.length).toBeGreaterThan(0);
    for (let i = 0; i < actual.length; i++) {
      expect(actual[i].backend.name, `grad ${i} backend`).toBe('gpujs');
      expectClose(actual[i], expected[i], MLP, undefined, `grad ${i}`);
    }
    // Matmuls, tanh, exp and the reductions ran gpu.js kernels. Add and Mul may use the CPU reference: int32 label
    // indexing, and broadcasts such as the bias add [32,16] + [16], which gpu.js binary kernels do not cover (equal
    // shapes or one-element operands only); their results still stay on gpujs.
    expect(fellBack.filter((kernel) => ['MatMul', 'Tanh', 'Exp', 'Sum'].includes(kernel))).toEqual([]);
  });
});
