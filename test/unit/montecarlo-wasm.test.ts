// mc.wasm (src/lib/model/wasm/mc.wat): the Monte Carlo's hot loops in WebAssembly must give
// exactly what the TypeScript they accelerate gives. Each case runs once with the module
// installed and once without, and compares every number bit for bit.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { defaultScenario, monteCarlo, presetScenario, type MonteCarloResult } from "../../src/lib/model";
import { percentiles } from "../../src/lib/model/percentiles";
import { Rng, portableExp } from "../../src/lib/model/rng";
import { runBuffer } from "../../src/lib/model/kernel";
import { installMonteCarloWasm, monteCarloWasmCalls, uninstallMonteCarloWasm } from "../../src/lib/model/wasm/kernels";
import { compileFormulasSync } from "../../src/lib/formula/compile";
import { SHOCK_IDS, type Scenario } from "../../src/lib/scenario/schema";

const mcModule = new WebAssembly.Module(readFileSync(new URL("../../src/lib/model/wasm/mc.wasm", import.meta.url)));
const install = () => expect(installMonteCarloWasm(mcModule)).toBe(true);

afterEach(() => {
  uninstallMonteCarloWasm();
});

/** Every number of a result as its IEEE bits (so that −0 and +0, or two NaNs, are told apart). */
function bits(x: unknown): unknown {
  if (typeof x === "number") {
    const b = new DataView(new ArrayBuffer(8));
    b.setFloat64(0, x);
    return b.getBigUint64(0).toString(16);
  }
  if (Array.isArray(x)) return x.map(bits);
  if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, bits(v)]));
  return x;
}

function scenarios(): [string, Scenario, number][] {
  const list: [string, Scenario, number][] = [["default", structuredClone(defaultScenario), 10_000]];
  for (const id of ["plan", "reported", "national-doubling", "cautious", "optimistic"]) list.push([id, presetScenario(id)!, 3_000]);
  const persistent = presetScenario("reported")!;
  persistent.montecarlo.rho = 0.6;
  persistent.montecarlo.seed = 77;
  list.push(["ρ = 0.6, seed 77", persistent, 2_001]);
  const large = presetScenario("national-doubling")!;
  for (const id of SHOCK_IDS) large.montecarlo.sd[id] = 10;
  list.push(["every sd 10 (floors reached)", large, 999]);
  const some = structuredClone(defaultScenario);
  some.montecarlo.sd.gdpRealGrowth = 0;
  some.montecarlo.sd.populationGrowth = 0;
  list.push(["some sd 0", some, 4_097]);
  const target = structuredClone(defaultScenario);
  target.population = { mode: "target", target: 1_000_000, year: 2030 };
  target.income = { mode: "elasticity" };
  list.push(["population target, income by elasticity", target, 1_234]);
  const none = structuredClone(defaultScenario);
  for (const id of SHOCK_IDS) none.montecarlo.sd[id] = 0;
  list.push(["no shocks", none, 500]);
  for (const paths of [1, 2, 7, 300]) list.push([`${paths} paths`, structuredClone(defaultScenario), paths]);
  return list;
}

