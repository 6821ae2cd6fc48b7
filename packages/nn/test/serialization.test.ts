import { createRng, type Tensor, tensor, tree, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { fromJson, fromSafetensors, mlp, toJson, toSafetensors } from '../src/index.js';

function sample() {
  const { params, state } = mlp([3, 4, 2]).init(createRng(1));
  return {
    params,
    state,
    extra: {
      step: tensor([7], { dtype: 'int32' }),
      mask: tensor([true, false]),
      exact: tensor([Math.PI, 1e-300], { dtype: 'float64' }),
    },
  };
}

function expectSameTree(a: unknown, b: unknown): void {
  const left = tree.flatten(a as tree.Tree);
  const right = tree.flatten(b as tree.Tree);
  expect(right.structure).toEqual(left.structure);
  left.leaves.forEach((leaf: Tensor, i) => {
    expect(right.leaves[i].dtype).toBe(leaf.dtype);
    expect(right.leaves[i].shape).toEqual(leaf.shape);
    expect(Array.from(right.leaves[i].dataSync())).toEqual(Array.from(leaf.dataSync()));
  });
}

describe('JSON', () => {
  it('round-trips parameters, state and every dtype bit for bit', () => {
    const value = sample();
    expectSameTree(value, fromJson(toJson(value)));
  });

  it('validates format, version and byte counts', () => {
    const document = JSON.parse(toJson({ w: tensor([1, 2]) }));
    expect(() => fromJson('{')).toThrow(/not valid JSON/);
    expect(() => fromJson(JSON.stringify({ ...document, format: 'other' }))).toThrow(/not a Descent tree document/);
    expect(() => fromJson(JSON.stringify({ ...document, version: 2 }))).toThrow(/unsupported version 2/);
    const truncated = { ...document, leaves: [{ ...document.leaves[0], data: document.leaves[0].data.slice(0, 4) }] };
    expect(() => fromJson(JSON.stringify(truncated))).toThrow(ValueError);
  });
});

describe('safetensors', () => {
  it('round-trips the tree', () => {
    const value = sample();
    expectSameTree(value, fromSafetensors(toSafetensors(value)));
  });

  it('follows the format: u64 header length, JSON header padded to 8 bytes, raw little-endian data', () => {
    const bytes = toSafetensors({
      layer: {
        w: tensor([
          [1, 2],
          [3, 4],
        ]),
      },
    });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLength) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    expect(header['layer.w']).toEqual({ dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] });
    const data = new Float32Array(bytes.slice(8 + headerLength).buffer);
    expect(Array.from(data)).toEqual([1, 2, 3, 4]);
  });

  it('reads files from other tools as a flat record of named tensors', () => {
    const header = new TextEncoder().encode(
      JSON.stringify({ weight: { dtype: 'F64', shape: [2], data_offsets: [0, 16] } }),
    );
    const bytes = new Uint8Array(8 + header.length + 16);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
    bytes.set(header, 8);
    new DataView(bytes.buffer).setFloat64(8 + header.length, 1.5, true);
    new DataView(bytes.buffer).setFloat64(8 + header.length + 8, -2, true);
    const read = fromSafetensors(bytes) as { weight: Tensor };
    expect(read.weight.dtype).toBe('float64');
    expect(Array.from(read.weight.dataSync())).toEqual([1.5, -2]);
  });

  it('rejects truncated files and inconsistent headers', () => {
    const bytes = toSafetensors({ w: tensor([1, 2, 3]) });
    expect(() => fromSafetensors(bytes.subarray(0, 6))).toThrow(/expected at least 8 bytes/);
    expect(() => fromSafetensors(bytes.subarray(0, 20))).toThrow(/exceeds .*truncated file/);
    expect(() => fromSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(/outside the 8 data bytes/);
  });
});
