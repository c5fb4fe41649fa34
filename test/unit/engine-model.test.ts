// The deterministic projection against hand computation from the seed's figures. Expected
// values are written from the plan's numbers (352.5亿元, 38,780元, 574,665 persons, 9 %,
// 0.8 % GDP deflator, 1.8 % CPI) and compound interest, never taken from the engine's own output.
import { describe, expect, it } from "vitest";
import { averageAnnualGrowth, defaultScenario, presetScenario, project, type Projection } from "../../src/lib/model";
import { validateScenario, type Scenario } from "../../src/lib/scenario";

function run(s: Scenario): Projection {
  const v = validateScenario(s);
  if (!v.ok) throw new Error(JSON.stringify(v.error));
  const r = project(v.scenario);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.projection;
}
const preset = (id: string) => {
  const s = presetScenario(id);
  if (!s) throw new Error(id);
  return s;
};
/** Relative closeness: |a − b| ≤ tol·|b|. */
const near = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.abs(b));

describe("compound growth reproduces 专栏1 where the table is self-consistent", () => {
  it("urban income 28,484 → 38,780元 (2015–2020) is 6.4 % a year", () => {
    expect(Number(averageAnnualGrowth(28484, 38780, 5).toFixed(1))).toBe(6.4);
  });
  it("retail sales 189.8 → 283.5亿元 is 8.4 % a year", () => {
    expect(Number(averageAnnualGrowth(189.8, 283.5, 5).toFixed(1))).toBe(8.4);
  });
  it("GDP 239.9 → 352.5亿元 is 8.0 % in current prices, not the table's 7.9 %, which is at comparable prices", () => {
    expect(Number(averageAnnualGrowth(239.9, 352.5, 5).toFixed(1))).toBe(8.0);
  });
});

describe("the plan's-targets preset", () => {
  const p = run(defaultScenario);
  it("real GDP is 352.5 × 1.09^t (constant 2020 prices)", () => {
    near(p.gdpReal[0]!, 352.5);
    near(p.gdpReal[5]!, 352.5 * 1.09 ** 5);
    near(p.gdpReal[15]!, 352.5 * 1.09 ** 15);
  });
  it("nominal GDP adds the 0.8 % deflator", () => {
    for (const i of [1, 5, 15]) near(p.gdpNominal[i]!, 352.5 * 1.09 ** i * 1.008 ** i, 1e-12);
    near(p.gdpDeflatorIndex[15]!, 100 * 1.008 ** 15);
  });
  it("the population reaches 1,000,000 in 2035 on a constant-rate path from 574,665", () => {
    near(p.residentPopulation[0]!, 574665);
    near(p.residentPopulation[15]!, 1_000_000, 1e-12);
    near(p.residentPopulation[7]!, 574665 * (1_000_000 / 574665) ** (7 / 15), 1e-12);
    expect(p.millionPopulationYear).toBe(2035);
  });
  it("per-capita GDP is nominal GDP over residents, in 元", () => {
    near(p.gdpPerCapita[0]!, 352.5e8 / 574665);
    near(p.gdpPerCapita[10]!, (352.5 * 1.09 ** 10 * 1.008 ** 10 * 1e8) / (574665 * (1_000_000 / 574665) ** (10 / 15)), 1e-12);
    near(p.gdpPerCapitaReal[10]!, (352.5 * 1.09 ** 10 * 1e8) / (574665 * (1_000_000 / 574665) ** (10 / 15)), 1e-12);
  });
  it("urban income grows 9 % a year from 38,780元; real income deflates by 1.8 % CPI", () => {
    near(p.urbanIncome[5]!, 38780 * 1.09 ** 5);
    near(p.urbanIncomeReal[5]!, (38780 * 1.09 ** 5) / 1.018 ** 5);
    near(p.cpiIndex[15]!, 100 * 1.018 ** 15);
  });
  it("the services share is held at 71.2 %, so services value added is 71.2 % of nominal GDP", () => {
    expect(new Set(p.servicesShare)).toEqual(new Set([71.2]));
    near(p.servicesValueAdded[15]!, 0.712 * 352.5 * 1.09 ** 15 * 1.008 ** 15, 1e-12);
  });
  it("doubles real GDP in 2029 (1.09⁸ = 1.99, 1.09⁹ = 2.17)", () => {
    expect(p.doublingYear).toBe(2029);
  });
  it("urban income reaches the national average in 2024 (38,780 × 1.09⁴ = 54,742 ≥ 54,188)", () => {
    expect(p.incomeCatchUpYear).toBe(2024);
    near(p.urbanIncomeVsNational[4]!, ((38780 * 1.09 ** 4) / 54188) * 100);
    near(p.urbanIncomeVsNational[3]!, ((38780 * 1.09 ** 3) / 51821) * 100);
    expect(p.urbanIncomeVsNational[3]!).toBeLessThan(100);
  });
  it("milestones repeat the 2025 and 2035 values with average growth since 2020", () => {
    near(p.milestones[2025].gdpReal, 352.5 * 1.09 ** 5);
    near(p.milestones[2035].gdpRealGrowthAvg, 9, 1e-12);
    near(p.milestones[2025].urbanIncomeGrowthAvg, 9, 1e-12);
  });
  it("reports the inputs as used, 2021..2035", () => {
    expect(p.inputs.gdpRealGrowth).toEqual(new Array(15).fill(9));
    expect(p.inputs.cpi).toEqual(new Array(15).fill(1.8));
  });
});

