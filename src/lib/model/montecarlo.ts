// Monte Carlo: many paths with random annual shocks around the scenario's inputs, summarised
// as percentile bands per year and as the probability of meeting each target.
//
// Shocks: for each variable with sd > 0, e(first year) = sd·z and
// e(t) = ρ·e(t−1) + √(1−ρ²)·sd·z(t), z standard normal, so each year's shock has standard
// deviation sd whatever ρ. Draw order is fixed (year, variable in SHOCK_IDS order, path), so a
// scenario and its seed give the same numbers on every machine (see rng.ts). With every sd at 0
// no shock is drawn and each path is the projection itself.
import { SHOCK_IDS, type Scenario, type ShockId } from "../scenario/schema";
import type { FormulaIssue, FormulaSet } from "../formula/types";
import { INPUT_COUNT, INPUT_INDEX } from "./inputs";
import { OUT_INCOME_GROWTH, OUT_POPULATION_GROWTH, SHOCK_ROWS, allocateOutputs, allocateWorkspace, dynamicSlots, prepare, runPaths, type PathOutputs, type ShockSource, type Workspace } from "./kernel";
import { percentiles } from "./percentiles";
import { Rng } from "./rng";
import { checkerFor } from "./targets";
import { planTargets } from "../data/plan";
import { BASE_YEAR, YEARS, YEAR_COUNT } from "./years";

export const PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** Percentiles per year (index 0 = 2020). */
export interface Band {
  p5: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
}
/** Series with bands: the path outputs except per-capita GDP at constant prices, plus services value added. */
export const BAND_SERIES = ["gdpReal", "gdpNominal", "residentPopulation", "gdpPerCapita", "urbanIncome", "urbanIncomeReal"] as const;
export type BandId = (typeof BAND_SERIES)[number] | "servicesValueAdded";

/** When something first happens on a path (e.g. income reaches the national average). */
export interface FirstYearDistribution {
  /** Share of paths on which it has happened by each year, index 0 = 2020. */
  byYear: number[];
  probabilityBy2035: number;
  /** Year by which it has happened on at least half of the paths; null if not by 2035. */
  medianYear: number | null;
}

export interface MonteCarloResult {
  paths: number;
  seed: number;
  rho: number;
  fromYear: number;
  sd: Record<ShockId, number>;
  years: readonly number[];
  bands: Record<BandId, Band>;
  /** Share of paths meeting each target (null where the model has no such quantity). */
  targets: { targetId: string; probability: number | null }[];
  incomeCatchUp: FirstYearDistribution;
  gdpPerCapitaCatchUp: FirstYearDistribution;
  doubling: FirstYearDistribution;
  millionPopulation: FirstYearDistribution;
}

export type MonteCarloOutcome = { ok: true; result: MonteCarloResult } | { ok: false; issues: FormulaIssue[] };

/**
 * Where the shock of each SHOCK_IDS variable goes (row of the kernel's shock buffer): an input,
 * or, for income and population, the rate the kernel computes (so that the shock applies in
 * both income modes and both population modes).
 */
const SHOCK_ROW: Readonly<Record<ShockId, number>> = {
  gdpRealGrowth: INPUT_INDEX.gdpRealGrowth,
  gdpDeflator: INPUT_INDEX.gdpDeflator,
  urbanIncomeGrowth: OUT_INCOME_GROWTH,
  cpi: INPUT_INDEX.cpi,
  populationGrowth: OUT_POPULATION_GROWTH,
};

// Path outputs are large (7 series × 16 years × paths): keep one set and reuse it between runs.
interface McWorkspace {
  paths: number;
  out: PathOutputs;
  ws: Workspace;
  rows: Float64Array[];
  draws: Float64Array;
}
let workspace: McWorkspace | null = null;
function workspaceFor(paths: number): McWorkspace {
  if (workspace?.paths !== paths) {
    workspace = {
      paths,
      out: allocateOutputs(paths),
      ws: allocateWorkspace(paths),
      rows: Array.from({ length: SHOCK_ROWS }, () => new Float64Array(paths)),
      draws: new Float64Array(paths),
    };
  }
  return workspace;
}

/**
 * Before each uncertain year: draw the year's shocks for every active variable (SHOCK_IDS
 * order) and every path, in that order, then scale them (first year, or ρ = 0) or run them
 * through the AR(1) recursion. A class rather than a closure: the kernel's call to update()
 * then always meets the same function, and its optimised code survives from run to run.
 */
class MonteCarloShocks implements ShockSource {
  private readonly innovation: number;
  constructor(
    readonly rows: readonly (Float64Array | null)[],
    private readonly draws: Float64Array,
    private readonly paths: number,
    private readonly first: number,
    private readonly rho: number,
    private readonly activeRows: readonly number[],
    private readonly sds: readonly number[],
    private readonly rng: Rng,
  ) {
    this.innovation = Math.sqrt(1 - rho * rho);
  }

  update(i: number): void {
    if (i < this.first) return;
    const { paths, rho, rng } = this;
    for (let j = 0; j < this.activeRows.length; j++) {
      const row = this.rows[this.activeRows[j]!]!;
      const sd = this.sds[j]!;
      if (i === this.first || rho === 0) {
        rng.fillNormals(row, 0, paths, sd);
      } else {
        const z = this.draws;
        rng.fillNormals(z, 0, paths);
        const c = this.innovation * sd;
        for (let p = 0; p < paths; p++) row[p] = rho * row[p]! + c * z[p]!;
      }
    }
  }
}

