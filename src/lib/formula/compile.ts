// Formula compiler: mathjs parses, we evaluate.
//
// mathjs is used only for its parser (parser.ts: its parse factory with plain node records, no
// mathjs instance). The tree is then translated into plain closures over a Float64Array, node
// type by node type, and anything not on the list below is refused with its position. The
// evaluator can therefore reach no JavaScript global, no mathjs function and no property of
// any object: the only names are `t` and `year`, the scenario's inputs, `pi` and `e`, and the only
// functions are the Math ones listed in FUNCTIONS.
//
// Allowed: numbers, + - * / ^ mod, unary - and +, comparisons (< <= > >= == !=, also chained:
// 2021 <= t < 2026), and / or / not / xor (true = 1, false = 0), cond ? a : b, parentheses,
// implicit multiplication (2t), and the functions in FUNCTIONS.
import { INPUT_IDS, type InputId, type Scenario } from "../scenario/schema";
import { formulaSources, resolveInputs } from "../model/inputs";
import { parse, type FormulaNode } from "./parser";
import type { CompiledFormula, FormulaIssue, FormulaIssueCode, FormulaIssueDetail, FormulaSet } from "./types";

type Evaluator = (env: Float64Array) => number;

// Semantics follow mathjs for numbers (config defaults relTol 1e-12, absTol 1e-15): comparisons
// treat nearly equal numbers as equal (0.1 + 0.2 == 0.3 is true), and floor, ceil and round
// first snap a value that is nearly an integer to it, so that rounding noise does not flip
// them. The property test in engine-formula.test.ts checks this against mathjs's evaluate.
const REL_TOL = 1e-12;
const ABS_TOL = 1e-15;
function nearlyEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(REL_TOL * Math.max(Math.abs(a), Math.abs(b)), ABS_TOL);
}
/** Half away from zero, as mathjs (round(-2.5) = −3; Math.round gives −2), after snapping to 12 decimals. */
function round(x: number): number {
  // A value snapped to zero is +0, as in mathjs (round(-1e-15) = 0 but round(-0.3) = −0): the
  // sign of a zero shows in 1/round(x) and in a power of it.
  const snapped = Number(x.toFixed(12)) || 0;
  const v = Number.isFinite(x) && Math.abs(x) < 1e21 && nearlyEqual(x, snapped) ? snapped : x;
  return Math.sign(v) * Math.round(Math.abs(v));
}
function floor(x: number): number {
  const f = Math.floor(x);
  const r = round(x);
  return f !== r && nearlyEqual(x, r) && !nearlyEqual(x, f) ? r : f;
}
function ceil(x: number): number {
  const c = Math.ceil(x);
  const r = round(x);
  return c !== r && nearlyEqual(x, r) && !nearlyEqual(x, c) ? r : c;
}
/** mathjs's max and min: the first of nearly equal values wins, and NaN sticks. */
function max(...xs: number[]): number {
  let res = NaN;
  xs.forEach((x, i) => {
    if (Number.isNaN(x) || i === 0 || (x > res && !nearlyEqual(x, res))) res = x;
  });
  return res;
}
function min(...xs: number[]): number {
  let res = NaN;
  xs.forEach((x, i) => {
    if (Number.isNaN(x) || i === 0 || (x < res && !nearlyEqual(x, res))) res = x;
  });
  return res;
}
/** mathjs's mod for numbers: x − y·floor(x / y) with its floor, and x mod 0 = x. */
function mod(x: number, y: number): number {
  return y === 0 ? x : x - y * floor(x / y);
}

// Maps, not object literals: a name typed into a formula ("constructor", "__proto__",
// "valueOf") must never reach a property inherited from Object.prototype.
/** Functions available in formulas: name → [min args, max args, implementation]. */
const FUNCTIONS: ReadonlyMap<string, readonly [number, number, (...x: number[]) => number]> = new Map<string, readonly [number, number, (...x: number[]) => number]>([
  ["abs", [1, 1, Math.abs]],
  ["min", [1, 16, min]],
  ["max", [1, 16, max]],
  ["sqrt", [1, 1, Math.sqrt]],
  ["exp", [1, 1, Math.exp]],
  // log(x) is the natural logarithm, log(x, base) any base.
  ["log", [1, 2, (x: number, base?: number) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base))]],
  ["log10", [1, 1, Math.log10]],
  ["pow", [2, 2, Math.pow]],
  ["floor", [1, 1, floor]],
  ["ceil", [1, 1, ceil]],
  ["round", [1, 1, round]],
  ["sign", [1, 1, Math.sign]],
]);

