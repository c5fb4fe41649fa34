// Goal seek for the page: "what constant growth reaches X by year Y?", answered by the
// engine's goalSeek. The constant rate applies from the first year without a reported figure
// (the scenario's montecarlo.fromYear) to year Y, as per-year values, so reported years stay.
import { validateScenario, type InputId, type Scenario } from "../../lib/scenario";
import { goalSeek as engineGoalSeek, project, withConstantInput } from "../../lib/model";
import type { FormulaSet } from "../../lib/formula/types";
import { setSetting } from "./scenario-edit";

export type GoalMetric = "gdpReal" | "urbanIncome";

export const goalInputs: Record<GoalMetric, InputId> = { gdpReal: "gdpRealGrowth", urbanIncome: "urbanIncomeGrowth" };

export type GoalResult =
  | { ok: true; rate: number; from: number; to: number; scenario: Scenario; reached: number }
  | { ok: false; reason: "unreachable" | "invalid" | "no-effect" | "formula"; message: string };

/**
 * The smallest rate, to 0.01 percentage points, with which `metric` reaches `target` in
 * `year` (the engine's exact answer rounded up, so that applying it does reach the target).
 */
export function goalSeek(s: Scenario, metric: GoalMetric, target: number, year: number, formulas?: FormulaSet): GoalResult {
  let base = s;
  // Income follows its own growth rate only in "growth" mode; asking for an income growth
  // rate switches the mode, as the question implies.
  if (metric === "urbanIncome" && s.income.mode !== "growth") {
    const r = setSetting(s, "income.mode", "growth");
    if (!r.ok) return { ok: false, reason: "invalid", message: r.error.message };
    base = r.scenario;
  }
  const input = goalInputs[metric];
  const from = Math.min(Math.max(2021, base.montecarlo.fromYear), year);
  const r = engineGoalSeek(base, { input, from, to: year, metric, year, value: target }, formulas);
  if (!r.ok) return { ok: false, reason: r.reason === "invalid-request" ? "invalid" : r.reason, message: r.message };
  const rate = Math.ceil(r.rate * 100 - 1e-6) / 100;
  const v = validateScenario(withConstantInput(base, input, from, year, rate));
  if (!v.ok) return { ok: false, reason: "invalid", message: v.error.message };
  const p = project(v.scenario, formulas);
  if (!p.ok) return { ok: false, reason: "formula", message: p.issues[0]?.message ?? "" };
  return { ok: true, rate, from, to: year, scenario: v.scenario, reached: p.projection[metric][year - 2020]! };
}
