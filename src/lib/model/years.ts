// The model's time axis: annual steps from the 2020 base to the 2035 horizon.
// Every per-year array in the engine is indexed by `year - BASE_YEAR` (index 0 = 2020).

export const BASE_YEAR = 2020;
export const END_YEAR = 2035;
/** Number of points on the axis, base year included (2020..2035 → 16). */
export const YEAR_COUNT = END_YEAR - BASE_YEAR + 1;
/** 2020, 2021, …, 2035 */
export const YEARS: readonly number[] = Object.freeze(Array.from({ length: YEAR_COUNT }, (_, i) => BASE_YEAR + i));
/** Years that carry an input (the base year has none): "2021" … "2035". */
export const INPUT_YEAR_KEYS = Object.freeze(
  Array.from({ length: END_YEAR - BASE_YEAR }, (_, i) => String(BASE_YEAR + 1 + i)),
) as readonly YearKey[];
export type YearKey =
  | "2021" | "2022" | "2023" | "2024" | "2025"
  | "2026" | "2027" | "2028" | "2029" | "2030"
  | "2031" | "2032" | "2033" | "2034" | "2035";

/**
 * Plan periods: 十四五 2021–2025, 十五五 2026–2030, 十六五 2031–2035.
 * A series' `periods` tuple is in this order.
 */
export const PERIODS = Object.freeze([
  { id: "p14", first: 2021, last: 2025, zh: "“十四五”", en: "14th plan" },
  { id: "p15", first: 2026, last: 2030, zh: "“十五五”", en: "15th plan" },
  { id: "p16", first: 2031, last: 2035, zh: "“十六五”", en: "16th plan" },
] as const);

/** Index into PERIODS for a year in 2021..2035. */
export function periodIndex(year: number): 0 | 1 | 2 {
  return year <= 2025 ? 0 : year <= 2030 ? 1 : 2;
}

export const MILESTONE_YEARS = Object.freeze([2025, 2035] as const);
