// Element-wise kernels are generated as source text from small expression templates. One generator serves the
// single ops and `fuse`, and generated text cannot be mangled by a bundler or minifier: gpu.js compiles kernels from
// their source, so a renamed or transpiled function would stop compiling.

/** Element-wise ops with one input that run on the device. */
export type UnaryOp =
  | 'Neg'
  | 'Exp'
  | 'Log'
  | 'Log1p'
  | 'Expm1'
  | 'Sqrt'
  | 'Square'
  | 'Reciprocal'
  | 'Abs'
  | 'Sign'
  | 'Floor'
  | 'Sin'
  | 'Cos'
  | 'Tanh'
  | 'Sigmoid'
  | 'Relu'
  | 'Softplus'
  | 'LeakyRelu';

/** Element-wise ops with two inputs that run on the device. */
export type BinaryOp = 'Add' | 'Sub' | 'Mul' | 'Div' | 'Pow' | 'Maximum' | 'Minimum';

// Each template writes the CPU reference's formula (packages/tensor/src/backends/cpu/kernels), NaN rules included.
// `p` is the op's numeric parameter, always passed as a kernel argument (see UNARY_PARAMETERS).
export const UNARY: Readonly<Record<UnaryOp, (v: string, p: string) => string>> = {
  Neg: (v) => `-${v}`,
  Exp: (v) => `Math.exp(${v})`,
  // GLSL leaves log outside its domain undefined (SwiftShader: log(0) = -88, log(-1) = 0) and gpu.js writes the
  // literal Infinity as FLT_MAX, so p is Infinity passed as an argument: -p is -Infinity and p - p is NaN (p * 0 folds
  // to 0 in SwiftShader).
  Log: (v, p) => `(${v} > 0.0 ? Math.log(${v}) : (${v} === 0.0 ? -${p} : ${p} - ${p}))`,
  Log1p: (v, p) => `(${v} > -1.0 ? Math.log1p(${v}) : (${v} === -1.0 ? -${p} : ${p} - ${p}))`,
  Expm1: (v) => `Math.expm1(${v})`,
  Sqrt: (v) => `Math.sqrt(${v})`,
  Square: (v) => `${v} * ${v}`,
  Reciprocal: (v) => `1.0 / ${v}`,
  Abs: (v) => `Math.abs(${v})`,
  Sign: (v) => `(${v} > 0.0 ? 1.0 : (${v} < 0.0 ? -1.0 : (${v} === 0.0 ? 0.0 : ${v})))`,
  Floor: (v) => `Math.floor(${v})`,
  Sin: (v) => `Math.sin(${v})`,
  Cos: (v) => `Math.cos(${v})`,
  Tanh: (v) => `Math.tanh(${v})`,
  // Two branches so that exp never overflows, as on the CPU.
  Sigmoid: (v) => `(${v} >= 0.0 ? 1.0 / (1.0 + Math.exp(-${v})) : Math.exp(${v}) / (1.0 + Math.exp(${v})))`,
  Relu: (v) => `(${v} > 0.0 ? ${v} : (${v} === ${v} ? 0.0 : ${v}))`,
  Softplus: (v) => `Math.max(${v}, 0.0) + Math.log1p(Math.exp(-Math.abs(${v})))`,
  LeakyRelu: (v, p) => `(${v} >= 0.0 ? ${v} : ${p} * ${v})`,
};

/**
 * The numeric parameter of the unary ops that take one, from the kernel's attributes: LeakyRelu's slope, and
 * Infinity for the logarithms (see above).
 */
export const UNARY_PARAMETERS: Readonly<Partial<Record<UnaryOp, (attrs: { alpha?: number }) => number>>> = {
  LeakyRelu: (attrs) => attrs.alpha ?? 0.2,
  Log: () => Number.POSITIVE_INFINITY,
  Log1p: () => Number.POSITIVE_INFINITY,
};

