// Formulas, loaded on demand: importing this module costs nothing; mathjs is fetched by the
// first call of compileFormulas (a dynamic import), so pages without formulas never load it.
// Node, workers and tests that want it synchronously import "./compile" directly.
import type { Scenario } from "../scenario/schema";
import type { CompileResult } from "./compile";
import type { FormulaSet } from "./types";

export type { CompiledFormula, FormulaIssue, FormulaIssueCode, FormulaIssueDetail, FormulaSet } from "./types";
export { FORMULA_DETAIL_CODES } from "./types";
export type { CompileResult, CompileOneResult } from "./compile";

let compiler: Promise<typeof import("./compile")> | undefined;

/** Load the compiler (mathjs parser) once. */
function loadFormulaCompiler(): Promise<typeof import("./compile")> {
  compiler ??= import("./compile");
  return compiler;
}

/**
 * Compile and check every formula of a scenario. Resolves with the compiled set (pass it to
 * project, monteCarlo, goalSeek, sensitivity) or with the issues, each with its input,
 * character position and a plain message. Never rejects, except if the module cannot be
 * loaded at all (network failure).
 */
export async function compileFormulas(s: Scenario, previous?: FormulaSet): Promise<CompileResult> {
  const { compileFormulasSync } = await loadFormulaCompiler();
  return compileFormulasSync(s, previous);
}
