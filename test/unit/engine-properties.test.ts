// Property tests over generated scenarios: the share-link codec round-trips every valid
// scenario, invalid input is refused without an exception, and the engine gives finite
// numbers for every valid scenario.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHART_IDS,
  INPUT_IDS,
  INPUT_META,
  SHOCK_IDS,
  canonicalJson,
  decodeScenario,
  defaultScenario,
  encodeScenario,
  validateScenario,
  type InputId,
  type Scenario,
} from "../../src/lib/scenario";
import { goalSeek, monteCarlo, project, sensitivity } from "../../src/lib/model";
import { compileFormulasSync } from "../../src/lib/formula/compile";
import { OBJECT_PATHS, PROTOTYPE_NAMES, rawLink, withKey } from "../helpers/hostile";

const YEARS = Array.from({ length: 15 }, (_, i) => String(2021 + i));
const inRange = (id: InputId) => fc.double({ min: INPUT_META[id].min, max: INPUT_META[id].max, noNaN: true });

function series(id: InputId, withFormula: boolean) {
  const v = inRange(id);
  const years = fc.dictionary(fc.constantFrom(...YEARS), v, { maxKeys: 6 });
  // Formulas that stay near the input's range: a + b·(t − 2021) with small a, b.
  const formula = fc
    .tuple(fc.integer({ min: Math.max(-5, INPUT_META[id].min), max: Math.min(10, INPUT_META[id].max) }), fc.double({ min: -0.3, max: 0.3, noNaN: true }))
    .map(([a, b]) => `${a} + ${b.toFixed(3)} * (t - 2021)`);
  return fc.record(
    { periods: fc.tuple(v, v, v), years, ...(withFormula ? { formula } : {}) },
    { requiredKeys: ["periods"] },
  );
}

