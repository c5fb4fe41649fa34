// Ready-made scenarios. Every number is either read from content/ (the plan's tables, the
// targets, the reported statistics) or derived from them here, with the source stated; the
// few that are judgement say so. docs/model.md lists them in a table.
import { plan, planTargets, reportedGrowth } from "../data/plan";
import { deflatorDefault } from "../data/prices";
import { national } from "../data/national.generated";
import { nationalCpi } from "../model/national";
import { DEFAULTS, normaliseNumber, type Scenario, type Series, type YearOverrides } from "./schema";
import { PUNCT, type Lang } from "../lang";
import { formatDecimal } from "../number-format";

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
/**
 * Counts as each language writes them: zh-CN groups from five digits up (5216, 38,780), en from
 * four (5,216). Without Intl: these texts are made when the simulator's code loads (see
 * ../number-format.ts).
 */
const count = (x: number, lang: Lang) => formatDecimal(x, lang, { useGrouping: lang === "zh" ? "min2" : "auto" });
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

/** Real growth that doubles China's per-capita GDP by 2035 (Xinhua explainer, 2025-11-07, content/data/SOURCES.md). */
const nationalGdpPerCapitaRealGrowth = 4.17;
/**
 * National per-capita GDP growth after 2025, nominal: the real rate plus the same deflator as
 * the district's, so that the comparison turns on real growth and population, not on two
 * different price guesses.
 */
const nationalGdpPerCapitaGrowth = Math.round((nationalGdpPerCapitaRealGrowth + deflatorDefault) * 100) / 100;

/** Doubling real GDP between 2020 and 2035: 2^(1/15) − 1 = 4.73 % a year (韩文秀, Nov 2020). */
const doublingRate = (Math.pow(2, 1 / 15) - 1) * 100;

/** Consumer prices in all presets: the 十三五 average CPI increase (专栏1, 1.8 %); judgement, the plan sets no price path. */
const prices = plan.cpiGrowth13th;
/** GDP deflator in all presets: chosen from evidence in src/lib/data/prices.ts (docs/model.md, “Prices”). */
const deflator = deflatorDefault;

