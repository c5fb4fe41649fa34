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
import { ENV_SIZE, INPUT_COUNT, INPUT_INDEX } from "./inputs";
import { OUT_INCOME_GROWTH, OUT_POPULATION_GROWTH, PATH_OUTPUTS, SHOCK_ROWS, dynamicSlots, kernelWasmFor, runBuffer, runBufferOwner, prepare, runPaths, type PathOutputs, type ShockSource, type Workspace, type YearObserver } from "./kernel";
import { percentiles } from "./percentiles";
import { Rng } from "./rng";
import { checkerFor, type TargetChecker, type YearValues } from "./targets";
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
const BAND_SERIES = ["gdpReal", "gdpNominal", "residentPopulation", "gdpPerCapita", "urbanIncome", "urbanIncomeReal"] as const;
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

// One set of buffers, reused between runs, all views of one buffer (the kernel's loop then
// reads and writes one typed array: see plainYear in kernel.ts). The path outputs keep one
// year, computed in place over the one before: each year is summarised as soon as it is done.
interface McWorkspace {
  paths: number;
  out: PathOutputs;
  /** Values of earlier years that targets read (e.g. 2020 for an average growth to 2025), by "series@year". */
  saved: Map<string, Float64Array>;
  ws: Workspace;
  rows: Float64Array[];
  draws: Float64Array;
  /** Per first-year event: the paths on which it has not happened yet. */
  waiting: Int32Array[];
  /** Whose memory the buffer is in (runBufferOwner when it was made). */
  owner: object | null;
}
let workspace: McWorkspace | null = null;
function workspaceFor(paths: number): McWorkspace {
  // Made again for another path count, or when the buffer is no longer usable (WebAssembly
  // installed or removed, or its memory grown).
  if (workspace?.paths !== paths || workspace.out.gdpReal.length === 0 || workspace.owner !== runBufferOwner()) {
    // The doubles, then the events' lists (EVENT_COUNT Int32Arrays: half a double each per path).
    const doubles = (PATH_OUTPUTS.length + 2 + SHOCK_ROWS + 1) * paths;
    const buffer = runBuffer(doubles + Math.ceil((EVENT_COUNT * paths) / 2), paths);
    let used = 0;
    const take = () => buffer.subarray(used, (used += paths));
    const lists = buffer.byteOffset + 8 * doubles;
    const out = {} as PathOutputs;
    for (const id of PATH_OUTPUTS) out[id] = take();
    workspace = {
      paths,
      out,
      saved: new Map(),
      ws: { paths, deflator: take(), cpiIndex: take(), env: new Float64Array(ENV_SIZE) },
      rows: Array.from({ length: SHOCK_ROWS }, take),
      draws: take(),
      waiting: Array.from({ length: EVENT_COUNT }, (_, k) => new Int32Array(buffer.buffer, lists + 4 * k * paths, paths)),
      owner: runBufferOwner(),
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
  // Targets are counted as soon as their year is done (see YearSummaries).
  const targetChecks = planTargets.map((t) => ({ year: t.year - BASE_YEAR, check: checkerFor(t, ctx), met: 0 }));
  const summaries = new YearSummaries(
    out,
    paths,
    first,
    targetChecks,
    [
      ["urbanIncome", ctx.nationalUrbanIncome],
      ["gdpPerCapita", ctx.nationalGdpPerCapita],
      ["gdpReal", new Float64Array(YEAR_COUNT).fill(2 * ctx.gdp0)],
      // The same allowance for rounding as Projection.millionPopulationYear.
      ["residentPopulation", new Float64Array(YEAR_COUNT).fill(1_000_000 * (1 - 1e-12))],
    ],
    w.waiting,
    w.saved,
  );
  const issue = runPaths(ctx, paths, dynamic, shocks, out, w.ws, summaries);
  if (issue) return { ok: false, issues: [{ ...issue, message: `${issue.message} (on a random path: the formula breaks under the Monte Carlo shocks)` }] };

  const targets = planTargets.map((t, k) => {
    const { check, met } = targetChecks[k]!;
    return { targetId: t.id, probability: check ? met / paths : null };
  });
  const [incomeCatchUp, gdpPerCapitaCatchUp, doubling, millionPopulation] = summaries.events.map((e) => e.result) as [
    FirstYearDistribution,
    FirstYearDistribution,
    FirstYearDistribution,
    FirstYearDistribution,
  ];

  const bands = summaries.bands as Record<BandId, Band>;
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

const EVENT_COUNT = 4;

/**
 * The percentiles computed per series and year: the band's five, plus the smallest and the
 * largest value (type 7 at 0 and 1), which come at almost no cost and let the first-year
 * events skip the years whose outcome they already decide.
 */
const QUANTILES = [0, ...PERCENTILES, 1];

/** One first-year event: a band series, and the level at which the event has happened. */
interface EventState {
  series: number;
  values: Float64Array;
  reference: Float64Array;
  waiting: Int32Array;
  left: number;
  result: FirstYearDistribution;
}

/**
 * The run's summaries (bands, first-year events, target counts), computed year by year as
 * runPaths finishes each year, while the year's values (80 KB a series for 10,000 paths) are
 * still in the processor's cache: read back from memory after the run, they took a third
 * longer.
 */
class YearSummaries implements YearObserver {
  readonly bands: Partial<Record<BandId, Band>> = {};
  readonly events: EventState[];
  private readonly series: { data: Float64Array; rows: number[][] }[];
  /** The year being summarised and where its values are; the saved ones of earlier years. */
  private year = 0;
  private from = 0;
  private readonly at: YearValues = (series, year) => {
    if (year === this.year) return { values: this.out[series], from: this.from };
    const values = this.saved.get(`${series}@${year}`);
    if (!values) throw new Error(`Monte Carlo: ${series} in year index ${year} was not kept`);
    return { values, from: 0 };
  };
  private readonly q = new Float64Array(QUANTILES.length);
  /** Smallest and largest value of each series in the current year. */
  private readonly min = new Float64Array(BAND_SERIES.length);
  private readonly max = new Float64Array(BAND_SERIES.length);

  constructor(
    private readonly out: PathOutputs,
    private readonly paths: number,
    private readonly first: number,
    private readonly targets: { year: number; check: TargetChecker | null; met: number }[],
    events: [series: (typeof BAND_SERIES)[number], reference: Float64Array][],
    waiting: Int32Array[],
    private readonly saved: Map<string, Float64Array>,
  ) {
    this.series = BAND_SERIES.map((id) => {
      const band: Band = { p5: [], p25: [], p50: [], p75: [], p95: [] };
      this.bands[id] = band;
      return { data: out[id], rows: [band.p5, band.p25, band.p50, band.p75, band.p95] };
    });
    this.events = events.map(([id, reference], k) => ({
      series: BAND_SERIES.indexOf(id),
      values: out[id],
      reference,
      waiting: waiting[k]!,
      left: paths,
      result: { byYear: [], probabilityBy2035: 0, medianYear: null },
    }));
  }

  yearDone(i: number, o: number): void {
    const { paths, q } = this;
    this.year = i;
    this.from = o;
    for (let k = 0; k < this.series.length; k++) {
      const { data, rows } = this.series[k]!;
      if (i < this.first) {
        // Before the first uncertain year every path is identical.
        for (const row of rows) row.push(data[o]!);
        this.min[k] = this.max[k] = data[o]!;
        continue;
      }
      percentiles(data, o, paths, QUANTILES, q);
      for (let r = 0; r < rows.length; r++) rows[r]!.push(q[r + 1]!);
      this.min[k] = q[0]!;
      this.max[k] = q[QUANTILES.length - 1]!;
    }
    for (const e of this.events) this.eventYear(e, i, o);
    for (const t of this.targets) {
      if (!t.check) continue;
      for (const { series, year } of t.check.earlier) {
        if (year !== i) continue;
        const key = `${series}@${year}`;
        let copy = this.saved.get(key);
        if (!copy) this.saved.set(key, (copy = new Float64Array(paths)));
        copy.set(this.out[series].subarray(o, o + paths));
      }
      if (t.year === i) t.met = t.check.countMet(this.at, paths);
    }
  }

  /**
   * When each event first happens on each path: a list of the paths where it has not happened
   * yet, so that later years only look at those; no look at all when the year's smallest value
   * already reaches the level (it happens on every path) or its largest stays below (on none).
   * The list is compacted without a branch on the comparison (each path is written back and
   * kept if still waiting): in the years when the event happens on about half of the paths
   * that branch would be a coin toss.
   */
  private eventYear(e: EventState, i: number, row: number): void {
    const { paths } = this;
    const r = e.reference[i]!;
    let kept: number;
    if (this.min[e.series]! >= r) kept = 0;
    else if (this.max[e.series]! < r) kept = e.left;
    else {
      const { values, waiting } = e;
      const left = e.left;
      kept = 0;
      const wasm = kernelWasmFor(waiting.buffer);
      if (wasm !== null && values.buffer === waiting.buffer) {
        kept = wasm.events(values, row, waiting, left, left === paths, r);
      } else if (left === paths) {
        // Nothing has happened yet: all paths, in order (the list may not be filled yet).
        for (let p = 0; p < paths; p++) {
          waiting[kept] = p;
          kept += values[row + p]! < r ? 1 : 0;
        }
      } else {
        for (let j = 0; j < left; j++) {
          const p = waiting[j]!;
          waiting[kept] = p;
          kept += values[row + p]! < r ? 1 : 0;
        }
      }
    }
    e.left = kept;
    const happened = paths - kept;
    const res = e.result;
    res.byYear.push(happened / paths);
    if (res.medianYear === null && happened * 2 >= paths) res.medianYear = BASE_YEAR + i;
    res.probabilityBy2035 = happened / paths;
  }
}
