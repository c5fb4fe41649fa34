// Goal seek for the page: "what constant growth reaches X by year Y?" and "how many net
// migrants a year (or what natural growth) reach N residents by year Y?", answered by the
// engine's goalSeek. The constant value applies from the first year without a reported figure
// (the scenario's montecarlo.fromYear) to year Y, as per-year values, so reported years stay.
import { validateScenario, type InputId, type Scenario } from "../../lib/scenario";
import { goalSeek as engineGoalSeek, project, withConstantInput } from "../../lib/model";
import type { FormulaSet } from "../../lib/formula/types";
import { setSetting } from "./scenario-edit";

/** The outcomes goal seek answers for, each with the inputs that can reach it (first = default). */
export const GOALS = {
  gdpReal: { inputs: ["gdpRealGrowth"], mode: null },
  urbanIncome: { inputs: ["urbanIncomeGrowth"], mode: { key: "income.mode", value: "growth" } },
  residentPopulation: { inputs: ["netMigration", "naturalGrowth"], mode: { key: "population.mode", value: "components" } },
} as const satisfies Record<string, { inputs: readonly InputId[]; mode: { key: "income.mode" | "population.mode"; value: string } | null }>;
export type GoalMetric = keyof typeof GOALS;
export const GOAL_METRICS = Object.keys(GOALS) as GoalMetric[];
export type GoalInput = (typeof GOALS)[GoalMetric]["inputs"][number];

/**
 * The answer's resolution, in the input's unit: whole persons of net migration, 0.01 of a
 * percentage point or of a per mille. The engine's exact answer is rounded up to it, so that
 * applying it does reach the goal (every goal here rises with its input).
 */
const RESOLUTION: Record<GoalInput, number> = { gdpRealGrowth: 0.01, urbanIncomeGrowth: 0.01, netMigration: 1, naturalGrowth: 0.01 };

export type GoalResult =
  | { ok: true; input: GoalInput; rate: number; from: number; to: number; scenario: Scenario; reached: number }
  | { ok: false; reason: "unreachable" | "invalid" | "no-effect" | "formula"; message: string };

/**
 * The smallest value of `input` (to its resolution) with which `metric` reaches `target` in
 * `year`. Asking for an income growth rate switches income to "growth" mode, and asking for
 * a population component switches population to "components" mode, as the question implies.
 */
export function goalSeek(s: Scenario, metric: GoalMetric, target: number, year: number, formulas?: FormulaSet, input: GoalInput = GOALS[metric].inputs[0]): GoalResult {
  const goal = GOALS[metric];
  if (!(goal.inputs as readonly GoalInput[]).includes(input)) return { ok: false, reason: "invalid", message: `${input} cannot reach ${metric}` };
  let base = s;
  if (goal.mode) {
    const current = goal.mode.key === "income.mode" ? s.income.mode : s.population.mode;
    if (current !== goal.mode.value) {
      const r = setSetting(s, goal.mode.key, goal.mode.value);
      if (!r.ok) return { ok: false, reason: "invalid", message: r.error.message };
      base = r.scenario;
    }
  }
  const from = Math.min(Math.max(2021, base.montecarlo.fromYear), year);
  const r = engineGoalSeek(base, { input, from, to: year, metric, year, value: target }, formulas);
  if (!r.ok) return { ok: false, reason: r.reason === "invalid-request" ? "invalid" : r.reason, message: r.message };
  const step = RESOLUTION[input];
  // + 0 turns a −0 into 0.
  const rate = Math.round(Math.ceil(r.rate / step - 1e-6) * step * 1e6) / 1e6 + 0;
  const v = validateScenario(withConstantInput(base, input, from, year, rate));
  if (!v.ok) return { ok: false, reason: "invalid", message: v.error.message };
  const p = project(v.scenario, formulas);
  if (!p.ok) return { ok: false, reason: "formula", message: p.issues[0]?.message ?? "" };
  return { ok: true, input, rate, from, to: year, scenario: v.scenario, reached: p.projection[metric][year - 2020]! };
}
