// Monte Carlo: random numbers, percentiles, bands and probabilities.
import { describe, expect, it } from "vitest";
import { defaultScenario, monteCarlo, presetScenario, project, type MonteCarloResult, type Projection } from "../../src/lib/model";
import { Rng, portableExp, portableLog, portableRoot } from "../../src/lib/model/rng";
import { percentiles } from "../../src/lib/model/percentiles";
import {
  OUT_INCOME_GROWTH,
  OUT_POPULATION_GROWTH,
  POPULATION_FLOOR,
  RATE_FLOOR,
  SHOCK_ROWS,
  allocateOutputs,
  allocateWorkspace,
  prepare,
  runPaths,
  type PathOutputs,
  type ShockSource,
} from "../../src/lib/model/kernel";
import { INPUT_INDEX } from "../../src/lib/model/inputs";
import { checkTargets, checkerFor, type YearValues } from "../../src/lib/model/targets";
import type { PlanTarget } from "../../src/lib/data/plan";
import { SHOCK_IDS, type Scenario, type ShockId } from "../../src/lib/scenario";

function mc(s: Scenario, paths = 4000): MonteCarloResult {
  const r = monteCarlo(s, { paths });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.result;
}
function proj(s: Scenario): Projection {
  const r = project(s);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.projection;
}
function withSd(s: Scenario, sd: Partial<Record<(typeof SHOCK_IDS)[number], number>>, rho = 0): Scenario {
  const t = structuredClone(s);
  for (const id of SHOCK_IDS) t.montecarlo.sd[id] = sd[id] ?? 0;
  t.montecarlo.rho = rho;
  return t;
}
const BANDS = ["gdpReal", "gdpNominal", "residentPopulation", "gdpPerCapita", "urbanIncome", "urbanIncomeReal", "servicesValueAdded"] as const;

