// The formula language's parser: mathjs's own `parse` factory, given only what parsing needs.
//
// mathjs builds every function from a factory that takes its dependencies by name, and
// `create()` wires them for a whole instance. Parsing needs no instance: the parse factory asks
// for `typed` (to give `parse` its signatures), `numeric` (to read number literals), `config`
// and one constructor per node type. mathjs's own node classes would bring their evaluator,
// LaTeX and HTML printers, and through `typed` the typed-function library (together about
// three quarters of a parse-only instance); compile.ts only reads the tree, so the nodes here
// are plain records with the fields mathjs gives its nodes and the flags its `is…Node` tests
// look for. The grammar, precedence and error messages are mathjs's, unchanged. And with no
// instance there is no `evaluate`, `import` or `createUnit` for a formula to reach.
// mathjs's parse factory, from a module generated from the installed mathjs (see
// scripts/build-formula-parser.mjs for why it is not imported from "mathjs/number").
import { createParse } from "./mathjs-parse.generated.js";

/** A parsed formula: the node types of mathjs's expression trees, with their fields. */
export type FormulaNode =
  | { type: "ConstantNode"; value: unknown }
  | { type: "SymbolNode"; name: string }
  | { type: "ParenthesisNode"; content: FormulaNode }
  | { type: "OperatorNode"; op: string; fn: string; args: FormulaNode[]; implicit: boolean; isPercentage: boolean }
  | { type: "RelationalNode"; conditionals: string[]; params: FormulaNode[] }
  | { type: "ConditionalNode"; condition: FormulaNode; trueExpr: FormulaNode; falseExpr: FormulaNode }
  | { type: "FunctionNode"; fn: FormulaNode; args: FormulaNode[]; name: string }
  | { type: "AssignmentNode" | "FunctionAssignmentNode" | "BlockNode" | "ArrayNode" | "IndexNode" | "AccessorNode" | "ObjectNode" | "RangeNode" };

/** Base of the node records: `isNode` on the prototype, as mathjs's `isNode` tests require. */
class Node {
  declare readonly isNode: true;
}
Object.defineProperty(Node.prototype, "isNode", { value: true });

/** A node class with mathjs's name and flag (e.g. `isOperatorNode`), and fields set by `init`. */
function nodeClass<A extends unknown[]>(type: string, init: (self: Record<string, unknown>, ...args: A) => void) {
  const C = class extends Node {
    constructor(...args: A) {
      super();
      (this as unknown as Record<string, unknown>).type = type;
      init(this as unknown as Record<string, unknown>, ...args);
    }
  };
  Object.defineProperty(C.prototype, `is${type}`, { value: true });
  return C;
}

const SymbolNode = nodeClass("SymbolNode", (n, name: string) => {
  n.name = name;
});
const nodes = {
  SymbolNode,
  ConstantNode: nodeClass("ConstantNode", (n, value: unknown) => {
    n.value = value;
  }),
  ParenthesisNode: nodeClass("ParenthesisNode", (n, content: unknown) => {
    n.content = content;
  }),
  OperatorNode: nodeClass("OperatorNode", (n, op: string, fn: string, args: unknown[], implicit?: boolean, isPercentage?: boolean) => {
    Object.assign(n, { op, fn, args, implicit: implicit === true, isPercentage: isPercentage === true });
  }),
  RelationalNode: nodeClass("RelationalNode", (n, conditionals: string[], params: unknown[]) => {
    Object.assign(n, { conditionals, params });
  }),
  ConditionalNode: nodeClass("ConditionalNode", (n, condition: unknown, trueExpr: unknown, falseExpr: unknown) => {
    Object.assign(n, { condition, trueExpr, falseExpr });
  }),
  FunctionNode: nodeClass("FunctionNode", (n, fn: unknown, args: unknown[], optional?: boolean) => {
    const f: { name?: unknown } = typeof fn === "string" ? (new SymbolNode(fn) as unknown as { name: string }) : (fn as { name?: unknown });
    // mathjs's FunctionNode has `name`: the function's name, or "" (the parser reads it for f(x) = …).
    Object.assign(n, { fn: f, args, optional: optional === true, name: typeof f.name === "string" ? f.name : "" });
  }),
  AccessorNode: nodeClass("AccessorNode", (n, object: unknown, index: unknown, optionalChaining?: boolean) => {
    Object.assign(n, { object, index, optionalChaining: optionalChaining === true });
  }),
  IndexNode: nodeClass("IndexNode", (n, dimensions: unknown[], dotNotation?: boolean) => {
    Object.assign(n, { dimensions, dotNotation: dotNotation === true });
  }),
  AssignmentNode: nodeClass("AssignmentNode", (n, object: unknown, index: unknown, value?: unknown) => {
    Object.assign(n, { object, index: value ? index : null, value: value ?? index });
  }),
  FunctionAssignmentNode: nodeClass("FunctionAssignmentNode", (n, name: string, params: unknown[], expr: unknown) => {
    Object.assign(n, { name, params, expr });
  }),
  BlockNode: nodeClass("BlockNode", (n, blocks: unknown[]) => {
    n.blocks = blocks;
  }),
  ArrayNode: nodeClass("ArrayNode", (n, items: unknown[]) => {
    n.items = items;
  }),
  ObjectNode: nodeClass("ObjectNode", (n, properties: unknown) => {
    n.properties = properties;
  }),
  RangeNode: nodeClass("RangeNode", (n, start: unknown, end: unknown, step?: unknown) => {
    Object.assign(n, { start, end, step: step ?? null });
  }),
};

/**
 * mathjs's `numeric(text, "number")` for the literals the tokenizer accepts, as its `number()`
 * reads them: decimal and 0b/0o/0x integers. The rarer radix fractions and word-size suffixes
 * (0x1.8, 0xffi8) are refused like any text that is not a number.
 */
function numeric(value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (value === "NaN") return NaN;
  const n = Number(value);
  if (Number.isNaN(n)) throw new SyntaxError(`String "${value}" is not a valid number`);
  return n;
}

/** `typed` as the parse factory uses it: one signature (a string, optionally with options). */
const typed = Object.assign(
  (_name: string, signatures: Record<string, (...args: unknown[]) => unknown>) => (expression: unknown) => {
    if (typeof expression !== "string") throw new TypeError("a formula is a string");
    return signatures.string!(expression);
  },
  { addConversion: () => {} },
);

const parseFactory = createParse as (deps: Record<string, unknown>) => (expression: string) => FormulaNode;

/** Parses a formula with mathjs's grammar; throws mathjs's SyntaxError (with `char`) on bad input. */
export const parse = parseFactory({ typed, numeric, config: { number: "number", numberFallback: "number" }, ...nodes });