describe("mc.wasm", () => {
  it("installs, and the Monte Carlo then runs its kernels", () => {
    install();
    const r = monteCarlo(structuredClone(defaultScenario), { paths: 1_000 });
    expect(r.ok).toBe(true);
    const calls = monteCarloWasmCalls();
    // 5 shocked variables × 15 years at least (more with a stop at each draw in the base
    // strip's tail), 6 series × 15 years of percentiles, 15 years of the kernel.
    expect(calls.zig).toBeGreaterThanOrEqual(75);
    expect(calls.bins).toBe(90);
    expect(calls.gather).toBe(90);
    expect(calls.year).toBe(15);
    // Some first-year events are undecided in some years (neither on every path nor on none).
    expect(calls.events).toBeGreaterThan(0);
  });

  it.each(scenarios())("gives the TypeScript's Monte Carlo bit for bit: %s", (_, s, paths) => {
    const plain = monteCarlo(s, { paths });
    install();
    const accelerated = monteCarlo(s, { paths });
    expect(accelerated.ok && plain.ok).toBe(true);
    expect(bits((accelerated as { result: MonteCarloResult }).result)).toEqual(bits((plain as { result: MonteCarloResult }).result));
    // Back without it (another workspace, outside the module's memory): the same again.
    uninstallMonteCarloWasm();
    expect(bits(monteCarlo(s, { paths }))).toEqual(bits(plain));
  });

  it("gives the TypeScript's Monte Carlo bit for bit with a formula input (the kernel's general loop)", () => {
    const s = structuredClone(defaultScenario);
    s.inputs.urbanIncomeGrowth.formula = "0.9 * gdpRealGrowth + 0.3 * (t < 2026 ? 1 : 0.5)";
    const compiled = compileFormulasSync(s);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
    const plain = monteCarlo(s, { paths: 2_000, formulas: compiled.formulas });
    install();
    expect(bits(monteCarlo(s, { paths: 2_000, formulas: compiled.formulas }))).toEqual(bits(plain));
  });

  it("draws what the TypeScript ziggurat draws, for any seed, count and scale", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 3_000 }), fc.double({ min: 0.01, max: 10, noNaN: true }), (seed, count, scale) => {
        const expected = new Float64Array(count + 3);
        const a = new Rng(seed);
        a.fillNormals(expected, 2, count, scale);
        const after = a.uniform();
        install();
        const inMemory = runBuffer(count + 3, 1);
        const b = new Rng(seed);
        b.fillNormals(inMemory, 2, count, scale);
        expect(bits(Array.from(inMemory))).toEqual(bits(Array.from(expected)));
        // The generator's state afterwards too.
        expect(b.uniform()).toBe(after);
        uninstallMonteCarloWasm();
      }),
      { numRuns: 60 },
    );
  });

  it("computes portableExp's bits (the wedges' exact test), Math.round's ties included", () => {
    const { exp } = new WebAssembly.Instance(mcModule).exports as unknown as { exp(x: number): number };
    const ln2 = 0.6931471805599453;
    // Halfway cases of x / ln 2 (Math.round takes them up), either side of zero, the ends.
    const special = [0, -0, 0.5 * ln2, -0.5 * ln2, 1.5 * ln2, -1.5 * ln2, -2.5 * ln2, 0.49999999999999994 * ln2, -0.49999999999999994 * ln2, 709, 709.0000001, -745, -745.0000001, -0.5 * 3.6541528853610088 ** 2];
    for (const x of special) expect(bits(exp(x)), String(x)).toEqual(bits(portableExp(x)));
    fc.assert(
      fc.property(fc.double({ min: -800, max: 800, noNaN: true }), (x) => {
        expect(bits(exp(x))).toEqual(bits(portableExp(x)));
      }),
      { numRuns: 2_000 },
    );
  });

  it("gives the TypeScript's percentiles for any positive values, in its memory or not", () => {
    const probs = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), { minLength: 1, maxLength: 3_000 }), fc.integer({ min: 1, max: 4_000 }), (xs, capacity) => {
        const expected = new Float64Array(probs.length);
        percentiles(Float64Array.from(xs), 0, xs.length, probs, expected);
        install();
        // Room for `capacity` values in the lists: beyond it the TypeScript runs instead.
        const inMemory = runBuffer(xs.length + 1, capacity);
        inMemory.set(xs, 1);
        const got = new Float64Array(probs.length);
        percentiles(inMemory, 1, xs.length, probs, got);
        expect(bits(Array.from(got))).toEqual(bits(Array.from(expected)));
        uninstallMonteCarloWasm();
      }),
      { numRuns: 80 },
    );
  });

  // Values as the Monte Carlo's are (close together, so that most groups of eight hold no wanted
  // bin and are skipped), in any order, for any probabilities (more than eight wanted bins between the first
  // and the last: then every group is looked at), ties, and values below the sampled range or
  // negative after the sample (bin 0). Zeros are left out: −0 and +0 are equal to the sort, so
  // which of the two a percentile gives depends on the order in which a bin's values are met.
  it("gives the TypeScript's percentiles for values close together, any probabilities, ties and outliers", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        // Integers, spread evenly (fast-check's doubles crowd near zero), here and for the probabilities.
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 5_000, size: "max" }),
        fc.array(fc.integer({ min: 0, max: 1_000 }).map((k) => k / 1_000), { minLength: 1, maxLength: 32, size: "max" }),
        fc.array(fc.tuple(fc.nat(), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })), { maxLength: 5 }),
        fc.nat({ max: 20 }),
        fc.boolean(),
        (base, noise, probs, outliers, ties, sorted) => {
          const xs = noise.map((e) => base * (1 + 0.3e-6 * e));
          // In order after the sample (the first 256, which set the bins' range), each group of
          // eight values lies in few bins: a wanted bin missed by the check of the groups shows.
          if (sorted) xs.splice(256, Infinity, ...xs.slice(256).sort((x, y) => x - y));
          for (let k = 0; k < ties && k + 1 < xs.length; k++) xs[k + 1] = xs[k]!;
          for (const [at, x] of outliers) if (x !== 0) xs[at % xs.length] = x;
          const expected = new Float64Array(probs.length);
          percentiles(Float64Array.from(xs), 0, xs.length, probs, expected);
          install();
          const inMemory = runBuffer(xs.length, xs.length);
          inMemory.set(xs);
          const got = new Float64Array(probs.length);
          percentiles(inMemory, 0, xs.length, probs, got);
          expect(bits(Array.from(got))).toEqual(bits(Array.from(expected)));
          uninstallMonteCarloWasm();
        },
      ),
      { numRuns: 200, endOnFailure: true },
    );
    // The cases above took the WebAssembly's passes (not only the TypeScript's fallback).
    install();
    const inMemory = runBuffer(5_000, 5_000);
    for (let i = 0; i < 5_000; i++) inMemory[i] = 1000 * (1 + Math.sin(i) / 10);
    percentiles(inMemory, 0, 5_000, [0.05, 0.5, 0.95], new Float64Array(3));
    expect(monteCarloWasmCalls()).toMatchObject({ bins: 1, gather: 1 });
  });
});
