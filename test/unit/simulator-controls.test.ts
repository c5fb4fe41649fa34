// Period sliders and what else decides their years (per-year values, formulas), the phone's
// control dock, and goal seek's per-year answer folded into period values.
import { describe, expect, it } from "vitest";
import { defaultScenario, presetScenario, validateScenario, type Scenario } from "../../src/lib/scenario";
import { project, withConstantInput } from "../../src/lib/model";
import { clearPeriodYears, foldConstantYears, periodOverride, yearsText } from "../../src/components/simulator/controls";
import { dockFor } from "../../src/components/simulator/dock";

function used(s: Scenario, input: "gdpRealGrowth" = "gdpRealGrowth"): readonly number[] {
  const r = project(s);
  if (!r.ok) throw new Error("does not project");
  return r.projection.inputs[input];
}

describe("period sliders", () => {
  it("the plan scenario's sliders decide every year", () => {
    for (const p of [0, 1, 2] as const) expect(periodOverride(defaultScenario, "gdpRealGrowth", p, used(defaultScenario))).toBeNull();
  });

  it("names the years per-year values decide, with the values in force, and clears them", () => {
    const s = withConstantInput(defaultScenario, "gdpRealGrowth", 2022, 2023, 4.5);
    const o = periodOverride(s, "gdpRealGrowth", 0, used(s))!;
    expect(o).toMatchObject({ whole: false, by: "years", years: [2022, 2023], min: 4.5, max: 4.5 });
    expect(yearsText(o.years, "zh")).toBe("2022、2023");
    expect(yearsText([2023, 2024, 2025], "en")).toBe("2023–2025");
    const cleared = clearPeriodYears(s, "gdpRealGrowth", 0);
    if (!cleared.ok) throw new Error(cleared.error.message);
    expect(periodOverride(cleared.scenario, "gdpRealGrowth", 0, used(cleared.scenario))).toBeNull();
    // The original is untouched.
    expect(s.inputs.gdpRealGrowth.years?.["2022"]).toBe(4.5);
  });

  it("a whole period decided by a formula shows the formula's range", () => {
    const s = structuredClone(defaultScenario);
    s.inputs.gdpRealGrowth.formula = "9 - 0.4 * (t - 2021)";
    const v = validateScenario(s);
    if (!v.ok) throw new Error(v.error.message);
    // Formulas need the compiled set: the resolved values are checked on the engine's own
    // output elsewhere; here what matters is that the slider is reported as not deciding.
    const o = periodOverride(v.scenario, "gdpRealGrowth", 1, Array.from({ length: 15 }, (_, i) => 9 - 0.4 * i))!;
    expect(o.whole).toBe(true);
    expect(o.by).toBe("formula");
    expect(o.min).toBeCloseTo(9 - 0.4 * 9);
    expect(o.max).toBeCloseTo(9 - 0.4 * 5);
  });
});

describe("goal seek's answer folded into periods", () => {
  it("per-year values filling a whole period with one value become the period's value; the projection is the same", () => {
    const s = withConstantInput(defaultScenario, "gdpRealGrowth", 2021, 2028, 7.25);
    const folded = foldConstantYears(s);
    expect(folded.inputs.gdpRealGrowth.periods[0]).toBe(7.25);
    expect(folded.inputs.gdpRealGrowth.periods[1]).toBe(defaultScenario.inputs.gdpRealGrowth.periods[1]);
    expect(Object.keys(folded.inputs.gdpRealGrowth.years ?? {})).toEqual(["2026", "2027", "2028"]);
    expect(validateScenario(folded).ok).toBe(true);
    expect(used(folded)).toEqual(used(s));
    const a = project(folded);
    const b = project(s);
    if (!a.ok || !b.ok) throw new Error("does not project");
    expect(a.projection.gdpReal).toEqual(b.projection.gdpReal);
  });

  it("leaves partial or uneven per-year values, and inputs with a formula, alone", () => {
    const reported = presetScenario("reported")!;
    expect(foldConstantYears(reported)).toBe(reported);
    const f = structuredClone(withConstantInput(defaultScenario, "cpi", 2021, 2025, 2));
    f.inputs.cpi.formula = "2";
    expect(foldConstantYears(f)).toBe(f);
  });
});

describe("control dock", () => {
  it("shows the chart and figure each control moves", () => {
    expect(dockFor("gdpRealGrowth", "constant")).toEqual({ chart: "gdp", prices: "constant", metric: "gdpReal" });
    expect(dockFor("gdpRealGrowth", "current").metric).toBe("gdpNominal");
    // The deflator moves GDP only at current prices: the dock shows those.
    expect(dockFor("gdpDeflator", "constant")).toEqual({ chart: "gdp", prices: "current", metric: "gdpNominal" });
    expect(dockFor("population.target", "constant").chart).toBe("population");
    expect(dockFor("netMigration", "constant").metric).toBe("residentPopulation");
    expect(dockFor("urbanIncomeGrowth", "constant").chart).toBe("income");
    expect(dockFor("national.gdpPerCapitaGrowth", "constant").chart).toBe("gdpPerCapita");
  });
});
