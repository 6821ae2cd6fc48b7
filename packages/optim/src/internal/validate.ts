import { ValueError } from '@descent/tensor';
import type { ScalarOrSchedule } from '../types.js';

/** A value as an error message shows it. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return (value as object).constructor?.name ?? 'an object';
}

/** A finite number ≥ 0 (a learning rate, a decay coefficient, an epsilon). */
export function nonNegative(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValueError(`${fn}: ${name} must be a finite number >= 0, got ${describe(value)}`);
  }
  return value;
}

/** A finite number > 0. */
export function positive(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(`${fn}: ${name} must be a finite number > 0, got ${describe(value)}`);
  }
  return value;
}

/** A decay rate or beta in [0, 1): at 1 an average never forgets and bias corrections divide by zero. */
export function unitInterval(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ValueError(`${fn}: ${name} must be in [0, 1), got ${describe(value)}`);
  }
  return value;
}

/** A number in [0, 1] (dampening, a fraction). */
export function closedUnitInterval(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new ValueError(`${fn}: ${name} must be in [0, 1], got ${describe(value)}`);
  }
  return value;
}

/** A positive integer (a number of steps). */
export function positiveInteger(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValueError(`${fn}: ${name} must be a positive integer, got ${describe(value)}`);
  }
  return value;
}

/** A non-negative integer (a step, an offset). */
export function nonNegativeInteger(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ValueError(`${fn}: ${name} must be a non-negative integer, got ${describe(value)}`);
  }
  return value;
}

export function boolean(fn: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ValueError(`${fn}: ${name} must be true or false, got ${describe(value)}`);
  return value;
}

/** A finite number, of either sign. */
export function finite(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${fn}: ${name} must be a finite number, got ${describe(value)}`);
  }
  return value;
}

/** A learning rate: a finite number ≥ 0 or a schedule (whose values are checked at each step). */
export function learningRate(fn: string, value: unknown): ScalarOrSchedule {
  if (typeof value === 'function') return value as ScalarOrSchedule;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValueError(`${fn}: learningRate must be a finite number >= 0 or a schedule, got ${describe(value)}`);
  }
  return value;
}

/** The value of a constant or scheduled learning rate at `step`, checked: a schedule must not produce NaN. */
export function learningRateAt(fn: string, value: ScalarOrSchedule, step: number): number {
  if (typeof value === 'number') return value;
  const at = value(step);
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) {
    throw new ValueError(`${fn}: the schedule returned ${describe(at)} at step ${step}; expected a finite number >= 0`);
  }
  return at;
}

/** Options must be a plain object (or omitted); catches `adam(1e-3, 0.9)`. */
export function options<T extends object>(fn: string, value: T | undefined): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValueError(`${fn}: options must be an object, got ${describe(value)}`);
  }
  return value;
}

/** Checks the β₁, β₂ and δ that an alias passes on, so that errors name the alias (`adam:`), not the transform. */
export function moments<T extends { readonly b1?: number; readonly b2?: number; readonly eps?: number }>(
  fn: string,
  given: T,
): T {
  if (given.b1 !== undefined) unitInterval(fn, 'b1', given.b1);
  if (given.b2 !== undefined) unitInterval(fn, 'b2', given.b2);
  if (given.eps !== undefined) nonNegative(fn, 'eps', given.eps);
  return given;
}
