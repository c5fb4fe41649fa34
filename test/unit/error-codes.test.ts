// Stable codes on the engine's errors (FormulaIssue.detail, ScenarioError.detail) and their
// Chinese and English texts in the simulator (src/components/simulator/i18n-errors.ts).
import { describe, expect, it } from "vitest";
import { deflateSync, strToU8 } from "fflate";
import {
  SCENARIO_DETAIL_CODES,
  decodeScenario,
  defaultScenario,
  encodeScenario,
  validateScenario,
  type ScenarioError,
  type ScenarioErrorDetail,
} from "../../src/lib/scenario";
import { FORMULA_DETAIL_CODES, type FormulaIssueDetail } from "../../src/lib/formula";
import { compileFormula, compileFormulasSync } from "../../src/lib/formula/compile";
import { project } from "../../src/lib/model";
import { fieldLabel, formulaIssueText, noticeText, scenarioErrorText } from "../../src/components/simulator/i18n-errors";
import { loadLang } from "../../src/components/simulator/i18n";

const HAN = /[\u4e00-\u9fff]/;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** One detail of every code; the mapped type makes a missing code a type error too. */
const formulaSamples: { [C in FormulaIssueDetail["code"]]: Extract<FormulaIssueDetail, { code: C }> } = {
  empty: { code: "empty" },
  "value-expected": { code: "value-expected" },
  "paren-expected": { code: "paren-expected" },
  "unexpected-end": { code: "unexpected-end" },
  "unexpected-operator": { code: "unexpected-operator" },
  "unexpected-text": { code: "unexpected-text" },
  "parse-error": { code: "parse-error", text: "Unexpected type of argument" },
  "text-literal": { code: "text-literal" },
  "not-a-number": { code: "not-a-number", text: "true" },
  "number-too-large": { code: "number-too-large" },
  "unknown-name": { code: "unknown-name", name: "year" },
  "percent-sign": { code: "percent-sign" },
  operator: { code: "operator", operator: "!" },
  comparison: { code: "comparison" },
  function: { code: "function", name: "sin", available: ["abs", "min"] },
  call: { code: "call" },
  arity: { code: "arity", name: "pow", min: 2, max: 2, count: 1 },
  assignment: { code: "assignment" },
  block: { code: "block" },
  collection: { code: "collection" },
  node: { code: "node", type: "RangeNode" },
  "too-complex": { code: "too-complex" },
  "too-long": { code: "too-long", max: 200 },
  "not-ascii": { code: "not-ascii" },
  "no-value": { code: "no-value", year: 2030, part: "1 / (t - 2030)", value: "infinite" },
  "value-out-of-range": { code: "value-out-of-range", year: 2031, value: 41, min: -20, max: 30, unit: "%" },
  cycle: { code: "cycle", inputs: ["cpi", "gdpDeflator", "cpi"] },
  "not-compiled": { code: "not-compiled" },
};

const scenarioSamples: { [C in ScenarioErrorDetail["code"]]: Extract<ScenarioErrorDetail, { code: C }> } = {
  "not-object": { code: "not-object" },
  "unknown-field": { code: "unknown-field" },
  required: { code: "required" },
  "not-number": { code: "not-number" },
  "not-finite": { code: "not-finite" },
  "out-of-range": { code: "out-of-range", min: 100000, max: 3000000, unit: "persons" },
  "not-integer": { code: "not-integer" },
  "not-text": { code: "not-text" },
  "too-long": { code: "too-long", max: 120 },
  "not-ascii": { code: "not-ascii" },
  "broken-character": { code: "broken-character" },
  "not-preset-id": { code: "not-preset-id" },
  "not-one-of": { code: "not-one-of", options: ["growth", "elasticity"] },
  "bad-shape": { code: "bad-shape" },
  "bad-year": { code: "bad-year" },
  "no-version": { code: "no-version" },
  "unsupported-version": { code: "unsupported-version", version: 9, supported: 1 },
  "migration-failed": { code: "migration-failed", from: 0 },
  "link-too-long": { code: "link-too-long", max: 4096 },
  "scenario-too-large": { code: "scenario-too-large", max: 32768 },
  "not-a-link": { code: "not-a-link" },
  "damaged-link": { code: "damaged-link" },
  "not-a-scenario": { code: "not-a-scenario" },
  "version-mismatch": { code: "version-mismatch", version: 1, claimed: "2" },
};

