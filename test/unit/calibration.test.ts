// The model against the record: the “reported” preset reproduces every figure the district
// reported, within the figure's published rounding; the deflator default and its range come
// from the evidence computed by hand here; the verdict-flip note appears exactly when a
// target's verdict changes within that range. Expected values are written from the sources'
// figures, never taken from the engine's output.
import { describe, expect, it } from "vitest";
import { deflatorDefault, deflatorRange, deflatorVerdictFlips, presetScenario, presets, project, withDeflator, type Projection } from "../../src/lib/model";
import { calibration } from "../../src/lib/scenario/calibration";
import { solveGrowth } from "../../src/lib/scenario/presets";
import { chengqu } from "../../src/lib/data/chengqu.generated";
import { reportedFigures, SOURCE_KINDS } from "../../src/lib/data/sources";
import type { Scenario } from "../../src/lib/scenario";

const run = (s: Scenario): Projection => {
  const r = project(s);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.projection;
};
const growth = (x: readonly number[], i: number) => (x[i]! / x[i - 1]! - 1) * 100;

describe("the reported preset reproduces the record", () => {
  const p = run(presetScenario("reported")!);
  it("population: 582,400 at the end of 2021 and 585,097 at the end of 2022, to the person", () => {
    expect(Math.abs(p.residentPopulation[1]! - 582400)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(p.residentPopulation[2]! - 585097)).toBeLessThanOrEqual(0.5);
  });
  it("urban income: 44,195元 in 2022 (±0.5), growing 6.3 % in 2022 and 5.0 % in 2023 (±0.05)", () => {
    expect(Math.abs(p.urbanIncome[2]! - 44195)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(growth(p.urbanIncome, 2) - 6.3)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(growth(p.urbanIncome, 3) - 5.0)).toBeLessThanOrEqual(0.05);
  });
  it("2021 income growth is solved from the 2022 level and growth: 44195 / 1.063 / 38780 − 1 ≈ 7.21 %", () => {
    expect(growth(p.urbanIncome, 1)).toBeCloseTo((44195 / 1.063 / 38780 - 1) * 100, 9);
  });
  it("real GDP growth: 3.2 % in 2022 and 6.1 % in 2023 (±0.05)", () => {
    expect(Math.abs(growth(p.gdpReal, 2) - 3.2)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(growth(p.gdpReal, 3) - 6.1)).toBeLessThanOrEqual(0.05);
  });
  it("then the plan: 1,000,000 residents in 2035, reached by whole net migrants a year from the 2022 level", () => {
    const m = Math.ceil((1_000_000 - 585097) / 13);
    expect(p.residentPopulation[15]).toBeCloseTo(585097 + 13 * m, 6);
    expect(p.residentPopulation[15]).toBeGreaterThanOrEqual(1_000_000);
  });
  it("the calibration table lists every comparable reported figure, each within its rounding", () => {
    const rows = calibration(p);
    const comparable = chengqu.filter((r) => r.year > 2020 && ["resident_population", "urban_income", "urban_income_growth", "gdp_real_growth"].includes(r.indicator));
    expect(rows.length).toBe(comparable.length);
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const r of rows) expect(r.withinRounding, `${r.year} ${r.indicator}: ${r.model} vs ${r.reported}`).toBe(true);
  });
  it("takes the published rounding from the written figure: “5.0” is ±0.05, not ±0.5", () => {
    const r = calibration(p).find((x) => x.year === 2023 && x.indicator === "urban_income_growth")!;
    expect(r.rounding).toBeCloseTo(0.05, 15);
  });
  it("the same table catches a preset that ignores the record (the plan's 618,718 people in 2022)", () => {
    const rows = calibration(run(presetScenario("plan")!));
    const pop2022 = rows.find((r) => r.year === 2022 && r.indicator === "resident_population")!;
    expect(pop2022.withinRounding).toBe(false);
    expect(pop2022.model).toBeCloseTo(574665 * (1_000_000 / 574665) ** (2 / 15), 6);
  });
});

describe("solveGrowth", () => {
  it("fills a gap between two known levels with the constant rate that joins them", () => {
    // 100 in 2020, 121 in 2022 with 10 % growth in 2022 → 110 in 2021 → 10 % in 2021.
    const r = solveGrowth(100, new Map([[2022, 121]]), new Map([[2022, 10]]));
    expect(r.get(2021)).toBeCloseTo(10, 12);
    expect(r.get(2022)).toBe(10);
  });
  it("spreads a two-year gap evenly: 100 → 121 over 2021–2022 without rates is 10 % a year", () => {
    const r = solveGrowth(100, new Map([[2022, 121]]), new Map());
    expect(r.get(2021)).toBeCloseTo(10, 12);
    expect(r.get(2022)).toBeCloseTo(10, 12);
  });
});

describe("sources", () => {
  it("every reported figure names a known source kind", () => {
    for (const r of chengqu) expect(SOURCE_KINDS as readonly string[], `${r.year} ${r.indicator}`).toContain(r.source_kind);
  });
  it("marks the compilation (2021 population) and the forum repost (2023 figures) as weak, not the official 2022 report", () => {
    expect(reportedFigures("resident_population").find((r) => r.year === 2021)).toMatchObject({ weak: true, sourceKind: "compilation" });
    expect(reportedFigures("urban_income").find((r) => r.year === 2022)).toMatchObject({ weak: false, sourceKind: "official" });
    expect(reportedFigures("gdp_real_growth").find((r) => r.year === 2023)).toMatchObject({ weak: true, sourceKind: "forum" });
  });
});

