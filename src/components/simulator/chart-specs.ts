// What each chart shows, as plain data (ChartSpec): the scenario, pinned scenarios, the plan's
// targets, the national average, reported outcomes and Monte Carlo bands. Pure, so that the
// chart component only draws and tests can check what is drawn.
import type { PlanTarget, Projection } from "../../lib/model";
import { COMPARATOR_WORDS } from "../../lib/data/target-kinds";
import type { Scenario } from "../../lib/scenario";
import { formatWithUnit, targetPersons, unitLabel, type Unit } from "./format";
import { t, type Lang } from "./i18n";
import { PUNCT } from "../../lib/lang";

/** What a line on a chart stands for; decides its style. */
export type SeriesKind = "scenario" | "pin" | "target" | "national" | "reference" | "reported" | "band-outer" | "band-inner" | "band-base";

export interface ChartSeries {
  /** Stable across updates, so the chart reuses its elements instead of rebuilding them. */
  id: string;
  label: string;
  kind: SeriesKind;
  /** One value per year of the chart's axis; null where there is none. */
  values: (number | null)[];
  /** Index of the pin (0–3) for colour; the current scenario has none. */
  pinIndex?: number;
  /** For reported outcomes: the source of each point, shown on hover. */
  notes?: (string | null)[];
  /** Bands fill towards the series with this id. */
  fillTo?: string;
  /** Hidden from the legend and the data table (band edges). */
  auxiliary?: boolean;
}

export interface ChartSpec {
  id: string;
  /** What is drawn, without unit or price basis: "地区生产总值". */
  title: string;
  unit: Unit;
  /** The price basis where money is drawn: "2020年不变价", "current prices". */
  basis?: string;
  years: readonly number[];
  series: ChartSeries[];
  /** Years with a vertical marker (2025, 2035). */
  milestones: readonly number[];
}

/**
 * A chart's unit and price basis as its heading writes them after the title: "（亿元，2020年不变价）",
 * " (billion yuan, constant 2020 prices)". The page, the exported PNG and the poster all use it.
 */
export function chartAside(spec: ChartSpec, lang: Lang): string {
  return PUNCT[lang].aside([unitLabel(spec.unit, lang), spec.basis].filter(Boolean).join(PUNCT[lang].comma));
}

/** The full heading: "地区生产总值（亿元，2020年不变价）". */
export function chartHeading(spec: ChartSpec, lang: Lang): string {
  return spec.title + chartAside(spec, lang);
}

/**
 * The colours a chart is drawn in. chart.js paints a canvas, which CSS cannot restyle, so the
 * colours are read from the design tokens (--chart-* in src/styles/tokens.css) when a chart is
 * created and again when the reader's colour scheme changes.
 */
export interface ChartTheme {
  scenario: string;
  pins: readonly string[];
  target: string;
  national: string;
  reference: string;
  reported: string;
  band: string;
  bandInner: string;
  grid: string;
  tick: string;
  milestone: string;
}

export type ChartId = "gdp" | "gdpPerCapita" | "income" | "population";
export type Prices = "constant" | "current";

/** Percentile paths of one series, one value per year (index 0 = 2020). */
export interface Band {
  p5: readonly number[];
  p25: readonly number[];
  p50: readonly number[];
  p75: readonly number[];
  p95: readonly number[];
}

/** Monte Carlo bands by the projection series they belong to. */
export type Bands = Partial<Record<"gdpReal" | "gdpNominal" | "gdpPerCapita" | "urbanIncome" | "residentPopulation", Band>>;

/** A reported figure with its source, shown as a point. */
export interface ReportedPoint {
  year: number;
  value: number;
  source: string;
}

export interface SpecInput {
  lang: Lang;
  prices: Prices;
  projection: Projection;
  /** Name of the current scenario in legends (its preset's name, or "本情景"). */
  scenarioLabel: string;
  pins: readonly { name: string; projection: Projection }[];
  bands: Bands | null;
  targets: readonly PlanTarget[];
  reported: { residentPopulation: readonly ReportedPoint[]; urbanIncome: readonly ReportedPoint[] };
  /** Last year of reported (not assumed) national figures. */
  nationalLastReported: { urbanIncome: number; gdpPerCapita: number };
}

export const MILESTONES = [2025, 2035] as const;

