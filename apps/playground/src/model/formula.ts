import {
  abs,
  add,
  cos,
  div,
  exp,
  expm1,
  log,
  log1p,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  reshape,
  sigmoid,
  sin,
  slice,
  softplus,
  sqrt,
  square,
  sub,
  type Tensor,
  tanh,
} from '@descent/tensor';

// A whitelist parser for objective formulas typed in the playground. Input is tokenized and parsed by a small
// recursive-descent parser into an AST; the AST is evaluated with tensor ops (so autodiff differentiates it).
// Nothing is ever passed to eval, Function or a dynamic import: a name that is not on the lists below is an error.

/** A node of a parsed formula. */
export type FormulaNode =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'variable'; readonly name: 'x' | 'y' }
  | { readonly kind: 'negate'; readonly operand: FormulaNode }
  | {
      readonly kind: 'binary';
      readonly op: '+' | '-' | '*' | '/' | '^';
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    }
  | { readonly kind: 'call'; readonly name: FunctionName; readonly args: readonly FormulaNode[] };

/** A formula the parser rejected: the message says what and where (a 0-based character offset). */
export class FormulaError extends Error {
  override readonly name = 'FormulaError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const UNARY = {
  sin,
  cos,
  exp,
  log,
  sqrt,
  abs,
  tanh,
  sigmoid,
  softplus,
  square,
  log1p,
  expm1,
} as const satisfies Record<string, (x: Tensor) => Tensor>;
const BINARY = { min: minimum, max: maximum, pow } as const;
type FunctionName = keyof typeof UNARY | keyof typeof BINARY;
const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

/** Every name a formula may use, for help text and error messages. */
export const FORMULA_NAMES = {
  variables: ['x', 'y'],
  constants: Object.keys(CONSTANTS),
  functions: [...Object.keys(UNARY), ...Object.keys(BINARY)],
} as const;

/** Longest formula accepted, in characters, and deepest nesting. */
export const MAX_FORMULA_LENGTH = 300;
const MAX_DEPTH = 40;

type Token =
  | { readonly type: 'number'; readonly value: number; readonly at: number }
  | { readonly type: 'name'; readonly value: string; readonly at: number }
  | { readonly type: 'op'; readonly value: '+' | '-' | '*' | '/' | '^' | '(' | ')' | ','; readonly at: number }
  | { readonly type: 'end'; readonly at: number };

function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 32 || code > 126 ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `'${char}'`;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      i++;
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(source.slice(i));
      const text = match?.[0] ?? char;
      tokens.push({ type: 'number', value: Number(text), at: i });
      i += text.length;
    } else if (/[A-Za-z_]/.test(char)) {
      const text = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))?.[0] ?? char;
      tokens.push({ type: 'name', value: text, at: i });
      i += text.length;
    } else if (char === '*' && source[i + 1] === '*') {
      tokens.push({ type: 'op', value: '^', at: i });
      i += 2;
    } else if ('+-*/^(),'.includes(char)) {
      tokens.push({ type: 'op', value: char as '+', at: i });
      i++;
    } else {
      throw new FormulaError(
        `unexpected character ${describeChar(char)} at position ${i + 1}: a formula may use numbers, x, y, + − * / ^, parentheses and the listed functions`,
        i,
      );
    }
  }
  tokens.push({ type: 'end', at: source.length });
  return tokens;
}

function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(UNARY, name) || Object.hasOwn(BINARY, name);
}

