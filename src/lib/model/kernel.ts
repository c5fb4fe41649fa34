// The model's equations for one path, shared by the deterministic projection, the Monte Carlo
// paths and the sensitivity runs, so that a run without shocks is bit-for-bit the projection.
// Equations and sources: docs/model.md. Inner loops use flat Float64Arrays and locals only.
import { INPUT_IDS, type Scenario } from "../scenario/schema";
import type { FormulaSet } from "../formula/types";
import { plan } from "../data/plan";
import { ENV_SIZE, INPUT_COUNT, INPUT_INDEX, checkFormulaValue, resolveInputs, type FormulaSlot, type ResolvedInputs } from "./inputs";
import type { FormulaIssue } from "../formula/types";
import { nationalSeries } from "./national";
import { BASE_YEAR, YEAR_COUNT } from "./years";

/** Per-path outputs written by the kernel, in this order. */
export const PATH_OUTPUTS = [
  "gdpReal", // 亿元, constant 2020 prices
  "gdpNominal", // 亿元, current prices
  "residentPopulation", // persons
  "gdpPerCapita", // 元, current prices
  "gdpPerCapitaReal", // 元, constant 2020 prices
  "urbanIncome", // 元, current prices
  "urbanIncomeReal", // 元, 2020 prices (deflated by CPI)
] as const;
export type PathOutputId = (typeof PATH_OUTPUTS)[number];
export type PathOutputs = Record<PathOutputId, Float64Array>;

/** Outcome-level shock channels (added to the computed rate, not to an input). */
export const OUT_INCOME_GROWTH = 0; // pp on the urban income growth actually applied
export const OUT_POPULATION_GROWTH = 1; // ‰ on the population growth rate
export const OUT_CHANNELS = 2;

/**
 * Rates below −90 % a year are set to −90 %. Valid inputs never come near; only a Monte Carlo
 * shock far in the tail could, and a level must stay positive.
 */
export const RATE_FLOOR = -90;
/** Resident population never falls below this (persons), so per-capita values stay finite. */
export const POPULATION_FLOOR = 1000;

const G = INPUT_INDEX.gdpRealGrowth * YEAR_COUNT;
const D = INPUT_INDEX.gdpDeflator * YEAR_COUNT;
const N = INPUT_INDEX.naturalGrowth * YEAR_COUNT;
const M = INPUT_INDEX.netMigration * YEAR_COUNT;
const I = INPUT_INDEX.urbanIncomeGrowth * YEAR_COUNT;
const E = INPUT_INDEX.incomeElasticity * YEAR_COUNT;
const C = INPUT_INDEX.cpi * YEAR_COUNT;

export interface ModelContext {
  scenario: Scenario;
  inputs: ResolvedInputs;
  gdp0: number;
  population0: number;
  urbanIncome0: number;
  servicesShare0: number;
  populationTargetMode: boolean;
  /** Target mode: population growth per year, ‰ (index 0 unused). */
  populationPathRate: Float64Array;
  incomeElasticityMode: boolean;
  /** 服务业增加值比重 per year, %. */
  servicesShare: Float64Array;
  nationalUrbanIncome: Float64Array;
  nationalGdpPerCapita: Float64Array;
}

export type ContextResult = { ok: true; ctx: ModelContext } | { ok: false; issues: FormulaIssue[] };

/** Everything about a scenario that does not change between paths. */
export function prepare(s: Scenario, formulas?: FormulaSet): ContextResult {
  const resolved = resolveInputs(s, formulas);
  if (!resolved.ok) return resolved;
  const population0 = plan.residentPopulation2020;
  const populationPathRate = new Float64Array(YEAR_COUNT);
  if (s.population.mode === "target") {
    // Constant growth from the census to the target in the target year, then level.
    const years = s.population.year - BASE_YEAR;
    const rate = (Math.pow(s.population.target / population0, 1 / years) - 1) * 1000;
    for (let i = 1; i <= years; i++) populationPathRate[i] = rate;
  }
  const servicesShare0 = plan.servicesShare2020;
  const servicesShare = new Float64Array(YEAR_COUNT);
  const span = s.services.year - BASE_YEAR;
  for (let i = 0; i < YEAR_COUNT; i++) {
    servicesShare[i] = i >= span ? s.services.target : servicesShare0 + ((s.services.target - servicesShare0) * i) / span;
  }
  const national = nationalSeries(s.national.urbanIncomeGrowth, s.national.gdpPerCapitaGrowth);
  return {
    ok: true,
    ctx: {
      scenario: s,
      inputs: resolved.inputs,
      gdp0: plan.gdp2020,
      population0,
      urbanIncome0: plan.urbanIncome2020,
      servicesShare0,
      populationTargetMode: s.population.mode === "target",
      populationPathRate,
      incomeElasticityMode: s.income.mode === "elasticity",
      servicesShare,
      nationalUrbanIncome: national.urbanIncome,
      nationalGdpPerCapita: national.gdpPerCapita,
    },
  };
}

/** Output arrays for `paths` paths: value of year index i, path p at [i * paths + p]. */
export function allocateOutputs(paths: number): PathOutputs {
  const out = {} as PathOutputs;
  for (const id of PATH_OUTPUTS) out[id] = new Float64Array(YEAR_COUNT * paths);
  return out;
}

/** Formulas that must be re-evaluated on each path because they read a shocked input. */
export function dynamicSlots(ctx: ModelContext, shockedInputs: number): FormulaSlot[] {
  return ctx.inputs.formulas.filter((slot) => (slot.dependsOn & shockedInputs) !== 0);
}

