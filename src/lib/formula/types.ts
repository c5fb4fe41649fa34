// Types shared by the formula compiler (which loads mathjs) and the model (which must not), so
// that the simulator ships no mathjs until a formula is actually used.
import type { InputId } from "../scenario/schema";

/**
 * A formula compiled to a plain function. `env[0]` is the year `t`; `env[1 + k]` is the value
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

/** A problem with one input's formula: where it is (character offset, 0-based) and what it is. */
export interface FormulaIssue {
  code: FormulaIssueCode;
  input: InputId;
  /** 0-based character offset into the formula, and the length of the offending part. */
  position: number;
  length: number;
  /** Year of evaluation, for value errors. */
  year?: number;
  message: string;
}
