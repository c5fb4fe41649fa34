// Every cell of the two indicator tables equals the seed, read here by a small parser of the
// seed's tab-separated rows (written separately from scripts/convert-seed.mjs).
import { describe, expect, it } from "vitest";
import { indicatorTableSchema, type Cell, type IndicatorTable } from "../../src/schemas/content";
import { readJson, seedLines } from "./content-files";

/**
 * Undoes a wrapped cell: the extraction put a space where a cell's text broke onto a new line.
 * The seed's own spacing only ever puts spaces next to Latin letters and digits ("2015 年",
 * "占 GDP 比重", "每 10 万人"), so a space is kept there and dropped everywhere else.
 */
function unwrap(cell: string): string {
  const words = cell.trim().split(/ +/);
  let out = words[0] ?? "";
  for (const w of words.slice(1)) {
    const latinEdge = /[A-Za-z0-9&%]$/.test(out) || /^[A-Za-z0-9&%]/.test(w);
    out += (latinEdge ? " " : "") + w;
  }
  return out;
}

/** The number a cell states, read as written: "7.90%" → 7.9, "≥20", ">9", "〔4〕", "〔≥1.5〕"; words, "—" and "0/1" are not numbers. */
function expectedCell(text: string): Cell {
  let t = text;
  const cumulative = t.startsWith("〔") && t.endsWith("〕");
  if (cumulative) t = t.slice(1, -1);
  const qualifier = /^[≥>≤<]/.test(t) ? (t[0] as Cell["qualifier"]) : undefined;
  if (qualifier) t = t.slice(1);
  if (t.endsWith("%")) t = t.slice(0, -1);
  if (!/^\d+(?:\.\d+)?$/.test(t)) return { text };
  const cell: Cell = { text, value: parseFloat(t) };
  if (qualifier) cell.qualifier = qualifier;
  if (cumulative) cell.cumulative = true;
  return cell;
}

interface SeedTable {
  header: string[];
  rows: string[][];
}

/** The tab-separated rows after the "专栏N" line, up to the next 第X节/第X章 heading. */
function seedTable(box: number): SeedTable {
  const lines = seedLines();
  const start = lines.findIndex((l) => new RegExp(`^专栏\\s*${box}\\s`).test(l));
  expect(start).toBeGreaterThan(0);
  const rows: string[][] = [];
  for (let i = start + 1; i < lines.length && !/^第[一二三四五六七八九十]+[章节]/.test(lines[i]!); i++) {
    if (lines[i]!.includes("\t")) rows.push(lines[i]!.split("\t"));
  }
  const [header, ...body] = rows;
  return { header: header!, rows: body };
}

interface ExpectedRow {
  category: string;
  number: number | null;
  name: string;
  unit: string;
  cells: string[];
  attribute: string;
  note: string;
}

/**
 * Rows as the seed has them, merged cells filled down: an empty 类别 belongs to the group above;
 * a row without 序号 is a sub-row (number null), and so is a row whose 序号 repeats the one
 * above (the merged cell printed again after a page break).
 */
function expectedRows(t: SeedTable, unitInName: boolean, valueColumns: number): ExpectedRow[] {
  let category = "";
  let lastNumber: number | null = null;
  return t.rows.map((r) => {
    if (r[0]!.trim()) category = unwrap(r[0]!);
    let number: number | null = r[1]!.trim() ? Number(r[1]) : null;
    if (number !== null && number === lastNumber) number = null;
    else if (number !== null) lastNumber = number;
    let name = unwrap(r[2]!);
    let unit: string;
    let rest: string[];
    if (unitInName) {
      // "地区生产总值(GDP)年均增速(%)", "5G 网络用户普及率(%)【新基建】": the last (…) before an optional 【tag】 is the unit.
      const m = /^(.*)\(([^()]+)\)((?:【[^】]+】)?)$/.exec(name);
      expect(m, name).not.toBeNull();
      name = m![1]! + m![3]!;
      unit = m![2]!;
      rest = r.slice(3);
    } else {
      unit = r[3]!.trim();
      rest = r.slice(4);
    }
    return {
      category,
      number,
      name,
      unit,
      cells: rest.slice(0, valueColumns).map(unwrap),
      attribute: rest[valueColumns]!.trim(),
      note: unwrap(rest[valueColumns + 1] ?? ""),
    };
  });
}

const load = (name: string): IndicatorTable => indicatorTableSchema.parse(readJson(`indicators/${name}.json`));