/**
 * The light scheme's chart colours (the --chart-* tokens of src/styles/tokens.css): what the
 * page uses where no stylesheet is there to read, and what images (exported figure, poster,
 * preview image) are drawn in.
 */
export const palette: ChartTheme = {
  scenario: "#1f5fa8",
  pins: ["#b3541e", "#2e7d32", "#7b1fa2", "#5d4037"],
  target: "#c62828",
  national: "#616161",
  reference: "#757575",
  reported: "#111111",
  band: "rgba(31, 95, 168, 0.14)",
  bandInner: "rgba(31, 95, 168, 0.24)",
  grid: "rgba(0, 0, 0, 0.1)",
  tick: "#57534b",
  milestone: "#9e9e9e",
};

/** The colour a series is drawn in, by its kind (bands are filled, not stroked: transparent). */
export function seriesColour(s: Pick<ChartSeries, "kind" | "pinIndex">, theme: ChartTheme = palette): string {
  switch (s.kind) {
    case "scenario":
      return theme.scenario;
    case "pin":
      return theme.pins[(s.pinIndex ?? 0) % theme.pins.length]!;
    case "target":
      return theme.target;
    case "national":
      return theme.national;
    case "reference":
      return theme.reference;
    case "reported":
      return theme.reported;
    default:
      return "rgba(0,0,0,0)";
  }
}

/** How a kind of series is stroked: width in CSS px and dash pattern (none: solid). */
export function seriesStroke(kind: ChartSeries["kind"]): { width: number; dash: readonly number[] } {
  switch (kind) {
    case "scenario":
      return { width: 3, dash: [] };
    case "pin":
      return { width: 2, dash: [6, 3] };
    case "target":
      return { width: 2, dash: [2, 3] };
    case "national":
      return { width: 2, dash: [8, 4] };
    case "reference":
      return { width: 1.5, dash: [1, 4] };
    default:
      return { width: 2, dash: [] };
  }
}

function comparatorText(c: PlanTarget["comparator"], lang: Lang): string {
  return lang === "en" ? COMPARATOR_WORDS[c].en : COMPARATOR_WORDS[c].zhAfter;
}

/** "规划目标：2025年年均增长9%以上" — built from the target's own fields. */
export function targetLabel(target: PlanTarget, lang: Lang): string {
  const cmp = comparatorText(target.comparator, lang);
  const value = target.metric === "residentPopulation" ? formatWithUnit(targetPersons(target.value, target.unit), "persons", lang) : `${target.value}${target.unit}`;
  switch (target.metric) {
    case "gdpRealGrowthAvg":
    case "urbanIncomeGrowthAvg":
      return lang === "zh"
        ? `${t(lang, "planTarget")}：至${target.year}年年均增长${cmp === "以上" || cmp === "以下" ? `${value}${cmp}` : `${cmp}${value}`}`
        : `${t(lang, "planTarget")}: average growth ${cmp} ${value} to ${target.year}`.replace("  ", " ");
    case "gdpPerCapitaVsNational":
    case "urbanIncomeVsNational":
      return lang === "zh" ? `${t(lang, "planTarget")}：${target.year}年达到或高于全国平均` : `${t(lang, "planTarget")}: national average or above by ${target.year}`;
    default:
      return lang === "zh" ? `${t(lang, "planTarget")}：${target.year}年${cmp}${value}` : `${t(lang, "planTarget")}: ${cmp} ${value} by ${target.year}`;
  }
}

const periodStart = (year: number) => (year <= 2025 ? 2020 : year <= 2030 ? 2025 : 2030);

/** The level path a growth-rate target implies, from the level at the start of its plan period. */
function growthTargetPath(target: PlanTarget, series: readonly number[], years: readonly number[]): (number | null)[] {
  const start = periodStart(target.year);
  const i0 = years.indexOf(start);
  const base = series[i0];
  return years.map((y, i) => (base == null || y < start || y > target.year ? null : base * Math.pow(1 + target.value / 100, i - i0)));
}

function pointAt(years: readonly number[], year: number, value: number): (number | null)[] {
  return years.map((y) => (y === year ? value : null));
}

/** A "percent of the national average" target as the point it implies in its year (none if that year is off the chart). */
function nationalTarget(target: PlanTarget, years: readonly number[], national: readonly number[], lang: Lang): ChartSeries[] {
  const level = national[years.indexOf(target.year)];
  if (level == null) return [];
  return [{ id: `target-${target.id}`, label: targetLabel(target, lang), kind: "target", values: pointAt(years, target.year, (level * target.value) / 100) }];
}