export const BINARY: Readonly<Record<BinaryOp, (x: string, y: string) => string>> = {
  Add: (x, y) => `${x} + ${y}`,
  Sub: (x, y) => `${x} - ${y}`,
  Mul: (x, y) => `${x} * ${y}`,
  Div: (x, y) => `${x} / ${y}`,
  // GLSL's pow is undefined for a negative base; an integer exponent gives |x|^y with the sign of its parity.
  Pow: (x, y) =>
    `(${x} < 0.0 && Math.floor(${y}) === ${y} ? (Math.floor(${y} * 0.5) * 2.0 === ${y} ? 1.0 : -1.0) * Math.pow(-${x}, ${y}) : Math.pow(${x}, ${y}))`,
  // NaN propagates from either side, as NumPy's maximum and minimum do.
  Maximum: (x, y) => `(${x} > ${y} || ${x} !== ${x} ? ${x} : ${y})`,
  Minimum: (x, y) => `(${x} < ${y} || ${x} !== ${x} ? ${x} : ${y})`,
};

export function isUnaryOp(kernel: string): kernel is UnaryOp {
  return Object.hasOwn(UNARY, kernel);
}

export function isBinaryOp(kernel: string): kernel is BinaryOp {
  return Object.hasOwn(BINARY, kernel);
}

/**
 * How a kernel reads one tensor operand: element by element (`full`), or a one-element tensor broadcast to every
 * output element (`broadcast`, read at index 0 on the device).
 */
export type OperandKind = 'full' | 'broadcast';

/** One step of an element-wise program, in SSA form: steps refer to earlier steps by index. */
export type Step =
  | { readonly kind: 'tensor'; readonly index: number }
  | { readonly kind: 'number'; readonly index: number }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly x: number; readonly parameter?: number }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly a: number; readonly b: number };

/** An element-wise program: tensor operands, numeric arguments and the steps that combine them. */
export interface ElementwiseProgram {
  readonly operands: readonly OperandKind[];
  readonly numbers: number;
  readonly steps: readonly Step[];
  /** The step whose value is the output (default: the last). */
  readonly result?: number;
}

/**
 * sin or cos in float32 arithmetic for GLSL, whose builtins are approximations (SwiftShader's err by up to 2e-4):
 * Cody-Waite reduction by pi/2 in three parts, then the polynomials of Cephes' sinf and cosf (Moshier 1989),
 * about 1 ulp for |x| < 8192. `shift` is 1 for cos, which is sin a quarter turn on.
 */
function sinCosLines(v: string, name: string, shift: 0 | 1): string[] {
  const [a, j, z, zz, q, s] = ['a', 'j', 'z', 'zz', 'q', 'sg'].map((part) => `${name}${part}`);
  return [
    `const ${a} = Math.abs(${v});`,
    `const ${j} = Math.floor(${a} * 1.2732395447351628);`,
    `const ${q} = Math.floor((${j} + 1.0) * 0.5);`,
    `const ${z} = ((${a} - ${q} * 1.5703125) - ${q} * 4.837512969970703125e-4) - ${q} * 7.54978995489188216e-8;`,
    `const ${zz} = ${z} * ${z};`,
    `const ${s} = (${q} + ${shift}.0) - Math.floor((${q} + ${shift}.0) * 0.25) * 4.0;`,
    `const ${name} = (${s} >= 2.0 ? -1.0 : 1.0) * ${shift === 0 ? `(${v} < 0.0 ? -1.0 : 1.0) * ` : ''}(${s} === 1.0 || ${s} === 3.0` +
      ` ? ((2.443315711809948e-5 * ${zz} - 1.388731625493765e-3) * ${zz} + 4.166664568298827e-2) * ${zz} * ${zz} - 0.5 * ${zz} + 1.0` +
      ` : ((-1.9515295891e-4 * ${zz} + 8.3321608736e-3) * ${zz} - 1.6666654611e-1) * ${zz} * ${z} + ${z});`,
  ];
}

/** e^x - 1 for |x| < 0.5 by its Taylor series to x^8 in Horner form (relative error about 1e-8 plus rounding). */
function expm1Series(x: string): string {
  return `${x} * (1.0 + ${x} * 0.5 * (1.0 + ${x} / 3.0 * (1.0 + ${x} * 0.25 * (1.0 + ${x} * 0.2 * (1.0 + ${x} / 6.0 * (1.0 + ${x} / 7.0 * (1.0 + ${x} * 0.125)))))))`;
}

