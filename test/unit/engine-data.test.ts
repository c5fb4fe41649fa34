// The engine's data: generated statistics match the CSV files, and the plan's figures are read
// from content/ (the expected values below are the seed's figures, typed from the plan).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { national } from "../../src/lib/data/national.generated";
import { chengqu } from "../../src/lib/data/chengqu.generated";
import { indicatorCells } from "../../src/lib/data/indicator-cells.generated";
import { plan, planTargets, reportedGrowth } from "../../src/lib/data/plan";
import { nationalLastReported, nationalSeries } from "../../src/lib/model/national";

/** A plain split: the two files use no quoting (checked here), so no CSV library is needed. */
function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
  expect(text.includes('"'), `${path} uses quotes; teach this test to parse them`).toBe(false);
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const keys = header!.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    expect(cells).toHaveLength(keys.length);
    return Object.fromEntries(keys.map((k, i) => [k, cells[i]!]));
  });
}

const asValue = (cell: string, text: boolean) => (text ? cell : cell === "" ? null : Number(cell));

describe("generated statistics (run `node scripts/gen-national.mjs` after editing a CSV)", () => {
  it("national.generated.ts matches content/data/national.csv cell by cell", () => {
    const rows = readCsv("content/data/national.csv");
    expect(national).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      for (const [key, cell] of Object.entries(row)) {
        expect((national[i] as unknown as Record<string, unknown>)[key], `${row.year} ${key}`).toEqual(asValue(cell, key === "source" || key === "gdp_revision_source"));
      }
    });
  });
  it("chengqu.generated.ts matches content/data/chengqu.csv cell by cell", () => {
    const rows = readCsv("content/data/chengqu.csv");
    expect(chengqu).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      for (const [key, cell] of Object.entries(row)) {
        expect((chengqu[i] as unknown as Record<string, unknown>)[key], `${row.year} ${row.indicator} ${key}`).toEqual(
          asValue(cell, ["indicator", "unit", "note", "source", "source_kind"].includes(key)),
        );
      }
    });
  });
});

describe("generated indicator cells (run `node scripts/gen-national.mjs` after editing 专栏1 or 专栏2)", () => {
  for (const name of ["thirteenth-plan", "fourteenth-plan"]) {
    it(`indicator-cells.generated.ts holds every numeric cell of content/indicators/${name}.json and nothing else`, () => {
      const table = JSON.parse(readFileSync(new URL(`../../content/indicators/${name}.json`, import.meta.url), "utf8")) as {
        rows: { id: string; cells: Record<string, { value?: number }> }[];
      };
      const expected = Object.fromEntries(
        table.rows.map((row) => [
          row.id,
          Object.fromEntries(Object.entries(row.cells).filter(([, c]) => typeof c.value === "number").map(([k, c]) => [k, c.value])),
        ]),
      );
      expect(Object.keys(expected).length).toBeGreaterThan(10);
      expect(indicatorCells[name]).toEqual(expected);
    });
  }
});

describe("the plan's figures, read from content/", () => {
  it("专栏1: 2015 and 2020 levels and the 13th-plan growth rates", () => {
    expect(plan.gdp2020).toBe(352.5);
    expect(plan.gdp2015).toBe(239.9);
    expect(plan.gdpGrowth13th).toBe(7.9);
    expect(plan.servicesShare2020).toBe(71.2);
    expect(plan.urbanIncome2020).toBe(38780);
    expect(plan.urbanIncome2015).toBe(28484);
    expect(plan.urbanIncomeGrowth13th).toBe(6.4);
    expect(plan.retailSales2015).toBe(189.8);
    expect(plan.retailSales2020).toBe(283.5);
    expect(plan.cpiGrowth13th).toBe(1.8);
  });
  it("专栏2: the 14th-plan targets for GDP and urban income growth", () => {
    expect(plan.gdpGrowthTarget14th).toBe(9);
    expect(plan.urbanIncomeGrowthTarget14th).toBe(9);
  });
  it("the 2020 census population", () => {
    expect(plan.residentPopulation2020).toBe(574665);
  });
  it("reported district growth rates (comparable ones only)", () => {
    expect(reportedGrowth.gdpRealGrowth).toEqual({ "2022": 3.2, "2023": 6.1 });
    expect(reportedGrowth.urbanIncomeGrowth).toEqual({ "2022": 6.3, "2023": 5 });
  });
  it("targets from content/targets.json, including the ones the model checks", () => {
    const ids = planTargets.map((t) => t.id);
    expect(ids).toContain("gdp-growth-2025");
    expect(ids).toContain("resident-population-2035");
    expect(planTargets.find((t) => t.id === "resident-population-2035")).toMatchObject({ value: 1_000_000, year: 2035, metric: "residentPopulation" });
  });
});

describe("national series", () => {
  it("uses the reported values to 2025, then the assumed nominal growth", () => {
    const s = nationalSeries(5, 4);
    expect(nationalLastReported).toEqual({ urbanIncome: 2025, gdpPerCapita: 2025 });
    expect(s.urbanIncome[0]).toBe(43834);
    expect(s.urbanIncome[5]).toBe(56502);
    expect(s.urbanIncome[6]).toBeCloseTo(56502 * 1.05, 6);
    expect(s.urbanIncome[15]).toBeCloseTo(56502 * 1.05 ** 10, 4);
    expect(s.gdpPerCapita[15]).toBeCloseTo(99665 * 1.04 ** 10, 4);
  });
  it("puts 2022 and 2023 per-capita GDP on NBS's revised GDP (1,204,724亿元 final; 129.4万亿元 after the census) over mean population", () => {
    // 2022: 1204724e8 / ((141260 + 141175) / 2 · 1e4); 2023: 1294000e8 / ((141175 + 140967) / 2 · 1e4).
    expect(nationalSeries(0, 0).gdpPerCapita[2]).toBe(Math.round(1204724e8 / (141217.5e4)));
    expect(nationalSeries(0, 0).gdpPerCapita[3]).toBe(Math.round(1294000e8 / (141071e4)));
    expect(nationalSeries(0, 0).gdpPerCapita[3]).toBe(91727);
  });
  it("fills the unpublished 2024 per-capita GDP as NBS computes it (GDP over mean population), giving its published 95,749元", () => {
    // 1,349,084亿元 / ((140,967 + 140,828)/2 万人)
    expect(nationalSeries(0, 0).gdpPerCapita[4]).toBe(95749);
  });
});