class Parser {
  #index = 0;
  #depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parse(): FormulaNode {
    const node = this.expression();
    const next = this.peek();
    if (next.type !== 'end') throw this.unexpected(next);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.#index];
  }

  private take(): Token {
    return this.tokens[this.#index++];
  }

  private isOp(value: string): boolean {
    const token = this.peek();
    return token.type === 'op' && token.value === value;
  }

  private expect(value: string): void {
    const token = this.take();
    if (token.type !== 'op' || token.value !== value) {
      throw new FormulaError(
        `expected '${value}' at position ${token.at + 1}, found ${this.describe(token)}`,
        token.at,
      );
    }
  }

  private describe(token: Token): string {
    if (token.type === 'end') return 'the end of the formula';
    if (token.type === 'number') return `the number ${token.value}`;
    return `'${token.value}'`;
  }

  private unexpected(token: Token): FormulaError {
    return new FormulaError(`unexpected ${this.describe(token)} at position ${token.at + 1}`, token.at);
  }

  private nested<T>(at: number, fn: () => T): T {
    if (++this.#depth > MAX_DEPTH) throw new FormulaError(`the formula nests deeper than ${MAX_DEPTH} levels`, at);
    try {
      return fn();
    } finally {
      this.#depth--;
    }
  }

  // expression := term (('+' | '-') term)*
  private expression(): FormulaNode {
    let node = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.take() as { value: '+' | '-' }).value;
      node = { kind: 'binary', op, left: node, right: this.term() };
    }
    return node;
  }

  // term := unary (('*' | '/') unary)*
  private term(): FormulaNode {
    let node = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = (this.take() as { value: '*' | '/' }).value;
      node = { kind: 'binary', op, left: node, right: this.unary() };
    }
    return node;
  }

  // unary := ('-' | '+') unary | power.  −x^2 is −(x^2), as in mathematics.
  private unary(): FormulaNode {
    const token = this.peek();
    if (this.isOp('-') || this.isOp('+')) {
      this.take();
      const operand = this.nested(token.at, () => this.unary());
      return token.type === 'op' && token.value === '-' ? { kind: 'negate', operand } : operand;
    }
    return this.power();
  }

  // power := primary ('^' unary)?  (right-associative: 2^3^2 = 2^9)
  private power(): FormulaNode {
    const base = this.primary();
    if (!this.isOp('^')) return base;
    const at = this.take().at;
    return { kind: 'binary', op: '^', left: base, right: this.nested(at, () => this.unary()) };
  }

  // primary := number | name | name '(' arguments ')' | '(' expression ')'
  private primary(): FormulaNode {
    const token = this.take();
    if (token.type === 'number') {
      if (!Number.isFinite(token.value))
        throw new FormulaError(`the number at position ${token.at + 1} is too large`, token.at);
      return { kind: 'number', value: token.value };
    }
    if (token.type === 'op' && token.value === '(') {
      const node = this.nested(token.at, () => this.expression());
      this.expect(')');
      return node;
    }
    if (token.type !== 'name') throw this.unexpected(token);
    const name = token.value;
    if (this.isOp('(')) {
      if (!isFunctionName(name)) {
        throw new FormulaError(
          `unknown function '${name}' at position ${token.at + 1}; the functions are ${FORMULA_NAMES.functions.join(', ')}`,
          token.at,
        );
      }
      this.take();
      const args = this.nested(token.at, () => {
        const list = [this.expression()];
        while (this.isOp(',')) {
          this.take();
          list.push(this.expression());
        }
        return list;
      });
      this.expect(')');
      const arity = Object.hasOwn(UNARY, name) ? 1 : 2;
      if (args.length !== arity) {
        throw new FormulaError(
          `${name} takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length} (position ${token.at + 1})`,
          token.at,
        );
      }
      return { kind: 'call', name, args };
    }
    if (name === 'x' || name === 'y') return { kind: 'variable', name };
    if (Object.hasOwn(CONSTANTS, name)) return { kind: 'number', value: CONSTANTS[name] };
    if (isFunctionName(name)) {
      throw new FormulaError(`${name} at position ${token.at + 1} needs parentheses: ${name}(…)`, token.at);
    }
    throw new FormulaError(
      `unknown name '${name}' at position ${token.at + 1}; a formula may use x, y, pi, e and the functions ${FORMULA_NAMES.functions.join(', ')}`,
      token.at,
    );
  }
}

/**
 * Parses a formula in x and y into an AST, or throws a `FormulaError` saying why not. Accepts numbers, x, y, pi, e,
 * + − * / ^ (also **), parentheses and the whitelisted functions; nothing else.
 */
export function parseFormula(source: string): FormulaNode {
  if (typeof source !== 'string') throw new FormulaError('the formula must be text', 0);
  if (source.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError(`the formula is longer than ${MAX_FORMULA_LENGTH} characters`, MAX_FORMULA_LENGTH);
  }
  if (source.trim() === '') throw new FormulaError('the formula is empty', 0);
  return new Parser(tokenize(source)).parse();
}

/** Coordinate `i` of points `[..., 2]`, shape `[...]`. */
function coordinate(points: Tensor, i: number): Tensor {
  const rank = points.shape.length;
  const begin = new Array<number>(rank).fill(0);
  const size = new Array<number>(rank).fill(-1);
  begin[rank - 1] = i;
  size[rank - 1] = 1;
  return reshape(slice(points, begin, size), points.shape.slice(0, -1));
}

function evaluateNode(node: FormulaNode, x: Tensor, y: Tensor): Tensor | number {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'variable':
      return node.name === 'x' ? x : y;
    case 'negate': {
      const value = evaluateNode(node.operand, x, y);
      return typeof value === 'number' ? -value : neg(value);
    }
    case 'binary': {
      const left = evaluateNode(node.left, x, y);
      const right = evaluateNode(node.right, x, y);
      if (typeof left === 'number' && typeof right === 'number') return foldBinary(node.op, left, right);
      switch (node.op) {
        case '+':
          return add(left, right);
        case '-':
          return sub(left, right);
        case '*':
          return mul(left, right);
        case '/':
          return div(left, right);
        case '^':
          // x^2 is by far the most common power: square keeps its gradient exact and free of log(x).
          return right === 2 && typeof left !== 'number' ? square(left) : pow(left, right);
      }
      break;
    }
    case 'call': {
      const args = node.args.map((arg) => evaluateNode(arg, x, y));
      const tensorArgs = args.map((value) => (typeof value === 'number' ? add(mul(x, 0), value) : value));
      if (Object.hasOwn(UNARY, node.name)) return UNARY[node.name as keyof typeof UNARY](tensorArgs[0]);
      return BINARY[node.name as keyof typeof BINARY](tensorArgs[0], tensorArgs[1]);
    }
  }
  throw new FormulaError('unknown formula node', 0);
}

function foldBinary(op: '+' | '-' | '*' | '/' | '^', a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '^':
      return a ** b;
  }
}

/**
 * The objective of a parsed formula as a function of points `[2]` (returns a scalar) or `[..., 2]` (returns
 * `[...]`), built from tensor ops so that autodiff differentiates it.
 */
export function formulaFunction(node: FormulaNode): (points: Tensor) => Tensor {
  return (points) => {
    const x = coordinate(points, 0);
    const y = coordinate(points, 1);
    const value = evaluateNode(node, x, y);
    // A constant formula still returns one value per point.
    return typeof value === 'number' ? add(mul(x, 0), value) : value;
  };
}

/** Parses and compiles a formula; throws `FormulaError` on rejected input. */
export function compileFormula(source: string): (points: Tensor) => Tensor {
  return formulaFunction(parseFormula(source));
}
