// Exports: CSV of every series and the scenario as JSON. Pure (tested); loaded when the
// reader first exports. The download itself is in download.ts.
import { INPUT_IDS, INPUT_META, canonicalJson, type Scenario } from "../../lib/scenario";
import type { Projection } from "../../lib/model";
import type { MonteCarloResult } from "../../lib/model";
import { seriesCsv, type SeriesColumn } from "./csv";
import { roundForUnit } from "./format";
import { t, type Lang } from "./i18n";
import { PUNCT, unitText } from "../../lib/lang";
import { csvColumns, metricHeader, metrics } from "./results";

export interface CsvInput {
  lang: Lang;
  projection: Projection;
  /** Name of the current scenario, used to prefix its columns when pins are present. */
  currentName: string;
  pins: readonly { name: string; projection: Projection }[];
  mc: MonteCarloResult | null;
}

/**
 * One table, years down: the current scenario's series, the inputs as used in each year, the
 * pinned scenarios' series, and Monte Carlo percentiles when uncertainty is on.
 */
export function scenarioCsv(input: CsvInput): string {
  const { lang, projection: p } = input;
  const prefix = (name: string) => PUNCT[lang].tag(name);
  const columns: SeriesColumn[] = csvColumns(p, lang, input.pins.length ? prefix(input.currentName) : "").map((c) => ({ header: c.header, values: c.values as (number | null)[] }));
  for (const id of INPUT_IDS) {
    const m = INPUT_META[id];
    const unit = m.unit ? PUNCT[lang].aside(unitText(m.unit, lang).trim()) : "";
    // Inputs start in 2021; 2020 is the base year and has none.
    columns.push({ header: `${t(lang, "csvAssumption")}${PUNCT[lang].colon}${m[lang]}${unit}`, values: [null, ...p.inputs[id].map((v) => Number(v.toPrecision(6)))] });
  }
  input.pins.forEach((pin) => {
    for (const c of csvColumns(pin.projection, lang, prefix(pin.name))) columns.push({ header: c.header, values: c.values as (number | null)[] });
  });
  if (input.mc) {
    for (const m of metrics) {
      const band = (input.mc.bands as Record<string, { p5: number[]; p50: number[]; p95: number[] } | undefined>)[m.id];
      if (!band) continue;
      for (const q of ["p5", "p50", "p95"] as const) {
        columns.push({ header: `${metricHeader(m, lang)} ${t(lang, "monteCarlo")} ${q.toUpperCase()}`, values: band[q].map((v) => roundForUnit(v, m.unit)) });
      }
    }
  }
  return seriesCsv(t(lang, "year"), p.years, columns);
}

/** The scenario as pretty-printed canonical JSON (what a share link encodes). */
export function scenarioJson(s: Scenario): string {
  return JSON.stringify(JSON.parse(canonicalJson(s)), null, 2) + "\n";
}
