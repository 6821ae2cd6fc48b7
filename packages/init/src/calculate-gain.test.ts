import { ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { calculateGain, type Nonlinearity } from './calculate-gain.js';

describe('calculateGain', () => {
  // torch.nn.init.calculate_gain(name) for every name it knows.
  it.each<[Nonlinearity, number]>([
    ['linear', 1],
    ['conv1d', 1],
    ['conv2d', 1],
    ['conv3d', 1],
    ['convTranspose1d', 1],
    ['convTranspose2d', 1],
    ['conv_transpose3d', 1],
    ['sigmoid', 1],
    ['tanh', 5 / 3],
    ['relu', Math.SQRT2],
    ['selu', 0.75],
    ['leakyRelu', 1.4141428569978354],
    ['leaky_relu', 1.4141428569978354],
  ])('%s → %d', (nonlinearity, gain) => {
    expect(calculateGain(nonlinearity)).toBeCloseTo(gain, 15);
  });

  it('uses param as the negative slope of leakyRelu only', () => {
    expect(calculateGain('leakyRelu', 0.2)).toBeCloseTo(Math.sqrt(2 / 1.04), 15);
    expect(calculateGain('leakyRelu', 0)).toBe(Math.SQRT2);
    expect(calculateGain('leaky_relu', 1)).toBe(1);
    expect(calculateGain('tanh', 0.2)).toBe(5 / 3);
  });

  it('rejects unknown names and a non-numeric slope', () => {
    expect(() => calculateGain('gelu' as Nonlinearity)).toThrow(ValueError);
    expect(() => calculateGain('gelu' as Nonlinearity)).toThrow('calculateGain: unsupported nonlinearity "gelu"');
    expect(() => calculateGain('leakyRelu', Number.NaN)).toThrow('calculateGain: the negative slope must be a finite');
  });
});