/**
 * Formulas for GL, in float32 arithmetic, where GLSL's builtins or gpu.js's polyfills lose accuracy: SwiftShader's
 * sin and cos err by up to 2e-4, gpu.js writes expm1 as pow(e, x) - 1 and log1p as log(1 + x) (cancellation near
 * 0), and its WebGL1 tanh overflows to NaN. Each returns statements, the last of which defines `name`.
 */
const GL_UNARY: Readonly<Partial<Record<UnaryOp, (v: string, name: string, p: string) => string[]>>> = {
  Sin: (v, name) => sinCosLines(v, name, 0),
  Cos: (v, name) => sinCosLines(v, name, 1),
  Expm1: (v, name) => [`const ${name} = Math.abs(${v}) < 0.5 ? ${expm1Series(v)} : Math.exp(${v}) - 1.0;`],
  // log1p(x) = 2 atanh(s) with s = x / (2 + x), |s| <= 1/3 for |x| < 0.5: a fast odd series in s.
  Log1p: (v, name, p) => {
    const [t, t2] = [`${name}s`, `${name}s2`];
    const series = `2.0 * ${t} * (1.0 + ${t2} * (1.0 / 3.0 + ${t2} * (0.2 + ${t2} * (1.0 / 7.0 + ${t2} * (1.0 / 9.0 + ${t2} * (1.0 / 11.0 + ${t2} * (1.0 / 13.0 + ${t2} / 15.0)))))))`;
    return [
      `const ${t} = ${v} / (2.0 + ${v});`,
      `const ${t2} = ${t} * ${t};`,
      `const ${name} = ${v} > -1.0 ? (Math.abs(${v}) < 0.5 ? ${series} : Math.log(1.0 + ${v})) : (${v} === -1.0 ? -${p} : ${p} - ${p});`,
    ];
  },
  // tanh(x) = expm1(2x) / (expm1(2x) + 2), odd; |x| > 9 rounds to +-1 in float32 (and would overflow).
  Tanh: (v, name) => {
    const [a, e] = [`${name}a`, `${name}e`];
    return [
      `const ${a} = Math.abs(${v}) * 2.0;`,
      `const ${e} = ${a} < 0.5 ? ${expm1Series(a)} : Math.exp(${a}) - 1.0;`,
      `const ${name} = (${a} > 18.0 ? 1.0 : ${e} / (${e} + 2.0)) * (${v} < 0.0 ? -1.0 : 1.0);`,
    ];
  },
};

/**
 * The kernel source for a program: tensor operands are `t0, t1, ...`, numbers `n0, n1, ...` (kernel arguments,
 * never constants, so a changed learning rate reuses the compiled kernel). Every step gets a local variable.
 * `gl` selects float32 formulas where GLSL's builtins are too coarse.
 */
export function elementwiseSource(program: ElementwiseProgram, gl = false): string {
  const params: string[] = [];
  for (let i = 0; i < program.operands.length; i++) params.push(`t${i}`);
  for (let i = 0; i < program.numbers; i++) params.push(`n${i}`);
  const lines: string[] = [];
  program.steps.forEach((step, i) => {
    const name = `s${i}`;
    let expression: string;
    switch (step.kind) {
      case 'tensor':
        expression = program.operands[step.index] === 'full' ? `t${step.index}[this.thread.x]` : `t${step.index}[0]`;
        break;
      case 'number':
        expression = `n${step.index}`;
        break;
      case 'unary':
        if (gl && GL_UNARY[step.op] !== undefined) {
          const parameter = step.parameter === undefined ? '0.0' : `n${step.parameter}`;
          lines.push(...(GL_UNARY[step.op]?.(`s${step.x}`, name, parameter) ?? []).map((line) => `  ${line}`));
          return;
        }
        expression = UNARY[step.op](`s${step.x}`, step.parameter === undefined ? '0.0' : `n${step.parameter}`);
        break;
      case 'binary':
        expression = BINARY[step.op](`s${step.a}`, `s${step.b}`);
        break;
    }
    lines.push(`  const ${name} = ${expression};`);
  });
  const result = program.result ?? program.steps.length - 1;
  return `function elementwise(${params.join(', ')}) {\n${lines.join('\n')}\n  return s${result};\n}`;
}
