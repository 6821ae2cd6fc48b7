import { ValueError } from '../errors.js';
import type { RngState } from './types.js';

/**
 * Checks that `value` is a state `getState()` could have returned: the `xoshiro128**` tag, four integers in
 * [0, 2^32) that are not all zero (the one state the engine never leaves), and a split level of 0, 1 or 2.
 *
 * @example assertRngState('createRng.fromState', JSON.parse(saved))
 */
export function assertRngState(fn: string, value: unknown): RngState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValueError(`${fn}: expected a state object from getState(), got ${describe(value)}`);
  }
  const { algorithm, words, splitLevel } = value as Record<string, unknown>;
  if (algorithm !== 'xoshiro128**') {
    throw new ValueError(`${fn}: state.algorithm must be "xoshiro128**", got ${describe(algorithm)}`);
  }
  if (!Array.isArray(words) || words.length !== 4) {
    throw new ValueError(`${fn}: state.words must be an array of 4 integers, got ${describe(words)}`);
  }
  for (const word of words) {
    if (typeof word !== 'number' || !Number.isInteger(word) || word < 0 || word >= 2 ** 32) {
      throw new ValueError(`${fn}: state.words must hold integers in [0, 2^32), got ${describe(words)}`);
    }
  }
  if (words.every((word) => word === 0)) {
    throw new ValueError(`${fn}: state.words are all zero, a state xoshiro128** never reaches`);
  }
  if (splitLevel !== 0 && splitLevel !== 1 && splitLevel !== 2) {
    throw new ValueError(`${fn}: state.splitLevel must be 0, 1 or 2, got ${describe(splitLevel)}`);
  }
  return { algorithm, words: [words[0], words[1], words[2], words[3]], splitLevel };
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // Cyclic objects cannot be shown; their type is enough to say what went wrong.
  }
  if (text === undefined) return typeof value;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
