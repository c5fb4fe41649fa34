// Number formatting for the simulator. One rule per unit so that no figure shows more
// precision than its source: 亿元 to 0.1, 元 to 1, 万人 to 0.01, percentages to 0.1.
// Probabilities are shown as whole percentages, never as 0% or 100% (they are sampled).
import type { Lang } from "./i18n";
import { formatDecimal } from "../../lib/number-format";

/** Units the simulator shows. Population is held in persons and shown in 万人. */
export type Unit = "yi-yuan" | "yuan" | "wan-persons" | "persons" | "percent" | "pp" | "ratio" | "year";

// Not Intl.NumberFormat: the key results are formatted while the page hydrates, and the first
// Intl object would load ICU then (see src/lib/number-format.ts). Same output.
function nf(lang: Lang, min: number, max: number): { format(x: number): string } {
  return { format: (x) => formatDecimal(x, lang, { minimumFractionDigits: min, maximumFractionDigits: max }) };
}

/** How each unit is shown: scale from the stored value, decimal places [min, max], label. */
interface Display {
  scale: number;
  decimals: [number, number];
  label: string;
}

// English readers do not know 亿 and 万, so English shows billions and thousands with the
// same precision as the Chinese figure (0.1 亿元 = 0.01 billion yuan; 0.01 万人 = 0.1 thousand).
const displays: Record<Lang, Record<Unit, Display>> = {
  zh: {
    "yi-yuan": { scale: 1, decimals: [1, 1], label: "亿元" },
    yuan: { scale: 1, decimals: [0, 0], label: "元" },
    "wan-persons": { scale: 1, decimals: [1, 2], label: "万人" },
    persons: { scale: 1e-4, decimals: [1, 2], label: "万人" },
    percent: { scale: 1, decimals: [1, 1], label: "%" },
    pp: { scale: 1, decimals: [1, 1], label: "个百分点" },
    ratio: { scale: 1, decimals: [2, 2], label: "" },
    year: { scale: 1, decimals: [0, 0], label: "年" },
  },
  en: {
    "yi-yuan": { scale: 0.1, decimals: [2, 2], label: "billion yuan" },
    yuan: { scale: 1, decimals: [0, 0], label: "yuan" },
    // Millions: "1,000 thousand persons" is no way to say a million. Four decimals keep the
    // Chinese figure's precision (0.01 万人 = 100 people) in tables and on the axis.
    "wan-persons": { scale: 1e-2, decimals: [2, 4], label: "million people" },
    persons: { scale: 1e-6, decimals: [2, 4], label: "million people" },
    percent: { scale: 1, decimals: [1, 1], label: "%" },
    pp: { scale: 1, decimals: [1, 1], label: "pp" },
    ratio: { scale: 1, decimals: [2, 2], label: "" },
    year: { scale: 1, decimals: [0, 0], label: "" },
  },
};

export function unitLabel(unit: Unit, lang: Lang): string {
  return displays[lang][unit].label;
}

/** The number alone, scaled and rounded for the unit (persons are shown in 万人 / thousands). */
export function formatValue(value: number | null | undefined, unit: Unit, lang: Lang): string {
  if (value == null || !Number.isFinite(value)) return "—";
  if (unit === "year") return String(Math.round(value));
  const d = displays[lang][unit];
  return nf(lang, d.decimals[0], d.decimals[1]).format(value * d.scale);
}

/** The number with its unit, e.g. "352.5亿元", "4.2%", "57.47万人" / "35.25 billion yuan". */
export function formatWithUnit(value: number | null | undefined, unit: Unit, lang: Lang): string {
  if (lang === "en" && (unit === "persons" || unit === "wan-persons") && value != null && Number.isFinite(value)) return peopleText(unit === "persons" ? value : value * 1e4);
  const n = formatValue(value, unit, lang);
  if (n === "—") return n;
  const u = unitLabel(unit, lang);
  if (!u) return n;
  if (unit === "percent" || lang === "zh") return `${n}${u}`;
  return `${n} ${u}`;
}

/**
 * A number of people as English says it: "1.00 million people", "574,700 people" (to the
 * hundred, the precision of a figure in 万人 to two decimals).
 */
function peopleText(persons: number): string {
  if (Math.abs(persons) >= 1e6) return `${nf("en", 2, 2).format(persons / 1e6)} million people`;
  return `${nf("en", 0, 0).format(Math.round(persons / 100) * 100)} people`;
}

/**
 * An axis tick: scaled like the unit but without the unit (the chart's title carries it) and
 * without trailing zeros, so that the labels stay narrow on a phone.
 */
export function formatTick(value: number, unit: Unit, lang: Lang): string {
  const d = displays[lang][unit];
  return nf(lang, 0, Math.max(d.decimals[1], 2)).format(value * d.scale);
}

/** A population target's figure in persons: the plan's targets give it in 人 or in 万人. */
export function targetPersons(value: number, targetUnit: string): number {
  return targetUnit === "万人" ? value * 1e4 : value;
}

/** A probability 0..1 as a whole percentage; values within 0.5% of 0 or 1 say so instead of claiming certainty. */
export function formatProbability(p: number | null | undefined, lang: Lang): string {
  if (p == null || !Number.isFinite(p)) return "—";
  if (p > 0.995) return ">99%";
  if (p < 0.005) return "<1%";
  return `${nf(lang, 0, 0).format(p * 100)}%`;
}

/** Rounds to the precision the Chinese screen shows (in 亿元, 元, 万人, %), so that the CSV agrees with it. */
export function roundForUnit(value: number, unit: Unit): number {
  const d = displays.zh[unit];
  const f = 10 ** d.decimals[1];
  return Math.round(value * d.scale * f) / f;
}
