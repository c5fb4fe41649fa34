// Scenario schema, canonical form, hash and share-link codec.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { deflateSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import {
  DEFAULTS,
  canonicalJson,
  decodeScenario,
  defaultScenario,
  encodeScenario,
  presets,
  scenarioHash,
  validateScenario,
  type Scenario,
} from "../../src/lib/scenario";
import { base64urlDecode, base64urlEncode } from "../../src/lib/scenario/codec";

const clone = (s: Scenario) => JSON.parse(JSON.stringify(s)) as Record<string, any>;
const invalid = (input: unknown) => {
  const r = validateScenario(input);
  expect(r.ok).toBe(false);
  return (r as { ok: false; error: { code: string; path: string; message: string } }).error;
};

describe("validateScenario", () => {
  it("accepts every preset unchanged (presets are already in validated form)", () => {
    for (const p of presets) {
      const r = validateScenario(p.scenario);
      expect(r.ok, p.id).toBe(true);
      if (r.ok) expect(r.scenario).toEqual(p.scenario);
    }
  });
  it("fills the documented defaults", () => {
    const s = clone(defaultScenario);
    delete s.montecarlo;
    delete s.view;
    delete s.population.mode;
    const r = validateScenario(s);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.montecarlo).toEqual({ paths: 10000, seed: 1, rho: 0, fromYear: 2021, sd: { gdpRealGrowth: 2, gdpDeflator: 1.5, urbanIncomeGrowth: 1.5, cpi: 1, populationGrowth: 2 } });
      expect(r.scenario.view).toEqual({ lang: "zh", chart: "gdp", prices: "constant", uncertainty: false });
      expect(r.scenario.population.mode).toBe("components");
    }
  });
  it("rejects unknown fields, at any depth, with their path", () => {
    expect(invalid({ ...clone(defaultScenario), extra: 1 })).toMatchObject({ code: "invalid", path: "extra" });
    const s = clone(defaultScenario);
    s.inputs.gdpRealGrowth.note = "x";
    expect(invalid(s).path).toBe("inputs.gdpRealGrowth.note");
    const t = clone(defaultScenario);
    t.inputs.gdp = { periods: [1, 1, 1] };
    expect(invalid(t).path).toBe("inputs.gdp");
  });
  it.each([
    ["a growth rate above 30 %", (s: any) => (s.inputs.gdpRealGrowth.periods[1] = 31), "inputs.gdpRealGrowth.periods.1"],
    ["NaN", (s: any) => (s.inputs.cpi.periods[0] = Number.NaN), "inputs.cpi.periods.0"],
    ["Infinity", (s: any) => (s.national.urbanIncomeGrowth = Infinity), "national.urbanIncomeGrowth"],
    ["a number as text", (s: any) => (s.services.target = "75"), "services.target"],
    ["a year override outside 2021–2035", (s: any) => (s.inputs.cpi.years = { "2036": 2 }), "inputs.cpi.years.2036"],
    ["a non-integer target year", (s: any) => (s.population.year = 2030.5), "population.year"],
    ["a population target of 50 people", (s: any) => (s.population.target = 50), "population.target"],
    ["too many paths", (s: any) => (s.montecarlo.paths = 1_000_000), "montecarlo.paths"],
    ["a negative seed", (s: any) => (s.montecarlo.seed = -1), "montecarlo.seed"],
    ["ρ of 1", (s: any) => (s.montecarlo.rho = 1), "montecarlo.rho"],
    ["an unknown chart", (s: any) => (s.view.chart = "pie"), "view.chart"],
    ["a 121-character title", (s: any) => (s.title = "x".repeat(121)), "title"],
    ["a 201-character formula", (s: any) => (s.inputs.cpi.formula = "1+".repeat(100) + "1"), "inputs.cpi.formula"],
    ["a formula with full-width brackets", (s: any) => (s.inputs.cpi.formula = "（t - 2020）"), "inputs.cpi.formula"],
    ["two periods instead of three", (s: any) => (s.inputs.cpi.periods = [1, 2]), "inputs.cpi.periods.2"],
    ["four periods instead of three (not cut to three)", (s: any) => (s.inputs.gdpRealGrowth.periods = [1, 2, 3, 4]), "inputs.gdpRealGrowth.periods.3"],
    ["a year override keyed constructor", (s: any) => (s.inputs.cpi.years = { constructor: 999 }), "inputs.cpi.years.constructor"],
    ["a year override keyed prototype", (s: any) => (s.inputs.cpi.years = { "2022": 1, prototype: 999 }), "inputs.cpi.years.prototype"],
    ["a missing input", (s: any) => delete s.inputs.cpi, "inputs.cpi"],
  ])("rejects %s", (_, mutate, path) => {
    const s = clone(defaultScenario);
    mutate(s);
    const e = invalid(s);
    expect(e.code).toBe("invalid");
    expect(e.path).toBe(path);
    expect(e.message.length).toBeGreaterThan(path.length + 2);
  });
  it("is not fooled by __proto__ keys in parsed JSON, and pollutes nothing", () => {
    const json = JSON.stringify(defaultScenario);
    const top = JSON.parse(json.replace('{"v":1', '{"__proto__":{"polluted":1},"v":1'));
    expect(invalid(top).path).toBe("__proto__");
    // Refused, not silently dropped: the stored or linked scenario must be what was sent.
    for (const value of ['{"polluted":1}', "999"]) {
      const years = JSON.parse(json.replace('"cpi":{"periods"', `"cpi":{"years":{"__proto__":${value}},"periods"`));
      expect(invalid(years)).toMatchObject({ code: "invalid", path: "inputs.cpi.years.__proto__", detail: { code: "bad-year" } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it.each([null, 42, "text", [], undefined])("rejects %p as a whole", (x) => {
    expect(invalid(x).code).toBe("invalid");
  });
  it("rejects a future version as unsupported, not invalid", () => {
    expect(invalid({ ...clone(defaultScenario), v: 2 })).toMatchObject({ code: "unsupported-version", path: "v" });
  });
  it("normalises numbers to 12 significant digits and −0 to 0", () => {
    const s = clone(defaultScenario);
    s.inputs.gdpRealGrowth.periods = [0.1 + 0.2, -0, 9];
    const r = validateScenario(s);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.inputs.gdpRealGrowth.periods).toEqual([0.3, 0, 9]);
      expect(Object.is(r.scenario.inputs.gdpRealGrowth.periods[1], -0)).toBe(false);
    }
  });
  it("drops empty overrides and blank formulas, trims text", () => {
    const s = clone(defaultScenario);
    s.inputs.cpi.years = {};
    s.inputs.cpi.formula = "   ";
    s.title = "  Title  ";
    const r = validateScenario(s);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.inputs.cpi).toEqual({ periods: [1.8, 1.8, 1.8] });
      expect(r.scenario.title).toBe("Title");
    }
  });
});

