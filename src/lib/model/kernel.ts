// The model's equations for one path, shared by the deterministic projection, the Monte Carlo
// paths and the sensitivity runs, so that a run without shocks is bit-for-bit the projection.
// Equations and sources: docs/model.md. Inner loops use flat Float64Arrays and locals only.
import { INPUT_IDS, type Scenario } from "../scenario/schema";
import type { FormulaSet } from "../formula/types";
import { plan } from "../data/plan";
import { ENV_SIZE, INPUT_COUNT, INPUT_INDEX, checkFormulaValue, resolveInputs, type FormulaSlot, type ResolvedInputs } from "./inputs";
import type { FormulaIssue } from "../formula/types";
import { nationalSeries } from "./national";
import { portableRoot } from "./rng";
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

/** Outcomes of a path that are not outputs: computed from an output and a series of the context. */
export const DERIVED_OUTCOMES = [
  "servicesValueAdded", // 亿元, current prices
  "urbanIncomeVsNational", // % of the national average
  "gdpPerCapitaVsNational", // % of the national average
] as const;
export type OutcomeId = PathOutputId | (typeof DERIVED_OUTCOMES)[number];

/**
 * Shock buffer layout: one row of YEAR_COUNT per input (INPUT_IDS order, added to the input),
 * then one row per outcome channel (added to a computed rate, not to an input).
 */
export const OUT_INCOME_GROWTH = INPUT_COUNT; // pp on the urban income growth actually applied
export const OUT_POPULATION_GROWTH = INPUT_COUNT + 1; // ‰ on the population growth rate
export const SHOCK_ROWS = INPUT_COUNT + 2;

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

/**
 * The typed arrays of a context, for a caller that prepares one scenario after another and keeps
 * none of them (project, which copies what it returns): allocating three small Float64Arrays was
 * about a fifth of a projection's time.
 */
export interface ContextBuffers {
  values: Float64Array;
  populationPathRate: Float64Array;
  servicesShare: Float64Array;
}

export function allocateContextBuffers(): ContextBuffers {
  return { values: new Float64Array(INPUT_COUNT * YEAR_COUNT), populationPathRate: new Float64Array(YEAR_COUNT), servicesShare: new Float64Array(YEAR_COUNT) };
}

/**
 * Everything about a scenario that does not change between paths. With `buffers`, the context's
 * arrays are those buffers, overwritten by the next call that passes them.
 */
