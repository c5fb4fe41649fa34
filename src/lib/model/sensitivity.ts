// Sensitivity (tornado): how much each 2035 outcome moves when one input moves by a fixed step
// in every year from montecarlo.fromYear to 2035, all else equal. Bars are sorted by their
// largest absolute change. The step is one percentage point for rates in %, and a stated
// step for the rest (1 ‰ of population growth, 1,000 net migrants a year, 0.1 of elasticity).
import type { Scenario } from "../scenario/schema";
import type { FormulaIssue, FormulaSet } from "../formula/types";
import { INPUT_INDEX } from "./inputs";
import { OUT_INCOME_GROWTH, OUT_POPULATION_GROWTH, SHOCK_ROWS, allocateOutputs, allocateWorkspace, dynamicSlots, outcomeAt, prepare, runPaths, type ModelContext, type OutcomeId, type PathOutputs, type ShockSource } from "./kernel";
import { BASE_YEAR, END_YEAR } from "./years";
import { checkTargets, type TargetCheck } from "./targets";

export const SENSITIVITY_INPUTS = [
  "gdpRealGrowth",
  "gdpDeflator",
  "urbanIncomeGrowth",
  "incomeElasticity",
  "cpi",
  "populationGrowth",
  "netMigration",
  "servicesShare",
  "nationalUrbanIncomeGrowth",
  "nationalGdpPerCapitaGrowth",
] as const;
export type SensitivityInput = (typeof SENSITIVITY_INPUTS)[number];

export const SENSITIVITY_OUTCOMES = [
  "gdpReal",
  "gdpNominal",
  "residentPopulation",
  "gdpPerCapita",
  "urbanIncome",
  "urbanIncomeReal",
  "servicesValueAdded",
  "urbanIncomeVsNational",
  "gdpPerCapitaVsNational",
] as const satisfies readonly OutcomeId[];
export type SensitivityOutcome = (typeof SENSITIVITY_OUTCOMES)[number];

/** Step and unit of each input. Labels: INPUT_META for the model's inputs, the simulator's i18n tables for the rest. */
export const SENSITIVITY_STEPS: Readonly<Record<SensitivityInput, { step: number; unit: string }>> = {
  gdpRealGrowth: { step: 1, unit: "pp" },
  gdpDeflator: { step: 1, unit: "pp" },
  urbanIncomeGrowth: { step: 1, unit: "pp" },
  incomeElasticity: { step: 0.1, unit: "" },
  cpi: { step: 1, unit: "pp" },
  populationGrowth: { step: 1, unit: "‰" },
  netMigration: { step: 1000, unit: "人/年" },
  servicesShare: { step: 1, unit: "pp" },
  nationalUrbanIncomeGrowth: { step: 1, unit: "pp" },
  nationalGdpPerCapitaGrowth: { step: 1, unit: "pp" },
};

export interface SensitivityBar {
  input: SensitivityInput;
  step: number;
  unit: string;
  /** The outcome with the input lowered / raised by one step. */
  low: number;
  high: number;
  deltaLow: number;
  deltaHigh: number;
}

/** A target whose verdict (met or not) changes when one input moves by one step. */
export interface VerdictChange {
  input: SensitivityInput;
  /** Which step changes it: the input lowered (−1) or raised (+1). */
  direction: -1 | 1;
  /** The check with the input moved (its status is the new verdict). */
  check: TargetCheck;
  /** The verdict before. */
  baseStatus: TargetCheck["status"];
}

export interface SensitivityResult {
  year: number;
  /** First year the steps apply (montecarlo.fromYear). */
  fromYear: number;
  outcomes: Record<SensitivityOutcome, { base: number; bars: SensitivityBar[] }>;
  /** Verdicts of the plan's targets that one step of one input turns (met ↔ not met), in input order. */
  verdictChanges: VerdictChange[];
}

export type SensitivityOutcomeResult = { ok: true; result: SensitivityResult } | { ok: false; issues: FormulaIssue[] };

function outcomeValues(ctx: ModelContext, out: PathOutputs): Record<SensitivityOutcome, number> {
  const values = {} as Record<SensitivityOutcome, number>;
  for (const o of SENSITIVITY_OUTCOMES) values[o] = outcomeAt(ctx, out, o, END_YEAR - BASE_YEAR);
  return values;
}

/** One path with a constant step in one shock row from the first uncertain year on. */
class StepShocks implements ShockSource {
  readonly rows: (Float64Array | null)[] = new Array<Float64Array | null>(SHOCK_ROWS).fill(null);
  private readonly value = new Float64Array(1);
  private row = 0;
  private step = 0;
  constructor(private readonly first: number) {}
  /** Set before a run (rows must not change during one). */
  set(row: number, step: number): void {
    this.rows[this.row] = null;
    this.rows[row] = this.value;
    this.row = row;
    this.step = step;
  }
  update(i: number): void {
    this.value[0] = i >= this.first ? this.step : 0;
  }
}

