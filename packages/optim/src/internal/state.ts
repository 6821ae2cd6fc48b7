import { ValueError } from '@descent/tensor';
import { describe } from './validate.js';

/**
 * Every leaf transformation's state is a record tagged with the transformation's name (`kind`), so that a state from
 * another transformation, or a checkpoint of another optimizer, is refused with a message rather than misread.
 */
export interface Tagged<K extends string> {
  readonly kind: K;
}

/** Checks that `state` came from `kind`'s `init()`. */
export function assertState<K extends string>(fn: string, state: unknown, kind: K): asserts state is Tagged<K> {
  if (state !== null && typeof state === 'object' && (state as { kind?: unknown }).kind === kind) return;
  const got =
    state !== null && typeof state === 'object' && typeof (state as { kind?: unknown }).kind === 'string'
      ? `the state of ${(state as { kind: string }).kind}`
      : describe(state);
  throw new ValueError(
    `${fn}: expected the state of ${kind} (from its init()), got ${got}; was it made by another transformation?`,
  );
}