export function prepare(s: Scenario, formulas?: FormulaSet, buffers?: ContextBuffers): ContextResult {
  const resolved = resolveInputs(s, formulas, buffers?.values);
  if (!resolved.ok) return resolved;
  const population0 = plan.residentPopulation2020;
  const populationPathRate = buffers ? buffers.populationPathRate.fill(0) : new Float64Array(YEAR_COUNT);
  if (s.population.mode === "target") {
    // Constant growth from the census to the target in the target year, then level.
    const years = s.population.year - BASE_YEAR;
    // portableRoot, not Math.pow: every path starts from this rate, and Monte Carlo results
    // are to be the same bits in every engine (docs/model.md).
    const rate = (portableRoot(s.population.target / population0, years) - 1) * 1000;
    for (let i = 1; i <= years; i++) populationPathRate[i] = rate;
  }
  const servicesShare0 = plan.servicesShare2020;
  const servicesShare = buffers?.servicesShare ?? new Float64Array(YEAR_COUNT);
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

/**
 * Output arrays for `paths` paths: value of year index i, path p at [(i mod years) · paths + p].
 * `years` is YEAR_COUNT (every year kept), or 2 for a run whose observer reads each year as it
 * is done (the years then take turns in two rows: 1.1 MB instead of 9 MB for 10,000 paths).
 */
export function allocateOutputs(paths: number, years: number = YEAR_COUNT): PathOutputs {
  const out = {} as PathOutputs;
  for (const id of PATH_OUTPUTS) out[id] = new Float64Array(years * paths);
  return out;
}

/** Outcome `id` in year index i of a single path (stride 1), in the Projection's units. */
export function outcomeAt(ctx: ModelContext, out: PathOutputs, id: OutcomeId, i: number): number {
  switch (id) {
    case "servicesValueAdded":
      return (out.gdpNominal[i]! * ctx.servicesShare[i]!) / 100;
    case "urbanIncomeVsNational":
      return (out.urbanIncome[i]! / ctx.nationalUrbanIncome[i]!) * 100;
    case "gdpPerCapitaVsNational":
      return (out.gdpPerCapita[i]! / ctx.nationalGdpPerCapita[i]!) * 100;
    default:
      return out[id][i]!;
  }
}

/** Formulas that must be re-evaluated on each path because they read a shocked input. */
export function dynamicSlots(ctx: ModelContext, shockedInputs: number): FormulaSlot[] {
  return ctx.inputs.formulas.filter((slot) => (slot.dependsOn & shockedInputs) !== 0);
}

/**
 * Shocks for a run: SHOCK_ROWS rows of one value per path (null: no shock in that row),
 * refreshed by `update(i)` before year index i is computed. Row k < INPUT_COUNT is added to
 * input k (after its formula, before formulas that read it); rows OUT_* are added to the
 * income and population growth rates. Which rows are null must not change during a run.
 */
export interface ShockSource {
  readonly rows: readonly (Float64Array | null)[];
  update(i: number): void;
}

/**
 * Told when year index i is final on every path (i = 0 … YEAR_COUNT − 1, in order), so that a
 * caller can summarise the year while its values are still in the processor's cache (and
 * before a two-year output buffer overwrites them). Path p's values are at [from + p].
 */
export interface YearObserver {
  yearDone(i: number, from: number): void;
}

/**
 * Per-path state that is not an output (the rest is read back from the previous year's
 * outputs), reusable between runs with as many paths.
 */
export interface Workspace {
  paths: number;
  /** GDP deflator and CPI, 2020 = 1. */
  deflator: Float64Array;
  cpiIndex: Float64Array;
  env: Float64Array;
}

export function allocateWorkspace(paths: number): Workspace {
  return { paths, deflator: new Float64Array(paths), cpiIndex: new Float64Array(paths), env: new Float64Array(ENV_SIZE) };
}

/**
 * Run `paths` paths side by side, year after year: the inner loop is over paths, which are
 * independent, so the processor can overlap them (a path-by-path loop waits on each year's
 * multiplication chain). Writes year index i of path p at out[…][(i mod years kept) · paths
 * + p] (see allocateOutputs), and tells `observer` after each year. Returns null, or the issue of a formula re-evaluated under
 * shocks whose value is not finite (the run stops there).
 */
export function runPaths(
  ctx: ModelContext,
  paths: number,
  dynamic: readonly FormulaSlot[],
  shocks: ShockSource | null,
  out: PathOutputs,
  ws: Workspace,
  observer: YearObserver | null = null,
): FormulaIssue | null {
  const v = ctx.inputs.values;
  const { gdpReal: oReal, gdpNominal: oNominal, residentPopulation: oPop, gdpPerCapita: oPc, gdpPerCapitaReal: oPcReal, urbanIncome: oInc, urbanIncomeReal: oIncReal } = out;
  const { deflator, cpiIndex, env } = ws;
  // `=== true`: V8 then knows these are booleans and tests them as such in the loop, instead
  // of JavaScript's general truthiness test on every iteration.
  const targetMode = ctx.populationTargetMode === true;
  const elastic = ctx.incomeElasticityMode === true;
  // Rows without shocks are skipped in the loop (a branch on a fixed condition costs less
  // than loading and adding zeros); x + 0 = x, so skipping changes no result.
  const row = (k: number) => (shocks === null ? null : (shocks.rows[k] ?? null));
  const sG = row(INPUT_INDEX.gdpRealGrowth);
  const sD = row(INPUT_INDEX.gdpDeflator);
  const sN = row(INPUT_INDEX.naturalGrowth);
  const sM = row(INPUT_INDEX.netMigration);
  const sI = row(INPUT_INDEX.urbanIncomeGrowth);
  const sE = row(INPUT_INDEX.incomeElasticity);
  const sC = row(INPUT_INDEX.cpi);
  const sIncome = row(OUT_INCOME_GROWTH);
  const sPopulation = row(OUT_POPULATION_GROWTH);

  // The Monte Carlo's case (shocks on some of G, D, C and the two rates, no formula to
  // re-evaluate, every array a view of one buffer) runs in plainYear.
  const layout = shocks !== null && dynamic.length === 0 && sN === null && sM === null && sI === null && sE === null ? bufferLayout([sG, sD, sC, sIncome, sPopulation], out, ws) : null;
  const constants = new Float64Array(7);

  const gdp0 = ctx.gdp0;
  const population0 = ctx.population0;
  const income0 = ctx.urbanIncome0;
  const perCapita0 = gdp0 * (1e8 / population0);
  for (let p = 0; p < paths; p++) {
    deflator[p] = 1;
    cpiIndex[p] = 1;
    oReal[p] = gdp0;
    oNominal[p] = gdp0;
    oPop[p] = population0;
    oPc[p] = perCapita0;
    oPcReal[p] = perCapita0;
    oInc[p] = income0;
    oIncReal[p] = income0;
  }
  observer?.yearDone(0, 0);
  // Years kept in `out` (see allocateOutputs).
  const kept = oReal.length / paths;

  for (let i = 1; i < YEAR_COUNT; i++) {
    shocks?.update(i);
    const g0 = v[G + i]!;
    const d0 = v[D + i]!;
    const n0 = v[N + i]!;
    const m0 = v[M + i]!;
    const ig0 = v[I + i]!;
    const el0 = v[E + i]!;
    const c0 = v[C + i]!;
    const popRate = ctx.populationPathRate[i]!;
    const o = (i % kept) * paths;
    const prev = ((i - 1) % kept) * paths;
    if (layout) {
      constants[0] = g0;
      constants[1] = d0;
      constants[2] = c0;
      constants[3] = targetMode ? popRate : n0;
      constants[4] = targetMode ? 0 : m0;
      constants[5] = ig0;
      constants[6] = el0;
      layout.offsets[PLAIN_O] = o;
      layout.offsets[PLAIN_PREV] = prev;
      if (layout.wasm !== null) layout.wasm.year(layout.buffer, wasmAddresses(layout.offsets, layout.wasmAt), constants, paths, elastic);
      else plainYear(layout.buffer, layout.offsets, paths, constants, elastic);
      observer?.yearDone(i, o);
      continue;
    }
    for (let p = 0; p < paths; p++) {
      let g = sG === null ? g0 : g0 + sG[p]!;
      let d = sD === null ? d0 : d0 + sD[p]!;
      let n = sN === null ? n0 : n0 + sN[p]!;
      let m = sM === null ? m0 : m0 + sM[p]!;
      let ig = sI === null ? ig0 : ig0 + sI[p]!;
      let el = sE === null ? el0 : el0 + sE[p]!;
      let c = sC === null ? c0 : c0 + sC[p]!;
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
          const shock = shocks === null ? null : shocks.rows[slot.k];
          const x = slot.formula.evaluate(env) + (shock ? shock[p]! : 0);
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
      // (growthFactor written out: a call that is not inlined boxes its double argument and
      // result, and allocation then dominates the loop. The floors are literals, −90 being
      // RATE_FLOOR, −900 ‰ the same in ‰ and 1000 POPULATION_FLOOR, for the same reason:
      // V8 reads a module-level constant from its context slot on every iteration, and
      // `x > FLOOR ? x : FLOOR` then mixes a double with a small integer and boxes the
      // result, which halves the speed of the loop. A test checks both floors.)
      const r = oReal[prev + p]! * (1 + (g > -90 ? g : -90) * 0.01);
      const defl = deflator[p]! * (1 + (d > -90 ? d : -90) * 0.01);
      const nominal = r * defl;

      // 常住人口: natural growth (‰) plus net migration, or the target path.
      const popGrowth = sPopulation === null ? (targetMode ? popRate : n) : (targetMode ? popRate : n) + sPopulation[p]!;
      let pop = oPop[prev + p]! * (1 + (popGrowth > -900 ? popGrowth : -900) * 0.001) + (targetMode ? 0 : m);
      if (!(pop >= 1000)) pop = 1000;

      // One division for both per-capita values (亿元 → 元: × 1e8).
      const perPerson = 1e8 / pop;
      const pc = nominal * perPerson;
      // 城镇居民人均可支配收入: own nominal growth, or elasticity × per-capita nominal GDP growth.
      const ownGrowth = elastic ? el * (pc / oPc[prev + p]! - 1) * 100 : ig;
      const incomeGrowth = sIncome === null ? ownGrowth : ownGrowth + sIncome[p]!;
      const inc = oInc[prev + p]! * (1 + (incomeGrowth > -90 ? incomeGrowth : -90) * 0.01);
      const cpiI = cpiIndex[p]! * (1 + (c > -90 ? c : -90) * 0.01);

      deflator[p] = defl;
      cpiIndex[p] = cpiI;
      oReal[o + p] = r;
      oNominal[o + p] = nominal;
      oPop[o + p] = pop;
      oPc[o + p] = pc;
      oPcReal[o + p] = r * perPerson;
      oInc[o + p] = inc;
      oIncReal[o + p] = inc / cpiI;
    }
    observer?.yearDone(i, o);
  }
  return null;
}

// plainYear's offsets: five shock rows (−1: none), seven outputs and two workspace rows (start
// of the array in the buffer), then the current and the previous year's row in the outputs.
const PLAIN_ROWS = 5;
const PLAIN_O = PLAIN_ROWS + PATH_OUTPUTS.length + 2;
const PLAIN_PREV = PLAIN_O + 1;

/**
 * Where the arrays of a run lie in their common buffer (element offsets, see PLAIN_O), or
 * null when they are not all views of one buffer.
 */
function bufferLayout(rows: readonly (Float64Array | null)[], out: PathOutputs, ws: Workspace): BufferLayout | null {
  const arrays = [...rows, ...PATH_OUTPUTS.map((id) => out[id]), ws.deflator, ws.cpiIndex];
  const buffer = out.gdpReal.buffer;
  if (!(buffer instanceof ArrayBuffer) || arrays.some((a) => a !== null && a.buffer !== buffer)) return null;
  const offsets = new Int32Array(PLAIN_PREV + 1);
  arrays.forEach((a, k) => (offsets[k] = a === null ? -1 : a.byteOffset / 8));
  const wasm = kernelWasm !== null && buffer === kernelWasm.memory.buffer ? kernelWasm : null;
  return { buffer: new Float64Array(buffer), offsets, wasm, wasmAt: new Int32Array(WASM_AT) };
}
interface BufferLayout {
  buffer: Float64Array;
  offsets: Int32Array;
  wasm: KernelWasm | null;
  /** The addresses for KernelWasm.year, filled by wasmAddresses. */
  wasmAt: Int32Array;
}

/** The kernel's year in WebAssembly (wasm/kernels.ts), for a buffer in its memory. */
export interface KernelWasm {
  memory: WebAssembly.Memory;
  /**
   * plainYear: `at` as WASM_AT element offsets into `buffer` (a view of the whole memory;
   * −1: no such row), constants as plainYear's.
   */
  year(buffer: Float64Array, at: Int32Array, constants: Float64Array, paths: number, elastic: boolean): void;
  /** A buffer of `doubles` in its memory, with room for the percentiles of `values` values. */
  buffer(doubles: number, values: number): Float64Array;
  /** montecarlo.ts eventYear's pass over the waiting paths (values and list in its memory). */
  events(values: Float64Array, row: number, waiting: Int32Array, left: number, all: boolean, r: number): number;
}
let kernelWasm: KernelWasm | null = null;
export function setKernelWasm(k: KernelWasm | null): void {
  kernelWasm = k;
}
/** The WebAssembly kernels, if `buffer` is their memory. */
export function kernelWasmFor(buffer: ArrayBufferLike): KernelWasm | null {
  return kernelWasm !== null && buffer === kernelWasm.memory.buffer ? kernelWasm : null;
}
/** What runBuffer's buffers belong to now (null: plain arrays); a workspace made for another is to be made again. */
export function runBufferOwner(): object | null {
  return kernelWasm;
}
/** The buffer for a run's arrays: in WebAssembly's memory when its kernels are installed. */
export function runBuffer(doubles: number, values: number): Float64Array {
  return kernelWasm === null ? new Float64Array(doubles) : kernelWasm.buffer(doubles, values);
}
/**
 * mc.wat's year takes: the five shock rows, this year's seven outputs, last year's real GDP,
 * population, per-capita GDP and income, the deflator and CPI indices.
 */
const WASM_AT = 18;
function wasmAddresses(offsets: Int32Array, at: Int32Array): Int32Array {
  const o = offsets[PLAIN_O]!;
  const prev = offsets[PLAIN_PREV]!;
  for (let k = 0; k < PLAIN_ROWS; k++) at[k] = offsets[k]!;
  for (let k = 0; k < PATH_OUTPUTS.length; k++) at[PLAIN_ROWS + k] = offsets[PLAIN_ROWS + k]! + o;
  at[12] = offsets[5]! + prev; // gdpReal
  at[13] = offsets[7]! + prev; // residentPopulation
  at[14] = offsets[8]! + prev; // gdpPerCapita
  at[15] = offsets[10]! + prev; // urbanIncome
  at[16] = offsets[12]!; // deflator
  at[17] = offsets[13]!; // CPI
  return at;
}

/**
 * One year of runPaths' loop, for the Monte Carlo: the same arithmetic, operation for
 * operation, on arrays given as offsets into one buffer. One typed array instead of fourteen:
 * V8 checks and loads a typed array's map, data pointer and length again at each access, in
 * every iteration; with one array that happens once per iteration. Constants come unboxed
 * from a Float64Array, the offsets from an Int32Array (number parameters would be checked
 * again at every use in the loop). In target mode constants[3] is the target path's rate and
 * constants[4] (migration) is 0, which adds nothing.
 */
function plainYear(buf: Float64Array, at: Int32Array, paths: number, constants: Float64Array, elastic: boolean): void {
  const g0 = constants[0]!;
  const d0 = constants[1]!;
  const c0 = constants[2]!;
  const popBase = constants[3]!;
  const m0 = constants[4]!;
  const ig0 = constants[5]!;
  const el0 = constants[6]!;
  const isElastic = elastic === true;
  const sG = at[0]!;
  const sD = at[1]!;
  const sC = at[2]!;
  const sIncome = at[3]!;
  const sPopulation = at[4]!;
  const hasG = sG >= 0;
  const hasD = sD >= 0;
  const hasC = sC >= 0;
  const hasIncome = sIncome >= 0;
  const hasPopulation = sPopulation >= 0;
  const o = at[PLAIN_O]!;
  const prev = at[PLAIN_PREV]!;
  // Outputs (PATH_OUTPUTS order) in this year's row and in last year's.
  const oReal = at[5]! + o;
  const oNominal = at[6]! + o;
  const oPop = at[7]! + o;
  const oPc = at[8]! + o;
  const oPcReal = at[9]! + o;
  const oInc = at[10]! + o;
  const oIncReal = at[11]! + o;
  const pReal = at[5]! + prev;
  const pPop = at[7]! + prev;
  const pPc = at[8]! + prev;
  const pInc = at[10]! + prev;
  const deflator = at[12]!;
  const cpiIndex = at[13]!;
  const n = paths | 0;
  for (let p = 0; p < n; p++) {
    // Read first and unconditionally, so that V8's check of `buf` here covers the reads in
    // the branches below (its checks are not hoisted out of the loop).
    const deflPrev = buf[deflator + p]!;
    const g = hasG ? g0 + buf[sG + p]! : g0;
    const d = hasD ? d0 + buf[sD + p]! : d0;
    const c = hasC ? c0 + buf[sC + p]! : c0;
    // As in runPaths (see there for the literals).
    const r = buf[pReal + p]! * (1 + (g > -90 ? g : -90) * 0.01);
    const defl = deflPrev * (1 + (d > -90 ? d : -90) * 0.01);
    const nominal = r * defl;
    const popGrowth = hasPopulation ? popBase + buf[sPopulation + p]! : popBase;
    let pop = buf[pPop + p]! * (1 + (popGrowth > -900 ? popGrowth : -900) * 0.001) + m0;
    if (!(pop >= 1000)) pop = 1000;
    const perPerson = 1e8 / pop;
    const pc = nominal * perPerson;
    const ownGrowth = isElastic ? el0 * (pc / buf[pPc + p]! - 1) * 100 : ig0;
    const incomeGrowth = hasIncome ? ownGrowth + buf[sIncome + p]! : ownGrowth;
    const inc = buf[pInc + p]! * (1 + (incomeGrowth > -90 ? incomeGrowth : -90) * 0.01);
    const cpiI = buf[cpiIndex + p]! * (1 + (c > -90 ? c : -90) * 0.01);
    buf[deflator + p] = defl;
    buf[cpiIndex + p] = cpiI;
    buf[oReal + p] = r;
    buf[oNominal + p] = nominal;
    buf[oPop + p] = pop;
    buf[oPc + p] = pc;
    buf[oPcReal + p] = r * perPerson;
    buf[oInc + p] = inc;
    buf[oIncReal + p] = inc / cpiI;
  }
}

/**
 * 1 + rate/100, with rates below RATE_FLOOR raised to it (× 0.01: a multiplication costs a
 * fraction of a division in the inner loop). runPaths computes exactly this, written out;
 * target thresholds compound with it, so a path at exactly a target rate lands exactly on
 * the target.
 */
export function growthFactor(rate: number): number {
  return 1 + (rate > RATE_FLOOR ? rate : RATE_FLOOR) * 0.01;
}
