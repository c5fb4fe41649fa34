import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { indicatorTableSchema, type IndicatorTable } from "../../src/schemas/content";
import { barFraction, indicatorMultiples, isMoneyUnit, measureOf, rowSearchText, rowsByCategory, yearColumns } from "../../src/utils/indicators";

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

const named = (id: string, name: string, unit: string, a?: number, b?: number) => ({ ...row(id, unit, a, b), name });

describe("measureOf", () => {
  it("tells an index, a growth rate and a share apart although all three say %", () => {
    expect(measureOf({ name: "居民消费价格指数上涨幅度", unit: "%" })).toBe("index");
    expect(measureOf({ name: "地区生产总值(GDP)年均增速", unit: "%" })).toBe("growth");
    expect(measureOf({ name: "颗粒物（PM2.5）浓度下降", unit: "%" })).toBe("growth");
    expect(measureOf({ name: "服务业增加值比重", unit: "%" })).toBe("share");
    expect(measureOf({ name: "全社会 R&D 投入增长", unit: "亿元" })).toBe("level");
  });
  it("treats only money units as money", () => {
    expect(["元", "万元", "亿元", "亿美元"].every(isMoneyUnit)).toBe(true);
    expect(["人/亿元", "%", "万人"].some(isMoneyUnit)).toBe(false);
  });
});

describe("indicatorMultiples", () => {
  const t13: IndicatorTable = {
    ...table([named("cpi", "居民消费价格指数上涨幅度", "%", 100.8, 102.9), named("share", "服务业增加值比重", "%", 64.8, 71.2), named("forest", "森林覆盖率", "%", 18.85, 19.83), named("gdp", "地区生产总值", "亿元", 239.9, 352.5), named("one", "只有一年", "%", 5)]),
    columns: [
      { key: "a", label: "2015 年", year: 2015 },
      { key: "b", label: "2020 年", year: 2020 },
      { key: "g", label: "增长" },
    ],
  };
  const t14: IndicatorTable = {
    ...table([named("forest", "森林覆盖率", "%", 19.83, 19.83), named("growth", "地区生产总值(GDP)年均增速", "%", 6.1, 9), named("years", "受教育年限", "年", 12, 13)]),
    columns: [
      { key: "a", label: "2020 年完成", year: 2020 },
      { key: "b", label: "2025 年目标", year: 2025 },
      { key: "g", label: "增长" },
    ],
  };
  const groups = indicatorMultiples([
    ["thirteenth-plan", t13],
    ["fourteenth-plan", t14],
  ]);
  const group = (key: string) => groups.find((g) => g.key === key)!;

  it("never puts the price index on an axis with percentage shares or growth rates", () => {
    expect(groups.map((g) => [g.key, g.items.map((i) => i.id)])).toEqual([
      ["growth", ["growth"]],
      ["share", ["share", "forest"]],
      ["index", ["cpi"]],
      ["level:亿元", ["gdp"]],
      ["level:年", ["years"]],
    ]);
    expect(group("index").baseline).toBe(100);
  });
  it("joins a row both tables give into 2015 → 2020 → 2025 target", () => {
    const forest = group("share").items.find((i) => i.id === "forest")!;
    expect(forest.points.map((p) => [p.year, p.value, p.target])).toEqual([
      [2015, 18.85, false],
      [2020, 19.83, false],
      [2025, 19.83, true],
    ]);
    expect(forest.anchor).toBe("thirteenth-plan-forest");
  });
  it("labels money in current prices and scales each level chart on its own", () => {
    expect(group("level:亿元")).toMatchObject({ title: "单位：亿元", unit: "当年价格", sharedScale: false });
    expect(group("level:年").unit).toBe("");
    expect(group("share")).toMatchObject({ sharedScale: true, max: 71.2 });
  });
  it("sizes bars from the baseline to the axis top", () => {
    const cpi = group("index").items[0]!;
    expect(barFraction(group("index"), cpi, 102.9)).toBe(1);
    expect(barFraction(group("index"), cpi, 100.8)).toBeCloseTo(0.8 / 2.9, 10);
    const gdp = group("level:亿元").items[0]!;
    expect(barFraction(group("level:亿元"), gdp, 239.9)).toBeCloseTo(239.9 / 352.5, 10);
    expect(barFraction(group("share"), group("share").items[0]!, 64.8)).toBeCloseTo(64.8 / 71.2, 10);
  });
  it("keeps rows apart when the tables disagree on 2020", () => {
    const clash = indicatorMultiples([
      ["thirteenth-plan", { ...t13, rows: [named("years", "平均受教育年限", "年", 10.8, 11.3)] }],
      ["fourteenth-plan", t14],
    ]);
    expect(clash.find((g) => g.key === "level:年")!.items.map((i) => i.anchor)).toEqual(["thirteenth-plan-years", "fourteenth-plan-years"]);
  });
});

describe("rowSearchText", () => {
  it("reads a row as one sentence, leaving out dashes", () => {
    const t = table([{ ...named("gdp", "地区生产总值", "亿元", 239.9), note: "区级不核算" }]);
    expect(rowSearchText(t, t.rows[0]!)).toBe("地区生产总值（亿元）：2020年 239.9；预期性；区级不核算。");
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
