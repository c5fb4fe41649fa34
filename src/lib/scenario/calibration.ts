// How close a projection comes to each figure the district reported: the check that the
// “reported” preset reproduces the record (test/unit/calibration.test.ts) and the table that
// `npm run bench:engine` prints.
import { chengqu } from "../data/chengqu.generated";
import { isWeakSource } from "../data/sources";
import type { Projection } from "../model/project";
import { BASE_YEAR } from "../model/years";

export interface CalibrationRow {
  year: number;
  indicator: "resident_population" | "urban_income" | "urban_income_growth" | "gdp_real_growth";
  reported: number;
  model: number;
  /** model − reported. */
  difference: number;
  /** Half a unit in the reported figure's last digit: the published rounding. */
  rounding: number;
  /** Decimals the figure is published with. */
  decimals: number;
  withinRounding: boolean;
  weakSource: boolean;
}

/** Half a unit in the last written digit: 6.3 → 0.05, 5.0 → 0.05, 44195 → 0.5. */
const halfUnit = (decimals: number) => 0.5 * Math.pow(10, -decimals);

const growth = (series: readonly number[], i: number) => (series[i]! / series[i - 1]! - 1) * 100;

/**
 * Every reported figure the model can be compared with, like for like: year-end population,
 * urban income level and nominal growth, real GDP growth. GDP levels are left out: the
 * district reports them without the development zone, which the plan's base includes.
 */
export function calibration(p: Projection): CalibrationRow[] {
  const rows: CalibrationRow[] = [];
  for (const r of chengqu) {
    const i = r.year - BASE_YEAR;
    if (i < 1 || i >= p.years.length) continue;
    let model: number | null = null;
    if (r.indicator === "resident_population") model = p.residentPopulation[i]!;
    else if (r.indicator === "urban_income") model = p.urbanIncome[i]!;
    else if (r.indicator === "urban_income_growth") model = growth(p.urbanIncome, i);
    else if (r.indicator === "gdp_real_growth") model = growth(p.gdpReal, i);
    if (model === null) continue;
    const rounding = halfUnit(r.decimals);
    const difference = model - r.value;
    rows.push({
      year: r.year,
      indicator: r.indicator as CalibrationRow["indicator"],
      reported: r.value,
      model,
      difference,
      rounding,
      decimals: r.decimals,
      withinRounding: Math.abs(difference) <= rounding * (1 + 1e-9),
      weakSource: isWeakSource(r),
    });
  }
  return rows;
}
