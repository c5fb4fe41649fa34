// Ready-made scenarios. Every number is either read from content/ (the plan's tables, the
// targets, the reported statistics) or derived from them here, with the source stated; the
// few that are judgement say so. docs/model.md lists them in a table.
import { plan, planTargets, reportedGrowth } from "../data/plan";
import { national } from "../data/national.generated";
import { nationalCpi } from "../model/national";
import { DEFAULTS, normaliseNumber, type Scenario, type Series, type YearOverrides } from "./schema";

export interface Preset {
  id: string;
  label: { zh: string; en: string };
  /** What the preset assumes, in one or two sentences. */
  description: { zh: string; en: string };
  /** Where each number comes from. */
  sources: string[];
  scenario: Scenario;
}

const n = normaliseNumber;
const flat = (x: number, years?: YearOverrides): Series => (years ? { periods: [n(x), n(x), n(x)], years } : { periods: [n(x), n(x), n(x)] });
const periods = (a: number, b: number, c: number): Series => ({ periods: [n(a), n(b), n(c)] });

function targetValue(id: string): { value: number; year: number } {
  const t = planTargets.find((x) => x.id === id);
  if (!t) throw new Error(`content/targets.json has no target "${id}"`);
  return { value: t.value, year: t.year };
}

/** 百万人口 by 2035 (content/targets.json, resident-population-2035). */
const millionTarget = targetValue("resident-population-2035");

/**
 * Observed population trend: census 2020 (574,665) to year-end 2022 (585,097), content/data/
 * chengqu.csv, taken as two years and booked as net migration, since the district's natural
 * growth rate was not found.
 */
const observedMigration = Math.round(
  ((reportedGrowth.residentPopulation["2022"] ?? plan.residentPopulation2020) - plan.residentPopulation2020) / 2,
);

/** National urban income growth after 2025: mean of the reported nominal rates 2023–2025. */
const nationalIncomeGrowth = (() => {
  const rates = national.filter((r) => r.year >= 2023 && r.year <= 2025).map((r) => r.income_urban_nominal_growth_pct);
  if (rates.length !== 3 || rates.some((r) => r === null)) throw new Error("content/data/national.csv lacks urban income growth 2023–2025");
  return Math.round(((rates as number[]).reduce((a, b) => a + b, 0) / 3) * 100) / 100;
})();

/**
 * National per-capita GDP growth after 2025, nominal: 4.17 % real, the rate that doubles
 * per-capita GDP by 2035 (Xinhua explainer, 2025-11-07, see content/data/SOURCES.md), plus 1 %
 * a year for prices (judgement; the national deflator was negative in 2023–2025).
 */
const nationalGdpPerCapitaGrowth = 4.17 + 1;

/** Doubling real GDP between 2020 and 2035: 2^(1/15) − 1 = 4.73 % a year (韩文秀, Nov 2020). */
const doublingRate = (Math.pow(2, 1 / 15) - 1) * 100;

/** Price assumption of all presets: the 十三五 average CPI increase (专栏1, 1.8 %), also used for the GDP deflator. */
const prices = plan.cpiGrowth13th;

function scenario(parts: {
  id: string;
  gdp: Series;
  income: { mode: "growth"; growth: Series } | { mode: "elasticity"; elasticity: number };
  population: "target" | "components";
  services: { target: number; year: number };
  cpi?: Series;
  montecarloFrom?: number;
}): Scenario {
  const incomeGrowth = parts.income.mode === "growth" ? parts.income.growth : flat(plan.urbanIncomeGrowthTarget14th);
  return {
    v: 1,
    basedOn: parts.id,
    inputs: {
      gdpRealGrowth: parts.gdp,
      gdpDeflator: flat(prices),
      naturalGrowth: flat(0),
      netMigration: flat(observedMigration),
      urbanIncomeGrowth: incomeGrowth,
      incomeElasticity: flat(parts.income.mode === "elasticity" ? parts.income.elasticity : 1),
      cpi: parts.cpi ?? flat(prices),
    },
    population: { mode: parts.population, target: millionTarget.value, year: millionTarget.year },
    income: { mode: parts.income.mode },
    services: { target: n(parts.services.target), year: parts.services.year },
    national: { urbanIncomeGrowth: n(nationalIncomeGrowth), gdpPerCapitaGrowth: n(nationalGdpPerCapitaGrowth) },
    montecarlo: {
      ...DEFAULTS.montecarlo,
      fromYear: parts.montecarloFrom ?? DEFAULTS.montecarlo.fromYear,
      sd: { ...DEFAULTS.montecarlo.sd },
    },
    view: { ...DEFAULTS.view },
  };
}