describe("the plan's targets checked on the presets", () => {
  const checks = (p: Projection) => Object.fromEntries(p.targetChecks.map((c) => [c.targetId, c]));
  it("exactly 9 % is on the boundary of “more than 9 %” (专栏2: >9), not met and not missed", () => {
    const c = checks(run(defaultScenario))["gdp-growth-2025"]!;
    expect(c.status).toBe("boundary");
    expect(c.met).toBe(false);
    expect(c.actual).toBeCloseTo(9, 10);
    expect(c.margin).toBeCloseTo(0, 10);
  });
  it("9 % income growth meets the plain figure 9", () => {
    expect(checks(run(defaultScenario))["urban-income-growth-2025"]).toMatchObject({ status: "met", met: true });
  });
  it("the reported years pull 2021–2025 GDP growth below target: (1.09·1.032·1.061·1.09·1.09)^⅕ − 1", () => {
    const c = checks(run(preset("reported")))["gdp-growth-2025"]!;
    const expected = ((1.09 * 1.032 * 1.061 * 1.09 * 1.09) ** (1 / 5) - 1) * 100;
    expect(c.status).toBe("missed");
    expect(c.actual).toBeCloseTo(expected, 10);
    expect(c.margin).toBeCloseTo(expected - 9, 10);
  });
  it("10 % a year meets “more than 9 %” with one point to spare", () => {
    const c = checks(run(preset("optimistic")))["gdp-growth-2025"]!;
    expect(c).toMatchObject({ status: "met", met: true });
    expect(c.margin).toBeCloseTo(1, 10);
  });
  it("compares 2025 income with the national urban average (56,502元)", () => {
    const c = checks(run(defaultScenario))["income-vs-national-2025"]!;
    expect(c.actual).toBeCloseTo(((38780 * 1.09 ** 5) / 56502) * 100, 9);
    expect(c.met).toBe(true);
  });
  it("targets the model has no quantity for are reported as not modelled", () => {
    const c = checks(run(defaultScenario))["enterprises-2025"]!;
    expect(c).toMatchObject({ status: "not-modelled", met: null, actual: null, margin: null });
  });
});

