// The key results as rows of figures, shared by the results panel, the compare table and the
// CSV export, so that all three show the same numbers with the same precision.
import type { Projection, TargetCheck } from "../../lib/model";
import { COMPARATOR_WORDS } from "../../lib/data/target-kinds";
import type { CsvCell } from "./csv";
import { formatProbability, formatValue, formatWithUnit, roundForUnit, targetPersons, unitLabel, type Unit } from "./format";
import { t, type Lang } from "./i18n";
import { PUNCT } from "../../lib/lang";

export interface Metric {
  id: string;
  label: { zh: string; en: string };
  unit: Unit;
  /** Current or constant prices, where it matters. */
  basis?: "constantPrices" | "currentPrices";
  values: (p: Projection) => readonly number[];
}

/** The series of the model shown as key results and exported, in order. */
export const metrics: readonly Metric[] = [
  { id: "gdpReal", label: { zh: "地区生产总值", en: "GDP" }, unit: "yi-yuan", basis: "constantPrices", values: (p) => p.gdpReal },
  { id: "gdpNominal", label: { zh: "地区生产总值", en: "GDP" }, unit: "yi-yuan", basis: "currentPrices", values: (p) => p.gdpNominal },
  { id: "gdpPerCapita", label: { zh: "人均地区生产总值", en: "GDP per capita" }, unit: "yuan", basis: "currentPrices", values: (p) => p.gdpPerCapita },
  { id: "urbanIncome", label: { zh: "城镇居民人均可支配收入", en: "Urban disposable income per capita" }, unit: "yuan", basis: "currentPrices", values: (p) => p.urbanIncome },
  { id: "urbanIncomeReal", label: { zh: "城镇居民人均可支配收入", en: "Urban disposable income per capita" }, unit: "yuan", basis: "constantPrices", values: (p) => p.urbanIncomeReal },
  { id: "residentPopulation", label: { zh: "常住人口", en: "Resident population" }, unit: "persons", values: (p) => p.residentPopulation },
  { id: "servicesShare", label: { zh: "服务业增加值比重", en: "Services share of GDP" }, unit: "percent", values: (p) => p.servicesShare },
  { id: "nationalGdpPerCapita", label: { zh: "全国人均国内生产总值", en: "National GDP per capita" }, unit: "yuan", basis: "currentPrices", values: (p) => p.nationalGdpPerCapita },
  { id: "nationalUrbanIncome", label: { zh: "全国城镇居民人均可支配收入", en: "National urban disposable income per capita" }, unit: "yuan", basis: "currentPrices", values: (p) => p.nationalUrbanIncome },
];

/** "地区生产总值（亿元，2020年不变价）" / "GDP (billion yuan, constant 2020 prices)". */
export function metricHeader(m: Metric, lang: Lang): string {
  const unit = formatUnitName(m.unit, lang);
  const parts = [unit, m.basis ? t(lang, m.basis) : ""].filter(Boolean);
  return m.label[lang] + PUNCT[lang].aside(parts.join(PUNCT[lang].comma));
}

/**
 * "地区生产总值（2020年不变价）" / "GDP (constant 2020 prices)": the name and price basis without
 * the unit, for lists whose figures carry their own ("46.73 billion yuan" under a heading that
 * said "100 million yuan" read as a contradiction in English).
 */
export function metricTitle(m: Metric, lang: Lang): string {
  return m.basis ? m.label[lang] + PUNCT[lang].aside(t(lang, m.basis)) : m.label[lang];
}

function formatUnitName(unit: Unit, lang: Lang): string {
  // The CSV keeps the Chinese statistical units in both languages so that the numbers match the
  // sources; only the words around them are translated.
  const names: Record<Unit, { zh: string; en: string }> = {
    "yi-yuan": { zh: "亿元", en: "100 million yuan" },
    yuan: { zh: "元", en: "yuan" },
    "wan-persons": { zh: "万人", en: "10,000 persons" },
    persons: { zh: "万人", en: "10,000 persons" },
    percent: { zh: "%", en: "%" },
    pp: { zh: "个百分点", en: "pp" },
    ratio: { zh: "", en: "" },
    year: { zh: "年", en: "year" },
  };
  return names[unit][lang];
}

export interface KeyFigure {
  id: string;
  label: string;
  /** The label with the unit the bare numbers are in: "地区生产总值（亿元，2020年不变价）". */
  labelWithUnit: string;
  /** The figures without their unit, for places too narrow to repeat it ("54.24", not "54.24 billion yuan"). */
  n2025: string;
  n2035: string;
  v2025: string;
  v2035: string;
  raw2025: number;
  raw2035: number;
}

const I2025 = 2025 - 2020;
const I2035 = 2035 - 2020;

/** "地区生产总值（2020年不变价）": the label for a figure that carries its own unit. */
export function metricLabel(m: Metric, lang: Lang): string {
  if (!m.basis) return m.label[lang];
  return m.label[lang] + PUNCT[lang].aside(t(lang, m.basis));
}

/** "GDP (billion yuan, constant 2020 prices)": the label over figures shown without their unit. */
export function metricLabelWithUnit(m: Metric, lang: Lang): string {
  const parts = [unitLabel(m.unit, lang), m.basis ? t(lang, m.basis) : ""].filter(Boolean);
  return m.label[lang] + (parts.length ? PUNCT[lang].aside(parts.join(PUNCT[lang].comma)) : "");
}

