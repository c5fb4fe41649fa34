// Goal seek for population: the net migration (or natural growth) a year that reaches a number
// of residents by a year. Expected values from the components equation P_t = P_{t−1}(1 + n/1000) + m.
import { describe, expect, it } from "vitest";
import { goalSeek as engineGoalSeek, presetScenario, project } from "../../src/lib/model";
import { goalSeek } from "../../src/components/simulator/goal-seek";
import type { Scenario } from "../../src/lib/scenario";

const pop = (s: Scenario, year: number) => {
  const r = project(s);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.projection.residentPopulation[year - 2020]!;
};

describe("population goal seek in the engine", () => {
  it("net migration for 1,000,000 by 2035 from the census with no natural growth: (1,000,000 − 574,665) / 15 a year", () => {
    const s = presetScenario("trend-13th")!;
    const r = engineGoalSeek(s, { input: "netMigration", from: 2021, to: 2035, metric: "residentPopulation", year: 2035, value: 1_000_000 });
    if (!r.ok) throw new Error(r.message);
    expect(r.rate).toBeCloseTo((1_000_000 - 574665) / 15, 6);
    expect(pop(r.scenario, 2035)).toBeCloseTo(1_000_000, 3);
  });
  it("natural growth for 800,000 by 2035 with no migration: ((800,000 / 574,665)^(1/15) − 1) · 1000 ‰", () => {
    const s = presetScenario("trend-13th")!;
    s.inputs.netMigration = { periods: [0, 0, 0] };
    const r = engineGoalSeek(s, { input: "naturalGrowth", from: 2021, to: 2035, metric: "residentPopulation", year: 2035, value: 800_000 });
    if (!r.ok) throw new Error(r.message);
    expect(r.rate).toBeCloseTo(((800_000 / 574665) ** (1 / 15) - 1) * 1000, 6);
    expect(pop(r.scenario, 2035)).toBeCloseTo(800_000, 3);
  });
});

describe("population goal seek on the page", () => {
  it("the plan preset (population target mode) switches to components and needs ⌈(1,000,000 − 574,665) / 15⌉ = 28,356 net migrants a year", () => {
    const r = goalSeek(presetScenario("plan")!, "residentPopulation", 1_000_000, 2035);
    if (!r.ok) throw new Error(r.message);
    expect(r.input).toBe("netMigration");
    expect(r.rate).toBe(Math.ceil((1_000_000 - 574665) / 15));
    expect(r.scenario.population.mode).toBe("components");
    expect(pop(r.scenario, 2035)).toBeGreaterThanOrEqual(1_000_000);
    expect(pop(r.scenario, 2035)).toBeCloseTo(574665 + 15 * 28356, 6);
  });
  it("keeps reported years: from 2024 in the reported preset, the rate reproduces the target from the 2023 level", () => {
    const s = presetScenario("reported")!;
    const r = goalSeek(s, "residentPopulation", 900_000, 2030);
    if (!r.ok) throw new Error(r.message);
    expect(r.from).toBe(2024);
    const p2023 = pop(s, 2023);
    expect(r.rate).toBe(Math.ceil((900_000 - p2023) / 7));
    expect(pop(r.scenario, 2022)).toBeCloseTo(585097, 6);
    expect(r.reached).toBeGreaterThanOrEqual(900_000);
    expect(r.reached - 900_000).toBeLessThan(7 + 1e-6);
  });
  it("says when natural growth alone cannot reach the goal within its allowed range", () => {
    const r = goalSeek(presetScenario("plan")!, "residentPopulation", 1_000_000, 2035, undefined, "naturalGrowth");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe("unreachable");
  });
  it("refuses an input that cannot reach the outcome", () => {
    const r = goalSeek(presetScenario("plan")!, "residentPopulation", 1_000_000, 2035, undefined, "gdpRealGrowth" as never);
    expect(r).toMatchObject({ ok: false, reason: "invalid" });
  });
});
