// Formulas: parsing, the sandbox, errors with positions, and evaluation against mathjs itself.
import fc from "fast-check";
import { all, create } from "mathjs";
import { describe, expect, it } from "vitest";
import { compileFormula, compileFormulasSync } from "../../src/lib/formula/compile";
import { compileFormulas } from "../../src/lib/formula";
import { defaultScenario, monteCarlo, project } from "../../src/lib/model";
import { INPUT_IDS, type InputId, type Scenario } from "../../src/lib/scenario";

const env = (t: number, values: Partial<Record<InputId, number>> = {}) => {
  const e = new Float64Array(1 + INPUT_IDS.length);
  e[0] = t;
  INPUT_IDS.forEach((id, k) => (e[1 + k] = values[id] ?? 0));
  return e;
};
const compiled = (source: string) => {
  const r = compileFormula(source);
  if (!r.ok) throw new Error(`${source}: ${r.error.message}`);
  return r.formula;
};
const error = (source: string) => {
  const r = compileFormula(source);
  expect(r.ok, source).toBe(false);
  return (r as { ok: false; error: { code: string; position: number; length: number; message: string } }).error;
};
const withFormula = (input: InputId, formula: string): Scenario => {
  const s = structuredClone(defaultScenario);
  s.inputs[input] = { ...s.inputs[input], formula };
  return s;
};