const scenarioArb = (withFormulas = false): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      v: fc.constant(1),
      title: fc.string({ maxLength: 120, unit: "grapheme" }),
      basedOn: fc.constantFrom("plan", "reported", "cautious"),
      inputs: fc.record(Object.fromEntries(INPUT_IDS.map((id) => [id, series(id, withFormulas)])) as Record<InputId, ReturnType<typeof series>>),
      population: fc.record({ mode: fc.constantFrom("components", "target"), target: fc.integer({ min: 100_000, max: 3_000_000 }), year: fc.integer({ min: 2021, max: 2035 }) }),
      income: fc.record({ mode: fc.constantFrom("growth", "elasticity") }),
      services: fc.record({ target: fc.double({ min: 10, max: 99, noNaN: true }), year: fc.integer({ min: 2021, max: 2035 }) }),
      national: fc.record({ urbanIncomeGrowth: fc.double({ min: -10, max: 20, noNaN: true }), gdpPerCapitaGrowth: fc.double({ min: -10, max: 20, noNaN: true }) }),
      montecarlo: fc.record(
        {
          paths: fc.integer({ min: 100, max: 50_000 }),
          seed: fc.integer({ min: 0, max: 4_294_967_295 }),
          rho: fc.double({ min: 0, max: 0.95, noNaN: true }),
          fromYear: fc.integer({ min: 2021, max: 2035 }),
          sd: fc.record(Object.fromEntries(SHOCK_IDS.map((id) => [id, fc.double({ min: 0, max: 10, noNaN: true })])), { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      view: fc.record({ lang: fc.constantFrom("zh", "en"), chart: fc.constantFrom(...CHART_IDS), prices: fc.constantFrom("constant", "current"), uncertainty: fc.boolean() }, { requiredKeys: [] }),
    },
    { requiredKeys: ["v", "inputs", "population", "income", "services", "national"] },
  );

function valid(x: unknown): Scenario {
  const r = validateScenario(x);
  if (!r.ok) throw new Error(`generated scenario refused: ${JSON.stringify(r.error)}`);
  return r.scenario;
}

const allFinite = (xs: readonly number[]) => xs.every((x) => Number.isFinite(x));

describe("codec round trip", () => {
  // Property runs take seconds; on a busy machine many more than the default 5 s.
  it("decode(encode(s)) is s for every valid scenario, with the same canonical JSON", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(scenarioArb(true), (raw) => {
        const s = valid(raw);
        const text = encodeScenario(s);
        expect(text).toMatch(/^1\.[A-Za-z0-9_-]+$/);
        const back = decodeScenario(text);
        expect(back.ok).toBe(true);
        if (!back.ok) return;
        expect(back.scenario).toEqual(s);
        expect(canonicalJson(back.scenario)).toBe(canonicalJson(s));
        // Validation is idempotent: a validated scenario validates to itself.
        expect(valid(s)).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });
  it("the canonical JSON does not depend on key order", () => {
    const shuffle = (x: unknown, seed: number): unknown => {
      if (Array.isArray(x)) return x.map((y) => shuffle(y, seed));
      if (x === null || typeof x !== "object") return x;
      const entries = Object.entries(x);
      entries.sort((a, b) => ((a[0].charCodeAt(0) * seed) % 7) - ((b[0].charCodeAt(0) * seed) % 7));
      return Object.fromEntries(entries.map(([k, v]) => [k, shuffle(v, seed)]));
    };
    fc.assert(
      fc.property(scenarioArb(), fc.integer({ min: 1, max: 1000 }), (raw, seed) => {
        expect(canonicalJson(valid(shuffle(raw, seed)))).toBe(canonicalJson(valid(raw)));
      }),
      { numRuns: 100 },
    );
  });
});

describe("invalid input is refused, never thrown", () => {
  /**
   * Set a value at a path of a copy of a valid scenario, as JSON.parse would build it: only
   * own properties are walked and the value becomes an own property, even for "__proto__"
   * (walking into Object.prototype would pollute every object of the test process).
   */
  const mutate = (base: unknown, path: (string | number)[], value: unknown) => {
    const copy = JSON.parse(JSON.stringify(base));
    let node = copy;
    for (const key of path.slice(0, -1)) node = node !== null && typeof node === "object" && Object.hasOwn(node, key) ? node[key] : undefined;
    if (node !== null && typeof node === "object") {
      Object.defineProperty(node, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  };
  const numericPaths: (string | number)[][] = [
    ...INPUT_IDS.flatMap((id) => [0, 1, 2].map((i) => ["inputs", id, "periods", i])),
    ["services", "target"],
    ["services", "year"],
    ["population", "target"],
    ["population", "year"],
    ["national", "urbanIncomeGrowth"],
    ["montecarlo", "paths"],
    ["montecarlo", "seed"],
    ["montecarlo", "rho"],
    ["montecarlo", "sd", "cpi"],
  ];
  it("refuses a bad number anywhere (NaN, ±Infinity, text, out of range, null)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...numericPaths),
        fc.constantFrom(Number.NaN, Infinity, -Infinity, "9", null, 1e11, -1e5, true, [], {}),
        (path, value) => {
          const r = validateScenario(mutate(defaultScenario, path, value));
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.error.code).toBe("invalid");
            expect(r.error.path).toBe(path.join("."));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
  it("never throws on arbitrary JSON, or on a valid scenario with arbitrary junk put in", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        const r = validateScenario(x);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom("inputs", "cpi", "periods", "years", "montecarlo", "sd", "view", "v", "__proto__", "constructor"), fc.nat(3)), { minLength: 1, maxLength: 4 }), fc.anything(), (path, value) => {
        const r = validateScenario(mutate(defaultScenario, path, value));
        expect(typeof r.ok).toBe("boolean");
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
  it("never throws on arbitrary text given as a share link", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }).map((x) => `1.${x}`), fc.base64String({ maxLength: 400 }).map((x) => `1.${x.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`)), (text) => {
        const r = decodeScenario(text);
        expect(typeof r.ok).toBe("boolean");
        if (!r.ok) expect(["invalid", "malformed", "too-large", "unsupported-version"]).toContain(r.error.code);
      }),
      { numRuns: 1000 },
    );
  });
  it("never throws on a damaged real link (one character changed or cut)", () => {
    const text = encodeScenario(defaultScenario);
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.constantFrom(..."ABCxyz019-_"), fc.boolean(), (i, c, cut) => {
        const damaged = cut ? text.slice(0, i) : text.slice(0, i) + c + text.slice(i + 1);
        const r = decodeScenario(damaged);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });
});

describe("keys named like Object.prototype's members", () => {
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  it("are refused with their path everywhere, by validation and by the link decoder, and pollute nothing", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...OBJECT_PATHS), fc.constantFrom(...PROTOTYPE_NAMES), fc.jsonValue({ maxDepth: 2 }), (path, key, value) => {
        const json = withKey(path, key, value);
        const expected = [...path, key].join(".");
        const r = validateScenario(JSON.parse(json));
        expect(r.ok).toBe(false);
        if (!r.ok) expect([r.error.code, r.error.path]).toEqual(["invalid", expected]);
        const d = decodeScenario(rawLink(json));
        expect(d.ok).toBe(false);
        if (!d.ok) expect([d.error.code, d.error.path]).toEqual(["invalid", expected]);
      }),
      { numRuns: 400 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it("are refused in the smallest links of the review (only v and the key)", () => {
    for (const key of PROTOTYPE_NAMES) {
      const d = decodeScenario(rawLink(`{"v":1,${JSON.stringify(key)}:1}`));
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.error.code).toBe("invalid");
    }
    // The two links of the report, byte for byte.
    for (const link of ["1.q1YqU7Iy1FFKzs8rLikqTS7JL1KyMqwFAA", "1.q1YqU7Iy1FEqyQ8uKcrMS1eyMqwFAA"]) {
      expect(decodeScenario(link).ok).toBe(false);
    }
  });
});