function bandSeries(prefix: string, band: Band | undefined, lang: Lang): ChartSeries[] {
  if (!band) return [];
  const toArr = (a: readonly number[]) => Array.from(a);
  return [
    { id: `${prefix}-p5`, label: "p5", kind: "band-base", values: toArr(band.p5), auxiliary: true },
    { id: `${prefix}-p95`, label: t(lang, "mcBand", { lo: 5, hi: 95 }), kind: "band-outer", values: toArr(band.p95), fillTo: `${prefix}-p5` },
    { id: `${prefix}-p25`, label: "p25", kind: "band-base", values: toArr(band.p25), auxiliary: true },
    { id: `${prefix}-p75`, label: t(lang, "mcBand", { lo: 25, hi: 75 }), kind: "band-inner", values: toArr(band.p75), fillTo: `${prefix}-p25` },
  ];
}

function scenarioAndPins(input: SpecInput, pick: (p: Projection) => readonly number[]): ChartSeries[] {
  return [
    { id: "scenario", label: input.scenarioLabel, kind: "scenario", values: Array.from(pick(input.projection)) },
    ...input.pins.map((pin, i): ChartSeries => ({ id: `pin-${i}`, label: pin.name, kind: "pin", pinIndex: i, values: Array.from(pick(pin.projection)) })),
  ];
}

function nationalSeries(input: SpecInput, values: readonly number[], lastReported: number): ChartSeries {
  const { lang } = input;
  const label = t(lang, "nationalAverage") + PUNCT[lang].aside(t(lang, "assumedAfter", { year: lastReported }));
  return { id: "national", label, kind: "national", values: Array.from(values) };
}

function reportedSeries(years: readonly number[], points: readonly ReportedPoint[], lang: Lang): ChartSeries[] {
  if (points.length === 0) return [];
  const byYear = new Map(points.map((p) => [p.year, p]));
  return [
    {
      id: "reported",
      label: t(lang, "reported"),
      kind: "reported",
      values: years.map((y) => byYear.get(y)?.value ?? null),
      notes: years.map((y) => {
        const p = byYear.get(y);
        return p ? t(lang, "source") + PUNCT[lang].colon + p.source : null;
      }),
    },
  ];
}

export function gdpSpec(input: SpecInput): ChartSpec {
  const { lang, prices, projection } = input;
  const years = projection.years;
  const key = prices === "constant" ? "gdpReal" : "gdpNominal";
  const series: ChartSeries[] = [...scenarioAndPins(input, (p) => p[key])];
  // The plan's GDP targets are real growth rates: drawn against constant prices only.
  if (prices === "constant") {
    for (const target of input.targets.filter((x) => x.metric === "gdpRealGrowthAvg")) {
      series.push({ id: `target-${target.id}`, label: targetLabel(target, lang), kind: "target", values: growthTargetPath(target, projection.gdpReal, years) });
    }
  }
  series.push(...bandSeries("band", input.bands?.[key], lang));
  const basis = t(lang, prices === "constant" ? "constantPrices" : "currentPrices");
  return { id: "gdp", title: t(lang, "chartGdp"), unit: "yi-yuan", basis, years, series, milestones: MILESTONES };
}

export function gdpPerCapitaSpec(input: SpecInput): ChartSpec {
  const { lang, projection } = input;
  const years = projection.years;
  const series: ChartSeries[] = [
    ...scenarioAndPins(input, (p) => p.gdpPerCapita),
    nationalSeries(input, projection.nationalGdpPerCapita, input.nationalLastReported.gdpPerCapita),
  ];
  for (const target of input.targets.filter((x) => x.metric === "gdpPerCapitaVsNational")) {
    series.push(...nationalTarget(target, years, projection.nationalGdpPerCapita, lang));
  }
  series.push(...bandSeries("band", input.bands?.gdpPerCapita, lang));
  return { id: "gdpPerCapita", title: t(lang, "chartGdpPerCapita"), unit: "yuan", basis: t(lang, "currentPrices"), years, series, milestones: MILESTONES };
}