const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ["pi", Math.PI],
  ["e", Math.E],
]);

const BINARY: ReadonlyMap<string, (a: number, b: number) => number> = new Map<string, (a: number, b: number) => number>([
  ["add", (a, b) => a + b],
  ["subtract", (a, b) => a - b],
  ["multiply", (a, b) => a * b],
  ["divide", (a, b) => a / b],
  ["pow", Math.pow],
  ["mod", mod],
  ["smaller", (a, b) => (a < b && !nearlyEqual(a, b) ? 1 : 0)],
  ["smallerEq", (a, b) => (a <= b || nearlyEqual(a, b) ? 1 : 0)],
  ["larger", (a, b) => (a > b && !nearlyEqual(a, b) ? 1 : 0)],
  ["largerEq", (a, b) => (a >= b || nearlyEqual(a, b) ? 1 : 0)],
  ["equal", (a, b) => (nearlyEqual(a, b) ? 1 : 0)],
  ["unequal", (a, b) => (nearlyEqual(a, b) ? 0 : 1)],
  // Truth as in mathjs (and JavaScript): 0 and NaN are false, every other number true.
  ["and", (a, b) => (a && b ? 1 : 0)],
  ["or", (a, b) => (a || b ? 1 : 0)],
  ["xor", (a, b) => (!a !== !b ? 1 : 0)],
]);
const UNARY: ReadonlyMap<string, (a: number) => number> = new Map<string, (a: number) => number>([
  ["unaryMinus", (a) => -a],
  ["unaryPlus", (a) => a],
  ["not", (a) => (a ? 0 : 1)],
]);

// ---- Positions. mathjs nodes carry none, so the source is tokenised here and the tree's
// leaves (numbers, names, function names), which appear in source order in an in-order walk,
// are matched to the tokens left to right.

interface Token {
  start: number;
  end: number;
  text: string;
}
const KEYWORDS = new Set(["and", "or", "not", "xor", "mod", "to", "in"]);