function expectGoodText(text: string, lang: "zh" | "en", what: string): void {
  expect(text.length, what).toBeGreaterThan(3);
  expect(text, what).not.toMatch(/undefined|NaN|\[object|\{\w+\}/);
  if (lang === "zh") expect(text, what).toMatch(HAN);
  else expect(text, what).not.toMatch(HAN);
}

describe("every error code has a Chinese and an English text", () => {
  it("the code lists name every code of the detail types, once", () => {
    expect([...FORMULA_DETAIL_CODES].sort()).toEqual(Object.keys(formulaSamples).sort());
    expect([...SCENARIO_DETAIL_CODES].sort()).toEqual(Object.keys(scenarioSamples).sort());
    expect(new Set(FORMULA_DETAIL_CODES).size).toBe(FORMULA_DETAIL_CODES.length);
    expect(new Set(SCENARIO_DETAIL_CODES).size).toBe(SCENARIO_DETAIL_CODES.length);
  });

  for (const code of FORMULA_DETAIL_CODES) {
    it(`formula: ${code}`, () => {
      const detail = formulaSamples[code];
      const zh = formulaIssueText({ detail }, "zh");
      const en = formulaIssueText({ detail }, "en");
      expectGoodText(zh, "zh", code);
      expectGoodText(en, "en", code);
      expect(zh).not.toBe(en);
    });
  }

  for (const code of SCENARIO_DETAIL_CODES) {
    it(`scenario: ${code}`, () => {
      const detail = scenarioSamples[code];
      const zh = scenarioErrorText({ path: "", detail }, "zh");
      const en = scenarioErrorText({ path: "", detail }, "en");
      expectGoodText(zh, "zh", code);
      expectGoodText(en, "en", code);
      expect(zh).not.toBe(en);
    });
  }
});

describe("the engine's errors carry the right code", () => {
  const compileError = (source: string) => {
    const r = compileFormula(source);
    if (r.ok) throw new Error(`${source} should not compile`);
    return r.error;
  };

  it.each([
    ["", "empty"],
    ["9 - 0.4 * (t - 2021", "paren-expected"],
    ["9 +", "unexpected-end"],
    ['"a"', "text-literal"],
    ["yr * 2", "unknown-name"],
    ["9%", "percent-sign"],
    ["sin(t)", "function"],
    ["pow(t)", "arity"],
    ["x = 2", "assignment"],
    ["1; 2", "block"],
    ["[1, 2]", "collection"],
  ])("compileFormula(%j) → %s", (source, code) => {
    const e = compileError(source);
    expect(e.detail.code).toBe(code);
  });

  it("keeps the values a text needs: the unknown name, the function and what is available", () => {
    expect(compileError("yr * 2").detail).toEqual({ code: "unknown-name", name: "yr" });
    const f = compileError("sin(t)").detail;
    if (f.code !== "function") throw new Error(`expected a function issue, got ${f.code}`);
    expect(f.name).toBe("sin");
    expect(f.available).toEqual(expect.arrayContaining(["abs", "min", "max", "round"]));
    expect(compileError("pow(t)").detail).toEqual({ code: "arity", name: "pow", min: 2, max: 2, count: 1 });
  });

  it("value issues: no value, out of range, circles", () => {
    const s = clone(defaultScenario);
    s.inputs.cpi.formula = "1 / (t - 2030)";
    const a = compileFormulasSync(s);
    if (a.ok) throw new Error("expected an issue");
    expect(a.issues[0]!.detail).toEqual({ code: "no-value", year: 2030, part: "1 / (t - 2030)", value: "infinite" });

    const b = clone(defaultScenario);
    b.inputs.gdpRealGrowth.formula = "t - 2000";
    const rb = compileFormulasSync(b);
    if (rb.ok) throw new Error("expected an issue");
    expect(rb.issues[0]!.detail).toEqual({ code: "value-out-of-range", year: 2031, value: 31, min: -20, max: 30, unit: "%" });

    const c = clone(defaultScenario);
    c.inputs.cpi.formula = "gdpDeflator";
    c.inputs.gdpDeflator.formula = "cpi";
    const rc = compileFormulasSync(c);
    if (rc.ok) throw new Error("expected a cycle");
    expect(rc.issues[0]!.detail.code).toBe("cycle");

    const d = clone(defaultScenario);
    d.inputs.cpi.formula = "2";
    const rd = project(d);
    if (rd.ok) throw new Error("expected not-compiled");
    expect(rd.issues[0]!.detail).toEqual({ code: "not-compiled" });
  });

  const invalid = (x: unknown): ScenarioError => {
    const r = validateScenario(x);
    if (r.ok) throw new Error("expected invalid");
    return r.error;
  };
  const withField = (mutate: (s: Record<string, any>) => void) => {
    const s = clone(defaultScenario) as unknown as Record<string, any>;
    mutate(s);
    return invalid(s);
  };

  it.each<[string, (s: Record<string, any>) => void, ScenarioErrorDetail]>([
    ["an input out of range", (s) => (s.inputs.gdpRealGrowth.periods[1] = 99), { code: "out-of-range", min: -20, max: 30, unit: "%" }],
    ["net migration out of range", (s) => (s.inputs.netMigration.periods[0] = -1e6), { code: "out-of-range", min: -20000, max: 60000, unit: "人/年" }],
    ["the population target", (s) => (s.population.target = 1), { code: "out-of-range", min: 100000, max: 3000000, unit: "persons" }],
    ["a year that is not whole", (s) => (s.services.year = 2030.5), { code: "not-integer" }],
    ["paths", (s) => (s.montecarlo = { paths: 5 }), { code: "out-of-range", min: 100, max: 50000, unit: "paths" }],
    ["text for a number", (s) => (s.national.urbanIncomeGrowth = "5"), { code: "not-number" }],
    ["an unknown field", (s) => (s.colour = "red"), { code: "unknown-field" }],
    ["a missing field", (s) => delete s.services, { code: "required" }],
    ["a bad mode", (s) => (s.income.mode = "magic"), { code: "not-one-of", options: ["growth", "elasticity"] }],
    ["a bad chart", (s) => (s.view = { chart: "pie" }), { code: "not-one-of", options: ["gdp", "population", "income", "services", "national", "uncertainty", "sensitivity"] }],
    ["a full-width formula", (s) => (s.inputs.cpi.formula = "2×t"), { code: "not-ascii" }],
    ["a long formula", (s) => (s.inputs.cpi.formula = "1+".repeat(150) + "1"), { code: "too-long", max: 200 }],
    ["a long title", (s) => (s.title = "题".repeat(121)), { code: "too-long", max: 120 }],
    ["a broken title", (s) => (s.title = "a\ud800b"), { code: "broken-character" }],
    ["a bad preset id", (s) => (s.basedOn = "Plan!"), { code: "not-preset-id" }],
    ["a bad year key", (s) => (s.inputs.cpi.years = { "2040": 2 }), { code: "bad-year" }],
    ["periods that are not a list", (s) => (s.inputs.cpi.periods = 2), { code: "bad-shape" }],
    ["an input that is not an object", (s) => (s.inputs.cpi = 2), { code: "bad-shape" }],
    ["a number for a section", (s) => (s.income = 3), { code: "bad-shape" }],
  ])("validateScenario: %s", (_what, mutate, detail) => {
    expect(withField(mutate).detail).toEqual(detail);
  });

  it("migration and links", () => {
    expect(invalid([]).detail).toEqual({ code: "not-object" });
    expect(invalid({ inputs: {} }).detail).toEqual({ code: "no-version" });
    expect(invalid({ v: 7 }).detail).toEqual({ code: "unsupported-version", version: 7, supported: 1 });
    expect(invalid({ version: 0, gdpGrowth: 8, colour: "red" }).detail).toEqual({ code: "migration-failed", from: 0 });
    const decoded = (text: string) => {
      const r = decodeScenario(text);
      if (r.ok) throw new Error("expected a refusal");
      return r.error.detail;
    };
    expect(decoded("hello")).toEqual({ code: "not-a-link" });
    expect(decoded("1." + "A".repeat(5000))).toEqual({ code: "link-too-long", max: 4096 });
    expect(decoded("9.AAAA")).toEqual({ code: "unsupported-version", version: 9, supported: 1 });
    expect(decoded("1.A")).toEqual({ code: "damaged-link" });
    expect(decoded(encodeScenario(defaultScenario).slice(0, 40))).toEqual({ code: "damaged-link" });
    const raw = (json: string) => "1." + Buffer.from(deflateSync(strToU8(json))).toString("base64url");
    expect(decoded(raw("[1]"))).toEqual({ code: "not-a-scenario" });
    expect(decoded(raw('{"v":2}'))).toEqual({ code: "version-mismatch", version: 1, claimed: "2" });
    expect(decoded(raw("{" + " ".repeat(40000) + "}"))).toEqual({ code: "scenario-too-large", max: 32768 });
  });

  it("keeps the English messages the API returns", () => {
    expect(withField((s) => (s.inputs.gdpRealGrowth.periods[1] = 99)).message).toBe("inputs.gdpRealGrowth.periods.1: must be between -20 … 30 %");
    expect(compileError("yr * 2").message).toMatch(/^unknown name “yr”/);
  });
});

describe("texts the reader sees", () => {
  it("names a field in words and by its path", () => {
    const e = withPath("inputs.gdpRealGrowth.periods.1", { code: "out-of-range", min: -20, max: 30, unit: "%" });
    expect(scenarioErrorText(e, "zh")).toBe("地区生产总值实际增速（2026—2030年）（inputs.gdpRealGrowth.periods.1）：须在 -20% 到 30% 之间");
    expect(scenarioErrorText(e, "en")).toBe("Real GDP growth (2026–2030) (inputs.gdpRealGrowth.periods.1): must be between -20 and 30%");
    expect(fieldLabel("inputs.cpi.years.2024", "zh")).toBe("居民消费价格涨幅（2024年）");
    expect(fieldLabel("population.target", "zh")).toBe("目标常住人口");
    expect(fieldLabel("montecarlo.seed", "zh")).toBeNull();
    expect(scenarioErrorText(withPath("montecarlo.seed", { code: "not-integer" }), "zh")).toBe("montecarlo.seed：须为整数");
  });

  it("formats units and large numbers the way each language writes them", () => {
    const e = withPath("population.target", { code: "out-of-range", min: 100000, max: 3000000, unit: "persons" });
    expect(scenarioErrorText(e, "zh")).toBe("目标常住人口（population.target）：须在 100,000人 到 3,000,000人 之间");
    expect(formulaIssueText({ detail: formulaSamples["value-out-of-range"] }, "zh")).toBe("2031年公式得出 41%，超出允许范围 -20% 到 30%");
    expect(formulaIssueText({ detail: formulaSamples.arity }, "zh")).toBe("pow() 需要2个参数，而不是1个");
    expect(formulaIssueText({ detail: { code: "arity", name: "min", min: 1, max: 16, count: 0 } }, "en")).toBe("min() takes at least 1 argument, not 0");
  });

  it("a damaged link's notice is Chinese in the Chinese interface and English in the English one", async () => {
    const r = decodeScenario("1.A");
    if (r.ok) throw new Error("expected a refusal");
    const notice = { kind: "malformed" as const, reasons: [{ kind: "scenario" as const, error: r.error }, { kind: "url-too-long" as const }] };
    const zh = noticeText(notice, "zh");
    expect(zh).toBe("链接中的情景无法读取（链接已损坏或不完整；链接过长），已打开最接近的有效情景。");
    await loadLang("en");
    expect(noticeText(notice, "en")).toBe("The scenario in this link could not be read (the link is damaged or incomplete; the link is too long); the nearest valid scenario is open.");
    const outdated = noticeText({ kind: "outdated", reasons: [{ kind: "scenario", error: { path: "v", detail: { code: "unsupported-version", version: 9, supported: 1 } } }] }, "zh");
    expect(outdated).toContain("链接来自不支持的版本");
    expect(outdated).toContain("情景格式为第 9 版，本站只支持到第 1 版");
    const formula = noticeText({ kind: "partial", reasons: [{ kind: "formula", issue: { input: "cpi", detail: { code: "unknown-name", name: "year" } }, pin: "方案A" }] }, "zh");
    expect(formula).toContain("方案A：居民消费价格涨幅的公式：未知的名称“year”");
  });
});

function withPath(path: string, detail: ScenarioErrorDetail): Pick<ScenarioError, "path" | "detail"> {
  return { path, detail };
}