describe("random numbers", () => {
  it("xoshiro128** matches the reference implementation (state 1, 2, 3, 4)", () => {
    const rng = Rng.fromState(1, 2, 3, 4);
    expect(Array.from({ length: 10 }, () => rng.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });
  it("a seed gives the same sequence every time, and another seed another one", () => {
    const a = new Rng(2021);
    const b = new Rng(2021);
    const c = new Rng(2022);
    const xs = Array.from({ length: 50 }, () => a.normal());
    expect(Array.from({ length: 50 }, () => b.normal())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.normal())).not.toEqual(xs);
  });
  it("fillNormals gives exactly the draws of repeated normal() calls, times the scale", () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const filled = new Float64Array(5000);
    a.fillNormals(filled, 0, 5000, 2.5);
    for (let i = 0; i < 5000; i++) expect(filled[i]).toBe(b.normal() * 2.5);
  });
  it("draws exactly what the plain ziggurat (exact wedge test, no squeeze, one draw at a time) draws", () => {
    // Marsaglia & Tsang's RNOR with 256 layers, written out as in their paper: the tables from
    // the same construction, every wedge decided by the exponential itself. |hz| is taken as
    // rng.ts documents it (hz ^ (hz >> 31), which is |hz| − 1 for negative hz).
    const abs = (hz: number) => hz ^ (hz >> 31);
    const R = 3.6541528853610088;
    const V = 4.92867323399e-3;
    const M = 2147483648;
    const kn = new Int32Array(256);
    const wn = new Float64Array(256);
    const fn = new Float64Array(256);
    let dn = R;
    let tn = dn;
    const q = V / portableExp(-0.5 * dn * dn);
    kn[0] = Math.floor((dn / q) * M);
    kn[1] = 0;
    wn[0] = q / M;
    wn[255] = dn / M;
    fn[0] = 1;
    fn[255] = portableExp(-0.5 * dn * dn);
    for (let i = 254; i >= 1; i--) {
      dn = Math.sqrt(-2 * portableLog(V / dn + portableExp(-0.5 * dn * dn)));
      kn[i + 1] = Math.floor((dn / tn) * M);
      tn = dn;
      fn[i] = portableExp(-0.5 * dn * dn);
      wn[i] = dn / M;
    }
    const bits = new Rng(2035);
    const plainNormal = (): number => {
      let hz = bits.nextUint32() | 0;
      let iz = hz & 255;
      if (abs(hz) < kn[iz]!) return hz * wn[iz]!;
      for (;;) {
        if (iz === 0) {
          let x: number;
          let y: number;
          do {
            x = -portableLog(bits.uniform()) / R;
            y = -portableLog(bits.uniform());
          } while (y + y < x * x);
          return hz > 0 ? R + x : -R - x;
        }
        const x = hz * wn[iz]!;
        if (fn[iz]! + bits.uniform() * (fn[iz - 1]! - fn[iz]!) < portableExp(-0.5 * x * x)) return x;
        hz = bits.nextUint32() | 0;
        iz = hz & 255;
        if (abs(hz) < kn[iz]!) return hz * wn[iz]!;
      }
    };
    const n = 300_000;
    const filled = new Float64Array(n);
    new Rng(2035).fillNormals(filled, 0, n);
    let differences = 0;
    for (let i = 0; i < n; i++) if (!Object.is(filled[i], plainNormal())) differences++;
    expect(differences).toBe(0);
  });
  it("normal draws have mean 0, variance 1, kurtosis 3 and normal tails", () => {
    const rng = new Rng(99);
    const n = 400_000;
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    let above196 = 0;
    let belowMinus3 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s1 += z;
      s2 += z * z;
      s4 += z ** 4;
      if (z > 1.959964) above196++;
      if (z < -3) belowMinus3++;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.01);
    expect(Math.abs(s4 / n - 3)).toBeLessThan(0.06);
    expect(Math.abs(above196 / n - 0.025)).toBeLessThan(0.0015);
    expect(Math.abs(belowMinus3 / n - 0.0013499)).toBeLessThan(0.0003);
  });
  it("the polar Box–Muller reference draws the same distribution", () => {
    const rng = new Rng(5);
    const n = 200_000;
    let s2 = 0;
    for (let i = 0; i < n; i++) s2 += rng.normalPolar() ** 2;
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.015);
  });
  it("the portable log and exp agree with Math.log and Math.exp to a few units in the last place", () => {
    const rng = new Rng(1);
    for (let i = 0; i < 20_000; i++) {
      const u = rng.uniform();
      expect(Math.abs(portableLog(u) - Math.log(u))).toBeLessThanOrEqual(4e-16 * Math.abs(Math.log(u)) + 1e-300);
      const x = (rng.uniform() - 0.5) * 40;
      expect(Math.abs(portableExp(x) - Math.exp(x))).toBeLessThanOrEqual(1e-15 * Math.exp(x));
    }
    expect(portableLog(1)).toBe(0);
    expect(portableExp(0)).toBe(1);
  });
  it("the portable n-th root agrees with Math.pow(x, 1/n) to a few units in the last place", () => {
    const rng = new Rng(2);
    for (let i = 0; i < 5_000; i++) {
      const x = 0.05 + rng.uniform() * 20;
      const n = 1 + (i % 15);
      expect(Math.abs(portableRoot(x, n) - Math.pow(x, 1 / n))).toBeLessThanOrEqual(1e-15 * Math.pow(x, 1 / n));
    }
    expect(portableRoot(4, 2)).toBe(2);
    expect(portableRoot(1_000_000 / 574_665, 15)).toBeCloseTo(Math.pow(1_000_000 / 574_665, 1 / 15), 15);
  });
});