export function incomeSpec(input: SpecInput): ChartSpec {
  const { lang, projection } = input;
  const years = projection.years;
  const series: ChartSeries[] = [
    ...scenarioAndPins(input, (p) => p.urbanIncome),
    nationalSeries(input, projection.nationalUrbanIncome, input.nationalLastReported.urbanIncome),
  ];
  for (const target of input.targets) {
    if (target.metric === "urbanIncomeGrowthAvg") {
      series.push({ id: `target-${target.id}`, label: targetLabel(target, lang), kind: "target", values: growthTargetPath(target, projection.urbanIncome, years) });
    } else if (target.metric === "urbanIncomeVsNational") {
      series.push(...nationalTarget(target, years, projection.nationalUrbanIncome, lang));
    }
  }
  series.push(...reportedSeries(years, input.reported.urbanIncome, lang));
  series.push(...bandSeries("band", input.bands?.urbanIncome, lang));
  return { id: "income", title: t(lang, "chartIncome"), unit: "yuan", basis: t(lang, "currentPrices"), years, series, milestones: MILESTONES };
}

export function populationSpec(input: SpecInput): ChartSpec {
  const { lang, projection } = input;
  const years = projection.years;
  const series: ChartSeries[] = [...scenarioAndPins(input, (p) => p.residentPopulation)];
  for (const target of input.targets.filter((x) => x.metric === "residentPopulation")) {
    const persons = targetPersons(target.value, target.unit);
    series.push({
      id: `reference-${target.id}`,
      label: t(lang, "reference") + PUNCT[lang].colon + formatWithUnit(persons, "persons", lang),
      kind: "reference",
      values: years.map(() => persons),
    });
    series.push({ id: `target-${target.id}`, label: targetLabel(target, lang), kind: "target", values: pointAt(years, target.year, persons) });
  }
  series.push(...reportedSeries(years, input.reported.residentPopulation, lang));
  series.push(...bandSeries("band", input.bands?.residentPopulation, lang));
  return { id: "population", title: t(lang, "chartPopulation"), unit: "persons", years, series, milestones: MILESTONES };
}

/** Each chart's description from the same input, in the page's order. */
export const specBuilders: Readonly<Record<ChartId, (input: SpecInput) => ChartSpec>> = { gdp: gdpSpec, gdpPerCapita: gdpPerCapitaSpec, income: incomeSpec, population: populationSpec };
export const CHART_IDS = Object.keys(specBuilders) as readonly ChartId[];

/** Whether two values of plain data (numbers, strings, arrays, plain objects) are equal throughout. */
export function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !samePlain((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** A Monte Carlo band's series (drawn as a fan, never as a line). */
export const isBand = (s: ChartSeries): boolean => s.kind === "band-outer" || s.kind === "band-inner" || s.kind === "band-base";
const withoutBands = (spec: ChartSpec): ChartSpec => ({ ...spec, series: spec.series.filter((s) => !isBand(s)) });

/**
 * What a chart on screen draws during a drag with uncertainty on. The quick Monte Carlo answers
 * that follow the finger use fewer paths: on a chart whose lines the drag does not move (the
 * population chart while GDP growth is dragged) they would only redraw the fan with their noise,
 * and on a desktop four charts an answer. Such a chart keeps its description from before the
 * gesture (`settled`, fan included) until the gesture ends; a chart whose lines move follows
 * (`live`), and so does every chart while the uncertainty's own settings (a shock's size, ρ)
 * move, which move every fan.
 */
export function duringGesture(live: ChartSpec, settled: ChartSpec, uncertaintySettingsMoved: boolean): ChartSpec {
  return !uncertaintySettingsMoved && samePlain(withoutBands(live), withoutBands(settled)) ? settled : live;
}

/**
 * The new description, or the previous one when it did not change. A slider step describes a
 * chart again but moves only one or two of the four: a chart handed the same object (and its
 * legend, heading and data table) has nothing to do.
 */
export function keepUnchangedSpec(previous: ChartSpec | null, next: ChartSpec): ChartSpec {
  return previous && samePlain(previous, next) ? previous : next;
}

/**
 * The figure that shows a scenario's `view.chart`, so that a link (from the reader, or shared)
 * opens on it. "national" is the per-capita GDP chart (the income chart also carries the
 * national average); the services share, uncertainty and sensitivity have no figure of their own.
 */
export function figureForView(chart: Scenario["view"]["chart"]): ChartId | null {
  switch (chart) {
    case "gdp":
    case "income":
    case "population":
      return chart;
    case "national":
      return "gdpPerCapita";
    default:
      return null;
  }
}
