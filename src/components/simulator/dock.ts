// On a phone the charts sit above the assumptions, out of sight while a slider moves. The
// dock (ControlDock.svelte) is a strip pinned over the assumptions that shows the chart and the
// 2025/2035 figures of whatever the control being used drives. This file says which.
import type { ChartId, Prices } from "./chart-specs";

export interface DockView {
  chart: ChartId;
  /** The GDP chart's price basis in the dock: the deflator only moves GDP at current prices. */
  prices: Prices;
  /** A key-results metric id (results.ts). */
  metric: string;
}

/**
 * What the dock shows while `control` is in use: a series input id ("gdpRealGrowth"), a setting
 * path ("population.target") or a control group id ("uncertainty").
 */
export function dockFor(control: string, prices: Prices): DockView {
  const gdp = prices === "constant" ? "gdpReal" : "gdpNominal";
  if (control === "gdpDeflator") return { chart: "gdp", prices: "current", metric: "gdpNominal" };
  if (control === "national.gdpPerCapitaGrowth") return { chart: "gdpPerCapita", prices, metric: "nationalGdpPerCapita" };
  if (control === "national.urbanIncomeGrowth" || control === "national") return { chart: "income", prices, metric: "nationalUrbanIncome" };
  if (control === "cpi") return { chart: "income", prices, metric: "urbanIncomeReal" };
  if (control.startsWith("income") || control === "urbanIncomeGrowth" || control === "incomeElasticity") return { chart: "income", prices, metric: "urbanIncome" };
  if (control.startsWith("population") || control === "naturalGrowth" || control === "netMigration") return { chart: "population", prices, metric: "residentPopulation" };
  if (control.startsWith("services")) return { chart: "gdp", prices, metric: "servicesShare" };
  return { chart: "gdp", prices, metric: gdp };
}