describe("migration", () => {
  it("brings the v0 fixture to v1, keeping every value", () => {
    const v0 = JSON.parse(readFileSync(new URL("../fixtures/scenario-v0.json", import.meta.url), "utf8"));
    const r = validateScenario(v0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.scenario;
    expect(s.v).toBe(1);
    expect(s.title).toBe("v0 draft: 8 % growth");
    expect(s.inputs.gdpRealGrowth).toEqual({ periods: [8, 8, 8] });
    expect(s.inputs.gdpDeflator).toEqual({ periods: [2, 2, 2] });
    expect(s.inputs.urbanIncomeGrowth).toEqual({ periods: [7.5, 7.5, 7.5] });
    expect(s.inputs.naturalGrowth).toEqual({ periods: [1.5, 1.5, 1.5] });
    expect(s.inputs.netMigration).toEqual({ periods: [4000, 4000, 4000] });
    expect(s.services).toEqual({ target: 74, year: 2035 });
    expect(s.national).toEqual({ urbanIncomeGrowth: 5, gdpPerCapitaGrowth: 5 });
    expect(s.montecarlo.seed).toBe(42);
    expect(s.population.mode).toBe("components");
  });
  it("reports a v0 value out of v1's range instead of changing it", () => {
    const v0 = JSON.parse(readFileSync(new URL("../fixtures/scenario-v0.json", import.meta.url), "utf8"));
    v0.gdpGrowth = 45;
    expect(invalid(v0).path).toBe("inputs.gdpRealGrowth.periods.0");
  });
  it("rejects an unknown v0 field", () => {
    expect(invalid({ version: 0, gdpGrowth: 8, colour: "red" }).message).toMatch(/colour/);
  });
});

describe("canonical form and hash", () => {
  it("sorts keys at every level and omits defaults", () => {
    const json = canonicalJson(defaultScenario);
    const parsed = JSON.parse(json);
    const sortedEverywhere = (x: unknown): boolean =>
      Array.isArray(x) ? x.every(sortedEverywhere) : x !== null && typeof x === "object" ? Object.keys(x).join() === Object.keys(x).sort().join() && Object.values(x).every(sortedEverywhere) : true;
    expect(sortedEverywhere(parsed)).toBe(true);
    expect(parsed.montecarlo).toBeUndefined();
    expect(parsed.view).toBeUndefined();
    expect(json).not.toContain('"years"');
  });
  it("keeps non-default settings", () => {
    const s = structuredClone(defaultScenario);
    s.montecarlo.seed = 7;
    s.montecarlo.sd.cpi = 0;
    s.view.lang = "en";
    const parsed = JSON.parse(canonicalJson(s));
    expect(parsed.montecarlo).toEqual({ seed: 7, sd: { cpi: 0 } });
    expect(parsed.view).toEqual({ lang: "en" });
  });
  it("is the same whatever the key order of the input", () => {
    const a = clone(defaultScenario);
    const b = Object.fromEntries(Object.entries(a).reverse());
    b.inputs = Object.fromEntries(Object.entries(a.inputs).reverse());
    const va = validateScenario(a);
    const vb = validateScenario(b);
    expect(va.ok && vb.ok).toBe(true);
    if (va.ok && vb.ok) expect(canonicalJson(vb.scenario)).toBe(canonicalJson(va.scenario));
  });
  it("hashes the canonical JSON with SHA-256 (checked against node:crypto)", async () => {
    const expected = createHash("sha256").update(canonicalJson(defaultScenario), "utf8").digest("hex");
    expect(await scenarioHash(defaultScenario)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });
  it("gives different hashes to different scenarios", async () => {
    const s = structuredClone(defaultScenario);
    s.inputs.gdpRealGrowth.periods = [9, 9, 8];
    expect(await scenarioHash(s)).not.toBe(await scenarioHash(defaultScenario));
  });
  it("tolerates a default written out explicitly (same hash)", async () => {
    const s = clone(defaultScenario);
    s.view = { lang: "zh" };
    const v = validateScenario(s);
    expect(v.ok).toBe(true);
    if (v.ok) expect(await scenarioHash(v.scenario)).toBe(await scenarioHash(defaultScenario));
  });
});

describe("view.uncertainty (the Monte Carlo switch, part of every link)", () => {
  it("accepts true and false, and fills false when absent", () => {
    for (const on of [true, false]) {
      const s = clone(defaultScenario);
      s.view = { uncertainty: on };
      const r = validateScenario(s);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.scenario.view.uncertainty).toBe(on);
    }
    const bare = clone(defaultScenario);
    bare.view = { lang: "en" };
    const r = validateScenario(bare);
    expect(r.ok && r.scenario.view.uncertainty).toBe(false);
  });
  it.each([["the text \"true\"", "true"], ["1", 1], ["0", 0], ["null", null], ["an object", {}]])("rejects %s with the field's path", (_name, value) => {
    const s = clone(defaultScenario);
    s.view = { uncertainty: value };
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: "invalid", path: "view.uncertainty", detail: { code: "not-one-of", options: ["true", "false"] } });
      expect(r.error.message).toBe("view.uncertainty: must be true or false");
    }
  });
  it("is omitted from the canonical form when false and kept when true", () => {
    const off = structuredClone(defaultScenario);
    off.view.uncertainty = false;
    expect(canonicalJson(off)).toBe(canonicalJson(defaultScenario));
    expect(canonicalJson(off)).not.toContain("uncertainty");
    const on = structuredClone(defaultScenario);
    on.view.uncertainty = true;
    expect(JSON.parse(canonicalJson(on)).view).toEqual({ uncertainty: true });
  });
  it("survives the share-link codec when true", () => {
    const on = structuredClone(defaultScenario);
    on.view = { ...on.view, uncertainty: true, prices: "current" };
    const encoded = encodeScenario(on);
    expect(encoded).not.toBe(encodeScenario(defaultScenario));
    const r = decodeScenario(encoded);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario).toEqual(on);
      expect(r.scenario.view.uncertainty).toBe(true);
    }
  });
});

