// The compare table: key figures of the current scenario and each pin, with differences.
import type { Projection } from "../../lib/model";
import { formatWithUnit, type Unit } from "./format";
import type { Lang } from "./i18n";
import { metricTitle, metrics } from "./results";
import { PUNCT } from "../../lib/lang";

export const COMPARE_METRICS = ["gdpReal", "gdpNominal", "gdpPerCapita", "urbanIncome", "residentPopulation"] as const;
export const COMPARE_YEARS = [2025, 2035] as const;

export interface CompareCell {
  value: string;
  /** Difference from the current scenario, signed; empty for the current scenario itself. */
  diff: string;
}

export interface CompareRow {
  key: string;
  label: string;
  year: number;
  cells: CompareCell[];
}

function signed(x: number, unit: Unit, lang: Lang): string {
  const s = formatWithUnit(Math.abs(x), unit, lang);
  if (s === "—") return s;
  return `${x > 0 ? "+" : x < 0 ? "−" : "±"}${s}`;
}

/** Rows of the table: one per metric and milestone year; the first cell is the current scenario. */
export function compareRows(current: Projection, pins: readonly { projection: Projection }[], lang: Lang): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const id of COMPARE_METRICS) {
    const m = metrics.find((x) => x.id === id)!;
    for (const year of COMPARE_YEARS) {
      const i = year - 2020;
      const base = m.values(current)[i]!;
      const cells: CompareCell[] = [{ value: formatWithUnit(base, m.unit, lang), diff: "" }];
      for (const pin of pins) {
        const v = m.values(pin.projection)[i]!;
        const pct = base !== 0 ? ((v - base) / base) * 100 : NaN;
        cells.push({ value: formatWithUnit(v, m.unit, lang), diff: `${signed(v - base, m.unit, lang)}${PUNCT[lang].aside(signed(pct, "percent", lang))}` });
      }
      rows.push({ key: `${id}-${year}`, label: `${metricTitle(m, lang)} ${year}`, year, cells });
    }
  }
  return rows;
}
