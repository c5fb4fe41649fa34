// Pure helpers for the indicator tables (专栏1, 专栏2): grouping rows for the table, small
// multiples that compare like with like, and a search sentence per row.
import type { IndicatorRow, IndicatorTable } from "../schemas/content";

export interface CategoryGroup {
  category: string;
  rows: IndicatorRow[];
}

/** Rows grouped by 类别 in table order (a category that reappears later starts a new group). */
export function rowsByCategory(table: IndicatorTable): CategoryGroup[] {
  const groups: CategoryGroup[] = [];
  for (const row of table.rows) {
    const last = groups.at(-1);
    if (last && last.category === row.category) last.rows.push(row);
    else groups.push({ category: row.category, rows: [row] });
  }
  return groups;
}

/** The table's year columns (2015 and 2020, or 2020 and 2025), in column order. */
export function yearColumns(table: IndicatorTable): IndicatorTable["columns"] {
  return table.columns.filter((c) => c.year !== undefined);
}

/**
 * What kind of number a row holds, which decides the axis it may share: an index (上年＝100,
 * about 102) must never sit on an axis with shares (0–100 %) or growth rates (a few %).
 * The tables give all three the unit "%", so the name tells them apart.
 */
export type Measure = "index" | "growth" | "share" | "level";

export function measureOf(row: Pick<IndicatorRow, "name" | "unit">): Measure {
  if (row.unit !== "%") return "level";
  if (row.name.includes("指数")) return "index";
  if (/增速|增长|降低|下降|上涨/.test(row.name)) return "growth";
  return "share";
}

/** Money units: their levels are in current prices (当年价格). "人/亿元" is a rate, not money. */
export const isMoneyUnit = (unit: string): boolean => /^[万亿]?美?元$/.test(unit);

export interface MultiplePoint {
  year: number;
  /** "2015 年", "2025 年目标": the year and whether it is a target, as the tables say. */
  label: string;
  /** The table's own text ("≥20"). */
  text: string;
  value: number;
  target: boolean;
}

export interface Multiple {
  /** Row id (the first table's, when both tables have the row). */
  id: string;
  name: string;
  /** Anchor of the row in the tables on the same page, e.g. "fourteenth-plan-forest-cover". */
  anchor: string;
  points: MultiplePoint[];
}

export interface MultipleGroup {
  key: string;
  title: string;
  /** Shown after the title in brackets: the unit ("%", "上年＝100") or a money unit's price basis. */
  unit: string;
  /** How to read the bars: the scale and, for money, the price basis. */
  note: string;
  /** Bars start here (0, or 100 for an index). */
  baseline: number;
  /** All charts of the group share one axis (same kind of percentage); otherwise each has its own. */
  sharedScale: boolean;
  /** Top of the shared axis (the largest value in the group); per chart when not shared. */
  max: number;
  items: Multiple[];
}

const GROUPS: Record<Exclude<Measure, "level">, Pick<MultipleGroup, "title" | "unit" | "note" | "baseline" | "sharedScale">> = {
  growth: { title: "增速与降幅", unit: "%", note: "同一纵轴，从 0 起。数值为规划原文；地区生产总值增速按可比价格（扣除价格变动）计算。", baseline: 0, sharedScale: true },
  share: { title: "比重与比率", unit: "%", note: "同一纵轴，从 0 起。", baseline: 0, sharedScale: true },
  index: { title: "价格指数", unit: "上年＝100", note: "柱从 100 起算：高出 100 的部分是比上年上涨的幅度。表中单位记为“%”。", baseline: 100, sharedScale: true },
};

/**
 * The indicators of both tables as small multiples: one small bar chart per indicator
 * (2015 → 2020 → 2025 target, as far as the tables give numbers), grouped so that only like
 * numbers share an axis. A row that appears in both tables (same id, same 2020 figure) becomes
 * one chart with all three years; rows with fewer than two numbers are left to the tables.
 */
export function indicatorMultiples(tables: Array<[name: string, table: IndicatorTable]>): MultipleGroup[] {
  const byId = new Map<string, Multiple & { unit: string; measure: Measure }>();
  const all: Array<Multiple & { unit: string; measure: Measure }> = [];
  for (const [name, table] of tables) {
    for (const row of table.rows) {
      const points: MultiplePoint[] = yearColumns(table).flatMap((c) => {
        const cell = row.cells[c.key];
        if (cell?.value === undefined) return [];
        return [{ year: c.year!, label: c.label, text: cell.text, value: cell.value, target: c.label.includes("目标") }];
      });
      const same = byId.get(row.id);
      const agrees =
        same !== undefined &&
        same.unit === row.unit &&
        points.every((p) => {
          const q = same.points.find((x) => x.year === p.year);
          return q === undefined || q.value === p.value;
        });
      if (same && agrees) {
        for (const p of points) if (!same.points.some((q) => q.year === p.year)) same.points.push(p);
        same.points.sort((a, b) => a.year - b.year);
        continue;
      }
      const m = { id: row.id, name: row.name, anchor: `${name}-${row.id}`, points, unit: row.unit, measure: measureOf(row) };
      all.push(m);
      if (!same) byId.set(row.id, m);
    }
  }
  const groups = new Map<string, MultipleGroup>();
  for (const m of all) {
    if (m.points.length < 2) continue;
    const key = m.measure === "level" ? `level:${m.unit}` : m.measure;
    let g = groups.get(key);
    if (!g) {
      const fixed =
        m.measure === "level"
          ? {
              title: `单位：${m.unit}`,
              unit: isMoneyUnit(m.unit) ? "当年价格" : "",
              note: isMoneyUnit(m.unit) ? "当年价格（未扣除价格变动）。每图纵轴各自从 0 起。" : "每图纵轴各自从 0 起。",
              baseline: 0,
              sharedScale: false,
            }
          : GROUPS[m.measure];
      g = { key, ...fixed, max: 0, items: [] };
      groups.set(key, g);
    }
    g.items.push({ id: m.id, name: m.name, anchor: m.anchor, points: m.points });
    g.max = Math.max(g.max, ...m.points.map((p) => p.value));
  }
  const order = (g: MultipleGroup) => ["growth", "share", "index"].indexOf(g.key);
  return [...groups.values()].sort((a, b) => (order(a) < 0 ? 9 : order(a)) - (order(b) < 0 ? 9 : order(b)));
}

/** Height of a bar as a fraction of its chart (0–1): from the group's baseline to the axis top. */
export function barFraction(group: Pick<MultipleGroup, "baseline" | "sharedScale" | "max">, item: Pick<Multiple, "points">, value: number): number {
  const top = group.sharedScale ? group.max : Math.max(...item.points.map((p) => p.value));
  const span = top - group.baseline;
  if (span <= 0) return 0;
  return Math.min(1, Math.max(0, (value - group.baseline) / span));
}

/**
 * One row as a sentence for the search index, so a search excerpt reads
 * "城镇居民人均可支配收入（元）：2015 年 28484；2020 年 38780；年均增长率/〔累计〕 6.40%；预期性"
 * instead of the cells run together. Empty and "—" cells are left out.
 */
export function rowSearchText(table: IndicatorTable, row: IndicatorRow): string {
  const cells = table.columns
    .map((c) => ({ label: c.label, text: row.cells[c.key]?.text.trim() ?? "" }))
    .filter((c) => c.text !== "" && c.text !== "—")
    .map((c) => `${c.label} ${c.text}`);
  const unit = row.unit ? `（${row.unit}）` : "";
  const note = row.note ? `；${row.note}` : "";
  return `${row.name}${unit}：${[...cells, row.attribute].join("；")}${note}。`;
}