describe.each([
  { name: "thirteenth-plan", box: 1, unitInName: false, firstValueColumn: 4, rowCount: 40 },
  { name: "fourteenth-plan", box: 2, unitInName: true, firstValueColumn: 3, rowCount: 29 },
])("content/indicators/$name.json against 专栏$box of the seed", ({ name, box, unitInName, firstValueColumn, rowCount }) => {
  const table = load(name);
  const seed = seedTable(box);
  const keys = table.columns.map((c) => c.key);
  const expected = expectedRows(seed, unitInName, keys.length);

  it("has the seed's column labels", () => {
    expect(table.columns.map((c) => c.label)).toEqual(seed.header.slice(firstValueColumn, firstValueColumn + keys.length).map(unwrap));
  });

  it("has every seed row, in order", () => {
    expect(expected).toHaveLength(rowCount);
    expect(table.rows.map((r) => r.name)).toEqual(expected.map((r) => r.name));
  });

  it("matches the seed in every category, number, unit, attribute and note", () => {
    table.rows.forEach((r, i) => {
      const e = expected[i]!;
      expect({ category: r.category, number: r.number, unit: r.unit, attribute: r.attribute, note: r.note }, r.id).toEqual({
        category: e.category,
        number: e.number,
        unit: e.unit,
        attribute: e.attribute,
        note: e.note,
      });
    });
  });

  it("matches the seed in every cell's text, and reads a value exactly where the text is a number", () => {
    let checked = 0;
    table.rows.forEach((r, i) => {
      keys.forEach((k, j) => {
        expect(r.cells[k], `${r.id}.${k}`).toStrictEqual(expectedCell(expected[i]!.cells[j]!));
        checked++;
      });
    });
    expect(checked).toBe(rowCount * 3);
  });
});

describe("spot checks written by hand from the plan", () => {
  const t13 = load("thirteenth-plan");
  const t14 = load("fourteenth-plan");
  const row = (t: IndicatorTable, id: string) => {
    const r = t.rows.find((x) => x.id === id);
    if (!r) throw new Error(`no row ${id}`);
    return r;
  };

  it("专栏1: GDP 239.9 → 352.5 亿元, 7.9% a year; urban income 28484 → 38780 元, 6.4%", () => {
    const gdp = row(t13, "gdp");
    expect(gdp.unit).toBe("亿元");
    expect([gdp.cells.y2015?.value, gdp.cells.y2020?.value, gdp.cells.growth?.value]).toEqual([239.9, 352.5, 7.9]);
    expect(gdp.cells.growth?.text).toBe("7.90%");
    const income = row(t13, "urban-income");
    expect(income.unit).toBe("元");
    expect([income.cells.y2015?.value, income.cells.y2020?.value, income.cells.growth?.value]).toEqual([28484, 38780, 6.4]);
    expect(row(t13, "services-share").cells.y2020).toEqual({ text: "71.2", value: 71.2 });
  });

  it("专栏1: sub-rows have no number, and the wrapped cells read as one", () => {
    expect(row(t13, "pm25-reduction")).toMatchObject({ number: null, name: "颗粒物（PM2.5）浓度下降" });
    expect(row(t13, "emission-dust")).toMatchObject({ number: null, category: "生态治理与绿色发展", note: "待核算" });
    expect(row(t13, "emission-dust").cells.y2020).toEqual({ text: "均控制在市下达的指标之内" });
    expect(row(t13, "clean-governance-satisfaction").cells.y2020).toEqual({ text: "98.60%", value: 98.6 });
    expect(row(t13, "life-expectancy").note).toBe("区级不核算");
  });

  it("专栏2: GDP growth 6.1 → 9, “>9” a year; qualifiers and 〔cumulative〕 cells", () => {
    const g = row(t14, "gdp-growth");
    expect(g.unit).toBe("%");
    expect(g.cells.y2025).toEqual({ text: "9", value: 9 });
    expect(g.cells.growth).toEqual({ text: ">9", value: 9, qualifier: ">" });
    expect(row(t14, "urban-income-growth").cells.growth).toEqual({ text: "9", value: 9 });
    expect(row(t14, "strategic-emerging-share").cells.growth).toEqual({ text: "〔≥1.5〕", value: 1.5, qualifier: "≥", cumulative: true });
    expect(row(t14, "manufacturing-share").cells.growth).toEqual({ text: "〔4〕", value: 4, cumulative: true });
    expect(row(t14, "innovation-centres-incubators").cells.y2020).toEqual({ text: "0/1" });
    expect(row(t14, "pension-coverage").cells.growth).toEqual({ text: "年均增长1.74个百分点" });
    expect(row(t14, "5g-penetration")).toMatchObject({ name: "5G 网络用户普及率【新基建】", unit: "%", category: "“六新”突破与产业升级" });
    expect(row(t14, "energy-capacity").unit).toBe("万吨标准煤");
  });
});