/**
 * Run one path. `shockIn[k * YEAR_COUNT + i]` is added to input k in year index i (after its
 * formula, before formulas that read it); `shockOut` holds the outcome-level channels.
 * Writes year index i of path p at [i * stride + p]. Returns null, or the issue of a
 * re-evaluated formula whose value is not finite.
 */
export function runPath(
  ctx: ModelContext,
  dynamic: readonly FormulaSlot[],
  shockIn: Float64Array | null,
  shockOut: Float64Array | null,
  out: PathOutputs,
  stride: number,
  p: number,
  env: Float64Array,
): FormulaIssue | null {
  const v = ctx.inputs.values;
  const { gdpReal: oReal, gdpNominal: oNominal, residentPopulation: oPop, gdpPerCapita: oPc, gdpPerCapitaReal: oPcReal, urbanIncome: oInc, urbanIncomeReal: oIncReal } = out;
  const targetMode = ctx.populationTargetMode;
  const elastic = ctx.incomeElasticityMode;
  const popRate = ctx.populationPathRate;

  let real = ctx.gdp0;
  let deflator = 1;
  let population = ctx.population0;
  let income = ctx.urbanIncome0;
  let cpiIndex = 1;
  let perCapita = (real * 1e8) / population;
  oReal[p] = real;
  oNominal[p] = real;
  oPop[p] = population;
  oPc[p] = perCapita;
  oPcReal[p] = perCapita;
  oInc[p] = income;
  oIncReal[p] = income;

  for (let i = 1; i < YEAR_COUNT; i++) {
    let g = v[G + i]!;
    let d = v[D + i]!;
    let n = v[N + i]!;
    let m = v[M + i]!;
    let ig = v[I + i]!;
    let el = v[E + i]!;
    let c = v[C + i]!;
    if (shockIn !== null) {
      g += shockIn[G + i]!;
      d += shockIn[D + i]!;
      n += shockIn[N + i]!;
      m += shockIn[M + i]!;
      ig += shockIn[I + i]!;
      el += shockIn[E + i]!;
      c += shockIn[C + i]!;
    }
    if (dynamic.length > 0) {
      env[0] = BASE_YEAR + i;
      env[1 + INPUT_INDEX.gdpRealGrowth] = g;
      env[1 + INPUT_INDEX.gdpDeflator] = d;
      env[1 + INPUT_INDEX.naturalGrowth] = n;
      env[1 + INPUT_INDEX.netMigration] = m;
      env[1 + INPUT_INDEX.urbanIncomeGrowth] = ig;
      env[1 + INPUT_INDEX.incomeElasticity] = el;
      env[1 + INPUT_INDEX.cpi] = c;
      for (let j = 0; j < dynamic.length; j++) {
        const slot = dynamic[j]!;
        if (slot.applies[i] === 0) continue;
        const x = slot.formula.evaluate(env) + (shockIn === null ? 0 : shockIn[slot.k * YEAR_COUNT + i]!);
        if (!Number.isFinite(x)) return checkFormulaValue(INPUT_IDS[slot.k]!, slot.formula, env, x, BASE_YEAR + i);
        env[1 + slot.k] = x;
      }
      g = env[1 + INPUT_INDEX.gdpRealGrowth]!;
      d = env[1 + INPUT_INDEX.gdpDeflator]!;
      n = env[1 + INPUT_INDEX.naturalGrowth]!;
      m = env[1 + INPUT_INDEX.netMigration]!;
      ig = env[1 + INPUT_INDEX.urbanIncomeGrowth]!;
      el = env[1 + INPUT_INDEX.incomeElasticity]!;
      c = env[1 + INPUT_INDEX.cpi]!;
    }

    // GDP: real growth at comparable prices; nominal = real × deflator index.
    real *= 1 + (g > RATE_FLOOR ? g : RATE_FLOOR) / 100;
    deflator *= 1 + (d > RATE_FLOOR ? d : RATE_FLOOR) / 100;
    const nominal = real * deflator;

    // 常住人口: natural growth (‰) plus net migration, or the target path.
    let popGrowth = targetMode ? popRate[i]! : n;
    if (shockOut !== null) popGrowth += shockOut[OUT_POPULATION_GROWTH * YEAR_COUNT + i]!;
    population = population * (1 + (popGrowth > RATE_FLOOR * 10 ? popGrowth : RATE_FLOOR * 10) / 1000) + (targetMode ? 0 : m);
    if (!(population >= POPULATION_FLOOR)) population = POPULATION_FLOOR;

    const newPerCapita = (nominal * 1e8) / population;
    // 城镇居民人均可支配收入: own nominal growth, or elasticity × per-capita nominal GDP growth.
    let incomeGrowth = elastic ? el * (newPerCapita / perCapita - 1) * 100 : ig;
    if (shockOut !== null) incomeGrowth += shockOut[OUT_INCOME_GROWTH * YEAR_COUNT + i]!;
    income *= 1 + (incomeGrowth > RATE_FLOOR ? incomeGrowth : RATE_FLOOR) / 100;
    cpiIndex *= 1 + (c > RATE_FLOOR ? c : RATE_FLOOR) / 100;
    perCapita = newPerCapita;

    const o = i * stride + p;
    oReal[o] = real;
    oNominal[o] = nominal;
    oPop[o] = population;
    oPc[o] = perCapita;
    oPcReal[o] = (real * 1e8) / population;
    oInc[o] = income;
    oIncReal[o] = income / cpiIndex;
  }
  return null;
}

export { ENV_SIZE, INPUT_COUNT };