describe("the GDP deflator from evidence", () => {
  it("专栏1 implies about 0.1 % a year for 2016–2020: (352.5 / 239.9)^⅕ / 1.079 − 1", () => {
    const implied = ((352.5 / 239.9) ** (1 / 5) / 1.079 - 1) * 100;
    expect(implied).toBeCloseTo(0.09, 2);
    expect(deflatorRange.low).toBeLessThanOrEqual(implied);
  });
  it("the default is China's 2021–2025 deflator, chained across the census revision", () => {
    // Nominal 2020→2023 on the old basis (1,015,986 → 1,260,582), 2023→2025 on the new (1,294,000 → 1,401,879); real 8.1, 3.0, 5.2, 5.0, 5.0 %.
    const nominal = (1260582 / 1015986) * (1401879 / 1294000);
    const real = 1.081 * 1.03 * 1.052 * 1.05 * 1.05;
    expect(deflatorDefault).toBe(Math.round(((nominal / real) ** (1 / 5) - 1) * 1000) / 10);
    expect(deflatorDefault).toBe(0.8);
  });
  it("the plausible range runs from China's 2024–2025 deflator to the 13th-plan CPI (1.8 %)", () => {
    const d2425 = ((1401879 / 1294000 / (1.05 * 1.05)) ** (1 / 2) - 1) * 100;
    expect(deflatorRange.low).toBe(Math.round(d2425 * 10) / 10);
    expect(deflatorRange.high).toBe(1.8);
  });
  it("every preset uses the default deflator", () => {
    for (const p of presets) expect(p.scenario.inputs.gdpDeflator.periods, p.id).toEqual([deflatorDefault, deflatorDefault, deflatorDefault]);
  });
});

describe("verdict-flip notes", () => {
  const met = (s: Scenario, id: string) => run(s).targetChecks.find((c) => c.targetId === id)!.status === "met";
  it("the plan's 2035 per-capita GDP verdict flips where 352.5·1.09¹⁵·(1+d)¹⁵ per 1,000,000 residents equals the national 99,665 × 1.0497¹⁰", () => {
    const flips = deflatorVerdictFlips(presetScenario("plan")!);
    const f = flips.find((x) => x.targetId === "gdp-per-capita-vs-national-2035")!;
    const national2035 = 99665 * (1 + (4.17 + 0.8) / 100) ** 10;
    const expected = ((national2035 / ((352.5 * 1.09 ** 15 * 1e8) / 1e6)) ** (1 / 15) - 1) * 100;
    expect(f.metWhen).toBe("above");
    expect(Math.abs(f.threshold - expected)).toBeLessThan(0.005);
  });
  for (const p of presets) {
    it(`${p.id}: a note for exactly the targets whose verdict changes within the range, at the deflator where it changes`, () => {
      const s = p.scenario;
      const flips = new Map(deflatorVerdictFlips(s).map((f) => [f.targetId, f]));
      const grid = Array.from({ length: 10 }, (_, k) => deflatorRange.low + ((deflatorRange.high - deflatorRange.low) * k) / 9);
      const ids = run(s).targetChecks.filter((c) => c.status !== "not-modelled").map((c) => c.targetId);
      for (const id of ids) {
        const verdicts = grid.map((d) => met(withDeflator(s, d), id));
        const changes = verdicts.some((v) => v !== verdicts[0]);
        const f = flips.get(id);
        expect(f !== undefined, `${p.id} ${id}`).toBe(changes);
        if (f) {
          expect(met(withDeflator(s, f.threshold - 0.01), id)).toBe(f.metWhen === "below");
          expect(met(withDeflator(s, f.threshold + 0.01), id)).toBe(f.metWhen === "above");
        }
      }
    });
  }
});

describe("the sensitivity view's verdict changes", () => {
  it("lists a target exactly when one step of an input turns its verdict, as a projection with that step confirms", async () => {
    const { sensitivity, withConstantInput } = await import("../../src/lib/model");
    const s = presetScenario("plan")!;
    const r = sensitivity(s);
    if (!r.ok) throw new Error("sensitivity failed");
    const base = new Map(run(s).targetChecks.map((c) => [c.targetId, c.status === "met"]));
    // The deflator one point up (0.8 → 1.8 % from 2021) crosses the 1.56 % threshold of 2035 per-capita GDP.
    const up = run(withConstantInput(s, "gdpDeflator", 2021, 2035, 1.8));
    const expected = up.targetChecks.filter((c) => c.status !== "not-modelled" && (c.status === "met") !== base.get(c.targetId)).map((c) => c.targetId);
    const listed = r.result.verdictChanges.filter((v) => v.input === "gdpDeflator" && v.direction === 1).map((v) => v.check.targetId);
    expect(listed).toEqual(expected);
    expect(listed).toContain("gdp-per-capita-vs-national-2035");
    const down = run(withConstantInput(s, "gdpDeflator", 2021, 2035, -0.2));
    const expectedDown = down.targetChecks.filter((c) => c.status !== "not-modelled" && (c.status === "met") !== base.get(c.targetId)).map((c) => c.targetId);
    expect(r.result.verdictChanges.filter((v) => v.input === "gdpDeflator" && v.direction === -1).map((v) => v.check.targetId)).toEqual(expectedDown);
  });
});
