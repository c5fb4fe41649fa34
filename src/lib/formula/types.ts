// Types shared by the formula compiler (which loads mathjs) and the model (which must not), so
// that the simulator ships no mathjs until a formula is actually used.
import type { InputId } from "../scenario/schema";

/**
 * A formula compiled to a plain function. `env[0]` is the year (`t` or `year` in the text); `env[1 + k]` is the value
 * of INPUT_IDS[k] in that year.
 */
export interface CompiledFormula {
  readonly source: string;
  /** Inputs the formula reads (directly). */
  readonly inputs: readonly InputId[];
  evaluate(env: Float64Array): number;
  /** The first sub-expression whose value is not a finite number, for error messages. */
  locate(env: Float64Array): { position: number; length: number; text: string } | null;
}

/** Compiled formulas by source text; what compileFormulas hands to project(), monteCarlo(), … */
export type FormulaSet = ReadonlyMap<string, CompiledFormula>;

export type FormulaIssueCode = "syntax" | "unsupported" | "unknown-name" | "non-finite" | "out-of-range" | "cycle" | "not-compiled";

/**
 * Exactly what is wrong, with the values the message mentions: a stable code per message, so
 * that a user interface can say it in its own language (`message` is English). The position
 * is the issue's own `position`, not repeated here.
 */
export type FormulaIssueDetail =
  // syntax (mathjs's parser)
  | { code: "empty" }
  | { code: "value-expected" }
  | { code: "paren-expected" }
  | { code: "unexpected-end" }
  | { code: "unexpected-operator" }
  | { code: "unexpected-text" }
  /** Another parse error, in mathjs's own (English) words. */
  | { code: "parse-error"; text: string }
  // what the formula language does not allow
  | { code: "text-literal" }
  | { code: "not-a-number"; text: string }
  | { code: "number-too-large" }
  | { code: "unknown-name"; name: string }
  | { code: "percent-sign" }
  | { code: "operator"; operator: string }
  | { code: "comparison" }
  | { code: "function"; name: string; available: readonly string[] }
  | { code: "call" }
  /** `min`–`max` arguments allowed (max 16 means "at least min"), `count` given. */
  | { code: "arity"; name: string; min: number; max: number; count: number }
  | { code: "assignment" }
  | { code: "block" }
  | { code: "collection" }
  | { code: "node"; type: string }
  | { code: "too-complex" }
  /** Formula text refused by validateScenario (length, characters): see FORMULA_MAX_LENGTH. */
  | { code: "too-long"; max: number }
  | { code: "not-ascii" }
  // values
  /** `part` is the sub-expression without a value (null if none could be found). */
  | { code: "no-value"; year: number; part: string | null; value: "nan" | "infinite" }
  | { code: "value-out-of-range"; year: number; value: number; min: number; max: number; unit: string }
  | { code: "cycle"; inputs: InputId[] }
  | { code: "not-compiled" };

/** Every FormulaIssueDetail code, for exhaustive tables (translations, tests). */
export const FORMULA_DETAIL_CODES = [
  "empty",
  "value-expected",
  "paren-expected",
  "unexpected-end",
  "unexpected-operator",
  "unexpected-text",
  "parse-error",
  "text-literal",
  "not-a-number",
  "number-too-large",
  "unknown-name",
  "percent-sign",
  "operator",
  "comparison",
  "function",
  "call",
  "arity",
  "assignment",
  "block",
  "collection",
  "node",
  "too-complex",
  "too-long",
  "not-ascii",
  "no-value",
  "value-out-of-range",
  "cycle",
  "not-compiled",
] as const satisfies readonly FormulaIssueDetail["code"][];
// Fails to compile when a code of the union is missing from the list.
const everyFormulaCode: Exclude<FormulaIssueDetail["code"], (typeof FORMULA_DETAIL_CODES)[number]> extends never ? true : never = true;
void everyFormulaCode;

/** A problem with one input's formula: where it is (character offset, 0-based) and what it is. */
export interface FormulaIssue {
  code: FormulaIssueCode;
  input: InputId;
  /** 0-based character offset into the formula, and the length of the offending part. */
  position: number;
  length: number;
  /** Year of evaluation, for value errors. */
  year?: number;
  /** In English, for logs and the API. */
  message: string;
  detail: FormulaIssueDetail;
}
