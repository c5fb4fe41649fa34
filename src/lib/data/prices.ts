// Evidence for the GDP deflator assumption, computed from content/ (the plan's 专栏1 and the
// NBS series in content/data/national.csv) rather than typed in. docs/model.md explains the
// choice; the presets use `deflatorDefault`, and the target table says where a verdict
// would flip inside `deflatorRange`.
import { national } from "./national.generated";
import { plan } from "./plan";

function row(year: number) {
  const r = national.find((x) => x.year === year);
  if (!r) throw new Error(`content/data/national.csv has no ${year}`);
  return r;
}
function realIndex(from: number, to: number): number {
  let k = 1;
  for (let y = from + 1; y <= to; y++) {
    const g = row(y).gdp_real_growth_pct;
    if (g === null) throw new Error(`content/data/national.csv has no real GDP growth for ${y}`);
    k *= 1 + g / 100;
  }
  return k;
}
/** Nominal GDP ratio to/from on one statistical basis (both figures before, or both after, a revision). */
function nominalRatio(from: number, to: number, revisedFrom: boolean): number {
  const a = revisedFrom ? row(from).gdp_revised_100m_yuan : row(from).gdp_100m_yuan;
  const b = row(to).gdp_100m_yuan;
  if (a === null || b === null) throw new Error(`content/data/national.csv lacks GDP for ${from} or ${to}`);
  return b / a;
}
const annual = (ratio: number, years: number) => (Math.pow(ratio, 1 / years) - 1) * 100;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The fifth economic census raised 2023 GDP (NBS, 2024-12-26); 2024 and 2025 are on the new
 * basis, 2020–2022 on the old. Nominal growth is therefore taken within a basis: 2020→2023 on
 * the preliminary figures, 2023→2025 from the revised 2023 figure.
 */
const national2021to2025 = annual((nominalRatio(2020, 2023, false) * nominalRatio(2023, 2025, true)) / realIndex(2020, 2025), 5);
const national2024to2025 = annual(nominalRatio(2023, 2025, true) / realIndex(2023, 2025), 2);
/** 专栏1: nominal GDP 2015→2020 against the 7.9 % real growth the table reports. */
const district2016to2020 = annual(plan.gdp2020 / plan.gdp2015 / Math.pow(1 + plan.gdpGrowth13th / 100, 5), 5);

export interface PriceEvidence {
  id: "district-2016-2020" | "national-2021-2025" | "national-2024-2025" | "cpi-13th";
  /** Average % a year, one decimal. */
  value: number;
  zh: string;
  en: string;
}

/** What the deflator has been, in the plan's own table and in the national accounts. */
export const priceEvidence: readonly PriceEvidence[] = Object.freeze([
  {
    id: "district-2016-2020",
    value: round1(district2016to2020),
    zh: "城区2016—2020年：专栏1现价地区生产总值年均增长与可比价增长（7.9%）之差",
    en: "Chengqu 2016–2020: 专栏1's nominal GDP growth against its 7.9% real growth",
  },
  {
    id: "national-2021-2025",
    value: round1(national2021to2025),
    zh: "全国2021—2025年GDP平减指数年均涨幅（国家统计局，经济普查修订前后分段计算）",
    en: "China's GDP deflator 2021–2025 (NBS; computed within each side of the census revision)",
  },
  {
    id: "national-2024-2025",
    value: round1(national2024to2025),
    zh: "全国2024—2025年GDP平减指数年均涨幅（国家统计局）",
    en: "China's GDP deflator 2024–2025 (NBS)",
  },
  { id: "cpi-13th", value: plan.cpiGrowth13th, zh: "城区“十三五”居民消费价格年均涨幅（专栏1）", en: "Chengqu's 13th-plan CPI average (专栏1)" },
]);

const evidence = (id: PriceEvidence["id"]) => priceEvidence.find((e) => e.id === id)!.value;

/**
 * Default GDP deflator, % a year: China's deflator over the 14th-plan period, the latest full
 * period and a middle value of the evidence (the district's own 2016–2020 figure is lower,
 * the 13th-plan CPI higher).
 */
export const deflatorDefault = evidence("national-2021-2025");

/** The range of deflators the evidence supports: its lowest and highest value. */
export const deflatorRange = Object.freeze({
  low: Math.min(...priceEvidence.map((e) => e.value)),
  high: Math.max(...priceEvidence.map((e) => e.value)),
});