describe("share-link codec", () => {
  it("base64url matches Node's encoder and decodes back", () => {
    for (const bytes of [new Uint8Array([]), new Uint8Array([0]), new Uint8Array([251, 255]), new Uint8Array([1, 2, 3, 250, 251, 252, 253])]) {
      const text = base64urlEncode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64url"));
      expect(base64urlDecode(text)).toEqual(bytes);
    }
  });
  it("encodes as version, dot, base64url, and round-trips every preset exactly", () => {
    for (const p of presets) {
      const text = encodeScenario(p.scenario);
      expect(text).toMatch(/^1\.[A-Za-z0-9_-]+$/);
      const r = decodeScenario(text);
      expect(r.ok, p.id).toBe(true);
      if (r.ok) expect(r.scenario).toEqual(p.scenario);
    }
  });
  it("is short enough for a link (under 600 characters for a preset)", () => {
    for (const p of presets) expect(encodeScenario(p.scenario).length).toBeLessThan(600);
  });
  const expectError = (text: string, code: string) => {
    const r = decodeScenario(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  };
  it.each([
    ["an empty string", ""],
    ["a foreign string", "hello world"],
    ["a URL", "https://example.com/?s=1.abc"],
    ["no payload", "1."],
    ["bad characters", "1.abc+def/="],
    ["an impossible base64 length", "1.a"],
    ["bytes that do not inflate", "1.AAAA"],
  ])("refuses %s as malformed", (_, text) => expectError(text, "malformed"));
  it("refuses a truncated link as malformed", () => {
    const text = encodeScenario(defaultScenario);
    for (const cut of [3, 10, Math.floor(text.length / 2), text.length - 2]) expectError(text.slice(0, cut), "malformed");
  });
  it("refuses a version this site does not know", () => {
    expectError("2." + encodeScenario(defaultScenario).slice(2), "unsupported-version");
  });
  it("refuses a link whose prefix and content disagree on the version", () => {
    const body = base64urlEncode(deflateSync(strToU8(JSON.stringify({ ...clone(defaultScenario), v: 3 }))));
    expectError(`1.${body}`, "malformed");
  });
  it("refuses valid JSON that is not a valid scenario with the validation error", () => {
    const body = base64urlEncode(deflateSync(strToU8(JSON.stringify({ v: 1, inputs: {} }))));
    expectError(`1.${body}`, "invalid");
  });
  it("refuses an over-long link and a compression bomb as too large", () => {
    expectError("1." + "A".repeat(5000), "too-large");
    const bomb = base64urlEncode(deflateSync(strToU8(`{"v":1,"title":"${" ".repeat(100_000)}"}`), { level: 9 }));
    expect(bomb.length).toBeLessThan(4096);
    expectError(`1.${bomb}`, "too-large");
  });
  it("defaults omitted in the link come back as defaults", () => {
    const r = decodeScenario(encodeScenario(defaultScenario));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.montecarlo).toEqual({ ...DEFAULTS.montecarlo, sd: { ...DEFAULTS.montecarlo.sd } });
  });
});
