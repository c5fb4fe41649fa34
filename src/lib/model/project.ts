// The deterministic projection: one annual path 2020..2035 for a scenario.
import { INPUT_IDS, type InputId, type Scenario } from "../scenario/schema";
import type { FormulaIssue, FormulaSet } from "../formula/types";
import { INPUT_COUNT } from "./inputs";
import { allocateContextBuffers, allocateOutputs, allocateWorkspace, prepare, runPaths, type ContextBuffers, type ModelContext, type PathOutputs, type Workspace } from "./kernel";
import { checkTargets, type TargetCheck } from "./targets";
import { averageAnnualGrowth } from "./growth";
import { BASE_YEAR, YEARS, YEAR_COUNT } from "./years";

/** Values of the main series in one year. */
export interface Snapshot {
  year: number;
  gdpReal: number;
  gdpNominal: number;
  residentPopulation: number;
  gdpPerCapita: number;
  urbanIncome: number;
  urbanIncomeReal: number;
  servicesShare: number;
  servicesValueAdded: number;
  /** Average annual real GDP growth since 2020, %. */
  gdpRealGrowthAvg: number;
  /** Average annual nominal urban income growth since 2020, %. */
  urbanIncomeGrowthAvg: number;
  /** District as % of the national average. */
  urbanIncomeVsNational: number;
  gdpPerCapitaVsNational: number;
}

/** Every array has one value per year, index 0 = 2020 … index 15 = 2035. */
export interface Projection {
  years: readonly number[];
  /** 地区生产总值, 亿元 at constant 2020 prices. */
  gdpReal: number[];
  /** 地区生产总值, 亿元 at current prices. */
  gdpNominal: number[];
  /** 常住人口, persons. */
  residentPopulation: number[];
  /** 人均地区生产总值, 元 at current prices. */
  gdpPerCapita: number[];
  /** 人均地区生产总值, 元 at constant 2020 prices. */
  gdpPerCapitaReal: number[];
  /** 城镇居民人均可支配收入, 元 at current prices. */
  urbanIncome: number[];
  /** The same at 2020 prices (deflated by the CPI path). */
  urbanIncomeReal: number[];
  /** 服务业增加值比重, %. */
  servicesShare: number[];
  /** 服务业增加值, 亿元 at current prices. */
  servicesValueAdded: number[];
  /** GDP deflator and CPI, 2020 = 100. */
  gdpDeflatorIndex: number[];
  cpiIndex: number[];
  /** National urban income and per-capita GDP, 元 at current prices (reported, then assumed growth). */
  nationalUrbanIncome: number[];
  nationalGdpPerCapita: number[];
  /** District as % of the national average. */
  urbanIncomeVsNational: number[];
  gdpPerCapitaVsNational: number[];
  /** The inputs as used, per year 2021..2035 (index 0 = 2021): periods, overrides and formulas resolved. */
  inputs: Record<InputId, number[]>;
  milestones: { 2025: Snapshot; 2035: Snapshot };
  targetChecks: TargetCheck[];
  /** First year the district's urban income (or per-capita GDP) is at least the national average; null if not by 2035. */
  incomeCatchUpYear: number | null;
  gdpPerCapitaCatchUpYear: number | null;
  /** First year real GDP is at least twice 2020's; null if not by 2035. */
  doublingYear: number | null;
  /** First year the resident population reaches 1,000,000 (百万人口); null if not by 2035. */
  millionPopulationYear: number | null;
}

export type ProjectResult = { ok: true; projection: Projection } | { ok: false; issues: FormulaIssue[] };

/**
 * Project a validated scenario. Scenarios with formulas need the compiled formulas
 * (compileFormulas in src/lib/formula); without them, or when a formula has no usable value,
 * the result lists the issues instead. Never throws for a validated scenario.
 */
let scratch: { out: PathOutputs; ws: Workspace; context: ContextBuffers } | undefined;

export function project(s: Scenario, formulas?: FormulaSet): ProjectResult {
  // The context and the path are copied into plain arrays by assemble, so one scratch set
  // serves every call.
  scratch ??= { out: allocateOutputs(1), ws: allocateWorkspace(1), context: allocateContextBuffers() };
  const prepared = prepare(s, formulas, scratch.context);
  if (!prepared.ok) return prepared;
  const ctx = prepared.ctx;
  const out = scratch.out;
  const issue = runPaths(ctx, 1, [], null, out, scratch.ws);
  if (issue) return { ok: false, issues: [issue] };
  return { ok: true, projection: assemble(ctx, out) };
}