describe("modes and overrides", () => {
  it("reported growth rates replace the path in 2022 and 2023 (2021 GDP stays on the plan's 9 %); income reaches the reported 44,195元 in 2022", () => {
    const p = run(preset("reported"));
    near(p.gdpReal[1]!, 352.5 * 1.09);
    near(p.gdpReal[2]!, 352.5 * 1.09 * 1.032);
    near(p.gdpReal[3]!, 352.5 * 1.09 * 1.032 * 1.061);
    // 2021 income growth solved from the 2022 level and its 6.3 % growth: 44195 / 1.063 / 38780 − 1 ≈ 7.21 %.
    near(p.urbanIncome[1]!, 44195 / 1.063, 1e-11);
    near(p.urbanIncome[2]!, 44195, 1e-11);
    near(p.urbanIncome[3]!, 44195 * 1.05, 1e-11);
  });
  it("components mode: natural growth (‰) plus net migration", () => {
    const s = presetScenario("trend-13th")!;
    s.inputs.naturalGrowth = { periods: [2, 2, 2] };
    s.inputs.netMigration = { periods: [3000, 3000, 3000] };
    const p = run(s);
    near(p.residentPopulation[1]!, 574665 * 1.002 + 3000);
    near(p.residentPopulation[2]!, (574665 * 1.002 + 3000) * 1.002 + 3000);
  });
  it("a projection keeps nothing of the one before (project reuses its buffers): after a path to 2035, a target reached in 2030 stays level after it", () => {
    run(preset("plan")); // 1,000,000 in 2035: a growth rate in every year to 2035
    const s = preset("plan");
    s.population = { mode: "target", target: 800000, year: 2030 };
    const p = run(s);
    near(p.residentPopulation[10]!, 800000, 1e-11);
    for (let i = 11; i < 16; i++) expect(p.residentPopulation[i], `${2020 + i}`).toBe(p.residentPopulation[10]);
  });
  it("elasticity 1: income grows exactly as per-capita nominal GDP (收入增长和经济发展同步)", () => {
    const p = run(preset("national-doubling"));
    for (let i = 1; i < 16; i++) near(p.urbanIncome[i]! / p.urbanIncome[i - 1]!, p.gdpPerCapita[i]! / p.gdpPerCapita[i - 1]!, 1e-12);
  });
  it("elasticity 0.5: income growth is half the per-capita growth", () => {
    const s = presetScenario("national-doubling")!;
    s.inputs.incomeElasticity = { periods: [0.5, 0.5, 0.5] };
    const p = run(s);
    const pcGrowth = p.gdpPerCapita[1]! / p.gdpPerCapita[0]! - 1;
    near(p.urbanIncome[1]!, 38780 * (1 + 0.5 * pcGrowth), 1e-12);
  });
  it("services share moves in a straight line to its target year, then stays", () => {
    const s = structuredClone(defaultScenario);
    s.services = { target: 77.2, year: 2030 };
    const p = run(s);
    near(p.servicesShare[5]!, 71.2 + (6 * 5) / 10);
    near(p.servicesShare[10]!, 77.2);
    near(p.servicesShare[15]!, 77.2);
  });
  it("periods apply to 2021–25, 2026–30, 2031–35 and a year override beats them", () => {
    const s = structuredClone(defaultScenario);
    s.inputs.gdpRealGrowth = { periods: [8, 6, 4], years: { "2030": 10 } };
    const p = run(s);
    expect(p.inputs.gdpRealGrowth).toEqual([8, 8, 8, 8, 8, 6, 6, 6, 6, 10, 4, 4, 4, 4, 4]);
    near(p.gdpReal[15]!, 352.5 * 1.08 ** 5 * 1.06 ** 4 * 1.1 * 1.04 ** 5);
  });
  it("national growth after 2025 drives the catch-up year", () => {
    const s = presetScenario("trend-13th")!;
    const slow = run({ ...s, national: { ...s.national, urbanIncomeGrowth: 0 } });
    // 38,780 × 1.064^t against 56,502 held flat from 2025: t = 7 (2027) is the first year above.
    expect(38780 * 1.064 ** 6).toBeLessThan(56502);
    expect(38780 * 1.064 ** 7).toBeGreaterThan(56502);
    expect(slow.incomeCatchUpYear).toBe(2027);
  });
});