/**
 * Run the Monte Carlo for a validated scenario (settings in s.montecarlo; `paths` may be
 * overridden, e.g. for a quick preview). Formula scenarios need their compiled formulas.
 * Never throws for a validated scenario.
 */
export function monteCarlo(s: Scenario, opts: { paths?: number; formulas?: FormulaSet } = {}): MonteCarloOutcome {
  const prepared = prepare(s, opts.formulas);
  if (!prepared.ok) return prepared;
  const ctx = prepared.ctx;
  const mc = s.montecarlo;
  const paths = Math.max(1, Math.floor(opts.paths ?? mc.paths));
  const first = mc.fromYear - BASE_YEAR;

  const active = SHOCK_IDS.filter((id) => mc.sd[id] > 0);
  let shockedInputs = 0;
  for (const id of active) if (SHOCK_ROW[id] < INPUT_COUNT) shockedInputs |= 1 << SHOCK_ROW[id];
  const rho = mc.rho;
  const dynamic = dynamicSlots(ctx, shockedInputs);
  const w = workspaceFor(paths);
  const out = w.out;

  // Rows of the shocked variables (zero until the first uncertain year); the others stay null.
  const rows = new Array<Float64Array | null>(SHOCK_ROWS).fill(null);
  for (const id of active) rows[SHOCK_ROW[id]] = w.rows[SHOCK_ROW[id]]!.fill(0);
  const shocks =
    active.length === 0 ? null : new MonteCarloShocks(rows, w.draws, paths, first, rho, active.map((id) => SHOCK_ROW[id]), active.map((id) => mc.sd[id]), new Rng(mc.seed));
  const issue = runPaths(ctx, paths, dynamic, shocks, out, w.ws);
  if (issue) return { ok: false, issues: [{ ...issue, message: `${issue.message} (on a random path: the formula breaks under the Monte Carlo shocks)` }] };

  const targets = planTargets.map((t) => {
    const check = checkerFor(t, ctx);
    if (!check) return { targetId: t.id, probability: null };
    return { targetId: t.id, probability: check.countMet(out, paths) / paths };
  });
  const [incomeCatchUp, gdpPerCapitaCatchUp, doubling, millionPopulation] = firstYearDistributions(
    [
      [out.urbanIncome, ctx.nationalUrbanIncome],
      [out.gdpPerCapita, ctx.nationalGdpPerCapita],
      [out.gdpReal, new Float64Array(YEAR_COUNT).fill(2 * ctx.gdp0)],
      // The same allowance for rounding as Projection.millionPopulationYear.
      [out.residentPopulation, new Float64Array(YEAR_COUNT).fill(1_000_000 * (1 - 1e-12))],
    ],
    paths,
  ) as [FirstYearDistribution, FirstYearDistribution, FirstYearDistribution, FirstYearDistribution];

  const bands = {} as Record<BandId, Band>;
  const q = new Float64Array(PERCENTILES.length);
  for (const id of BAND_SERIES) {
    const data = out[id];
    const band: Band = { p5: [], p25: [], p50: [], p75: [], p95: [] };
    const rows = [band.p5, band.p25, band.p50, band.p75, band.p95];
    for (let i = 0; i < YEAR_COUNT; i++) {
      if (i < first) {
        // Before the first uncertain year every path is identical.
        for (const row of rows) row.push(data[i * paths]!);
        continue;
      }
      percentiles(data, i * paths, paths, PERCENTILES, q);
      for (let r = 0; r < rows.length; r++) rows[r]!.push(q[r]!);
    }
    bands[id] = band;
  }
  // The services share has no shock, so services value added is the share times each nominal GDP percentile.
  const share = ctx.servicesShare;
  const scale = (row: number[]) => row.map((x, i) => (x * share[i]!) / 100);
  const nominal = bands.gdpNominal;
  bands.servicesValueAdded = { p5: scale(nominal.p5), p25: scale(nominal.p25), p50: scale(nominal.p50), p75: scale(nominal.p75), p95: scale(nominal.p95) };

  return {
    ok: true,
    result: {
      paths,
      seed: mc.seed,
      rho,
      fromYear: mc.fromYear,
      sd: { ...mc.sd },
      years: YEARS,
      bands,
      targets,
      incomeCatchUp,
      gdpPerCapitaCatchUp,
      doubling,
      millionPopulation,
    },
  };
}

/**
 * When each event first happens on each path: year by year (contiguous reads), keeping a list
 * of the paths where it has not happened yet, so that later years only look at those.
 */
function firstYearDistributions(events: [values: Float64Array, reference: Float64Array][], paths: number): FirstYearDistribution[] {
  const waiting = new Int32Array(paths);
  return events.map(([values, reference]) => {
    for (let p = 0; p < paths; p++) waiting[p] = p;
    let left = paths;
    const byYear: number[] = [];
    let medianYear: number | null = null;
    for (let i = 0; i < YEAR_COUNT; i++) {
      const r = reference[i]!;
      const row = i * paths;
      let kept = 0;
      for (let j = 0; j < left; j++) {
        const p = waiting[j]!;
        if (values[row + p]! < r) waiting[kept++] = p;
      }
      left = kept;
      const happened = paths - left;
      byYear.push(happened / paths);
      if (medianYear === null && happened * 2 >= paths) medianYear = BASE_YEAR + i;
    }
    return { byYear, probabilityBy2035: (paths - left) / paths, medianYear };
  });
}
