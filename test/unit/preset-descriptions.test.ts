// Presets mean what they say: each description states the numbers the preset runs on, and
// states no number the preset does not use; 乐观 is never below 规划目标 on a headline series.
import { describe, expect, it } from "vitest";
import { presets, project } from "../../src/lib/model";
import type { Scenario } from "../../src/lib/scenario";

/** Numbers in a text, grouping commas removed; 100万 is read as 1,000,000. */
function numbers(text: string): number[] {
  let plain = text;
  while (/\d,\d{3}/.test(plain)) plain = plain.replace(/(\d),(\d{3})/g, "$1$2");
  plain = plain.replace(/(\d+(?:\.\d+)?)\s*万/g, (_, x: string) => String(Number(x) * 1e4));
  return [...plain.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** The numbers a reader must find in the description, and every number it may contain. */
function inputNumbers(s: Scenario): { required: number[]; allowed: Set<number> } {
  const required: number[] = [];
  const allowed = new Set<number>();
  const add = (x: number, need: boolean) => {
    for (const v of [x, r1(x), r2(x), Math.round(x)]) allowed.add(v);
    if (need) required.push(x);
  };
  for (const g of new Set(s.inputs.gdpRealGrowth.periods)) add(g, true);
  for (const g of Object.values(s.inputs.gdpRealGrowth.years ?? {})) add(g, true);
  if (s.income.mode === "growth") {
    for (const g of new Set(s.inputs.urbanIncomeGrowth.periods)) add(g, true);
    for (const g of Object.values(s.inputs.urbanIncomeGrowth.years ?? {})) add(g, true);
  } else add(s.inputs.incomeElasticity.periods[0], true);
  if (s.population.mode === "target") {
    add(s.population.target, true);
    add(s.population.year, true);
  } else {
    for (const m of new Set(s.inputs.netMigration.periods)) add(m, true);
    // Reported years' migration is stated as the reported populations it reproduces.
    let pop = 574665;
    for (const [, m] of Object.entries(s.inputs.netMigration.years ?? {}).sort()) {
      pop += m;
      add(pop, true);
    }
    add(s.population.target, false);
    add(s.population.year, false);
  }
  add(s.services.target, true);
  for (let y = 2015; y <= 2035; y++) allowed.add(y);
  for (const x of [1, 2]) allowed.add(x); // 专栏1, 专栏2; elasticity 1
  return { required, allowed };
}

describe("preset descriptions state the preset's numbers", () => {
  for (const p of presets) {
    for (const lang of ["zh", "en"] as const) {
      it(`${p.id} (${lang})`, () => {
        const text = p.description[lang];
        const found = numbers(text);
        const { required, allowed } = inputNumbers(p.scenario);
        for (const x of required) {
          expect(found.some((f) => f === x || f === r1(x) || f === r2(x) || f === Math.round(x)), `${p.id}/${lang} should state ${x}: ${text}`).toBe(true);
        }
        for (const f of found) expect(allowed.has(f), `${p.id}/${lang} states ${f}, which is not an input: ${text}`).toBe(true);
      });
    }
  }
  it("reads 100万 as a million and 1,000,000 as a million", () => {
    expect(numbers("2035 年常住人口 100 万；1,000,000 residents; 7.9%")).toEqual([2035, 1e6, 1e6, 7.9]);
  });
});

describe("乐观 is at least 规划目标 on every headline series", () => {
  const run = (id: string) => {
    const r = project(presets.find((p) => p.id === id)!.scenario);
    if (!r.ok) throw new Error(id);
    return r.projection;
  };
  it("real and nominal GDP, per-capita GDP, urban income and population, every year 2021–2035", () => {
    const plan = run("plan");
    const opt = run("optimistic");
    for (const k of ["gdpReal", "gdpNominal", "gdpPerCapita", "urbanIncome", "residentPopulation"] as const) {
      for (let i = 1; i < 16; i++) expect(opt[k][i]!, `${k} ${2020 + i}`).toBeGreaterThanOrEqual(plan[k][i]! * (1 - 1e-12));
    }
  });
});
