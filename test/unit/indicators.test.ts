import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { indicatorTableSchema, type IndicatorTable } from "../../src/schemas/content";
import { chartSeries, rowsByCategory, yearColumns } from "../../src/utils/indicators";

const fixture = (name: string): IndicatorTable =>
  indicatorTableSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/content/indicators", `${name}.json`), "utf8")));

const row = (id: string, unit: string, a?: number, b?: number, category = "甲"): IndicatorTable["rows"][number] => ({
  id,
  category,
  number: 1,
  name: id,
  unit,
  cells: {
    a: a === undefined ? { text: "—" } : { text: String(a), value: a },
    b: b === undefined ? { text: "—" } : { text: String(b), value: b },
    g: { text: "—" },
  },
  attribute: "预期性",
  note: "",
});

const table = (rows: IndicatorTable["rows"]): IndicatorTable => ({
  box: 9,
  title: "测试",
  chapter: "x",
  section: "section-1",
  columns: [
    { key: "a", label: "2020年", year: 2020 },
    { key: "b", label: "2025年", year: 2025 },
    { key: "g", label: "增长" },
  ],
  rows,
});

describe("chartSeries", () => {
  it("charts the unit most complete rows share, skipping rows with a dash in a year", () => {
    const s = chartSeries(table([row("p1", "%", 1, 2), row("y1", "亿元", 100, 200), row("p2", "%", 3, 4), row("p3", "%", 5)]));
    expect(s).toEqual({
      unit: "%",
      columns: ["2020年", "2025年"],
      rows: [
        { id: "p1", name: "p1", values: [1, 2], texts: ["1", "2"] },
        { id: "p2", name: "p2", values: [3, 4], texts: ["3", "4"] },
      ],
    });
  });
  it("breaks a tie by the unit that comes first", () => {
    expect(chartSeries(table([row("y1", "亿元", 1, 2), row("p1", "%", 1, 2), row("y2", "亿元", 3, 4), row("p2", "%", 3, 4)]))?.unit).toBe("亿元");
  });
  it("gives no chart when fewer than two rows share a unit", () => {
    expect(chartSeries(table([row("y1", "亿元", 1, 2), row("p1", "%", 1, 2), row("p2", "%", 1)]))).toBeNull();
  });
  it("on the fixture 专栏1 charts the percentage rows of 2015 and 2020", () => {
    const s = chartSeries(fixture("thirteenth-plan"));
    expect(s?.unit).toBe("%");
    expect(s?.columns).toEqual(["2015年", "2020年"]);
    expect(s?.rows.map((r) => r.id)).toEqual(["services-share", "rd-share", "good-air-days", "pm25"]);
    expect(s?.rows[0]?.values).toEqual([64.8, 71.2]);
  });
  it("keeps the cell text next to a qualified value (≥20)", () => {
    const s = chartSeries(fixture("fourteenth-plan"));
    const industry = s?.rows.find((r) => r.id === "industry-share");
    expect(industry).toEqual({ id: "industry-share", name: "工业增加值占GDP比重", values: [20.2, 20], texts: ["20.2", "≥20"] });
  });
});

describe("rowsByCategory / yearColumns", () => {
  it("groups consecutive rows of a category and keeps order", () => {
    const groups = rowsByCategory(table([row("a", "%", 1, 1, "经济"), row("b", "%", 1, 1, "经济"), row("c", "%", 1, 1, "民生"), row("d", "%", 1, 1, "经济")]));
    expect(groups.map((g) => [g.category, g.rows.map((r) => r.id)])).toEqual([
      ["经济", ["a", "b"]],
      ["民生", ["c"]],
      ["经济", ["d"]],
    ]);
  });
  it("finds the year columns", () => {
    expect(yearColumns(fixture("fourteenth-plan")).map((c) => c.year)).toEqual([2020, 2025]);
  });
});
