import { grad } from '@descent/autodiff';
import { tensor } from '@descent/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFormula, FormulaError, MAX_FORMULA_LENGTH, parseFormula } from './formula.js';

const at = (source: string, x: number, y: number) =>
  compileFormula(source)(tensor([x, y], { dtype: 'float64' })).item();

describe('parseFormula and compileFormula', () => {
  it.each([
    ['x^2 + y^2', 3, 4, 25],
    ['-x^2', 3, 0, -9],
    ['2^3^2', 0, 0, 512],
    ['1 - 2 - 3', 0, 0, -4],
    ['8 / 4 / 2', 0, 0, 1],
    ['2*x*y + 1', 2, 5, 21],
    ['x**3', 2, 0, 8],
    ['(1 - x)^2 + 100*(y - x^2)^2', 1, 1, 0],
    ['sin(pi/2) + cos(0) + exp(0) + log(e)', 0, 0, 4],
    ['sqrt(16) + abs(-2) + square(3) + max(x, y) + min(x, y)', 1, 2, 18],
    ['tanh(0) + sigmoid(0) + softplus(0) - log(2)', 0, 0, 0.5],
    ['1.5e1 + .5', 0, 0, 15.5],
    ['4', 7, 7, 4],
  ])('%s at (%d, %d) = %d', (source, x, y, expected) => {
    expect(at(source, x, y)).toBeCloseTo(expected, 10);
  });

  it('evaluates a batch of points in one call', () => {
    const f = compileFormula('x^2 + 10*y');
    const points = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'float64' },
    );
    expect(Array.from(f(points).dataSync())).toEqual([21, 49]);
    expect(Array.from(compileFormula('3')(points).dataSync())).toEqual([3, 3]);
  });

  it('builds a function that autodiff differentiates', () => {
    const gradient = grad(compileFormula('x^2*y + sin(y)'));
    const [gx, gy] = gradient(tensor([2, 0], { dtype: 'float64' })).dataSync();
    expect(gx).toBeCloseTo(0, 12);
    expect(gy).toBeCloseTo(4 + 1, 12);
  });

  it.each([
    ["constructor.constructor('alert(1)')()", /unexpected character '\.' at position 12/],
    ['alert(1)', /unknown function 'alert' at position 1/],
    ['x + constructor', /unknown name 'constructor'/],
    ['__proto__', /unknown name '__proto__'/],
    ['this', /unknown name 'this'/],
    ['globalThis', /unknown name 'globalThis'/],
    ['x; y', /unexpected character ';'/],
    ['"x"', /unexpected character '"'/],
    ['`x`', /unexpected character '`'/],
    ['[x]', /unexpected character '\['/],
    ['x => x', /unexpected character '='/],
    ['x = 1', /unexpected character '='/],
    ['x y', /unexpected 'y' at position 3/],
    ['(x + 1', /expected '\)' at position 7, found the end/],
    ['x + ', /unexpected the end of the formula/],
    ['sin x', /sin at position 1 needs parentheses/],
    ['sin(x, y)', /sin takes 1 argument, got 2/],
    ['max(x)', /max takes 2 arguments, got 1/],
    ['', /empty/],
    ['   ', /empty/],
    ['1e999', /too large/],
    ['x\u2028', /unexpected character U\+2028/],
  ])('rejects %j', (source, message) => {
    expect(() => parseFormula(source)).toThrow(FormulaError);
    expect(() => parseFormula(source)).toThrow(message);
  });

  it('rejects input that is too long or nests too deeply', () => {
    expect(() => parseFormula(`x${'+x'.repeat(MAX_FORMULA_LENGTH)}`)).toThrow(/longer than/);
    expect(() => parseFormula(`${'('.repeat(60)}x${')'.repeat(60)}`)).toThrow(/nests deeper/);
    expect(() => parseFormula(`${'-'.repeat(60)}x`)).toThrow(/nests deeper/);
  });

  it('never throws anything but a FormulaError, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (source) => {
        try {
          parseFormula(source);
        } catch (error) {
          expect(error).toBeInstanceOf(FormulaError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('accepts everything built from its own grammar', () => {
    const leaf = fc.constantFrom('x', 'y', '2', '0.5', 'pi');
    const expression = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc
          .tuple(tie('node'), fc.constantFrom('+', '-', '*', '/', '^'), tie('node'))
          .map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(fc.constantFrom('sin', 'cos', 'tanh', 'abs'), tie('node')).map(([f, a]) => `${f}(${a})`),
        tie('node').map((a) => `-${a}`),
      ),
    })).node;
    fc.assert(
      fc.property(expression, (source) => {
        fc.pre(source.length <= MAX_FORMULA_LENGTH);
        expect(() => parseFormula(source)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