describe("percentiles", () => {
  /** Type 7 by sorting: the definition the fast method must match. */
  const reference = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    const h = (s.length - 1) * q;
    const k = Math.floor(h);
    return s[k]! + (h - k) * (s[Math.min(k + 1, s.length - 1)]! - s[k]!);
  };
  const probs = [0.05, 0.25, 0.5, 0.75, 0.95];
  it.each([
    ["normal values", 10_000, (r: Rng) => r.normal()],
    ["lognormal values", 3_333, (r: Rng) => Math.exp(r.normal())],
    ["heavily tied values", 5_000, (r: Rng) => Math.round(r.normal() * 2)],
    ["a few values", 7, (r: Rng) => r.uniform()],
    ["two values", 2, (r: Rng) => r.uniform()],
    ["one outlier", 1_000, (r: Rng) => (r.uniform() < 0.001 ? 1e12 : r.uniform())],
  ])("match sorting exactly for %s", (_, n, draw) => {
    const rng = new Rng(n);
    const xs = Array.from({ length: n }, () => draw(rng));
    const data = new Float64Array([123, ...xs, 456]); // with neighbours that must be ignored
    const out = new Float64Array(5);
    percentiles(data, 1, n, probs, out);
    probs.forEach((q, i) => expect(out[i]).toBe(reference(xs, q)));
    expect(Array.from(data.subarray(1, n + 1))).toEqual(xs); // input untouched
  });
  it("give the value itself when all values are equal", () => {
    const out = new Float64Array(5);
    percentiles(new Float64Array(100).fill(42.5), 0, 100, probs, out);
    expect(Array.from(out)).toEqual([42.5, 42.5, 42.5, 42.5, 42.5]);
  });
  // The bins' range comes from the first 256 values: these inputs make that sample misleading.
  it.each([
    ["a narrow sample, the rest spread wide", 5_000, (r: Rng, i: number) => (i < 256 ? r.uniform() : (r.uniform() - 0.5) * 2e6)],
    ["a constant sample, the rest varied", 3_000, (r: Rng, i: number) => (i < 256 ? 5 : r.normal())],
    ["ascending values", 4_000, (_r: Rng, i: number) => i * 0.25],
    ["one value more than the sample", 257, (r: Rng) => r.normal()],
    ["exactly the sample", 256, (r: Rng) => r.normal()],
    ["one value", 1, (r: Rng) => r.normal()],
  ])("match sorting exactly for %s, minimum and maximum included", (_, n, draw) => {
    const rng = new Rng(n + 1);
    const xs = Array.from({ length: n }, (_v, i) => draw(rng, i));
    const data = new Float64Array([-1e300, ...xs, 1e300]);
    const withEnds = [0, ...probs, 1];
    const out = new Float64Array(withEnds.length);
    percentiles(data, 1, n, withEnds, out);
    withEnds.forEach((q, i) => expect(out[i], `q = ${q}`).toBe(reference(xs, q)));
    expect(out[0]).toBe(Math.min(...xs));
    expect(out[withEnds.length - 1]).toBe(Math.max(...xs));
  });
  // Positive samples take the bins from the doubles' high 32 bits (integer arithmetic): each
  // of these has a positive, not too narrow sample range, so that way is the one tested.
  it.each([
    ["GDP-like levels", 10_000, (r: Rng) => 500 + 20 * r.normal()],
    ["levels across a power of two (512)", 6_000, (r: Rng) => 512 * Math.exp(0.2 * r.normal())],
    ["heavily tied levels", 5_000, (r: Rng) => 1000 + Math.round(r.normal() * 3)],
    ["a narrow sample, the rest spread wide, with zero, −0 and negatives", 4_000, (r: Rng, i: number) =>
      i < 256 ? 100 + r.uniform() : [0, -0, -5, 1e-300, 1e300, Infinity][i % 6] ?? 0],
    ["ties straddling the sample's range", 3_000, (r: Rng, i: number) => (i < 256 ? 10 + r.uniform() : i % 2 === 0 ? 9 : 12)],
  ])("match sorting exactly for positive samples: %s", (_, n, draw) => {
    const rng = new Rng(n + 2);
    const xs = Array.from({ length: n }, (_v, i) => draw(rng, i));
    const data = new Float64Array([7, ...xs, 8]);
    const withEnds = [0, ...probs, 1];
    const out = new Float64Array(withEnds.length);
    percentiles(data, 1, n, withEnds, out);
    withEnds.forEach((q, i) => expect(Object.is(out[i], reference(xs, q)) || out[i] === reference(xs, q), `q = ${q}`).toBe(true));
    expect(Array.from(data.subarray(1, n + 1))).toEqual(xs); // input untouched
  });
  it("accept probabilities in any order", () => {
    const rng = new Rng(3);
    const xs = Array.from({ length: 2_000 }, () => rng.normal());
    const unordered = [0.9, 0.1, 0.5, 1, 0, 0.25];
    const out = new Float64Array(unordered.length);
    percentiles(new Float64Array(xs), 0, xs.length, unordered, out);
    unordered.forEach((q, i) => expect(out[i]).toBe(reference(xs, q)));
  });
});