describe("the engine gives finite numbers for every valid scenario", () => {
  it("project, sensitivity and goal seek", () => {
    fc.assert(
      fc.property(scenarioArb(), (raw) => {
        const s = valid(raw);
        const p = project(s);
        expect(p.ok).toBe(true);
        if (!p.ok) return;
        const pr = p.projection;
        for (const key of ["gdpReal", "gdpNominal", "residentPopulation", "gdpPerCapita", "gdpPerCapitaReal", "urbanIncome", "urbanIncomeReal", "servicesShare", "servicesValueAdded", "gdpDeflatorIndex", "cpiIndex", "urbanIncomeVsNational", "gdpPerCapitaVsNational"] as const) {
          expect(allFinite(pr[key]), key).toBe(true);
          expect(pr[key]).toHaveLength(16);
        }
        expect(pr.residentPopulation.every((x) => x > 0)).toBe(true);
        for (const c of pr.targetChecks) if (c.actual !== null) expect(Number.isFinite(c.actual) && Number.isFinite(c.margin!)).toBe(true);
        const t = sensitivity(s);
        expect(t.ok).toBe(true);
        if (t.ok) for (const o of Object.values(t.result.outcomes)) for (const b of o.bars) expect(allFinite([b.low, b.high, b.deltaLow, b.deltaHigh])).toBe(true);
        const g = goalSeek(s, { input: "gdpRealGrowth", from: 2026, to: 2035, metric: "gdpPerCapita", year: 2035, value: pr.gdpPerCapita[15]! * 1.1 });
        if (g.ok) expect(Number.isFinite(g.rate) && Number.isFinite(g.achieved)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it("the Monte Carlo, with shocks as large as the schema allows", () => {
    fc.assert(
      fc.property(scenarioArb(), (raw) => {
        const s = valid(raw);
        const r = monteCarlo(s, { paths: 200 });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        for (const band of Object.values(r.result.bands)) for (const q of Object.values(band)) expect(allFinite(q)).toBe(true);
        for (const t of r.result.targets) if (t.probability !== null) expect(t.probability >= 0 && t.probability <= 1).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
  it("with formulas: either a finite projection or a reported issue", () => {
    fc.assert(
      fc.property(scenarioArb(true), (raw) => {
        const s = valid(raw);
        const c = compileFormulasSync(s);
        if (!c.ok) {
          for (const issue of c.issues) expect(issue.message.length).toBeGreaterThan(0);
          return;
        }
        const p = project(s, c.formulas);
        expect(p.ok).toBe(true);
        if (p.ok) expect(allFinite(p.projection.gdpReal) && allFinite(p.projection.urbanIncome)).toBe(true);
        const m = monteCarlo(s, { paths: 100, formulas: c.formulas });
        if (m.ok) expect(allFinite(m.result.bands.gdpReal.p50)).toBe(true);
        else expect(m.issues[0]!.code).toBe("non-finite");
      }),
      { numRuns: 100 },
    );
  });
});
