// Pure helpers of the control panel: reading typed numbers, snapping slider values.
import { t, type Lang, type MessageKey } from "./i18n";
import { unitText } from "../../lib/lang";
import { INPUT_META, validateV1, type InputId, type Scenario, type YearOverrides } from "../../lib/scenario/schema";
import { defaultScenario } from "../../lib/scenario/presets";
import { PERIODS, type YearKey } from "../../lib/model/years";
import { planTargets, type PlanTarget } from "../../lib/data/plan";
import type { EditResult, SettingPath } from "./scenario-edit";

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

/**
 * Reads a number typed by a person: accepts full-width digits and signs (common with Chinese
 * input methods), a decimal comma, and spaces; refuses anything else with a message that says
 * what is wrong. The value must lie in [min, max].
 */
export function parseNumberInput(text: string, min: number, max: number, lang: Lang): ParsedNumber {
  const normal = text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".")
    .replace(/[－—−]/g, "-")
    .replace(/＋/g, "+")
    .replace(/[\s,，]/g, (c) => (c === "," || c === "，" ? "." : ""));
  if (normal === "") return { ok: false, message: t(lang, "enterNumber") };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(normal)) {
    return { ok: false, message: t(lang, "notNumber", { text }) };
  }
  const value = Number(normal);
  if (value < min || value > max) {
    return { ok: false, message: t(lang, "mustBeBetween", { min, max }) };
  }
  return { ok: true, value };
}