/**
 * First year with values[i] ≥ reference, allowing for rounding in the last digits (a path built
 * to reach 1,000,000 arrives at 999,999.9999999995).
 */
function firstYear(values: ArrayLike<number>, reference: ArrayLike<number> | number): number | null {
  for (let i = 0; i < YEAR_COUNT; i++) {
    const r = typeof reference === "number" ? reference : reference[i]!;
    if (values[i]! >= r * (1 - 1e-12)) return BASE_YEAR + i;
  }
  return null;
}

/** Turn one path (stride 1) into the public Projection. */
function assemble(ctx: ModelContext, out: PathOutputs): Projection {
  // A plain loop: Array.from on a typed array goes through the iterator protocol and is several times slower.
  const list = (a: Float64Array): number[] => {
    const r = new Array<number>(a.length);
    for (let i = 0; i < a.length; i++) r[i] = a[i]!;
    return r;
  };
  const gdpReal = list(out.gdpReal);
  const gdpNominal = list(out.gdpNominal);
  const urbanIncome = list(out.urbanIncome);
  const urbanIncomeReal = list(out.urbanIncomeReal);
  const gdpPerCapita = list(out.gdpPerCapita);
  const servicesShare = list(ctx.servicesShare);
  const nationalUrbanIncome = list(ctx.nationalUrbanIncome);
  const nationalGdpPerCapita = list(ctx.nationalGdpPerCapita);
  const servicesValueAdded = gdpNominal.map((x, i) => (x * servicesShare[i]!) / 100);
  const urbanIncomeVsNational = urbanIncome.map((x, i) => (x / nationalUrbanIncome[i]!) * 100);
  const gdpPerCapitaVsNational = gdpPerCapita.map((x, i) => (x / nationalGdpPerCapita[i]!) * 100);
  const inputs = {} as Record<InputId, number[]>;
  for (let k = 0; k < INPUT_COUNT; k++) {
    const row = new Array<number>(YEAR_COUNT - 1);
    for (let i = 1; i < YEAR_COUNT; i++) row[i - 1] = ctx.inputs.values[k * YEAR_COUNT + i]!;
    inputs[INPUT_IDS[k]!] = row;
  }
  const residentPopulation = list(out.residentPopulation);
  const snapshot = (year: number): Snapshot => {
    const i = year - BASE_YEAR;
    return {
      year,
      gdpReal: gdpReal[i]!,
      gdpNominal: gdpNominal[i]!,
      residentPopulation: residentPopulation[i]!,
      gdpPerCapita: gdpPerCapita[i]!,
      urbanIncome: urbanIncome[i]!,
      urbanIncomeReal: urbanIncomeReal[i]!,
      servicesShare: servicesShare[i]!,
      servicesValueAdded: servicesValueAdded[i]!,
      gdpRealGrowthAvg: averageAnnualGrowth(gdpReal[0]!, gdpReal[i]!, i),
      urbanIncomeGrowthAvg: averageAnnualGrowth(urbanIncome[0]!, urbanIncome[i]!, i),
      urbanIncomeVsNational: urbanIncomeVsNational[i]!,
      gdpPerCapitaVsNational: gdpPerCapitaVsNational[i]!,
    };
  };
  // One object literal (no spread of a partial one): a projection is made on every slider step
  // and many times by goal seek and the sensitivity runs.
  return {
    years: YEARS,
    gdpReal,
    gdpNominal,
    residentPopulation,
    gdpPerCapita,
    gdpPerCapitaReal: list(out.gdpPerCapitaReal),
    urbanIncome,
    urbanIncomeReal,
    servicesShare,
    servicesValueAdded,
    gdpDeflatorIndex: gdpNominal.map((x, i) => (x / gdpReal[i]!) * 100),
    cpiIndex: urbanIncome.map((x, i) => (x / urbanIncomeReal[i]!) * 100),
    nationalUrbanIncome,
    nationalGdpPerCapita,
    urbanIncomeVsNational,
    gdpPerCapitaVsNational,
    inputs,
    milestones: { 2025: snapshot(2025), 2035: snapshot(2035) },
    targetChecks: checkTargets(ctx, out),
    incomeCatchUpYear: firstYear(urbanIncome, nationalUrbanIncome),
    gdpPerCapitaCatchUpYear: firstYear(gdpPerCapita, nationalGdpPerCapita),
    doublingYear: firstYear(gdpReal, 2 * gdpReal[0]!),
    millionPopulationYear: firstYear(residentPopulation, 1_000_000),
  };
}
