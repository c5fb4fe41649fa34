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
  /** Where each number comes from, one note per entry, in both languages. */
  sources: Array<{ zh: string; en: string }>;
  scenario: Scenario;
}

const n = normaliseNumber;
/** Counts as each language writes them: zh-CN groups from five digits up (5216, 38,780), en from four (5,216). */
const count = (x: number, lang: "zh" | "en") => new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en", { useGrouping: lang === "zh" ? "min2" : "auto" }).format(x);
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
    {
      zh: `地区生产总值增速 ${plan.gdpGrowthTarget14th}%、城镇居民人均可支配收入增速 ${plan.urbanIncomeGrowthTarget14th}%：专栏2（content/indicators/fourteenth-plan.json）。规划未定 2025 年以后的增速，本情景沿用“十四五”目标。`,
      en: `GDP growth ${plan.gdpGrowthTarget14th}% and urban income growth ${plan.urbanIncomeGrowthTarget14th}%: 专栏2 (content/indicators/fourteenth-plan.json). The plan sets no rate after 2025; the preset holds the 14th-plan rate.`,
    },
    {
      zh: `常住人口：${millionTarget.year} 年达到 ${millionTarget.value / 1e4} 万人（第三章第一节“人口增加到100万”，content/targets.json），从 2020 年人口普查数起按固定增速增长。`,
      en: `Population: ${count(millionTarget.value, "en")} by ${millionTarget.year} (第三章第一节 “人口增加到100万”, content/targets.json), on a constant-rate path from the 2020 census.`,
    },
    {
      zh: `物价：居民消费价格和 GDP 平减指数每年上涨 ${prices}%，取“十三五”居民消费价格年均涨幅（专栏1）。属判断：规划未定物价路径。`,
      en: `Prices: CPI and GDP deflator ${prices}% a year, the 13th-plan average CPI increase (专栏1). Judgement: the plan sets no price path.`,
    },
    {
      zh: `服务业增加值比重：保持 2020 年水平（${plan.servicesShare2020}%，专栏1）；专栏2 要求工业增加值占 GDP 比重不低于 20%，未设服务业比重目标。`,
      en: `Services share: held at the 2020 level (${plan.servicesShare2020}%, 专栏1); 专栏2 keeps industry at ≥20% of GDP and sets no services share.`,
    },
    {
      zh: `2025 年后的全国对照：城镇居民收入每年名义增长 ${nationalIncomeGrowth}%（2023—2025 年平均，national.csv）；人均 GDP 每年名义增长 ${nationalGdpPerCapitaGrowth}%（到 2035 年人均 GDP 翻一番需实际年均增长 4.17%，据新华社；另加 1% 物价涨幅，属判断）。`,
      en: `National comparison after 2025: urban income +${nationalIncomeGrowth}% a year (mean of 2023–2025, national.csv); per-capita GDP +${nationalGdpPerCapitaGrowth}% nominal (4.17% real to double per-capita GDP by 2035, Xinhua; plus 1% prices, judgement).`,
    },
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
    {
      zh: `地区生产总值年均增长 ${plan.gdpGrowth13th}%、城镇居民收入年均增长 ${plan.urbanIncomeGrowth13th}%：专栏1（content/indicators/thirteenth-plan.json）。`,
      en: `GDP ${plan.gdpGrowth13th}% and urban income ${plan.urbanIncomeGrowth13th}% a year: 专栏1 (content/indicators/thirteenth-plan.json).`,
    },
    {
      zh: `服务业增加值比重：专栏1 中 2015 年为 ${plan.servicesShare2015}%、2020 年为 ${plan.servicesShare2020}%，到 2025 年再提高同样幅度。`,
      en: `Services share: ${plan.servicesShare2015}% (2015) → ${plan.servicesShare2020}% (2020) in 专栏1, the same rise again to 2025.`,
    },
    {
      zh: `常住人口：每年增加 ${count(observedMigration, "zh")} 人，即 2020 年人口普查至 2022 年末的年均变化（chengqu.csv），全部计为净迁入。`,
      en: `Population: +${count(observedMigration, "en")} a year, the change from the 2020 census to year-end 2022 (chengqu.csv), booked as net migration.`,
    },
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
    {
      zh: `${doublingRate.toFixed(2)}% = 2^(1/15) − 1：2020—2035 年经济总量翻一番所需的年均增速（韩文秀 2020 年 11 月给出 4.73%，见 content/data/SOURCES.md）。`,
      en: `${doublingRate.toFixed(2)}% = 2^(1/15) − 1: doubling GDP between 2020 and 2035 (韩文秀 gave 4.73%, November 2020, content/data/SOURCES.md).`,
    },
    {
      zh: "收入：对人均名义地区生产总值的弹性为 1，即规划所说“收入增长和经济发展同步”。",
      en: "Income: elasticity 1 to per-capita nominal GDP, the plan's “收入增长和经济发展同步”.",
    },
    {
      zh: `常住人口：按 2020—2022 年的实际变化（每年增加 ${count(observedMigration, "zh")} 人）。`,
      en: `Population: observed 2020–2022 change (+${count(observedMigration, "en")} a year).`,
    },
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
    {
      zh: "全国潜在增长率的估计 5.8%、5%、4%（白重恩，2020 年，见 content/data/SOURCES.md）：假定城区与全国同速增长。",
      en: "Potential growth estimates 5.8 / 5 / 4% (白重恩, 2020, content/data/SOURCES.md): the district growing like the country.",
    },
    {
      zh: `收入：弹性为 1。服务业增加值比重保持在 ${plan.servicesShare2020}%。`,
      en: `Income: elasticity 1. Services share held at ${plan.servicesShare2020}%.`,
    },
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
    {
      zh: `属判断：比规划的 ${plan.gdpGrowthTarget14th}% 高 1 个百分点（规划提出“力争更好水平”），此后每个五年规划期降低 1 个百分点。`,
      en: `Judgement: one point above the plan's ${plan.gdpGrowthTarget14th}% (the plan says “力争更好水平”), slowing by a point per plan period.`,
    },
    {
      zh: "收入：弹性为 1。人口：规划提出的 2035 年百万人口。服务业比重 2035 年达到 75%：属判断。",
      en: "Income: elasticity 1. Population: the plan's 百万人口 by 2035. Services 75% by 2035: judgement.",
    },
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
    {
      zh: `${yearsText} 年的增速：content/data/chengqu.csv（城区政府工作报告 2023 年、2024 年）。报告中的地区生产总值总量不含开发区，与规划的 ${plan.gdp2020} 亿元不可比，只用其增速。`,
      en: `Growth rates ${reportedYears.join(", ")}: content/data/chengqu.csv (城区政府工作报告 2023, 2024). The reports' GDP levels exclude the development zone and are not comparable with the plan's ${plan.gdp2020}亿元; only growth rates are used.`,
    },
    {
      zh: `2021 年：未找到可比的城区数据，假定当年按规划路径增长（${plan.gdpGrowthTarget14th}%）。`,
      en: `2021: no comparable district figure was found; the year is assumed to be on the plan's path (${plan.gdpGrowthTarget14th}%).`,
    },
    {
      zh: `2021—2025 年居民消费价格：未找到城区数据，用全国居民消费价格涨幅代替（content/data/national.csv）。GDP 平减指数：${prices}%（“十三五”居民消费价格年均涨幅）。`,
      en: `CPI 2021–2025: national CPI (content/data/national.csv) as a proxy; the district's was not found. GDP deflator: ${prices}% (13th-plan CPI average).`,
    },
    {
      zh: `不确定性（蒙特卡洛模拟）从 ${firstUnreported} 年开始，即第一个没有公布数据的年份。`,
      en: `Uncertainty (Monte Carlo) starts in ${firstUnreported}, the first year without a reported figure.`,
    },
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