/** Which inputs apply to this scenario (the others have no effect in its modes). */
function applicable(s: Scenario): SensitivityInput[] {
  return SENSITIVITY_INPUTS.filter((id) => {
    if (id === "incomeElasticity") return s.income.mode === "elasticity";
    if (id === "netMigration") return s.population.mode === "components";
    return true;
  });
}

/** The tornado for a validated scenario. Never throws for a validated scenario. */
export function sensitivity(s: Scenario, formulas?: FormulaSet): SensitivityOutcomeResult {
  const prepared = prepare(s, formulas);
  if (!prepared.ok) return prepared;
  const ctx = prepared.ctx;
  const ws = allocateWorkspace(1);
  const out = allocateOutputs(1);
  const first = s.montecarlo.fromYear - BASE_YEAR;

  const baseIssue = runPaths(ctx, 1, [], null, out, ws);
  if (baseIssue) return { ok: false, issues: [baseIssue] };
  const base = outcomeValues(ctx, out);
  const baseChecks = checkTargets(ctx, out).filter((c) => c.status !== "not-modelled");
  const verdictChanges: VerdictChange[] = [];
  const noteVerdicts = (id: SensitivityInput, direction: -1 | 1, c: ModelContext) => {
    const checks = checkTargets(c, out);
    for (const b of baseChecks) {
      const now = checks.find((x) => x.targetId === b.targetId)!;
      if ((now.status === "met") !== (b.status === "met")) verdictChanges.push({ input: id, direction, check: now, baseStatus: b.status });
    }
  };

  const shocks = new StepShocks(first);
  const run = (id: SensitivityInput, sign: 1 | -1): Record<SensitivityOutcome, number> | FormulaIssue => {
    const step = SENSITIVITY_STEPS[id].step * sign;
    if (id === "servicesShare" || id === "nationalUrbanIncomeGrowth" || id === "nationalGdpPerCapitaGrowth") {
      const changed: Scenario =
        id === "servicesShare"
          ? { ...s, services: { ...s.services, target: Math.min(99, Math.max(10, s.services.target + step)) } }
          : { ...s, national: { ...s.national, [id === "nationalUrbanIncomeGrowth" ? "urbanIncomeGrowth" : "gdpPerCapitaGrowth"]: s.national[id === "nationalUrbanIncomeGrowth" ? "urbanIncomeGrowth" : "gdpPerCapitaGrowth"] + step } };
      const p = prepare(changed, formulas);
      if (!p.ok) return p.issues[0]!;
      const issue = runPaths(p.ctx, 1, [], null, out, ws);
      if (issue) return issue;
      noteVerdicts(id, sign, p.ctx);
      return outcomeValues(p.ctx, out);
    }
    const row =
      id === "urbanIncomeGrowth" ? OUT_INCOME_GROWTH : id === "populationGrowth" ? OUT_POPULATION_GROWTH : INPUT_INDEX[id];
    shocks.set(row, step);
    const mask = row < OUT_INCOME_GROWTH ? 1 << row : 0;
    const issue = runPaths(ctx, 1, dynamicSlots(ctx, mask), shocks, out, ws);
    if (issue) return issue;
    noteVerdicts(id, sign, ctx);
    return outcomeValues(ctx, out);
  };

  const bars: Record<SensitivityOutcome, SensitivityBar[]> = Object.fromEntries(SENSITIVITY_OUTCOMES.map((o) => [o, []])) as unknown as Record<SensitivityOutcome, SensitivityBar[]>;
  for (const id of applicable(s)) {
    const low = run(id, -1);
    if ("code" in low) return { ok: false, issues: [low] };
    const high = run(id, 1);
    if ("code" in high) return { ok: false, issues: [high] };
    const { step, unit } = SENSITIVITY_STEPS[id];
    for (const o of SENSITIVITY_OUTCOMES) {
      bars[o].push({ input: id, step, unit, low: low[o], high: high[o], deltaLow: low[o] - base[o], deltaHigh: high[o] - base[o] });
    }
  }
  const size = (b: SensitivityBar) => Math.max(Math.abs(b.deltaLow), Math.abs(b.deltaHigh));
  const outcomes = {} as SensitivityResult["outcomes"];
  for (const o of SENSITIVITY_OUTCOMES) outcomes[o] = { base: base[o], bars: bars[o].sort((a, b) => size(b) - size(a)) };
  return { ok: true, result: { year: END_YEAR, fromYear: s.montecarlo.fromYear, outcomes, verdictChanges } };
}
