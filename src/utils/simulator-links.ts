// Links from the reader to the simulator: which indicator rows, plan sections and targets open
// /simulate/ on which preset and chart. The map lives here, not in content/, so that the plan's
// words stay exactly the plan's. Hrefs are computed at build time with the engine's own
// encoder, so the pages that carry them ship no JavaScript. Pure: no Astro imports.
import { CHART_IDS, encodeScenario, presetScenario, presets } from "../lib/scenario";
import type { Target } from "../schemas/content";

export type ScenarioChartId = (typeof CHART_IDS)[number];

/** A simulator view: a preset (src/lib/scenario/presets.ts) and the chart it opens on. */
export interface SimulatorView {
  preset: string;
  chart: ScenarioChartId;
}

/** Words for a view's preset, e.g. "规划目标情景", for link names that say where they lead. */
export function presetName(view: SimulatorView): string {
  const p = presets.find((x) => x.id === view.preset);
  if (!p) throw new Error(`simulator link: no preset "${view.preset}"`);
  return `${p.label.zh}情景`;
}

/** "/simulate/?s=1.…": the preset's scenario with view.chart set, in the share-link encoding. */
export function simulatorHref(view: SimulatorView): string {
  const s = presetScenario(view.preset);
  if (!s) throw new Error(`simulator link: no preset "${view.preset}"`);
  if (!(CHART_IDS as readonly string[]).includes(view.chart)) throw new Error(`simulator link: no chart "${view.chart}"`);
  s.view = { ...s.view, chart: view.chart };
  // The encoding is base64url after "1.": nothing in it needs escaping in a query.
  return `/simulate/?s=${encodeScenario(s)}`;
}

/**
 * Indicator-table rows with a view, by table file name (content/indicators/<name>.json) and
 * row id. 专栏1 reports 2016–2020, so its rows open the “十三五” trend; 专栏2 sets the 2025
 * targets, so its rows open the plan preset. 常住人口城镇化率 has none: it is 100 % in both
 * years and no chart shows it.
 */
export const indicatorRowViews: Readonly<Record<string, Readonly<Record<string, SimulatorView>>>> = {
  "thirteenth-plan": {
    gdp: { preset: "trend-13th", chart: "gdp" },
    "urban-income": { preset: "trend-13th", chart: "income" },
  },
  "fourteenth-plan": {
    "gdp-growth": { preset: "plan", chart: "gdp" },
    "urban-income-growth": { preset: "plan", chart: "income" },
  },
};

export interface SectionLinks {
  /** Chapter slug (content/plan/NN-<slug>.md). */
  chapter: string;
  /** Section id ({#section-4}). */
  section: string;
  /** Words of the paragraph the links follow (spaces ignored); the build fails if no paragraph of the section has them. */
  after: string;
  links: ReadonlyArray<SimulatorView & { label: string }>;
}

/** Plan passages that state a quantified target, followed by a “相关模拟” line. */
export const sectionLinks: readonly SectionLinks[] = [
  {
    chapter: "guiding-principles",
    section: "section-4",
    after: "“十四五”GDP 年均增速达到 9% 以上",
    links: [
      { preset: "plan", chart: "gdp", label: "地区生产总值：年均增长 9% 的路径" },
      { preset: "plan", chart: "income", label: "城镇居民人均可支配收入与全国平均水平" },
    ],
  },
  {
    chapter: "twin-cores",
    section: "section-1",
    after: "人口增加到 100 万",
    links: [{ preset: "plan", chart: "population", label: "常住人口：增加到 100 万的路径" }],
  },
];

/**
 * Charts for the plan's targets (content/targets.json) by what they measure, opened on the
 * plan preset. Targets the model does not cover (metric "other", the services share, which
 * has no chart) get no link.
 */
export const targetMetricCharts: Readonly<Partial<Record<Target["metric"], ScenarioChartId>>> = {
  gdpRealGrowthAvg: "gdp",
  urbanIncomeGrowthAvg: "income",
  urbanIncomeVsNational: "income",
  residentPopulation: "population",
  gdpPerCapitaVsNational: "national",
};

/** The view for a target card, or null when no chart shows the target. */
export function targetView(target: Pick<Target, "metric">): SimulatorView | null {
  const chart = targetMetricCharts[target.metric];
  return chart ? { preset: "plan", chart } : null;
}

const squeeze = (s: string) => s.replace(/\s+/g, "");

/** Whether a paragraph's text holds the `after` words of a SectionLinks (spaces ignored). */
export function paragraphMatches(text: string, after: string): boolean {
  return squeeze(text).includes(squeeze(after));
}

/** The section links of one chapter, by section id. */
export function sectionLinksOf(chapter: string): Map<string, SectionLinks> {
  return new Map(sectionLinks.filter((l) => l.chapter === chapter).map((l) => [l.section, l]));
}
