// Pure helpers for the indicator tables (专栏1, 专栏2): grouping rows for the table and picking
// a chart that compares like with like.
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

export interface ChartSeries {
  /** The one unit every charted row shares, e.g. "%". */
  unit: string;
  /** Year column labels as the table has them ("2020年完成", "2025年目标"). */
  columns: string[];
  rows: Array<{ id: string; name: string; values: number[]; texts: string[] }>;
}

/**
 * What to chart for a table: rows with a number in every year column, restricted to the unit
 * most of them share, so that bars on one axis are comparable (亿元 next to % would be
 * meaningless). Returns null when fewer than two rows qualify.
 */
export function chartSeries(table: IndicatorTable): ChartSeries | null {
  const years = yearColumns(table);
  if (years.length < 2) return null;
  const complete = table.rows.filter((r) => years.every((c) => r.cells[c.key]?.value !== undefined));
  const counts = new Map<string, number>();
  for (const r of complete) counts.set(r.unit, (counts.get(r.unit) ?? 0) + 1);
  let unit: string | undefined;
  for (const [u, n] of counts) if (unit === undefined || n > counts.get(unit)!) unit = u;
  if (unit === undefined || counts.get(unit)! < 2) return null;
  return {
    unit,
    columns: years.map((c) => c.label),
    rows: complete
      .filter((r) => r.unit === unit)
      .map((r) => ({
        id: r.id,
        name: r.name,
        values: years.map((c) => r.cells[c.key]!.value!),
        texts: years.map((c) => r.cells[c.key]!.text),
      })),
  };
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