export function keyFigures(p: Projection, lang: Lang, ids: readonly string[]): KeyFigure[] {
  return ids.map((id) => {
    const m = metrics.find((x) => x.id === id);
    if (!m) throw new Error(`unknown metric ${id}`);
    const v = m.values(p);
    return { id, label: metricLabel(m, lang), labelWithUnit: metricLabelWithUnit(m, lang), n2025: formatValue(v[I2025], m.unit, lang), n2035: formatValue(v[I2035], m.unit, lang), v2025: formatWithUnit(v[I2025], m.unit, lang), v2035: formatWithUnit(v[I2035], m.unit, lang), raw2025: v[I2025]!, raw2035: v[I2035]! };
  });
}

/**
 * The key results' cards show their figures in boxes of a fixed width (simulator.css, relayout
 * boundaries) while each figure is at most this many characters: 11 is "123,456.7亿元" (6.8em
 * in a 7em box), 19 is "128.40 billion yuan" (9.3em in 9.75em). Longer ones, as in a scenario
 * of 30 % growth for fifteen years, keep their own widths (and wrap) rather than spill out.
 */
export const FIGURE_BOX_CHARS: Readonly<Record<Lang, number>> = { zh: 11, en: 19 };

export function figuresFitBoxes(figures: readonly KeyFigure[], lang: Lang): boolean {
  return figures.every((f) => f.v2025.length <= FIGURE_BOX_CHARS[lang] && f.v2035.length <= FIGURE_BOX_CHARS[lang]);
}

/** A target check as shown: the scenario's figure in the target's own unit. */
export function formatTargetActual(c: TargetCheck, lang: Lang): string {
  if (c.actual == null) return "—";
  switch (c.metric) {
    case "gdpRealGrowthAvg":
    case "urbanIncomeGrowthAvg":
      return formatWithUnit(c.actual, "percent", lang);
    case "residentPopulation":
      return formatWithUnit(targetPersons(c.actual, c.unit), "persons", lang);
    case "gdpPerCapitaVsNational":
    case "urbanIncomeVsNational":
      return formatWithUnit(c.actual, "percent", lang);
    default:
      return `${formatValue(c.actual, "ratio", lang)}${c.unit}`;
  }
}

export function formatTargetValue(c: TargetCheck, lang: Lang): string {
  const v = c.metric === "residentPopulation" ? formatWithUnit(targetPersons(c.target, c.unit), "persons", lang) : `${c.target}${c.unit}`;
  return `${c.comparator === "=" ? "" : c.comparator}${v}`;
}

export function statusText(c: TargetCheck, lang: Lang): string {
  return c.status === "met" ? t(lang, "met") : c.status === "missed" ? t(lang, "missed") : c.status === "boundary" ? t(lang, "boundary") : t(lang, "notModelled");
}

export { formatProbability };

/** Average annual growth between two indices of a series, %. */
export function averageGrowth(values: readonly number[], from: number, to: number): number {
  return (Math.pow(values[to]! / values[from]!, 1 / (to - from)) - 1) * 100;
}

/** Rows for the CSV: every metric of a projection, rounded as the screen shows it. */
export function csvColumns(p: Projection, lang: Lang, prefix = ""): { header: string; values: CsvCell[] }[] {
  return metrics.map((m) => ({
    header: prefix + metricHeader(m, lang),
    values: m.values(p).map((v) => roundForUnit(v, m.unit)),
  }));
}

/**
 * A target's words: the plan's own (Chinese) label, or in English a sentence built from the
 * target's fields (the plan has no English text).
 */
export function targetText(c: TargetCheck, lang: Lang): string {
  if (lang === "zh") return c.label;
  const cmp = COMPARATOR_WORDS[c.comparator].en;
  const value = c.metric === "residentPopulation" ? formatWithUnit(targetPersons(c.target, c.unit), "persons", "en") : `${c.target}${c.unit === "%" ? "%" : ` ${c.unit}`}`;
  const what: Record<TargetCheck["metric"], string> = {
    gdpRealGrowthAvg: "average real GDP growth 2021–2025",
    urbanIncomeGrowthAvg: "average growth of urban disposable income 2021–2025",
    residentPopulation: "resident population",
    servicesShare: "services share of GDP",
    gdpPerCapitaVsNational: "GDP per capita as % of the national average",
    urbanIncomeVsNational: "urban income as % of the national average",
    other: "",
  };
  const subject = what[c.metric] || c.targetId.replaceAll("-", " ");
  return `${subject}: ${cmp ? `${cmp} ` : ""}${value} by ${c.year}`.replace(/^./, (x) => x.toUpperCase());
}

/**
 * A target's words with its year, for a list that has no year column of its own: the year goes
 * in front only where the words lack it. The plan's words sometimes begin with it ("2035 年人均
 * 地区生产总值…") and sometimes do not ("城区人口增加到 100 万"); the English ones end with it
 * ("… by 2035").
 */
export function datedTargetText(c: TargetCheck, lang: Lang): string {
  const text = targetText(c, lang);
  if (text.includes(String(c.year))) return text;
  return lang === "zh" ? `${c.year} 年${text}` : `${c.year}: ${text}`;
}