/**
 * The Monte Carlo done the plain way, as docs/model.md describes it: shocks drawn one normal()
 * at a time in the documented order (year, then variable in SHOCK_IDS order, then path), the
 * kernel run on them, each band by sorting, each first year and target path by path.
 */
function referenceMonteCarlo(s: Scenario, paths: number) {
  const prepared = prepare(s);
  if (!prepared.ok) throw new Error("prepare failed");
  const ctx = prepared.ctx;
  const { sd, rho, seed, fromYear } = s.montecarlo;
  const first = fromYear - 2020;
  const rowOf: Record<ShockId, number> = {
    gdpRealGrowth: INPUT_INDEX.gdpRealGrowth!,
    gdpDeflator: INPUT_INDEX.gdpDeflator!,
    urbanIncomeGrowth: OUT_INCOME_GROWTH,
    cpi: INPUT_INDEX.cpi!,
    populationGrowth: OUT_POPULATION_GROWTH,
  };
  const rows: (Float64Array | null)[] = new Array(SHOCK_ROWS).fill(null);
  const active = SHOCK_IDS.filter((id) => sd[id] > 0);
  for (const id of active) rows[rowOf[id]] = new Float64Array(paths);
  const rng = new Rng(seed);
  const shocks: ShockSource = {
    rows,
    update(i) {
      if (i < first) return;
      for (const id of active) {
        const row = rows[rowOf[id]]!;
        for (let p = 0; p < paths; p++) {
          const z = rng.normal();
          row[p] = i === first || rho === 0 ? z * sd[id] : rho * row[p]! + Math.sqrt(1 - rho * rho) * sd[id] * z;
        }
      }
    },
  };
  const out: PathOutputs = allocateOutputs(paths);
  expect(runPaths(ctx, paths, [], shocks, out, allocateWorkspace(paths))).toBeNull();

  const type7 = (sorted: number[], q: number) => {
    const h = (sorted.length - 1) * q;
    const k = Math.floor(h);
    return sorted[k]! + (h - k) * (sorted[Math.min(k + 1, sorted.length - 1)]! - sorted[k]!);
  };
  const bands: Record<string, Record<string, number[]>> = {};
  for (const id of ["gdpReal", "gdpNominal", "residentPopulation", "gdpPerCapita", "urbanIncome", "urbanIncomeReal"] as const) {
    const band: Record<string, number[]> = { p5: [], p25: [], p50: [], p75: [], p95: [] };
    for (let i = 0; i < 16; i++) {
      const sorted = Array.from(out[id].subarray(i * paths, (i + 1) * paths)).sort((a, b) => a - b);
      for (const [key, q] of [["p5", 0.05], ["p25", 0.25], ["p50", 0.5], ["p75", 0.75], ["p95", 0.95]] as const) band[key]!.push(type7(sorted, q));
    }
    bands[id] = band;
  }
  const p = proj(s);
  const firstYears = (values: Float64Array, reference: (i: number) => number) => {
    const happened = new Array<number>(16).fill(0);
    for (let path = 0; path < paths; path++) {
      for (let i = 0; i < 16; i++) {
        if (!(values[i * paths + path]! < reference(i))) {
          for (let j = i; j < 16; j++) happened[j]!++;
          break;
        }
      }
    }
    const byYear = happened.map((h) => h / paths);
    const median = happened.findIndex((h) => h * 2 >= paths);
    return { byYear, probabilityBy2035: byYear[15], medianYear: median < 0 ? null : 2020 + median };
  };
  const met = new Map<string, number>();
  for (let path = 0; path < paths; path++) {
    for (const t of checkTargets(ctx, out, paths, path)) if (t.met) met.set(t.targetId, (met.get(t.targetId) ?? 0) + 1);
  }
  return {
    bands,
    targets: checkTargets(ctx, out, paths, 0).map((t) => ({ targetId: t.targetId, probability: t.met === null ? null : (met.get(t.targetId) ?? 0) / paths })),
    incomeCatchUp: firstYears(out.urbanIncome, (i) => p.nationalUrbanIncome[i]!),
    gdpPerCapitaCatchUp: firstYears(out.gdpPerCapita, (i) => p.nationalGdpPerCapita[i]!),
    doubling: firstYears(out.gdpReal, () => 2 * p.gdpReal[0]!),
    millionPopulation: firstYears(out.residentPopulation, () => 1_000_000 * (1 - 1e-12)),
  };
}