function scenario(parts: {
  id: string;
  gdp: Series;
  income: { mode: "growth"; growth: Series } | { mode: "elasticity"; elasticity: number };
  population: "target" | "components";
  services: { target: number; year: number };
  cpi?: Series;
  /** Net migration in components mode (persons a year); the observed 2020–2022 change by default. */
  netMigration?: Series;
  montecarloFrom?: number;
}): Scenario {
  const incomeGrowth = parts.income.mode === "growth" ? parts.income.growth : flat(plan.urbanIncomeGrowthTarget14th);
  return {
    v: 1,
    basedOn: parts.id,
    inputs: {
      gdpRealGrowth: parts.gdp,
      gdpDeflator: flat(deflator),
      naturalGrowth: flat(0),
      netMigration: parts.netMigration ?? flat(observedMigration),
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

/** Notes shared by several presets: prices, the national comparison, population components. */
const common = {
  prices: {
    zh: `物价：GDP 平减指数每年上涨 ${deflator}%，即全国 2021—2025 年 GDP 平减指数的年均涨幅（据 national.csv 计算；依据见 docs/model.md）；居民消费价格每年上涨 ${prices}%，取“十三五”年均涨幅（专栏1），属判断。`,
    en: `Prices: GDP deflator ${deflator}% a year, China's average GDP deflator 2021–2025 (computed from national.csv; reasons in docs/model.md); CPI ${prices}% a year, the 13th-plan average (专栏1), judgement.`,
  },
  national: {
    zh: `2025 年后的全国对照：城镇居民收入每年名义增长 ${nationalIncomeGrowth}%（2023—2025 年平均，national.csv）；人均 GDP 每年名义增长 ${nationalGdpPerCapitaGrowth}%（到 2035 年人均 GDP 翻一番需实际年均增长 ${nationalGdpPerCapitaRealGrowth}%，据新华社；加上与城区相同的平减指数 ${deflator}%）。`,
    en: `National comparison after 2025: urban income +${nationalIncomeGrowth}% a year (mean of 2023–2025, national.csv); per-capita GDP +${nationalGdpPerCapitaGrowth}% nominal (${nationalGdpPerCapitaRealGrowth}% real to double per-capita GDP by 2035, Xinhua; plus the district's deflator, ${deflator}%).`,
  },
  naturalGrowth: {
    zh: "人口自然增长率：未找到城区数据，设为 0‰，人口变化全部计为净迁入（属判断）。",
    en: "Natural population growth: the district's rate was not found; set to 0‰, so all change is booked as net migration (judgement).",
  },
  observedMigration: {
    zh: `净迁入：每年 ${count(observedMigration, "zh")} 人，即 2020 年人口普查（574,665 人）至 2022 年末（585,097 人，城区统计公报，转引自维基百科）的年均变化（chengqu.csv）。`,
    en: `Net migration: ${count(observedMigration, "en")} a year, the yearly change from the 2020 census (574,665) to year-end 2022 (585,097, district communiqué as cited by Wikipedia; chengqu.csv).`,
  },
};

const planPreset: Preset = {
  id: "plan",
  label: { zh: "规划目标", en: "The plan's targets" },
  description: {
    zh: `“十四五”地区生产总值年均增长 ${plan.gdpGrowthTarget14th}%、城镇居民收入年均增长 ${plan.urbanIncomeGrowthTarget14th}%（专栏2），2025 年后保持同一增速；${millionTarget.year} 年常住人口达到 ${millionTarget.value / 1e4} 万；服务业比重保持 ${plan.servicesShare2020}%。`,
    en: `GDP grows ${plan.gdpGrowthTarget14th}% and urban income ${plan.urbanIncomeGrowthTarget14th}% a year in 2021–2025 (专栏2), held at those rates after 2025; ${count(millionTarget.value, "en")} residents by ${millionTarget.year}; services held at ${plan.servicesShare2020}% of GDP.`,
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
    common.prices,
    {
      zh: `服务业增加值比重：保持 2020 年水平（${plan.servicesShare2020}%，专栏1）；专栏2 要求工业增加值占 GDP 比重不低于 20%，未设服务业比重目标。`,
      en: `Services share: held at the 2020 level (${plan.servicesShare2020}%, 专栏1); 专栏2 keeps industry at ≥20% of GDP and sets no services share.`,
    },
    common.national,
  ],
  scenario: scenario({
    id: "plan",
    gdp: flat(plan.gdpGrowthTarget14th),
    income: { mode: "growth", growth: flat(plan.urbanIncomeGrowthTarget14th) },
    population: "target",
    services: servicesHeld,
  }),
};

const trendServices = plan.servicesShare2020 + (plan.servicesShare2020 - plan.servicesShare2015);
const trendPreset: Preset = {
  id: "trend-13th",
  label: { zh: "“十三五”趋势", en: "13th-plan trend" },
  description: {
    zh: `延续“十三五”时期的增速：地区生产总值年均 ${plan.gdpGrowth13th}%，城镇居民收入年均 ${plan.urbanIncomeGrowth13th}%（专栏1）；服务业比重 2025 年提高到 ${trendServices.toFixed(1)}%；常住人口每年净增 ${count(observedMigration, "zh")} 人（2020—2022 年的变化）。`,
    en: `The 2016–2020 pace continues: GDP ${plan.gdpGrowth13th}% and urban income ${plan.urbanIncomeGrowth13th}% a year (专栏1); services reach ${trendServices.toFixed(1)}% of GDP in 2025; population grows by ${count(observedMigration, "en")} a year (its 2020–2022 change).`,
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
    common.observedMigration,
    common.naturalGrowth,
    common.prices,
  ],
  scenario: scenario({
    id: "trend-13th",
    gdp: flat(plan.gdpGrowth13th),
    income: { mode: "growth", growth: flat(plan.urbanIncomeGrowth13th) },
    population: "components",
    services: { target: trendServices, year: 2025 },
  }),
};

const doublingPreset: Preset = {
  id: "national-doubling",
  label: { zh: "全国翻一番路径", en: "National doubling path" },
  description: {
    zh: `地区生产总值按全国 2020—2035 年经济总量翻一番所需的年均 ${doublingRate.toFixed(2)}% 增长，收入与人均地区生产总值同步（弹性 1）；常住人口每年净增 ${count(observedMigration, "zh")} 人；服务业比重保持 ${plan.servicesShare2020}%。`,
    en: `GDP grows at ${doublingRate.toFixed(2)}% a year, the national rate that doubles GDP between 2020 and 2035; income keeps pace with per-capita GDP (elasticity 1); population grows by ${count(observedMigration, "en")} a year; services held at ${plan.servicesShare2020}%.`,
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
    common.observedMigration,
    common.naturalGrowth,
    common.prices,
  ],
  scenario: scenario({
    id: "national-doubling",
    gdp: flat(doublingRate),
    income: { mode: "elasticity", elasticity: 1 },
    population: "components",
    services: servicesHeld,
  }),
};

const cautiousGdp = [5.8, 5, 4] as const;
const cautiousPreset: Preset = {
  id: "cautious",
  label: { zh: "谨慎情形", en: "Cautious case" },
  description: {
    zh: `地区生产总值按全国潜在增长率估计增长：“十四五”${cautiousGdp[0]}%、“十五五”${cautiousGdp[1]}%、“十六五”${cautiousGdp[2]}%；收入与人均地区生产总值同步（弹性 1）；常住人口每年净增 ${count(observedMigration, "zh")} 人；服务业比重保持 ${plan.servicesShare2020}%。`,
    en: `GDP grows at estimates of China's potential growth: ${cautiousGdp[0]}% (2021–2025), ${cautiousGdp[1]}% (2026–2030), ${cautiousGdp[2]}% (2031–2035); income keeps pace with per-capita GDP (elasticity 1); population grows by ${count(observedMigration, "en")} a year; services held at ${plan.servicesShare2020}%.`,
  },
  sources: [
    {
      zh: `全国潜在增长率的估计 ${cautiousGdp.join("%、")}%（白重恩，2020 年，见 content/data/SOURCES.md）：假定城区与全国同速增长。`,
      en: `Potential growth estimates ${cautiousGdp.join(" / ")}% (白重恩, 2020, content/data/SOURCES.md): the district growing like the country.`,
    },
    {
      zh: `收入：弹性为 1。服务业增加值比重保持在 ${plan.servicesShare2020}%。`,
      en: `Income: elasticity 1. Services share held at ${plan.servicesShare2020}%.`,
    },
    common.observedMigration,
    common.naturalGrowth,
    common.prices,
  ],
  scenario: scenario({
    id: "cautious",
    gdp: periods(...cautiousGdp),
    income: { mode: "elasticity", elasticity: 1 },
    population: "components",
    services: servicesHeld,
  }),
};

/** “力争更好水平”: one point above the plan's rates in every year (judgement), so never below the plan. */
const optimisticGdp = plan.gdpGrowthTarget14th + 1;
const optimisticIncome = plan.urbanIncomeGrowthTarget14th + 1;
const optimisticServices = 75;
const optimisticPreset: Preset = {
  id: "optimistic",
  label: { zh: "乐观情形", en: "Optimistic case" },
  description: {
    zh: `“力争更好水平”：地区生产总值年均增长 ${optimisticGdp}%、城镇居民收入年均增长 ${optimisticIncome}%，均比规划目标高 1 个百分点；${millionTarget.year} 年常住人口 ${millionTarget.value / 1e4} 万；服务业比重 2035 年达到 ${optimisticServices}%。`,
    en: `“力争更好水平”: GDP ${optimisticGdp}% and urban income ${optimisticIncome}% a year, one point above the plan's targets; ${count(millionTarget.value, "en")} residents by ${millionTarget.year}; services ${optimisticServices}% of GDP by 2035.`,
  },
  sources: [
    {
      zh: `属判断：每年比规划的 ${plan.gdpGrowthTarget14th}%（地区生产总值）和 ${plan.urbanIncomeGrowthTarget14th}%（收入）各高 1 个百分点（规划提出“力争更好水平”），因此各主要序列都不低于“规划目标”情景。`,
      en: `Judgement: one point a year above the plan's ${plan.gdpGrowthTarget14th}% (GDP) and ${plan.urbanIncomeGrowthTarget14th}% (income) (the plan says “力争更好水平”), so every headline series is at least the plan preset's.`,
    },
    {
      zh: `人口：规划提出的 ${millionTarget.year} 年百万人口。服务业比重 2035 年达到 ${optimisticServices}%：属判断。`,
      en: `Population: the plan's 百万人口 by ${millionTarget.year}. Services ${optimisticServices}% by 2035: judgement.`,
    },
    common.prices,
  ],
  scenario: scenario({
    id: "optimistic",
    gdp: flat(optimisticGdp),
    income: { mode: "growth", growth: flat(optimisticIncome) },
    population: "target",
    services: { target: optimisticServices, year: 2035 },
  }),
};

// ---- The reported preset: every reported figure reproduced, then the plan. ----

const toOverrides = (rates: ReadonlyMap<number, number>): YearOverrides => {
  const out: YearOverrides = {};
  for (const [year, value] of rates) out[String(year) as keyof YearOverrides] = n(value);
  return out;
};
const byYear = (r: Readonly<Record<string, number>>) => new Map(Object.entries(r).map(([y, v]) => [Number(y), v]));

/**
 * Yearly growth rates (%) that reproduce every reported level and growth rate: reported rates
 * are used as they are; a reported level L_y with its growth g_y also fixes L_{y−1} =
 * L_y/(1 + g_y); years between two known levels without a reported rate get the constant rate
 * that joins them (e.g. 2021 urban income from the 2020 base and the 2022 level and growth).
 */
export function solveGrowth(base: number, levels: ReadonlyMap<number, number>, rates: ReadonlyMap<number, number>): Map<number, number> {
  const known = new Map<number, number>([[BASE, base]]);
  for (const [y, level] of levels) {
    known.set(y, level);
    const g = rates.get(y);
    if (g !== undefined && !known.has(y - 1)) known.set(y - 1, level / (1 + g / 100));
  }
  const last = Math.max(...levels.keys(), ...rates.keys(), BASE);
  const out = new Map<number, number>();
  for (let y = BASE + 1; y <= last; y++) {
    const g = rates.get(y);
    if (g !== undefined) {
      out.set(y, g);
      continue;
    }
    const before = Math.max(...[...known.keys()].filter((k) => k < y));
    const afterKeys = [...known.keys()].filter((k) => k >= y);
    if (afterKeys.length === 0) continue;
    const after = Math.min(...afterKeys);
    // Rates already fixed between `before` and `after` are divided out of the gap.
    let fixed = 1;
    let free = 0;
    for (let k = before + 1; k <= after; k++) {
      const r = rates.get(k);
      if (r !== undefined) fixed *= 1 + r / 100;
      else free++;
    }
    out.set(y, (Math.pow(known.get(after)! / known.get(before)! / fixed, 1 / free) - 1) * 100);
  }
  return out;
}
const BASE = 2020;

const reportedGdpRates = byYear(reportedGrowth.gdpRealGrowth);
const reportedIncomeRates = solveGrowth(plan.urbanIncome2020, byYear(reportedGrowth.urbanIncome), byYear(reportedGrowth.urbanIncomeGrowth));

/** Net migration reproducing each reported population (natural growth 0, see common.naturalGrowth); gaps spread evenly. */
const reportedPopulation = new Map([...byYear(reportedGrowth.residentPopulation)].filter(([y]) => y > BASE).sort((a, b) => a[0] - b[0]));
const reportedMigration = new Map<number, number>();
{
  let prevYear = BASE;
  let prev = plan.residentPopulation2020;
  for (const [y, p] of reportedPopulation) {
    for (let k = prevYear + 1; k <= y; k++) reportedMigration.set(k, (p - prev) / (y - prevYear));
    prevYear = y;
    prev = p;
  }
}
const lastPopulationYear = Math.max(BASE, ...reportedPopulation.keys());
const lastPopulation = reportedPopulation.get(lastPopulationYear) ?? plan.residentPopulation2020;
/** Whole persons a year from the last reported level to the plan's million in 2035 (rounded up, so the million is reached). */
const migrationToMillion = Math.ceil((millionTarget.value - lastPopulation) / (millionTarget.year - lastPopulationYear));

const cpiReported = new Map<number, number>();
for (let year = 2021; year <= 2025; year++) {
  const c = nationalCpi(year);
  if (c !== null) cpiReported.set(year, c);
}
const reportedYears = [...new Set([...reportedGdpRates.keys(), ...reportedIncomeRates.keys()])].sort();
const firstUnreported = Math.max(...reportedYears) + 1;

const RATE_IN_YEAR: Record<Lang, (year: number, rate: string) => string> = { zh: (y, r) => `${y} 年 ${r}%`, en: (y, r) => `${r}% in ${y}` };
const pctList = (rates: ReadonlyMap<number, number>, lang: Lang) => [...rates].map(([y, v]) => RATE_IN_YEAR[lang](y, v.toFixed(1))).join(PUNCT[lang].list);
const reportedPreset: Preset = {
  id: "reported",
  label: { zh: "已公布数据 + 规划目标", en: "Reported so far, then the plan" },
  description: {
    zh: `已公布的年份按公布数：地区生产总值增长 ${pctList(reportedGdpRates, "zh")}；城镇居民收入增长 ${pctList(reportedIncomeRates, "zh")}；常住人口 ${[...reportedPopulation].map(([y, p]) => `${y} 年 ${count(p, "zh")} 人`).join("、")}。此后按规划：地区生产总值和收入年均增长 ${plan.gdpGrowthTarget14th}%，常住人口每年净增 ${count(migrationToMillion, "zh")} 人，${millionTarget.year} 年达到 ${millionTarget.value / 1e4} 万；服务业比重保持 ${plan.servicesShare2020}%。`,
    en: `Reported years as reported: GDP growth ${pctList(reportedGdpRates, "en")}; urban income growth ${pctList(reportedIncomeRates, "en")}; population ${[...reportedPopulation].map(([y, p]) => `${count(p, "en")} in ${y}`).join(", ")}. Then the plan: GDP and income ${plan.gdpGrowthTarget14th}% a year, population up ${count(migrationToMillion, "en")} a year to ${count(millionTarget.value, "en")} in ${millionTarget.year}; services held at ${plan.servicesShare2020}%.`,
  },
  sources: [
    {
      zh: `增速：content/data/chengqu.csv（城区政府工作报告 2023 年，jccq.gov.cn；2024 年，论坛转载，来源较弱）。报告中的地区生产总值总量不含开发区，与规划的 ${plan.gdp2020} 亿元不可比，只用其增速。`,
      en: `Growth rates: content/data/chengqu.csv (城区政府工作报告 2023, jccq.gov.cn; 2024, a forum repost, a weak source). The reports' GDP levels exclude the development zone and are not comparable with the plan's ${plan.gdp2020}亿元; only growth rates are used.`,
    },
    {
      zh: `2021 年城镇居民收入增长 ${Math.round(reportedIncomeRates.get(2021)! * 100) / 100}%：由 2020 年 ${count(plan.urbanIncome2020, "zh")} 元（专栏1）和 2022 年 ${count(reportedGrowth.urbanIncome["2022"]!, "zh")} 元、增长 ${reportedGrowth.urbanIncomeGrowth["2022"]}% 推算。2021 年地区生产总值增速未找到，按规划的 ${plan.gdpGrowthTarget14th}%。`,
      en: `2021 urban income growth ${Math.round(reportedIncomeRates.get(2021)! * 100) / 100}%: solved from ${count(plan.urbanIncome2020, "en")} yuan in 2020 (专栏1) and ${count(reportedGrowth.urbanIncome["2022"]!, "en")} yuan in 2022 with ${reportedGrowth.urbanIncomeGrowth["2022"]}% growth. 2021 GDP growth was not found; the plan's ${plan.gdpGrowthTarget14th}% stands in.`,
    },
    {
      zh: `常住人口：2021 年 ${count(reportedPopulation.get(2021) ?? 0, "zh")} 人（第三方汇编，来源较弱）、2022 年 ${count(reportedPopulation.get(2022) ?? 0, "zh")} 人（统计公报，转引自维基百科）；人口自然增长率未找到，设为 0‰，变化全部计为净迁入。${lastPopulationYear} 年后每年净迁入 ${count(migrationToMillion, "zh")} 人，${millionTarget.year} 年达到 ${millionTarget.value / 1e4} 万（规划目标）。`,
      en: `Population: ${count(reportedPopulation.get(2021) ?? 0, "en")} in 2021 (a third-party compilation, weak) and ${count(reportedPopulation.get(2022) ?? 0, "en")} in 2022 (communiqué as cited by Wikipedia); natural growth was not found and is set to 0‰, all change booked as net migration. After ${lastPopulationYear}, ${count(migrationToMillion, "en")} net migrants a year reach ${count(millionTarget.value, "en")} in ${millionTarget.year} (the plan's target).`,
    },
    {
      zh: `2021—2025 年居民消费价格：未找到城区数据，用全国居民消费价格涨幅代替（content/data/national.csv）。GDP 平减指数每年 ${deflator}%（依据见 docs/model.md）。`,
      en: `CPI 2021–2025: national CPI (content/data/national.csv) as a proxy; the district's was not found. GDP deflator ${deflator}% a year (reasons in docs/model.md).`,
    },
    {
      zh: `不确定性（蒙特卡洛模拟）从 ${firstUnreported} 年开始，即第一个没有公布数据的年份。`,
      en: `Uncertainty (Monte Carlo) starts in ${firstUnreported}, the first year without a reported figure.`,
    },
  ],
  scenario: scenario({
    id: "reported",
    gdp: flat(plan.gdpGrowthTarget14th, toOverrides(reportedGdpRates)),
    income: { mode: "growth", growth: flat(plan.urbanIncomeGrowthTarget14th, toOverrides(reportedIncomeRates)) },
    population: "components",
    netMigration: flat(migrationToMillion, toOverrides(reportedMigration)),
    services: servicesHeld,
    cpi: flat(prices, toOverrides(cpiReported)),
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
