// Goal seek (the inverse of the projection) and sensitivity (the tornado).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultScenario, goalSeek, presetScenario, project, sensitivity, withConstantInput, type GoalSeekRequest } from "../../src/lib/model";
import type { Scenario } from "../../src/lib/scenario";

const proj = (s: Scenario) => {
  const r = project(s);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.projection;
};
const seek = (s: Scenario, req: GoalSeekRequest) => {
  const r = goalSeek(s, req);
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe("goalSeek", () => {
  it("doubling GDP between 2020 and 2035 takes 2^(1/15) − 1 = 4.73 % a year (closed form)", () => {
    const r = seek(defaultScenario, { input: "gdpRealGrowth", from: 2021, to: 2035, metric: "gdpReal", year: 2035, value: 705 });
    expect(r.method).toBe("closed-form");
    expect(r.rate).toBeCloseTo((2 ** (1 / 15) - 1) * 100, 9);
    expect(r.rate.toFixed(2)).toBe("4.73");
    expect(r.achieved).toBeCloseTo(705, 8);
    expect(proj(r.scenario).gdpReal[15]).toBeCloseTo(705, 8);
  });
  it("from the plan's 2025 level, doubling 2020's GDP by 2035 needs (705 / (352.5 × 1.09⁵))^(1/10) − 1", () => {
    const r = seek(defaultScenario, { input: "gdpRealGrowth", from: 2026, to: 2035, metric: "gdpReal", year: 2035, value: 705 });
    expect(r.rate).toBeCloseTo(((705 / (352.5 * 1.09 ** 5)) ** (1 / 10) - 1) * 100, 9);
  });
  it("inverts the projection: seeking a projected value returns the rate that produced it", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 15, noNaN: true }),
        fc.integer({ min: 2021, max: 2035 }),
        fc.constantFrom("gdpReal", "gdpNominal", "gdpPerCapita", "urbanIncome", "urbanIncomeVsNational") as fc.Arbitrary<GoalSeekRequest["metric"]>,
        (rate, from, metric) => {
          const input = metric === "urbanIncome" || metric === "urbanIncomeVsNational" ? "urbanIncomeGrowth" : "gdpRealGrowth";
          const s = withConstantInput(defaultScenario, input, from, 2035, rate);
          const value = proj(s)[metric][15]!;
          const r = goalSeek(defaultScenario, { input, from, to: 2035, metric, year: 2035, value });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.rate).toBeCloseTo(rate, 7);
          expect(Math.abs(r.achieved - value)).toBeLessThanOrEqual(1e-9 * value);
        },
      ),
      { numRuns: 60 },
    );
  });
  it("finds a million residents with net migration by root finding, and the answer reproduces the goal", () => {
    const s = presetScenario("trend-13th")!; // components mode
    const r = seek(s, { input: "netMigration", from: 2026, to: 2035, metric: "residentPopulation", year: 2035, value: 1_000_000 });
    expect(r.method).toBe("root-finder");
    expect(proj(r.scenario).residentPopulation[15]).toBeCloseTo(1_000_000, 3);
    // Check by hand: the population of 2025 plus r a year for ten years (natural growth 0).
    const p2025 = proj(s).residentPopulation[5]!;
    expect(r.rate).toBeCloseTo((1_000_000 - p2025) / 10, 3);
  });
  it("solves for the year income reaches a share of the national average", () => {
    const r = seek(defaultScenario, { input: "urbanIncomeGrowth", from: 2026, to: 2035, metric: "urbanIncomeVsNational", year: 2030, value: 120 });
    expect(proj(r.scenario).urbanIncomeVsNational[10]).toBeCloseTo(120, 8);
  });
  it("says when no allowed value reaches the goal, and what range is reachable", () => {
    const r = goalSeek(defaultScenario, { input: "gdpRealGrowth", from: 2034, to: 2035, metric: "gdpReal", year: 2035, value: 1e6 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe("unreachable");
      expect(r.reachable!.max).toBeLessThan(1e6);
      expect(r.reachable!.max).toBeCloseTo(proj(defaultScenario).gdpReal[13]! * 1.3 ** 2, 6);
    }
  });
  it("says when the input has no effect in the scenario's mode", () => {
    // Population in target mode ignores natural growth.
    const r = goalSeek(defaultScenario, { input: "naturalGrowth", from: 2021, to: 2035, metric: "residentPopulation", year: 2035, value: 900_000 });
    expect(r).toMatchObject({ ok: false, reason: "no-effect" });
  });
  it.each([
    [{ from: 2030, to: 2026 }, /span/],
    [{ year: 2040 }, /goal year/],
    [{ from: 2030, year: 2025 }, /before/],
    [{ value: -1 }, /positive/],
    [{ value: Number.NaN }, /positive/],
    [{ input: "nonsense" }, /unknown input/],
    [{ metric: "happiness" }, /unknown outcome/],
  ])("refuses a malformed request %j", (change, message) => {
    const r = goalSeek(defaultScenario, { input: "gdpRealGrowth", from: 2021, to: 2035, metric: "gdpReal", year: 2035, value: 700, ...(change as object) } as GoalSeekRequest);
    expect(r).toMatchObject({ ok: false, reason: "invalid-request" });
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe("sensitivity", () => {
  const result = (s: Scenario) => {
    const r = sensitivity(s);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.result;
  };
  it("moves 2035 real GDP by 352.5 × (1.10¹⁵ − 1.09¹⁵) for +1 point of growth from 2021", () => {
    const bar = result(defaultScenario).outcomes.gdpReal.bars.find((b) => b.input === "gdpRealGrowth")!;
    expect(bar.deltaHigh).toBeCloseTo(352.5 * (1.1 ** 15 - 1.09 ** 15), 6);
    expect(bar.deltaLow).toBeCloseTo(352.5 * (1.08 ** 15 - 1.09 ** 15), 6);
    expect(bar.step).toBe(1);
  });
  it("sorts bars by their largest change, largest first", () => {
    for (const o of Object.values(result(defaultScenario).outcomes)) {
      const sizes = o.bars.map((b) => Math.max(Math.abs(b.deltaLow), Math.abs(b.deltaHigh)));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    }
  });
  it("finds real GDP moved only by real growth", () => {
    const bars = result(defaultScenario).outcomes.gdpReal.bars;
    expect(bars[0]!.input).toBe("gdpRealGrowth");
    for (const b of bars.slice(1)) expect(b.deltaHigh).toBe(0);
  });
  it("moves income relative to the national average by the national growth assumption", () => {
    const bar = result(defaultScenario).outcomes.urbanIncomeVsNational.bars.find((b) => b.input === "nationalUrbanIncomeGrowth")!;
    const base = (38780 * 1.09 ** 15) / 56502;
    const national = (g: number) => (1 + g / 100) ** 10;
    const g = defaultScenario.national.urbanIncomeGrowth;
    expect(bar.high).toBeCloseTo((base / national(g + 1)) * 100, 8);
    expect(bar.low).toBeCloseTo((base / national(g - 1)) * 100, 8);
  });
  it("applies steps only from the first uncertain year (reported years stay put)", () => {
    const s = presetScenario("reported")!;
    const bar = result(s).outcomes.gdpReal.bars.find((b) => b.input === "gdpRealGrowth")!;
    const base = proj(s).gdpReal;
    expect(bar.high).toBeCloseTo(base[3]! * 1.1 ** 12, 6); // 2024..2035 at 10 % instead of 9 %
  });
  it("leaves out inputs that have no effect in the scenario's modes", () => {
    const inputs = result(defaultScenario).outcomes.gdpReal.bars.map((b) => b.input);
    expect(inputs).not.toContain("netMigration"); // population in target mode
    expect(inputs).not.toContain("incomeElasticity"); // income in growth mode
    const doubling = result(presetScenario("national-doubling")!).outcomes.gdpReal.bars.map((b) => b.input);
    expect(doubling).toContain("netMigration");
    expect(doubling).toContain("incomeElasticity");
  });
});