/**
 * 专栏2 sets no services share, but keeps industry at ≥20 % of GDP (20.2 % in 2020); with
 * construction and agriculture unchanged that leaves the services share about where it was.
 */
const servicesHeld = { target: plan.servicesShare2020, year: 2025 };

const planPreset: Preset = {
  id: "plan",
  label: { zh: "规划目标", en: "The plan's targets" },
  description: {
    zh: `“十四五”地区生产总值年均增长 ${plan.gdpGrowthTarget14th}%、城镇居民收入年均增长 ${plan.urbanIncomeGrowthTarget14th}%（专栏2），2025 年后保持同一增速；${millionTarget.year} 年常住人口达到 ${millionTarget.value / 1e4} 万。`,
    en: `GDP grows ${plan.gdpGrowthTarget14th}% and urban income ${plan.urbanIncomeGrowthTarget14th}% a year in 2021–2025 (专栏2), held at those rates after 2025; ${millionTarget.value.toLocaleString("en")} residents by ${millionTarget.year}.`,
  },
  sources: [
    `GDP growth ${plan.gdpGrowthTarget14th}% and urban income growth ${plan.urbanIncomeGrowthTarget14th}%: 专栏2 (content/indicators/fourteenth-plan.json). The plan sets no rate after 2025; the preset holds the 14th-plan rate.`,
    `Population: ${millionTarget.value.toLocaleString("en")} by ${millionTarget.year} (第三章第一节 “人口增加到100万”, content/targets.json), on a constant-rate path from the 2020 census.`,
    `Prices: CPI and GDP deflator ${prices}% a year, the 13th-plan average CPI increase (专栏1). Judgement: the plan sets no price path.`,
    `Services share: held at the 2020 level (${plan.servicesShare2020}%, 专栏1); 专栏2 keeps industry at ≥20% of GDP and sets no services share.`,
    `National comparison after 2025: urban income +${nationalIncomeGrowth}% a year (mean of 2023–2025, national.csv); per-capita GDP +${nationalGdpPerCapitaGrowth}% nominal (4.17% real to double per-capita GDP by 2035, Xinhua; plus 1% prices, judgement).`,
  ],
  scenario: scenario({
    id: "plan",
    gdp: flat(plan.gdpGrowthTarget14th),
    income: { mode: "growth", growth: flat(plan.urbanIncomeGrowthTarget14th) },
    population: "target",
    services: servicesHeld,
  }),
};

const trendPreset: Preset = {
  id: "trend-13th",
  label: { zh: "“十三五”趋势", en: "13th-plan trend" },
  description: {
    zh: `延续“十三五”时期的增速：地区生产总值年均 ${plan.gdpGrowth13th}%，城镇居民收入年均 ${plan.urbanIncomeGrowth13th}%（专栏1）；服务业比重按“十三五”的速度提高到 2025 年；人口按 2020—2022 年的变化。`,
    en: `The 2016–2020 pace continues: GDP ${plan.gdpGrowth13th}% and urban income ${plan.urbanIncomeGrowth13th}% a year (专栏1); the services share keeps rising at its 2015–2020 pace until 2025; population follows its 2020–2022 change.`,
  },
  sources: [
    `GDP ${plan.gdpGrowth13th}% and urban income ${plan.urbanIncomeGrowth13th}% a year: 专栏1 (content/indicators/thirteenth-plan.json).`,
    `Services share: ${plan.servicesShare2015}% (2015) → ${plan.servicesShare2020}% (2020) in 专栏1, the same rise again to 2025.`,
    `Population: +${observedMigration.toLocaleString("en")} a year, the change from the 2020 census to year-end 2022 (chengqu.csv), booked as net migration.`,
  ],
  scenario: scenario({
    id: "trend-13th",
    gdp: flat(plan.gdpGrowth13th),
    income: { mode: "growth", growth: flat(plan.urbanIncomeGrowth13th) },
    population: "components",
    services: { target: plan.servicesShare2020 + (plan.servicesShare2020 - plan.servicesShare2015), year: 2025 },
  }),
};

