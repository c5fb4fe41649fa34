// The kinds of quantified target the plan has, and how a target compares: one list each, used
// by the content schema (src/schemas/content.ts, checked at build time), by the engine
// (src/lib/data/plan.ts, model/targets.ts) and by the pages that print targets.

/** What a target constrains, in the simulator's terms; "other" is not modelled. */
export const TARGET_METRICS = [
  "gdpRealGrowthAvg",
  "urbanIncomeGrowthAvg",
  "residentPopulation",
  "servicesShare",
  "gdpPerCapitaVsNational",
  "urbanIncomeVsNational",
  "other",
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

/** How the scenario's value must stand to the target's figure ("=" is a plain figure such as “9”). */
export const COMPARATORS = [">", "≥", "=", "≤", "<"] as const;
export type Comparator = (typeof COMPARATORS)[number];

/**
 * Words for a comparator, in both languages and both positions Chinese uses: before the figure
 * (“不低于100万”) and after it (“9%以上”). English has only the position before.
 */
export const COMPARATOR_WORDS: Readonly<Record<Comparator, { zhBefore: string; zhAfter: string; en: string }>> = {
  ">": { zhBefore: "高于", zhAfter: "以上", en: "above" },
  "≥": { zhBefore: "不低于", zhAfter: "不低于", en: "at least" },
  "=": { zhBefore: "达到", zhAfter: "", en: "" },
  "≤": { zhBefore: "不高于", zhAfter: "不高于", en: "at most" },
  "<": { zhBefore: "低于", zhAfter: "以下", en: "below" },
};