function tokenise(source: string): Token[] {
  const tokens: Token[] = [];
  const re = /(0[xXbBoO][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|([A-Za-z_$][A-Za-z0-9_$]*)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m[2] !== undefined && KEYWORDS.has(m[2])) continue;
    tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return tokens;
}

interface Span {
  start: number;
  end: number;
}

/** A node's children in source order (as mathjs's Node.forEach gives them). */
function childrenOf(node: FormulaNode): FormulaNode[] {
  const n = node as unknown as Record<string, unknown>;
  const list = (x: unknown): FormulaNode[] => (Array.isArray(x) ? (x as FormulaNode[]) : x ? [x as FormulaNode] : []);
  switch (node.type) {
    case "ParenthesisNode":
      return list(n.content);
    case "OperatorNode":
      return list(n.args);
    case "RelationalNode":
      return list(n.params);
    case "ConditionalNode":
      return [...list(n.condition), ...list(n.trueExpr), ...list(n.falseExpr)];
    case "AssignmentNode":
      return [...list(n.object), ...list(n.index), ...list(n.value)];
    case "FunctionAssignmentNode":
      return list(n.expr);
    case "BlockNode":
      return list(n.blocks).map((b) => (b as unknown as { node: FormulaNode }).node);
    case "ArrayNode":
      return list(n.items);
    case "IndexNode":
      return list(n.dimensions);
    case "AccessorNode":
      return [...list(n.object), ...list(n.index)];
    case "ObjectNode":
      return Object.values((n.properties ?? {}) as Record<string, FormulaNode>);
    case "RangeNode":
      return [...list(n.start), ...list(n.step), ...list(n.end)];
    default:
      return [];
  }
}

/** Spans of nodes, by identity. */
function nodeSpans(root: FormulaNode, source: string): Map<FormulaNode, Span> {
  const tokens = tokenise(source);
  const spans = new Map<FormulaNode, Span>();
  let next = 0;
  let failed = false;
  const closeParen = (from: number): number => {
    let depth = 0;
    for (let i = from; i < source.length; i++) {
      const c = source[i];
      if (c === "(") depth++;
      else if (c === ")" && --depth <= 0) return i + 1;
    }
    return source.length;
  };
  const walk = (node: FormulaNode): Span | null => {
    if (failed) return null;
    let span: Span | null = null;
    const n = node as FormulaNode & { type: string; args?: FormulaNode[]; content?: FormulaNode; fn?: unknown; params?: FormulaNode[] };
    if (n.type === "ConstantNode" || n.type === "SymbolNode") {
      const tok = tokens[next++];
      if (!tok) {
        failed = true;
        return null;
      }
      span = { start: tok.start, end: tok.end };
    } else if (n.type === "FunctionNode") {
      const fnSpan = walk(n.fn as FormulaNode);
      const argSpans = (n.args ?? []).map(walk);
      const start = fnSpan?.start ?? argSpans[0]?.start ?? 0;
      span = { start, end: closeParen(fnSpan?.end ?? start) };
    } else {
      const childSpans = childrenOf(node).map(walk).filter((s): s is Span => s !== null);
      if (childSpans.length > 0) span = { start: childSpans[0]!.start, end: childSpans[childSpans.length - 1]!.end };
      if (span && n.type === "ParenthesisNode") {
        let s = span.start - 1;
        while (s >= 0 && source[s] === " ") s--;
        if (source[s] === "(") span = { start: s, end: closeParen(s) };
      } else if (span && n.type === "OperatorNode" && (n.args?.length ?? 0) === 1) {
        // Unary operators stand before their operand: extend back over "-", "+" or "not".
        const before = source.slice(0, span.start).replace(/\s+$/, "");
        const m = /(-|\+|not)$/.exec(before);
        if (m) span = { start: before.length - m[0].length, end: span.end };
      }
    }
    if (span) spans.set(node, span);
    return span;
  };
  walk(root);
  return failed ? new Map() : spans;
}

// ---- Translation to an intermediate tree (kept for error locating) and to closures.

interface IR {
  span: Span;
  eval: Evaluator;
  children: IR[];
  /** Set when the value is known at compile time. */
  constant?: number;
}

class FormulaError extends Error {
  constructor(
    readonly code: FormulaIssueCode,
    readonly span: Span,
    message: string,
    readonly detail: FormulaIssueDetail,
  ) {
    super(message);
  }
}

const NAMES_HELP = `t or year (the year), ${INPUT_IDS.join(", ")}, pi, e`;

function translate(root: FormulaNode, source: string): { ir: IR; inputs: Set<InputId> } {
  const spans = nodeSpans(root, source);
  const whole: Span = { start: 0, end: source.length };
  const spanOf = (node: FormulaNode): Span => spans.get(node) ?? whole;
  const inputs = new Set<InputId>();
  const inputIndex = new Map<string, number>(INPUT_IDS.map((id, k) => [id, k + 1]));

  const constant = (value: number, span: Span): IR => ({ span, eval: () => value, children: [], constant: value });
  // Fold subtrees whose value is fixed, so `9 - 0.4 * (t - 2021)` costs two operations a year.
  const fold = (ir: IR): IR => {
    if (ir.children.length === 0 || ir.children.some((c) => c.constant === undefined)) return ir;
    const value = ir.eval(new Float64Array(0));
    // A constant part without a finite value stays as it is: it may sit in a branch that is
    // never taken (t < 2030 ? 1 : 1/0); if it is reached, evaluation reports it with its place.
    return Number.isFinite(value) ? constant(value, ir.span) : ir;
  };

  const visit = (node: FormulaNode): IR => {
    const span = spanOf(node);
    const n = node as FormulaNode & Record<string, unknown>;
    switch (node.type) {
      case "ConstantNode": {
        const value = n.value;
        if (typeof value !== "number") {
          throw typeof value === "string"
            ? new FormulaError("unsupported", span, "text is not allowed in a formula; use numbers", { code: "text-literal" })
            : new FormulaError("unsupported", span, `“${String(value)}” is not a number`, { code: "not-a-number", text: String(value) });
        }
        if (!Number.isFinite(value)) throw new FormulaError("non-finite", span, "this number is too large", { code: "number-too-large" });
        return constant(value, span);
      }
      case "SymbolNode": {
        const name = n.name as string;
        // `year` says what `t` is: the calendar year (2021 … 2035), not years since a start.
        if (name === "t" || name === "year") return { span, eval: (env) => env[0]!, children: [] };
        const k = inputIndex.get(name);
        if (k !== undefined) {
          inputs.add(name as InputId);
          return { span, eval: (env) => env[k]!, children: [] };
        }
        const c = CONSTANTS.get(name);
        if (c !== undefined) return constant(c, span);
        throw new FormulaError("unknown-name", span, `unknown name “${name}”; a formula can use ${NAMES_HELP}`, { code: "unknown-name", name });
      }
      case "ParenthesisNode":
        return visit(n.content as FormulaNode);
      case "OperatorNode": {
        const fn = n.fn as string;
        const args = n.args as FormulaNode[];
        if (n.isPercentage) throw new FormulaError("unsupported", span, "the % sign is not allowed: rates are already in %, write 9 rather than 9%", { code: "percent-sign" });
        const binary = BINARY.get(fn);
        const unary = UNARY.get(fn);
        if (args.length === 2 && binary) {
          const op = binary;
          const a = visit(args[0]!);
          const b = visit(args[1]!);
          const ea = a.eval;
          const eb = b.eval;
          // The common operators get their own closures: the call through `op` costs more than the arithmetic.
          const evaluate: Evaluator =
            fn === "add" ? (env) => ea(env) + eb(env)
            : fn === "subtract" ? (env) => ea(env) - eb(env)
            : fn === "multiply" ? (env) => ea(env) * eb(env)
            : fn === "divide" ? (env) => ea(env) / eb(env)
            : (env) => op(ea(env), eb(env));
          return fold({ span, eval: evaluate, children: [a, b] });
        }
        if (args.length === 1 && unary) {
          const op = unary;
          const a = visit(args[0]!);
          const ea = a.eval;
          return fold({ span, eval: fn === "unaryMinus" ? (env) => -ea(env) : (env) => op(ea(env)), children: [a] });
        }
        throw new FormulaError("unsupported", span, `the operator “${String(n.op)}” is not available in formulas`, { code: "operator", operator: String(n.op) });
      }
      case "RelationalNode": {
        const conditionals = n.conditionals as string[];
        const params = (n.params as FormulaNode[]).map(visit);
        const ops = conditionals.map((c) => BINARY.get(c));
        if (ops.some((op) => op === undefined)) throw new FormulaError("unsupported", span, "this comparison is not available in formulas", { code: "comparison" });
        const evals = params.map((p) => p.eval);
        return fold({
          span,
          eval: (env) => {
            let left = evals[0]!(env);
            for (let i = 0; i < ops.length; i++) {
              const right = evals[i + 1]!(env);
              if (ops[i]!(left, right) === 0) return 0;
              left = right;
            }
            return 1;
          },
          children: params,
        });
      }
      case "ConditionalNode": {
        const c = visit(n.condition as FormulaNode);
        const a = visit(n.trueExpr as FormulaNode);
        const b = visit(n.falseExpr as FormulaNode);
        const ec = c.eval;
        const ea = a.eval;
        const eb = b.eval;
        return fold({ span, eval: (env) => (ec(env) ? ea(env) : eb(env)), children: [c, a, b] });
      }
      case "FunctionNode": {
        const fnNode = n.fn as FormulaNode & { name?: string };
        const name = fnNode.type === "SymbolNode" ? fnNode.name! : "";
        const spec = FUNCTIONS.get(name);
        if (!spec) {
          throw name
            ? new FormulaError("unsupported", spanOf(fnNode), `the function “${name}” is not available; formulas can use ${[...FUNCTIONS.keys()].join(", ")}`, { code: "function", name, available: [...FUNCTIONS.keys()] })
            : new FormulaError("unsupported", spanOf(fnNode), "this kind of function call is not allowed", { code: "call" });
        }
        const [min, max, impl] = spec;
        const args = (n.args as FormulaNode[]).map(visit);
        if (args.length < min || args.length > max) {
          const count = min === max ? `${min}` : max > 2 ? `at least ${min}` : `${min} or ${max}`;
          throw new FormulaError("unsupported", span, `${name}() takes ${count} argument${count === "1" || count === "at least 1" ? "" : "s"}, not ${args.length}`, {
            code: "arity",
            name,
            min,
            max,
            count: args.length,
          });
        }
        const evals = args.map((a) => a.eval);
        let evaluate: Evaluator;
        if (evals.length === 1) {
          const e0 = evals[0]!;
          evaluate = (env) => impl(e0(env));
        } else if (evals.length === 2) {
          const e0 = evals[0]!;
          const e1 = evals[1]!;
          evaluate = (env) => impl(e0(env), e1(env));
        } else evaluate = (env) => impl(...evals.map((e) => e(env)));
        return fold({ span, eval: evaluate, children: args });
      }
      case "AssignmentNode":
      case "FunctionAssignmentNode":
        throw new FormulaError("unsupported", span, "a formula cannot assign or define anything; write an expression of t, e.g. 9 - 0.4 * (t - 2021)", { code: "assignment" });
      case "BlockNode":
        throw new FormulaError("unsupported", span, "a formula is one expression (no ; or line breaks)", { code: "block" });
      case "ArrayNode":
      case "IndexNode":
      case "AccessorNode":
      case "ObjectNode":
      case "RangeNode":
        throw new FormulaError("unsupported", span, "lists, ranges, objects and properties are not allowed in formulas", { code: "collection" });
      default: {
        // A node type mathjs may add in a later version.
        const type = (node as { type: string }).type;
        throw new FormulaError("unsupported", span, `“${type}” is not allowed in formulas`, { code: "node", type });
      }
    }
  };
  return { ir: visit(root), inputs };
}

function locate(ir: IR, env: Float64Array, source: string): { position: number; length: number; text: string } | null {
  if (Number.isFinite(ir.eval(env))) return null;
  for (const child of ir.children) {
    const inner = locate(child, env, source);
    if (inner) return inner;
  }
  return { position: ir.span.start, length: ir.span.end - ir.span.start, text: source.slice(ir.span.start, ir.span.end) };
}

export type CompileOneResult =
  | { ok: true; formula: CompiledFormula }
  | { ok: false; error: { code: FormulaIssueCode; position: number; length: number; message: string; detail: FormulaIssueDetail } };

/** Compile one formula text. Never throws. */
export function compileFormula(source: string): CompileOneResult {
  if (source.trim() === "") return { ok: false, error: { code: "syntax", position: 0, length: 0, message: "the formula is empty", detail: { code: "empty" } } };
  let root: FormulaNode;
  try {
    root = parse(source);
  } catch (e) {
    const char = typeof (e as { char?: unknown }).char === "number" ? (e as { char: number }).char : 0;
    const raw = e instanceof Error ? e.message : String(e);
    const plain = plainSyntax(raw, source, char);
    return { ok: false, error: { code: "syntax", position: Math.min(char, source.length), length: 1, message: plain.message, detail: plain.detail } };
  }
  try {
    const { ir, inputs } = translate(root, source);
    const formula: CompiledFormula = {
      source,
      inputs: INPUT_IDS.filter((id) => inputs.has(id)),
      evaluate: ir.eval,
      locate: (env) => locate(ir, env, source),
    };
    return { ok: true, formula };
  } catch (e) {
    if (e instanceof FormulaError) {
      return { ok: false, error: { code: e.code, position: e.span.start, length: e.span.end - e.span.start, message: e.message, detail: e.detail } };
    }
    // A stack overflow on absurd nesting, or anything unforeseen: still an answer, not a throw.
    return { ok: false, error: { code: "unsupported", position: 0, length: source.length, message: "the formula is too complex", detail: { code: "too-complex" } } };
  }
}

/** mathjs's messages end in "(char N)" and use its own terms; say it plainly, 1-based for people. */
function plainSyntax(raw: string, source: string, char: number): { message: string; detail: FormulaIssueDetail } {
  const base = raw.replace(/\s*\(char \d+\)\s*$/, "");
  const where = char >= source.length ? "at the end" : `at character ${char + 1}`;
  if (/Value expected/i.test(base)) return { message: `a number or name is missing ${where}`, detail: { code: "value-expected" } };
  if (/Parenthesis \) expected/i.test(base)) return { message: `a closing parenthesis “)” is missing ${where}`, detail: { code: "paren-expected" } };
  if (/Unexpected end of expression/i.test(base)) return { message: "the formula ends too early", detail: { code: "unexpected-end" } };
  if (/Unexpected operator/i.test(base)) return { message: `unexpected operator ${where}`, detail: { code: "unexpected-operator" } };
  if (/Syntax error in part/i.test(base)) return { message: `unexpected text ${where}`, detail: { code: "unexpected-text" } };
  return { message: `${base} ${where}`, detail: { code: "parse-error", text: base } };
}

export type CompileResult = { ok: true; formulas: FormulaSet } | { ok: false; formulas: FormulaSet; issues: FormulaIssue[] };

/**
 * Compile every formula of a scenario and check its values in every year (finite and within
 * the input's range). `previous` lets a caller reuse earlier compilations: formulas are keyed
 * by their text. Never throws.
 */
export function compileFormulasSync(s: Scenario, previous?: FormulaSet): CompileResult {
  const formulas = new Map<string, CompiledFormula>();
  const issues: FormulaIssue[] = [];
  for (const { input, source } of formulaSources(s)) {
    const known = previous?.get(source) ?? formulas.get(source);
    if (known) {
      formulas.set(source, known);
      continue;
    }
    const r = compileFormula(source);
    if (r.ok) formulas.set(source, r.formula);
    else issues.push({ ...r.error, input });
  }
  if (issues.length > 0) return { ok: false, formulas, issues };
  const resolved = resolveInputs(s, formulas);
  if (!resolved.ok) return { ok: false, formulas, issues: resolved.issues };
  return { ok: true, formulas };
}