const doublingPreset: Preset = {
  id: "national-doubling",
  label: { zh: "全国翻一番路径", en: "National doubling path" },
  description: {
    zh: `地区生产总值按全国 2020—2035 年经济总量翻一番所需的年均 ${doublingRate.toFixed(2)}% 增长，收入与经济同步（弹性 1）。`,
    en: `GDP grows at ${doublingRate.toFixed(2)}% a year, the national rate that doubles GDP between 2020 and 2035; income keeps pace with per-capita GDP (elasticity 1).`,
  },
  sources: [
    `${doublingRate.toFixed(2)}% = 2^(1/15) − 1: doubling GDP between 2020 and 2035 (韩文秀 gave 4.73%, Nov 2020, content/data/SOURCES.md).`,
    "Income: elasticity 1 to per-capita nominal GDP, the plan's “收入增长和经济发展同步”.",
    `Population: observed 2020–2022 change (+${observedMigration.toLocaleString("en")} a year).`,
  ],
  scenario: scenario({
    id: "national-doubling",
    gdp: flat(doublingRate),
    income: { mode: "elasticity", elasticity: 1 },
    population: "components",
    services: servicesHeld,
  }),
};

const cautiousPreset: Preset = {
  id: "cautious",
  label: { zh: "谨慎情形", en: "Cautious case" },
  description: {
    zh: "地区生产总值按全国潜在增长率估计增长：“十四五”5.8%、“十五五”5%、“十六五”4%；收入与经济同步；人口按 2020—2022 年的变化。",
    en: "GDP grows at estimates of China's potential growth: 5.8% (2021–25), 5% (2026–30), 4% (2031–35); income keeps pace; population follows its 2020–2022 change.",
  },
  sources: [
    "Potential growth estimates 5.8 / 5 / 4% (白重恩, 2020, content/data/SOURCES.md): the district growing like the country.",
    `Income: elasticity 1. Services share held at ${plan.servicesShare2020}%.`,
  ],
  scenario: scenario({
    id: "cautious",
    gdp: periods(5.8, 5, 4),
    income: { mode: "elasticity", elasticity: 1 },
    population: "components",
    services: servicesHeld,
  }),
};

const optimisticGdp = [plan.gdpGrowthTarget14th + 1, plan.gdpGrowthTarget14th, plan.gdpGrowthTarget14th - 1] as const;
const optimisticPreset: Preset = {
  id: "optimistic",
  label: { zh: "乐观情形", en: "Optimistic case" },
  description: {
    zh: `“力争更好水平”：地区生产总值“十四五”年均 ${optimisticGdp[0]}%、“十五五”${optimisticGdp[1]}%、“十六五”${optimisticGdp[2]}%；收入与经济同步；${millionTarget.year} 年人口 ${millionTarget.value / 1e4} 万；服务业比重 2035 年达到 75%。`,
    en: `“力争更好水平”: GDP ${optimisticGdp[0]}% a year in 2021–25, ${optimisticGdp[1]}% in 2026–30, ${optimisticGdp[2]}% in 2031–35; income keeps pace; ${millionTarget.value.toLocaleString("en")} residents by ${millionTarget.year}; services 75% of GDP by 2035.`,
  },
  sources: [
    `Judgement: one point above the plan's ${plan.gdpGrowthTarget14th}% (the plan says “力争更好水平”), slowing by a point per plan period.`,
    "Income: elasticity 1. Population: the plan's 百万人口 by 2035. Services 75% by 2035: judgement.",
  ],
  scenario: scenario({
    id: "optimistic",
    gdp: periods(...optimisticGdp),
    income: { mode: "elasticity", elasticity: 1 },
    population: "target",
    services: { target: 75, year: 2035 },
  }),
};