describe("monteCarlo", () => {
  it.each([
    ["the plan preset", () => presetScenario("plan")!, 1_500],
    ["reported outcomes, shocks from 2024, persistence 0.6", () => {
      const s = presetScenario("reported")!;
      s.montecarlo.rho = 0.6;
      s.montecarlo.seed = 77;
      return s;
    }, 2_001],
    ["national doubling, large shocks", () => {
      const s = presetScenario("national-doubling")!;
      for (const id of SHOCK_IDS) s.montecarlo.sd[id] = 6;
      return s;
    }, 999],
  ])("equals the plain reference implementation exactly: %s", (_, scenario, paths) => {
    const s = scenario();
    const r = mc(s, paths);
    const ref = referenceMonteCarlo(s, paths);
    for (const [id, band] of Object.entries(ref.bands)) expect(r.bands[id as keyof typeof r.bands], id).toEqual(band);
    expect(r.targets).toEqual(ref.targets);
    for (const key of ["incomeCatchUp", "gdpPerCapitaCatchUp", "doubling", "millionPopulation"] as const) expect(r[key], key).toEqual(ref[key]);
  });
  it("counts the paths meeting a target as checking each path does, for every comparator", () => {
    // countMet has a loop per comparator: each must agree with measure() path by path, on
    // thresholds inside the paths' spread (so that some paths meet them and some do not).
    const s = withSd(defaultScenario, { gdpRealGrowth: 2, urbanIncomeGrowth: 1.5, populationGrowth: 2 });
    const prepared = prepare(s);
    if (!prepared.ok) throw new Error("prepare failed");
    const ctx = prepared.ctx;
    const paths = 401;
    const rows: (Float64Array | null)[] = new Array(SHOCK_ROWS).fill(null);
    for (const k of [INPUT_INDEX.gdpRealGrowth!, OUT_INCOME_GROWTH, OUT_POPULATION_GROWTH]) rows[k] = new Float64Array(paths);
    const rng = new Rng(5);
    const update = () => {
      for (const row of rows) if (row) for (let p = 0; p < paths; p++) row[p] = 2 * rng.normal();
    };
    const out = allocateOutputs(paths);
    expect(runPaths(ctx, paths, [], { rows, update }, out, allocateWorkspace(paths))).toBeNull();
    const at: YearValues = (series, year) => ({ values: out[series], from: year * paths });
    const base = proj(s);
    const cases: [PlanTarget["metric"], number, number, string][] = [
      ["gdpRealGrowthAvg", 2025, (Math.pow(base.gdpReal[5]! / base.gdpReal[0]!, 1 / 5) - 1) * 100, "%"],
      ["urbanIncomeGrowthAvg", 2035, (Math.pow(base.urbanIncome[15]! / base.urbanIncome[10]!, 1 / 5) - 1) * 100, "%"],
      ["residentPopulation", 2030, base.residentPopulation[10]! / 1e4, "万人"],
    ];
    for (const [metric, year, value, unit] of cases) {
      for (const comparator of [">", "<", "≤", "≥", "="] as const) {
        const target = { id: "t", label: "t", year, metric, comparator, value, unit, quote: "", chapter: "" } as PlanTarget;
        const check = checkerFor(target, ctx)!;
        let met = 0;
        for (let p = 0; p < paths; p++) if (check.measure(out, paths, p).met) met++;
        expect(met, `${metric} ${comparator}`).toBeGreaterThan(0);
        expect(met, `${metric} ${comparator}`).toBeLessThan(paths);
        expect(check.countMet(at, paths), `${metric} ${comparator}`).toBe(met);
      }
    }
  });
  it("floors rates at RATE_FLOOR and the population at POPULATION_FLOOR", () => {
    const s = structuredClone(defaultScenario);
    s.population.mode = "components";
    s.inputs.netMigration = { periods: [-20_000, -20_000, -20_000] };
    const prepared = prepare(s);
    if (!prepared.ok) throw new Error("prepare failed");
    const ctx = prepared.ctx;
    const rows: (Float64Array | null)[] = new Array(SHOCK_ROWS).fill(null);
    // Shocks far below any floor, on every rate the kernel floors.
    for (const k of [INPUT_INDEX.gdpRealGrowth!, INPUT_INDEX.gdpDeflator!, INPUT_INDEX.cpi!, OUT_INCOME_GROWTH]) rows[k] = new Float64Array([-500]);
    rows[OUT_POPULATION_GROWTH] = new Float64Array([-5000]);
    const out = allocateOutputs(1);
    expect(runPaths(ctx, 1, [], { rows, update() {} }, out, allocateWorkspace(1))).toBeNull();
    const factor = 1 + RATE_FLOOR * 0.01;
    expect(out.gdpReal[1]).toBe(ctx.gdp0 * factor);
    expect(out.gdpNominal[1]).toBe(ctx.gdp0 * factor * factor);
    expect(out.urbanIncome[1]).toBe(ctx.urbanIncome0 * factor);
    expect(out.urbanIncomeReal[1]).toBe((ctx.urbanIncome0 * factor) / factor);
    // 574,665 × 0.1 − 20,000 in 2021; below the floor from 2022 on.
    expect(out.residentPopulation[1]).toBe(ctx.population0 * (1 + RATE_FLOOR * 10 * 0.001) - 20_000);
    expect(out.residentPopulation[2]).toBe(POPULATION_FLOOR);
    expect(out.residentPopulation[15]).toBe(POPULATION_FLOOR);
  });
  it("with every sd at 0 equals the projection exactly, in every band and year", () => {
    const s = withSd(defaultScenario, {});
    const r = mc(s, 500);
    const p = proj(s);
    for (const id of BANDS) for (const q of ["p5", "p25", "p50", "p75", "p95"] as const) expect(r.bands[id][q], `${id} ${q}`).toEqual(p[id]);
    // Exactly on the strict GDP target on every path: met on none; the income target on all.
    expect(r.targets.find((t) => t.targetId === "gdp-growth-2025")!.probability).toBe(0);
    expect(r.targets.find((t) => t.targetId === "urban-income-growth-2025")!.probability).toBe(1);
    expect(r.doubling.medianYear).toBe(p.doublingYear);
    expect(r.incomeCatchUp.medianYear).toBe(p.incomeCatchUpYear);
  });
  it("gives identical output for the same scenario and seed, even after other runs", () => {
    const s = structuredClone(defaultScenario);
    s.montecarlo.rho = 0.5;
    const first = mc(s);
    mc(presetScenario("cautious")!, 3000);
    expect(mc(s)).toEqual(first);
  });
  it("gives other output for another seed", () => {
    const s = structuredClone(defaultScenario);
    const a = mc(s);
    s.montecarlo.seed = 2;
    expect(mc(s).bands.gdpReal.p50[15]).not.toBe(a.bands.gdpReal.p50[15]);
  });
  it("keeps percentiles ordered in every band and year", () => {
    for (const id of ["plan", "reported", "optimistic"]) {
      const r = mc(presetScenario(id)!);
      for (const band of BANDS) {
        const b = r.bands[band];
        for (let i = 0; i < 16; i++) {
          expect(b.p5[i]!).toBeLessThanOrEqual(b.p25[i]!);
          expect(b.p25[i]!).toBeLessThanOrEqual(b.p50[i]!);
          expect(b.p50[i]!).toBeLessThanOrEqual(b.p75[i]!);
          expect(b.p75[i]!).toBeLessThanOrEqual(b.p95[i]!);
        }
      }
    }
  });
  it("has no spread before the first uncertain year (reported outcomes)", () => {
    const s = presetScenario("reported")!;
    expect(s.montecarlo.fromYear).toBe(2024);
    const r = mc(s);
    const p = proj(s);
    for (let i = 0; i <= 3; i++) {
      expect(r.bands.gdpReal.p5[i]).toBe(p.gdpReal[i]);
      expect(r.bands.gdpReal.p95[i]).toBe(p.gdpReal[i]);
    }
    expect(r.bands.gdpReal.p95[4]!).toBeGreaterThan(r.bands.gdpReal.p5[4]!);
  });
  it("spreads the first year's real growth as N(9, 2²): 5th and 95th percentiles near 9 ∓ 1.645 × 2", () => {
    const r = mc(withSd(defaultScenario, { gdpRealGrowth: 2 }), 20_000);
    const growth = (x: number) => (x / 352.5 - 1) * 100;
    expect(growth(r.bands.gdpReal.p5[1]!)).toBeCloseTo(9 - 1.645 * 2, 0);
    expect(Math.abs(growth(r.bands.gdpReal.p5[1]!) - (9 - 1.645 * 2))).toBeLessThan(0.15);
    expect(Math.abs(growth(r.bands.gdpReal.p95[1]!) - (9 + 1.645 * 2))).toBeLessThan(0.15);
    expect(Math.abs(growth(r.bands.gdpReal.p50[1]!) - 9)).toBeLessThan(0.1);
  });
  it("gives about even odds of beating exactly-9 % average growth when shocks are symmetric", () => {
    const p = mc(withSd(defaultScenario, { gdpRealGrowth: 2 }), 20_000).targets.find((t) => t.targetId === "gdp-growth-2025")!.probability!;
    expect(Math.abs(p - 0.5)).toBeLessThan(0.03);
  });
  it("widens the 2035 band with AR(1) persistence (ρ = 0.8 vs 0)", () => {
    const width = (r: MonteCarloResult) => Math.log(r.bands.gdpReal.p95[15]! / r.bands.gdpReal.p5[15]!);
    const iid = width(mc(withSd(defaultScenario, { gdpRealGrowth: 2 }, 0)));
    const persistent = width(mc(withSd(defaultScenario, { gdpRealGrowth: 2 }, 0.8)));
    // Variance of a sum of 15 AR(1) terms with ρ = 0.8 is about 5.6 times that of 15 independent ones.
    expect(persistent / iid).toBeGreaterThan(1.9);
    expect(persistent / iid).toBeLessThan(2.9);
  });
  it("shocks only the variables with a positive sd", () => {
    const r = mc(withSd(defaultScenario, { cpi: 1 }), 500);
    const p = proj(defaultScenario);
    expect(r.bands.gdpReal.p5).toEqual(p.gdpReal);
    expect(r.bands.urbanIncome.p95).toEqual(p.urbanIncome);
    expect(r.bands.urbanIncomeReal.p95[15]!).toBeGreaterThan(r.bands.urbanIncomeReal.p5[15]!);
  });
  it("reports probabilities between 0 and 1 and null for targets it cannot model", () => {
    const r = mc(defaultScenario);
    const modelled = new Set(["gdp-growth-2025", "urban-income-growth-2025", "income-vs-national-2025", "resident-population-2035", "gdp-per-capita-vs-national-2035", "urban-income-vs-national-2035"]);
    for (const t of r.targets) {
      if (!modelled.has(t.targetId)) expect(t.probability, t.targetId).toBeNull();
      else {
        expect(t.probability).toBeGreaterThanOrEqual(0);
        expect(t.probability).toBeLessThanOrEqual(1);
      }
    }
    for (const d of [r.incomeCatchUp, r.doubling, r.millionPopulation, r.gdpPerCapitaCatchUp]) {
      for (let i = 1; i < 16; i++) expect(d.byYear[i]!).toBeGreaterThanOrEqual(d.byYear[i - 1]!);
      expect(d.probabilityBy2035).toBe(d.byYear[15]);
    }
  });
  it("honours a paths override", () => {
    expect(mc(defaultScenario, 250).paths).toBe(250);
  });
});
