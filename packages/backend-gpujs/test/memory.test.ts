import { add, matmul, memory, mul, relu, sub, sum, type Tensor, tidy } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { backendFor, IN_BROWSER, isGl, MODES, on, randomTensor } from './helpers.js';

describe.each(MODES)('gpu.js mode %s', (mode) => {
  const backend = backendFor(mode);
  const name = `gpujs-${mode}`;

  it('keeps live tensors and live device memory flat across 1,000 training-like steps inside tidy', () => {
    on(name, () => {
      const x = randomTensor([16, 12], 51);
      const target = randomTensor([16, 4], 52);
      let w = randomTensor([12, 4], 53);
      let peakTextures = 0;
      const step = (): Tensor => {
        const next = tidy(() => {
          const y = relu(matmul(x, w));
          const error = sub(y, target);
          const gradient = matmul(x, error, { transposeA: true });
          const loss = sum(mul(error, error));
          peakTextures = Math.max(peakTextures, backend.storage.memory().liveTextures);
          return add(sub(w, mul(gradient, 1e-3)), mul(loss, 0));
        });
        w.dispose();
        return next;
      };
      for (let i = 0; i < 10; i++) w = step();
      const [tensors, textures] = [memory().liveTensors, backend.storage.memory().liveTextures];
      for (let i = 0; i < 990; i++) w = step();
      expect(memory().liveTensors).toBe(tensors);
      expect(backend.storage.memory().liveTextures).toBe(textures);
      // On GL the step really held device memory (so the flat count means something); elsewhere results are arrays.
      if (isGl(mode)) expect(peakTextures).toBeGreaterThan(textures);
      else expect(peakTextures).toBe(0);
      expect(Number.isFinite(w.dataSync()[0])).toBe(true);
    });
  });

  const gc = (globalThis as { gc?: () => void }).gc;
  it.runIf(isGl(mode) && IN_BROWSER && gc !== undefined)(
    'frees the texture of a tensor dropped without dispose once it is garbage-collected',
    async () => {
      const before = backend.storage.memory();
      on(name, () => {
        for (let i = 0; i < 8; i++) add(randomTensor([64], 54 + i), 1); // results dropped on purpose
      });
      expect(backend.storage.memory().liveTextures).toBeGreaterThan(before.liveTextures);
      for (let attempt = 0; attempt < 50 && backend.storage.memory().collected === before.collected; attempt++) {
        gc?.();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(backend.storage.memory().collected).toBeGreaterThan(before.collected);
    },
  );
});