/** Reported years, as per-year overrides: the district's comparable growth rates, and the national CPI as a proxy. */
function reportedOverrides(rates: Readonly<Record<string, number>>): YearOverrides {
  const out: YearOverrides = {};
  for (const [year, value] of Object.entries(rates)) out[year as keyof YearOverrides] = n(value);
  return out;
}
const cpiReported: YearOverrides = {};
for (let year = 2021; year <= 2025; year++) {
  const c = nationalCpi(year);
  if (c !== null) cpiReported[String(year) as keyof YearOverrides] = c;
}
const reportedYears = Object.keys(reportedGrowth.gdpRealGrowth).map(Number);
const firstUnreported = Math.max(...reportedYears) + 1;

const pct = (rates: Readonly<Record<string, number>>, sep: string) => Object.values(rates).map((x) => `${x}%`).join(sep);
const yearsText = reportedYears.join("、");
const reportedPreset: Preset = {
  id: "reported",
  label: { zh: "已公布数据 + 规划目标", en: "Reported so far, then the plan" },
  description: {
    zh: `${yearsText} 年用城区政府工作报告公布的增速（地区生产总值 ${pct(reportedGrowth.gdpRealGrowth, "、")}，城镇居民收入 ${pct(reportedGrowth.urbanIncomeGrowth, "、")}），其余年份按规划目标；物价用全国居民消费价格涨幅代替。`,
    en: `${reportedYears.join(" and ")} use the growth rates in the district's government work reports (GDP ${pct(reportedGrowth.gdpRealGrowth, ", ")}; urban income ${pct(reportedGrowth.urbanIncomeGrowth, ", ")}); the other years follow the plan's targets; prices use national CPI as a proxy.`,
  },
  sources: [
    `Growth rates ${yearsText}: content/data/chengqu.csv (城区政府工作报告 2023, 2024). The reports' GDP levels exclude the development zone and are not comparable with the plan's ${plan.gdp2020}亿元; only growth rates are used.`,
    `2021: no comparable district figure was found; the year is assumed to be on the plan's path (${plan.gdpGrowthTarget14th}%).`,
    `CPI 2021–2025: national CPI (content/data/national.csv) as a proxy; the district's was not found. GDP deflator: ${prices}% (13th-plan CPI average).`,
    `Uncertainty (Monte Carlo) starts in ${firstUnreported}, the first year without a reported figure.`,
  ],
  scenario: scenario({
    id: "reported",
    gdp: flat(plan.gdpGrowthTarget14th, reportedOverrides(reportedGrowth.gdpRealGrowth)),
    income: { mode: "growth", growth: flat(plan.urbanIncomeGrowthTarget14th, reportedOverrides(reportedGrowth.urbanIncomeGrowth)) },
    population: "target",
    services: servicesHeld,
    cpi: flat(prices, cpiReported),
    montecarloFrom: firstUnreported,
  }),
};

export const presets: readonly Preset[] = Object.freeze([planPreset, reportedPreset, trendPreset, doublingPreset, cautiousPreset, optimisticPreset]);

/** The plan's targets preset: what the simulator opens with. */
export const defaultScenario: Scenario = planPreset.scenario;

/** A fresh copy of a preset's scenario (presets themselves are shared). */
export function presetScenario(id: string): Scenario | undefined {
  const p = presets.find((x) => x.id === id);
  return p ? (JSON.parse(JSON.stringify(p.scenario)) as Scenario) : undefined;
}