/** Decimal places of a step: 0.1 → 1, 0.05 → 2, 500 → 0. */
export function stepDecimals(step: number): number {
  const s = String(step);
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** Snaps a slider value to its step without binary-fraction noise (0.1 + 0.2). */
export function clampToStep(value: number, step: number): number {
  return Number((Math.round(value / step) * step).toFixed(stepDecimals(step)));
}

// ---- the control panel's layout -----------------------------------------------------------

/** A slider's range: [min, max, step]. The number field accepts the schema's wider range. */
export type SliderRange = readonly [number, number, number];

export type ControlDef =
  | { kind: "series"; input: InputId; slider: SliderRange; note: MessageKey; showWhen?: (s: Scenario) => boolean }
  | {
      kind: "setting";
      path: SettingPath;
      label: MessageKey;
      unit: { zh: string; en: string };
      slider: SliderRange;
      /** The schema's range, in display units. */
      hard: readonly [number, number];
      /** Stored value ÷ scale = shown value (persons → 万人). */
      scale?: number;
      note?: MessageKey;
      showWhen?: (s: Scenario) => boolean;
    }
  | { kind: "choice"; path: SettingPath; label: MessageKey; options: { value: string; label: MessageKey }[] };

export interface GroupDef {
  id: "gdp" | "population" | "income" | "services" | "national" | "uncertainty";
  title: MessageKey;
  note?: MessageKey;
  /** Folded away by default (settings most readers leave alone), with this summary. */
  folded?: MessageKey;
  controls: ControlDef[];
}

const pct = { zh: "%", en: "%" };
const pp = { zh: "个百分点", en: "pp" };

/**
 * Slider ranges are what is plausible for a district economy, not what the schema allows;
 * typing in the number field reaches the schema's full range.
 */
export const groups: readonly GroupDef[] = [
  {
    id: "gdp",
    title: "groupGdp",
    controls: [
      { kind: "series", input: "gdpRealGrowth", slider: [0, 15, 0.1], note: "noteGdpRealGrowth" },
      { kind: "series", input: "gdpDeflator", slider: [-3, 8, 0.1], note: "noteGdpDeflator" },
    ],
  },
  {
    id: "population",
    title: "groupPopulation",
    controls: [
      {
        kind: "choice",
        path: "population.mode",
        label: "populationMode",
        options: [
          { value: "target", label: "populationModeTarget" },
          { value: "components", label: "populationModeComponents" },
        ],
      },
      {
        kind: "setting",
        path: "population.target",
        label: "populationTarget",
        unit: { zh: "万人", en: "10k persons" },
        slider: [50, 150, 0.5],
        hard: [10, 300],
        scale: 1e4,
        note: "notePopulationTarget",
        showWhen: (s) => s.population.mode === "target",
      },
      { kind: "setting", path: "population.year", label: "populationYear", unit: { zh: "年", en: "" }, slider: [2021, 2035, 1], hard: [2021, 2035], showWhen: (s) => s.population.mode === "target" },
      { kind: "series", input: "naturalGrowth", slider: [-10, 10, 0.1], note: "noteNaturalGrowth", showWhen: (s) => s.population.mode === "components" },
      { kind: "series", input: "netMigration", slider: [-10000, 40000, 500], note: "noteNetMigration", showWhen: (s) => s.population.mode === "components" },
    ],
  },
  {
    id: "income",
    title: "groupIncome",
    controls: [
      {
        kind: "choice",
        path: "income.mode",
        label: "incomeMode",
        options: [
          { value: "growth", label: "incomeModeGrowth" },
          { value: "elasticity", label: "incomeModeElasticity" },
        ],
      },
      { kind: "series", input: "urbanIncomeGrowth", slider: [0, 15, 0.1], note: "noteUrbanIncomeGrowth", showWhen: (s) => s.income.mode === "growth" },
      { kind: "series", input: "incomeElasticity", slider: [0, 2, 0.05], note: "noteIncomeElasticity", showWhen: (s) => s.income.mode === "elasticity" },
      { kind: "series", input: "cpi", slider: [-3, 8, 0.1], note: "noteCpi" },
    ],
  },
  {
    id: "services",
    title: "groupServices",
    note: "noteServices",
    controls: [
      { kind: "setting", path: "services.target", label: "servicesTarget", unit: pct, slider: [40, 90, 0.1], hard: [10, 99] },
      { kind: "setting", path: "services.year", label: "servicesYear", unit: { zh: "年", en: "" }, slider: [2021, 2035, 1], hard: [2021, 2035] },
    ],
  },
  {
    id: "national",
    title: "groupNational",
    note: "noteNational",
    folded: "showSettings",
    controls: [
      { kind: "setting", path: "national.urbanIncomeGrowth", label: "nationalIncomeGrowth", unit: pct, slider: [0, 10, 0.1], hard: [-10, 20] },
      { kind: "setting", path: "national.gdpPerCapitaGrowth", label: "nationalGdpPcGrowth", unit: pct, slider: [0, 10, 0.1], hard: [-10, 20] },
    ],
  },
  {
    id: "uncertainty",
    title: "groupUncertainty",
    note: "noteUncertainty",
    folded: "shockSizes",
    controls: [
      { kind: "setting", path: "montecarlo.sd.gdpRealGrowth", label: "sdGdpRealGrowth", unit: pp, slider: [0, 5, 0.1], hard: [0, 10] },
      { kind: "setting", path: "montecarlo.sd.urbanIncomeGrowth", label: "sdUrbanIncomeGrowth", unit: pp, slider: [0, 5, 0.1], hard: [0, 10] },
      { kind: "setting", path: "montecarlo.sd.gdpDeflator", label: "sdGdpDeflator", unit: pp, slider: [0, 5, 0.1], hard: [0, 10] },
      { kind: "setting", path: "montecarlo.sd.cpi", label: "sdCpi", unit: pp, slider: [0, 5, 0.1], hard: [0, 10] },
      { kind: "setting", path: "montecarlo.sd.populationGrowth", label: "sdPopulationGrowth", unit: { zh: "‰", en: "‰" }, slider: [0, 10, 0.1], hard: [0, 10] },
      { kind: "setting", path: "montecarlo.rho", label: "rho", unit: { zh: "", en: "" }, slider: [0, 0.95, 0.05], hard: [0, 0.95] },
    ],
  },
];

/** An input's unit as written after its value ("%", "人/年" / " persons/yr"). */
export function inputUnit(input: InputId, lang: Lang): string {
  return unitText(INPUT_META[input].unit, lang);
}

export function inputLabel(input: InputId, lang: Lang): string {
  return INPUT_META[input][lang];
}

/** The plan's own figure for a period of an input, when the plan has one (a target), with its target. */
export function planTargetFor(input: InputId, period: 0 | 1 | 2, targets: readonly PlanTarget[] = planTargets): PlanTarget | null {
  const metric = input === "gdpRealGrowth" ? "gdpRealGrowthAvg" : input === "urbanIncomeGrowth" ? "urbanIncomeGrowthAvg" : null;
  if (!metric) return null;
  const first = [2021, 2026, 2031][period]!;
  return targets.find((t) => t.metric === metric && t.year >= first && t.year <= first + 4) ?? null;
}

/**
 * The mark on a period slider: the plan's target where it sets one, otherwise the value of
 * the plan scenario (the default), so the reader sees where "the plan" stands either way.
 */
export function periodMark(input: InputId, period: 0 | 1 | 2): { value: number; kind: "target" | "default" } {
  const target = planTargetFor(input, period);
  if (target) return { value: target.value, kind: "target" };
  return { value: defaultScenario.inputs[input].periods[period], kind: "default" };
}

// ---- what a period slider can change --------------------------------------------------------

/** Which years of a period its slider does not decide, and what decides them. */
export interface PeriodOverride {
  /** Every year of the period is decided elsewhere: the slider would change nothing. */
  whole: boolean;
  by: "years" | "formula" | "both";
  /** The years decided elsewhere. */
  years: number[];
  /** The values in force over those years (from the projection's resolved inputs). */
  min: number;
  max: number;
}

/**
 * What decides a period's years besides its slider: per-year values (each year's own), else a
 * formula (all years without a per-year value). `used` is the projection's resolved input, one
 * value per year from 2021. Null when the slider decides every year of the period.
 */
export function periodOverride(s: Scenario, input: InputId, period: 0 | 1 | 2, used: readonly number[]): PeriodOverride | null {
  const { first, last } = PERIODS[period];
  const series = s.inputs[input];
  const years: number[] = [];
  for (let y = first; y <= last; y++) {
    if (series.formula != null || series.years?.[String(y) as YearKey] !== undefined) years.push(y);
  }
  if (years.length === 0) return null;
  const values = years.map((y) => used[y - 2021]!);
  const hasYears = years.some((y) => series.years?.[String(y) as YearKey] !== undefined);
  return {
    whole: years.length === last - first + 1,
    by: series.formula == null ? "years" : hasYears ? "both" : "formula",
    years,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** "2022、2023" / "2022, 2023"; runs of years as ranges ("2023–2025"). */
export function yearsText(years: readonly number[], lang: Lang): string {
  const runs: [number, number][] = [];
  for (const y of years) {
    const last = runs[runs.length - 1];
    if (last && y === last[1] + 1) last[1] = y;
    else runs.push([y, y]);
  }
  const sep = t(lang, "yearSeparator");
  return runs.map(([a, b]) => (a === b ? String(a) : b === a + 1 ? `${a}${sep}${b}` : `${a}–${b}`)).join(sep);
}

/** Removes the per-year values of one period, so that its slider decides it again. */
export function clearPeriodYears(s: Scenario, input: InputId, period: 0 | 1 | 2): EditResult {
  const { first, last } = PERIODS[period];
  const next = JSON.parse(JSON.stringify(s)) as Scenario;
  const years: YearOverrides = { ...next.inputs[input].years };
  for (let y = first; y <= last; y++) delete years[String(y) as YearKey];
  next.inputs[input].years = years;
  return validateV1(next);
}

/**
 * Turns per-year values that cover a whole period with one value into that period's value, so
 * that the period's slider shows it and moves it (goal seek applies its rate year by year).
 * Only without a formula: with one, the period value would not decide those years.
 */
export function foldConstantYears(s: Scenario): Scenario {
  let next: Scenario | null = null;
  for (const input of Object.keys(s.inputs) as InputId[]) {
    const series = s.inputs[input];
    if (series.formula != null || !series.years) continue;
    PERIODS.forEach(({ first, last }, p) => {
      const v = series.years?.[String(first) as YearKey];
      if (v === undefined) return;
      for (let y = first; y <= last; y++) if (series.years?.[String(y) as YearKey] !== v) return;
      next ??= JSON.parse(JSON.stringify(s)) as Scenario;
      const target = next.inputs[input];
      target.periods[p] = v;
      for (let y = first; y <= last; y++) delete target.years![String(y) as YearKey];
      if (Object.keys(target.years!).length === 0) delete target.years;
    });
  }
  return next ?? s;
}
