// The plan's figures the engine needs, read from content/ (the one place the plan's words and
// numbers live) rather than typed again here. If a row or cell the engine relies on goes
// missing, importing this module fails loudly; test/unit/engine-data.test.ts checks them.
// 专栏1 and 专栏2 come through indicator-cells.generated.ts (their numeric cells only, generated
// from content/indicators/*.json): the tables' words are the reader's, not the engine's.
import { indicatorCells } from "./indicator-cells.generated";
import targetsJson from "../../../content/targets.json" with { type: "json" };
import { chengqu } from "./chengqu.generated";
import { COMPARATORS, TARGET_METRICS, type Comparator, type TargetMetric } from "./target-kinds";

function cell(tableName: "thirteenth-plan" | "fourteenth-plan", rowId: string, key: string): number {
  const value = indicatorCells[tableName]?.[rowId]?.[key];
  if (typeof value !== "number") {
    throw new Error(`content/indicators/${tableName}.json: row "${rowId}" has no numeric cell "${key}"`);
  }
  return value;
}
const t13 = (row: string, key: string) => cell("thirteenth-plan", row, key);
const t14 = (row: string, key: string) => cell("fourteenth-plan", row, key);

function reported(indicator: string, year: number): number {
  const row = chengqu.find((r) => r.indicator === indicator && r.year === year);
  if (!row) throw new Error(`content/data/chengqu.csv: no ${indicator} for ${year}`);
  return row.value;
}

/** Figures from 专栏1 (“十三五”规划主要指标实现情况), 专栏2 and the census. */
export const plan = Object.freeze({
  /** 地区生产总值 2020, 亿元 (专栏1). */
  gdp2020: t13("gdp", "y2020"),
  gdp2015: t13("gdp", "y2015"),
  /** “十三五” average real GDP growth, % (专栏1). */
  gdpGrowth13th: t13("gdp", "growth"),
  /** 服务业增加值比重 2020, % (专栏1). */
  servicesShare2020: t13("services-share", "y2020"),
  servicesShare2015: t13("services-share", "y2015"),
  /** 城镇居民人均可支配收入 2020, 元 (专栏1). */
  urbanIncome2020: t13("urban-income", "y2020"),
  urbanIncome2015: t13("urban-income", "y2015"),
  /** “十三五” average growth of urban income, % (专栏1). */
  urbanIncomeGrowth13th: t13("urban-income", "growth"),
  /** 社会消费品零售总额, 亿元 (专栏1), used to check the compound-growth arithmetic. */
  retailSales2015: t13("retail-sales", "y2015"),
  retailSales2020: t13("retail-sales", "y2020"),
  retailSalesGrowth13th: t13("retail-sales", "growth"),
  /** 居民消费价格指数上涨幅度 “十三五” average, % (专栏1). */
  cpiGrowth13th: t13("cpi-increase", "growth"),
  /** “十四五” target: GDP 年均增速 (专栏2, ">9"). */
  gdpGrowthTarget14th: t14("gdp-growth", "growth"),
  /** “十四五” target: 城镇居民人均可支配收入增速 (专栏2, "9"). */
  urbanIncomeGrowthTarget14th: t14("urban-income-growth", "growth"),
  /** 常住人口, 7th census (2020), persons. */
  residentPopulation2020: reported("resident_population", 2020),
});

/** Reported district outcomes whose growth rates are comparable with the plan's (levels are not). */
export const reportedGrowth = Object.freeze({
  gdpRealGrowth: Object.freeze(
    Object.fromEntries(chengqu.filter((r) => r.indicator === "gdp_real_growth").map((r) => [String(r.year), r.value])),
  ) as Readonly<Record<string, number>>,
  urbanIncomeGrowth: Object.freeze(
    Object.fromEntries(chengqu.filter((r) => r.indicator === "urban_income_growth").map((r) => [String(r.year), r.value])),
  ) as Readonly<Record<string, number>>,
  /** Urban disposable income per capita, 元 (current prices), where a level was reported. */
  urbanIncome: Object.freeze(
    Object.fromEntries(chengqu.filter((r) => r.indicator === "urban_income").map((r) => [String(r.year), r.value])),
  ) as Readonly<Record<string, number>>,
  /** Year-end resident population reported after the census, persons. */
  residentPopulation: Object.freeze(
    Object.fromEntries(chengqu.filter((r) => r.indicator === "resident_population").map((r) => [String(r.year), r.value])),
  ) as Readonly<Record<string, number>>,
});

export type { TargetMetric, Comparator } from "./target-kinds";
/** A quantified target of the plan (content/targets.json; schema in src/schemas/content.ts). */
export interface PlanTarget {
  id: string;
  label: string;
  /** How this site reads the target, where the plan's words leave a choice. */
  note?: string;
  year: number;
  metric: TargetMetric;
  comparator: Comparator;
  value: number;
  unit: string;
  quote: string;
  chapter: string;
  section?: string;
}

function toTarget(x: unknown, i: number): PlanTarget {
  const t = x as Partial<PlanTarget>;
  if (
    typeof t.id !== "string" ||
    typeof t.year !== "number" ||
    typeof t.value !== "number" ||
    !(TARGET_METRICS as readonly unknown[]).includes(t.metric) ||
    !(COMPARATORS as readonly unknown[]).includes(t.comparator)
  ) {
    throw new Error(`content/targets.json: entry ${i} is not a target`);
  }
  return t as PlanTarget;
}

/** Every target in content/targets.json, in file order. */
export const planTargets: readonly PlanTarget[] = Object.freeze((targetsJson as unknown[]).map(toTarget));