describe("compileFormula", () => {
  it.each([
    ["9 - 0.4 * (t - 2021)", 2021, 9],
    ["9 - 0.4 * (t - 2021)", 2030, 9 - 0.4 * 9],
    ["2t - 4050", 2030, 10],
    ["t < 2026 ? 9 : 7", 2025, 9],
    ["t < 2026 ? 9 : 7", 2026, 7],
    ["2021 <= t and t < 2023", 2022, 1],
    ["2021 <= t < 2023", 2023, 0],
    ["max(4, 9 - 0.5 (t - 2021))", 2035, 4],
    ["round(2.5) + round(-2.5)", 2021, 0],
    ["log(100, 10) + log10(1000) + exp(0) + sqrt(16) + abs(-1) + sign(-3)", 2021, 2 + 3 + 1 + 4 + 1 - 1],
    ["7 mod 3 + (-7 mod 3)", 2021, 1 + 2],
    ["2^3^2", 2021, 512],
    ["-2^2", 2021, -4],
    ["pi > 3 and e < 3", 2021, 1],
  ])("%s at t = %d is %d", (source, t, expected) => {
    expect(compiled(source).evaluate(env(t))).toBeCloseTo(expected, 12);
  });
  it("reads other inputs of the same year and lists them", () => {
    const f = compiled("0.8 * gdpRealGrowth + cpi / 2");
    expect(f.inputs).toEqual(["gdpRealGrowth", "cpi"]);
    expect(f.evaluate(env(2030, { gdpRealGrowth: 10, cpi: 2 }))).toBeCloseTo(9, 12);
  });

  it.each([
    ["9 +", 3, /ends too early|missing/],
    ["(9 - t", 6, /parenthesis/],
  ])("reports the syntax error in %j at character %d", (source, position, message) => {
    const e = error(source);
    expect(e.code).toBe("syntax");
    expect(e.position).toBe(position);
    expect(e.message).toMatch(message);
  });
  it("points at an unknown name and lists the names that exist", () => {
    const e = error("9 - 0.4 * (yr - 2021)");
    expect(e).toMatchObject({ code: "unknown-name", position: 11, length: 2 });
    expect(e.message).toMatch(/“yr”/);
    expect(e.message).toMatch(/gdpRealGrowth/);
  });

  describe("the sandbox", () => {
    it.each([
      ["import({x: 1})", "import"],
      ['createUnit("foo")', "createUnit"],
      ['evaluate("1 + 1")', "evaluate"],
      ['parse("1 + 1")', "parse"],
      ['simplify("x + x")', "simplify"],
      ['derivative("x^2", "x")', "derivative"],
      ["compile(1)", "compile"],
      ["typed(1)", "typed"],
      ["config({})", "config"],
      ["constructor(1)", "constructor"],
      ["f(x) = x", null],
      ["x = 3", null],
      ["a.b", null],
      ['"abc"', null],
      ["[1, 2]", null],
      ["{a: 1}", null],
      ["1:3", null],
      ["1; 2", null],
      ["5 cm", null],
      ["9%", null],
      ["toString()", "toString"],
      ["__proto__", null],
      ["this", null],
    ])("refuses %s", (source, name) => {
      const e = error(source);
      expect(["unsupported", "unknown-name", "syntax"]).toContain(e.code);
      if (name) expect(e.message).toContain(name);
      expect(e.position).toBeGreaterThanOrEqual(0);
      expect(e.position).toBeLessThanOrEqual(source.length);
    });
    it("never throws, whatever the text", () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), (source) => {
          const r = compileFormula(source);
          if (r.ok) expect(typeof r.formula.evaluate(env(2025))).toBe("number");
          else expect(r.error.message.length).toBeGreaterThan(0);
        }),
        { numRuns: 2000 },
      );
    });
    it("never throws on text made of formula characters and names", () => {
      const token = fc.constantFrom("t", "gdpRealGrowth", "cpi", "2", "0.5", "1e3", "+", "-", "*", "/", "^", "(", ")", "?", ":", "<", "==", "and", "not", "max(", ",", "log(", " ", "mod", "!", "'", ".", "=", "[", "]");
      fc.assert(
        fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
          const r = compileFormula(tokens.join(""));
          if (r.ok) expect(typeof r.formula.evaluate(env(2025, { gdpRealGrowth: 9, cpi: 2 }))).toBe("number");
        }),
        { numRuns: 3000 },
      );
    });
  });

  // Counterexamples the property test below found in CI: a value that rounds to zero from below
  // is +0 in mathjs, whose sign then decides an infinite exponent.
  it.each([
    ["(abs(t)^-((0.5/round(gdpRealGrowth))))", -5e-324],
    ["pow(abs(0.5), (0.5/floor(gdpRealGrowth)))", -5e-324],
    ["1/round(gdpRealGrowth)", -1e-15],
    ["1/round(gdpRealGrowth)", -0],
    ["1/round(gdpRealGrowth)", -0.3],
    ["1/ceil(gdpRealGrowth)", -5e-324],
    ["1/floor(gdpRealGrowth)", -1e-16],
  ])("gives a zero mathjs's sign: %s at %s", (source, g) => {
    const math = create(all!, { predictable: true });
    const compiled = compileFormula(source);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(compiled.formula.evaluate(env(2021, { gdpRealGrowth: g, cpi: 2 }))).toBe(math.evaluate(source, { t: 2021, gdpRealGrowth: g, cpi: 2 }));
  });

  it("evaluates like mathjs's own evaluate on random formulas of the supported subset", () => {
    // predictable: real results only (sqrt(-1) is NaN, not a complex number), as in our evaluator.
    const math = create(all!, { predictable: true });
    const leaf = fc.oneof(fc.constantFrom("t", "gdpRealGrowth", "cpi", "pi"), fc.integer({ min: 0, max: 20 }).map(String), fc.constantFrom("0.5", "2.25", "1e1"));
    const expr = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.tuple(tie("e"), fc.constantFrom("+", "-", "*", "/", " mod ", "<", ">=", "==", " and ", " or "), tie("e")).map(([a, op, b]) => `(${a}${op}${b})`),
        // Powers on a non-negative base: for a negative base and a fractional exponent mathjs
        // (predictable) finds a real root where the exponent is a fraction with an odd
        // denominator; our formulas give no value there, by design (see README).
        fc.tuple(tie("e"), tie("e")).map(([a, b]) => `(abs(${a})^${b})`),
        tie("e").map((a) => `-(${a})`),
        fc.tuple(fc.constantFrom("abs", "sqrt", "exp", "floor", "ceil", "sign", "log10", "round", "log"), tie("e")).map(([f, a]) => `${f}(${a})`),
        fc.tuple(fc.constantFrom("min", "max"), tie("e"), tie("e")).map(([f, a, b]) => `${f}(${a}, ${b})`),
        fc.tuple(tie("e"), tie("e")).map(([a, b]) => `pow(abs(${a}), ${b})`),
        fc.tuple(tie("e"), tie("e"), tie("e")).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
      ),
    })).e;
    fc.assert(
      fc.property(expr, fc.integer({ min: 2021, max: 2035 }), fc.double({ min: -5, max: 15, noNaN: true }), (source, t, g) => {
        const ours = compileFormula(source);
        let theirs: unknown;
        try {
          theirs = math.evaluate(source, { t, gdpRealGrowth: g, cpi: 2 });
        } catch {
          return; // mathjs refuses it too (e.g. an error inside); nothing to compare
        }
        if (typeof theirs === "boolean") theirs = theirs ? 1 : 0;
        if (!ours.ok) {
          // We refuse only values mathjs would not give as a finite real number.
          expect(typeof theirs === "number" && Number.isFinite(theirs)).toBe(false);
          return;
        }
        const value = ours.formula.evaluate(env(t, { gdpRealGrowth: g, cpi: 2 }));
        if (typeof theirs !== "number" || !Number.isFinite(theirs)) {
          // mathjs returns a complex number (sqrt of a negative) or Infinity; ours gives no finite value.
          expect(Number.isFinite(value)).toBe(false);
          return;
        }
        expect(value).toBeCloseTo(theirs, Math.abs(theirs) > 1e6 ? -Math.floor(Math.log10(Math.abs(theirs))) + 9 : 9);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("formulas in a scenario", () => {
  it("drive the input year by year: 9 − 0.4 (t − 2021)", () => {
    const s = withFormula("gdpRealGrowth", "9 - 0.4 * (t - 2021)");
    const c = compileFormulasSync(s);
    expect(c.ok).toBe(true);
    const r = project(s, c.formulas);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rates = Array.from({ length: 15 }, (_, i) => 9 - 0.4 * i);
    r.projection.inputs.gdpRealGrowth.forEach((x, i) => expect(x).toBeCloseTo(rates[i]!, 12));
    const expected = rates.reduce((level, g) => level * (1 + g / 100), 352.5);
    expect(r.projection.gdpReal[15]).toBeCloseTo(expected, 8);
  });
  it("may say year for t: the same calendar year, the same projection", () => {
    expect(compiled("year").evaluate(env(2027))).toBe(2027);
    expect(compiled("year - t").evaluate(env(2031))).toBe(0);
    const run = (formula: string) => {
      const s = withFormula("gdpRealGrowth", formula);
      const c = compileFormulasSync(s);
      expect(c.ok, formula).toBe(true);
      const r = project(s, c.formulas);
      if (!r.ok) throw new Error(formula);
      return r.projection;
    };
    const byT = run("9 - 0.4 * (t - 2021)");
    const byYear = run("9 - 0.4 * (year - 2021)");
    expect(byYear.inputs.gdpRealGrowth).toEqual(byT.inputs.gdpRealGrowth);
    expect(byYear.gdpReal).toEqual(byT.gdpReal);
    expect(byYear.inputs.gdpRealGrowth[0]).toBe(9);
    expect(byYear.inputs.gdpRealGrowth[14]).toBeCloseTo(9 - 0.4 * 14, 12);
  });
  it("give way to per-year overrides", () => {
    const s = withFormula("gdpRealGrowth", "5");
    s.inputs.gdpRealGrowth.years = { "2022": 3.2 };
    const c = compileFormulasSync(s);
    const r = project(s, c.formulas);
    expect(r.ok && r.projection.inputs.gdpRealGrowth.slice(0, 3)).toEqual([5, 3.2, 5]);
  });
  it("can read another input, evaluated first whatever the order", () => {
    const s = withFormula("urbanIncomeGrowth", "gdpRealGrowth - 1");
    s.inputs.gdpRealGrowth = { periods: [8, 6, 4], formula: "t < 2030 ? 8 : 4" };
    const c = compileFormulasSync(s);
    const r = project(s, c.formulas);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.projection.inputs.urbanIncomeGrowth).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 7, 3, 3, 3, 3, 3, 3]);
  });
  it("report a circle of formulas", () => {
    const s = withFormula("urbanIncomeGrowth", "gdpRealGrowth");
    s.inputs.gdpRealGrowth.formula = "urbanIncomeGrowth + 1";
    const c = compileFormulasSync(s);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues[0]).toMatchObject({ code: "cycle" });
  });
  it("report a division by zero with the year and the place", () => {
    const s = withFormula("cpi", "2 + 1 / (t - 2030)");
    const c = compileFormulasSync(s);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.issues[0]).toMatchObject({ code: "non-finite", input: "cpi", year: 2030, position: 4, length: 14 });
      expect(c.issues[0]!.message).toContain("2030");
    }
  });
  it("report a constant part without a value where it is reached, with its place", () => {
    const c = compileFormulasSync(withFormula("cpi", "t < 2030 ? 2 : 2 + sqrt(-1)"));
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues[0]).toMatchObject({ code: "non-finite", year: 2030, position: 19, length: 8 });
  });
  it("report a value outside the input's range", () => {
    const c = compileFormulasSync(withFormula("gdpRealGrowth", "t - 2000"));
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues[0]).toMatchObject({ code: "out-of-range", input: "gdpRealGrowth", year: 2031 });
  });
  it("report a parse error with its input and position", () => {
    const c = compileFormulasSync(withFormula("cpi", "2 +"));
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.issues[0]).toMatchObject({ code: "syntax", input: "cpi", position: 3 });
  });
  it("cannot be projected without compiling them", () => {
    const r = project(withFormula("cpi", "2"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: "not-compiled", input: "cpi" });
  });
  it("are compiled on demand through the async loader, and reused by text", async () => {
    const s = withFormula("cpi", "2 + 0 * t");
    const first = await compileFormulas(s);
    expect(first.ok).toBe(true);
    const again = await compileFormulas(s, first.formulas);
    expect(again.formulas.get("2 + 0 * t")).toBe(first.formulas.get("2 + 0 * t"));
  });
  it("that read a shocked input are evaluated per path in the Monte Carlo", () => {
    const s = withFormula("urbanIncomeGrowth", "gdpRealGrowth");
    for (const id of ["gdpDeflator", "urbanIncomeGrowth", "cpi", "populationGrowth"] as const) s.montecarlo.sd[id] = 0;
    s.montecarlo.sd.gdpRealGrowth = 2;
    const c = compileFormulasSync(s);
    const r = monteCarlo(s, { paths: 2000, formulas: c.formulas });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Income growth follows the shocked GDP growth path by path: the same relative spread.
    const spread = (b: { p5: number[]; p95: number[] }) => b.p95[15]! / b.p5[15]!;
    expect(spread(r.result.bands.urbanIncome)).toBeCloseTo(spread(r.result.bands.gdpReal), 2);
  });
  it("that fail on a random path make the Monte Carlo report it, not throw", () => {
    // Finite on the deterministic path (growth 8 %: e^640 / e^640 = 1), NaN once a shock lifts
    // growth above 8.87 % (e^710 overflows: ∞/∞).
    const s = withFormula("cpi", "2 * exp(gdpRealGrowth * 80) / exp(gdpRealGrowth * 80)");
    s.inputs.gdpRealGrowth.periods = [8, 8, 8];
    const c = compileFormulasSync(s);
    expect(c.ok).toBe(true);
    expect(project(s, c.formulas).ok).toBe(true);
    const r = monteCarlo(s, { paths: 500, formulas: c.formulas });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]).toMatchObject({ code: "non-finite", input: "cpi" });
      expect(r.issues[0]!.message).toMatch(/random path/);
    }
  });
});
