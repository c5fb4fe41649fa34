// The formula compiler (and with it mathjs) is fetched the first time a formula is used; this
// module only holds the dynamic import, so the initial bundle carries no mathjs.
import type { Scenario } from "../../lib/scenario";
import type { FormulaIssue, FormulaSet } from "../../lib/formula/types";

export type LoadResult = { ok: true; formulas: FormulaSet } | { ok: false; issues: FormulaIssue[] };

let cache: FormulaSet | undefined;

/** Compiles the formulas of several scenarios into one set (formulas are keyed by their text). */
export async function loadFormulas(scenarios: readonly Scenario[]): Promise<LoadResult> {
  const { compileFormulas } = await import("../../lib/formula");
  const merged = new Map(cache ?? []);
  for (const s of scenarios) {
    const r = await compileFormulas(s, merged);
    for (const [k, v] of r.formulas) merged.set(k, v);
    if (!r.ok) return { ok: false, issues: r.issues };
  }
  cache = merged;
  return { ok: true, formulas: merged };
}
