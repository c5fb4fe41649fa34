// China's national averages for the comparison: reported values (content/data/national.csv,
// NBS communiqués) up to the last reported year, then an assumed nominal growth rate.
import { national } from "../data/national.generated";
import { BASE_YEAR, YEAR_COUNT } from "./years";

/**
 * Per-capita GDP, 元 at current prices. Where the communiqué gives none (2024), or NBS has since
 * revised that year's GDP (2022 final verification; 2023 after the fifth economic census), it
 * is GDP over the mean of the year-end populations of that year and the year before, which is
 * how NBS computes it (and reproduces the published 95,749元 for 2024). Using the revised 2023
 * figure puts 2023–2025 on the census basis, so 2023→2024 growth is not the revision's jump;
 * 2020–2022 stay on the old basis (NBS has not published them revised): the break is at 2023.
 */
function reportedGdpPerCapita(year: number): number | null {
  const row = national.find((r) => r.year === year);
  if (!row) return null;
  if (row.gdp_per_capita_yuan !== null && row.gdp_revised_100m_yuan === null) return row.gdp_per_capita_yuan;
  const gdp = row.gdp_revised_100m_yuan ?? row.gdp_100m_yuan;
  const prev = national.find((r) => r.year === year - 1);
  if (gdp === null || row.population_year_end_10k === null || prev?.population_year_end_10k == null) return row.gdp_per_capita_yuan;
  return Math.round((gdp * 1e8) / (((row.population_year_end_10k + prev.population_year_end_10k) / 2) * 1e4));
}

/** First year of the national GDP series on the fifth economic census basis (NBS, 2024-12-26); earlier years are on the old basis. */
export const nationalGdpCensusBreak = 2023;

function reportedUrbanIncome(year: number): number | null {
  return national.find((r) => r.year === year)?.income_urban_yuan ?? null;
}

// Reported values by year index, read once. A gap ends the reported record: every later year
// is projected with the assumed growth rate, so a series never mixes reports and assumptions.
function reportedRun(reported: (year: number) => number | null): Float64Array {
  const run: number[] = [];
  for (let i = 0; i < YEAR_COUNT; i++) {
    const r = reported(BASE_YEAR + i);
    if (r === null) break;
    run.push(r);
  }
  if (run.length === 0) throw new Error(`content/data/national.csv has no ${BASE_YEAR} value`);
  return Float64Array.from(run);
}
const urbanIncomeRun = reportedRun(reportedUrbanIncome);
const gdpPerCapitaRun = reportedRun(reportedGdpPerCapita);

function series(run: Float64Array, growth: number): Float64Array {
  const values = new Float64Array(YEAR_COUNT);
  values.set(run);
  for (let i = run.length; i < YEAR_COUNT; i++) values[i] = values[i - 1]! * (1 + growth / 100);
  return values;
}

/** Last year with a reported value in each national series. */
export const nationalLastReported = Object.freeze({
  urbanIncome: BASE_YEAR + urbanIncomeRun.length - 1,
  gdpPerCapita: BASE_YEAR + gdpPerCapitaRun.length - 1,
});

let last: { a: number; b: number; value: { urbanIncome: Float64Array; gdpPerCapita: Float64Array } } | undefined;

/**
 * National urban income and per-capita GDP, 元 at current prices, 2020..2035. The arrays are
 * shared between calls with the same rates (the last ones are kept): treat them as read-only.
 */
export function nationalSeries(urbanIncomeGrowth: number, gdpPerCapitaGrowth: number): { urbanIncome: Float64Array; gdpPerCapita: Float64Array } {
  if (last?.a !== urbanIncomeGrowth || last.b !== gdpPerCapitaGrowth) {
    last = {
      a: urbanIncomeGrowth,
      b: gdpPerCapitaGrowth,
      value: { urbanIncome: series(urbanIncomeRun, urbanIncomeGrowth), gdpPerCapita: series(gdpPerCapitaRun, gdpPerCapitaGrowth) },
    };
  }
  return last.value;
}

/** Reported national CPI change, %, by year (2021–2025), as a proxy where the district's is not published. */
export function nationalCpi(year: number): number | null {
  return national.find((r) => r.year === year)?.cpi_change_pct ?? null;
}
