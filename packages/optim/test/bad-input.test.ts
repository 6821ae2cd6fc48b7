import { DTypeError, tensor, ValueError } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { adadelta, adagrad, adam, adamax, adamw, nadam, rmsprop, sgd } from '../src/index.js';

// DESIGN.md: bad input throws a typed error naming the function, what it got and what it expected; no NaN is
// produced silently from bad arguments.

const ALIASES = { sgd, adagrad, rmsprop, adam, adamw, nadam, adamax, adadelta } as const;
const NAMES = Object.keys(ALIASES) as (keyof typeof ALIASES)[];

describe.each(NAMES)('%s', (name) => {
  const make = ALIASES[name] as (learningRate: unknown, options?: unknown) => unknown;

  it.each([-1e-3, Number.NaN, Number.POSITIVE_INFINITY, null, '0.1'])('refuses learning rate %s', (rate) => {
    expect(() => make(rate)).toThrow(ValueError);
    expect(() => make(rate)).toThrow(new RegExp(`^${name}: learningRate must be a finite number >= 0 or a schedule`));
  });

  it('refuses options that are not an object', () => {
    expect(() => make(0.1, 0.9)).toThrow(new RegExp(`^${name}: options must be an object, got 0.9`));
  });

  it('refuses a maximize that is not a boolean', () => {
    expect(() => make(0.1, { maximize: 'yes' })).toThrow(new RegExp(`^${name}: maximize must be true or false, got`));
  });

  it('refuses a negative weight decay', () => {
    expect(() => make(0.1, { weightDecay: -0.1 })).toThrow(
      new RegExp(`^${name}: weightDecay must be a finite number >= 0`),
    );
  });

  it('refuses a schedule that turns NaN when it is reached', () => {
    const transformation = make((step: number) => (step < 1 ? 0.1 : Number.NaN)) as ReturnType<typeof adam>;
    const params = { w: tensor([1, 2]) };
    let state = transformation.init(params);
    [, state] = transformation.update({ w: tensor([1, 1]) }, state, params);
    expect(() => transformation.update({ w: tensor([1, 1]) }, state, params)).toThrow(
      /the schedule returned NaN at step 1/,
    );
  });

  it('refuses integer gradients', () => {
    const transformation = make(0.1) as ReturnType<typeof adam>;
    const params = { w: tensor([1, 2]) };
    expect(() =>
      transformation.update({ w: tensor([1, 1], { dtype: 'int32' }) }, transformation.init(params), params),
    ).toThrow(DTypeError);
  });
});

describe.each(['adam', 'adamw', 'nadam', 'adamax'] as const)('%s betas', (name) => {
  it.each([{ b1: 1 }, { b1: -0.1 }, { b2: 1 }, { b2: Number.NaN }])('refuses %o', (options) => {
    const [key] = Object.keys(options);
    expect(() => ALIASES[name](1e-3, options as never)).toThrow(new RegExp(`^${name}: ${key} must be in \\[0, 1\\)`));
  });
});

describe('momentum options', () => {
  it('refuses momentum outside [0, 1), dampening outside [0, 1] and Nesterov without momentum', () => {
    expect(() => sgd(0.1, { momentum: 1 })).toThrow(/^sgd: momentum must be in \[0, 1\), got 1/);
    expect(() => sgd(0.1, { momentum: 0.9, dampening: 2 })).toThrow(/^sgd: dampening must be in \[0, 1\]/);
    expect(() => sgd(0.1, { nesterov: true })).toThrow(/^sgd: Nesterov momentum needs momentum > 0 and dampening 0/);
    expect(() => rmsprop(0.1, { nesterov: true })).toThrow(/^rmsprop: Nesterov momentum needs momentum > 0/);
    expect(() => sgd(0.1, { momentum: 0.9, form: 'keras' as never })).toThrow(/^sgd: form must be 'pytorch' or 'book'/);
    expect(() => rmsprop(0.1, { decay: 1 })).toThrow(/^rmsprop: decay must be in \[0, 1\)/);
    expect(() => adadelta(1, { rho: 1 })).toThrow(/^adadelta: rho must be in \[0, 1\)/);
    expect(() => adagrad(0.1, { learningRateDecay: -1 })).toThrow(/^adagrad: learningRateDecay/);
  });
});
