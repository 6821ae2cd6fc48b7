import { ValueError } from '@descent/tensor';
import { describe } from './validate.js';

/** Schedules take the 0-based step count; a negative, fractional or NaN step is a bug in the caller. */
export function checkStep(fn: string, step: unknown): number {
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
    throw new ValueError(`${fn}: step must be a non-negative integer, got ${describe(step)}`);
  }
  return step;
}

/** A schedule's value at the start: any finite number (a schedule may drive a quantity other than a rate). */
export function finite(fn: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${fn}: ${name} must be a finite number, got ${describe(value)}`);
  }
  return value;
}
