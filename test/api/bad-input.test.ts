// Hostile and broken requests to POST /api/scenarios: each gets its own status and error code,
// and nothing is stored (checked in the SQLite file itself). Hostile titles that are merely
// text (markup, quotes, SQL) are stored verbatim and come back unchanged.
import { describe, expect, it, inject } from "vitest";
import { defaultScenario } from "../../src/lib/scenario";
import { countRows, post, postJson } from "./api-helpers";

const base = inject("baseUrl");
const persistDir = inject("persistDir");
const scenarioText = JSON.stringify(defaultScenario);

interface Rejection {
  name: string;
  send: () => Promise<Response>;
  status: number;
  error: string;
  field?: string;
}

function withScenarioText(text: string, extra = ""): string {
  return `{"scenario":${text}${extra}}`;
}

/** The default scenario's JSON with the first period of real GDP growth replaced by raw text. */
function growthLiteral(literal: string): string {
  const text = JSON.stringify({ scenario: defaultScenario });
  const replaced = text.replace(/("gdpRealGrowth":\{"periods":\[)[^,\]]+/, `$1${literal}`);
  if (replaced === text) throw new Error("test setup: gdpRealGrowth.periods not found");
  return replaced;
}

/** Pads JSON text with trailing spaces to exactly `bytes` UTF-8 bytes. */
function padToBytes(text: string, bytes: number): string {
  const padded = text + " ".repeat(bytes - new TextEncoder().encode(text).byteLength);
  if (new TextEncoder().encode(padded).byteLength !== bytes) throw new Error("test setup: padding failed");
  return padded;
}

/** The default scenario with a formula for real GDP growth. */
function withFormula(formula: string): unknown {
  const s = structuredClone(defaultScenario) as { inputs: { gdpRealGrowth: { formula?: string } } };
  s.inputs.gdpRealGrowth.formula = formula;
  return s;
}

const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

const rejections: Rejection[] = [
  { name: "malformed JSON", send: () => post(base, '{"scenario": {'), status: 400, error: "malformed-json" },
  { name: "JSON with a trailing comma", send: () => post(base, withScenarioText(scenarioText, ",")), status: 400, error: "malformed-json" },
  { name: "text/plain", send: () => post(base, withScenarioText(scenarioText), { contentType: "text/plain" }), status: 415, error: "unsupported-media-type" },
  { name: "form encoding", send: () => post(base, "scenario=1", { contentType: "application/x-www-form-urlencoded" }), status: 415, error: "unsupported-media-type" },
  { name: "no content type", send: () => post(base, withScenarioText(scenarioText), { contentType: null }), status: 415, error: "unsupported-media-type" },
  { name: "JSON in latin1", send: () => post(base, withScenarioText(scenarioText), { contentType: "application/json; charset=latin1" }), status: 415, error: "unsupported-media-type" },
  { name: "empty body", send: () => post(base, ""), status: 400, error: "empty-body" },
  { name: "whitespace body", send: () => post(base, " \n\t "), status: 400, error: "empty-body" },
  { name: "bytes that are not UTF-8", send: () => post(base, new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])), status: 400, error: "malformed-json" },
  { name: "a JSON array", send: () => post(base, "[]"), status: 400, error: "invalid", field: "body" },
  { name: "JSON null", send: () => post(base, "null"), status: 400, error: "invalid", field: "body" },
  { name: "a JSON string", send: () => post(base, '"scenario"'), status: 400, error: "invalid", field: "body" },
  { name: "no scenario", send: () => postJson(base, { title: "无情景" }), status: 400, error: "invalid", field: "scenario" },
  { name: "unknown top-level field", send: () => postJson(base, { scenario: defaultScenario, admin: true }), status: 400, error: "invalid", field: "admin" },
  {
    name: "unknown field inside the scenario",
    send: () => postJson(base, { scenario: { ...defaultScenario, extra: 1 } }),
    status: 400,
    error: "invalid",
    field: "scenario.extra",
  },
  { name: "deep nesting as the scenario", send: () => post(base, withScenarioText(deep(5000))), status: 400, error: "invalid", field: "scenario" },
  {
    name: "deep nesting inside an unknown field",
    send: () => post(base, withScenarioText(scenarioText.replace(/^\{/, `{"x":${deep(4000)},`))),
    status: 400,
    error: "invalid",
    field: "scenario.x",
  },
  { name: "deep nesting as the title", send: () => post(base, withScenarioText(scenarioText, `,"title":${deep(5000)}`)), status: 400, error: "invalid", field: "title" },
  { name: "NaN", send: () => post(base, growthLiteral("NaN")), status: 400, error: "malformed-json" },
  { name: "Infinity", send: () => post(base, growthLiteral("Infinity")), status: 400, error: "malformed-json" },
  { name: "-Infinity", send: () => post(base, growthLiteral("-Infinity")), status: 400, error: "malformed-json" },
  { name: "1e400 (parses to Infinity)", send: () => post(base, growthLiteral("1e400")), status: 400, error: "invalid", field: "scenario.inputs.gdpRealGrowth.periods.0" },
  { name: "1e300", send: () => post(base, growthLiteral("1e300")), status: 400, error: "invalid", field: "scenario.inputs.gdpRealGrowth.periods.0" },
  { name: "a huge integer", send: () => post(base, growthLiteral("9".repeat(400))), status: 400, error: "invalid", field: "scenario.inputs.gdpRealGrowth.periods.0" },
  { name: "a number as a string", send: () => post(base, growthLiteral('"5"')), status: 400, error: "invalid", field: "scenario.inputs.gdpRealGrowth.periods.0" },
  { name: "a foreign schema version", send: () => postJson(base, { scenario: { ...defaultScenario, v: 99 } }), status: 400, error: "unsupported-version", field: "scenario.v" },
  { name: "a version as text", send: () => postJson(base, { scenario: { ...defaultScenario, v: "1" } }), status: 400, error: "invalid", field: "scenario.v" },
  { name: "a formula with a syntax error", send: () => postJson(base, { scenario: withFormula("9 +") }), status: 400, error: "invalid", field: "scenario.inputs.gdpRealGrowth.formula" },
  { name: "a formula calling an unknown function", send: () => postJson(base, { scenario: withFormula("alert(1)") }), status: 400, error: "invalid", field: "scenario.inputs.gdpRealGrowth.formula" },
  { name: "a formula reaching for a property", send: () => postJson(base, { scenario: withFormula("t.constructor") }), status: 400, error: "invalid", field: "scenario.inputs.gdpRealGrowth.formula" },
  { name: "a formula out of the input's range", send: () => postJson(base, { scenario: withFormula("1000 * t") }), status: 400, error: "invalid", field: "scenario.inputs.gdpRealGrowth.formula" },
  { name: "a formula dividing by zero", send: () => postJson(base, { scenario: withFormula("1 / (t - 2030)") }), status: 400, error: "invalid", field: "scenario.inputs.gdpRealGrowth.formula" },
  { name: "title with NUL", send: () => postJson(base, { scenario: defaultScenario, title: "a\u0000b" }), status: 400, error: "invalid", field: "title" },
  { name: "title with BEL", send: () => postJson(base, { scenario: defaultScenario, title: "响铃\u0007" }), status: 400, error: "invalid", field: "title" },
  { name: "title with a line break", send: () => postJson(base, { scenario: defaultScenario, title: "两\n行" }), status: 400, error: "invalid", field: "title" },
  { name: "title with a C1 control", send: () => postJson(base, { scenario: defaultScenario, title: "x\u009by" }), status: 400, error: "invalid", field: "title" },
  { name: "title with an RTL override", send: () => postJson(base, { scenario: defaultScenario, title: "invoice\u202Egnp.exe" }), status: 400, error: "invalid", field: "title" },
  { name: "title with an RTL isolate", send: () => postJson(base, { scenario: defaultScenario, title: "a\u2067b\u2069" }), status: 400, error: "invalid", field: "title" },
  { name: "note with an RTL override", send: () => postJson(base, { scenario: defaultScenario, note: "\u202Eabc" }), status: 400, error: "invalid", field: "note" },
  { name: "note with ESC", send: () => postJson(base, { scenario: defaultScenario, note: "\u001b[31mred" }), status: 400, error: "invalid", field: "note" },
  { name: "scenario title with an RTL override", send: () => postJson(base, { scenario: { ...defaultScenario, title: "\u202Eabc" } }), status: 400, error: "invalid", field: "scenario.title" },
  { name: "title with a lone surrogate", send: () => post(base, withScenarioText(scenarioText, ',"title":"a\\ud800b"')), status: 400, error: "invalid", field: "title" },
  { name: "title of 81 characters", send: () => postJson(base, { scenario: defaultScenario, title: "城".repeat(81) }), status: 400, error: "invalid", field: "title" },
  { name: "note of 281 characters", send: () => postJson(base, { scenario: defaultScenario, note: "注".repeat(281) }), status: 400, error: "invalid", field: "note" },
  { name: "title of zero-width spaces only", send: () => postJson(base, { scenario: defaultScenario, title: "\u200B\u200B" }), status: 400, error: "invalid", field: "title" },
  { name: "title of a Hangul filler only", send: () => postJson(base, { scenario: defaultScenario, title: " \u3164 " }), status: 400, error: "invalid", field: "title" },
  { name: "note of joiners and a BOM only", send: () => postJson(base, { scenario: defaultScenario, note: "\u200D\u2060\uFEFF" }), status: 400, error: "invalid", field: "note" },
  { name: "scenario title of zero-width spaces only", send: () => postJson(base, { scenario: { ...defaultScenario, title: "\u200B" } }), status: 400, error: "invalid", field: "scenario.title" },
  { name: "four periods instead of three (not cut to three)", send: () => post(base, growthLiteral("6,6,6,6")), status: 400, error: "invalid", field: "scenario.inputs.gdpRealGrowth.periods.3" },
  ...["__proto__", "constructor", "prototype"].map((key) => ({
    name: `a year override keyed ${key}`,
    send: () => post(base, JSON.stringify({ scenario: defaultScenario }).replace('"cpi":{', `"cpi":{"years":{"${key}":999},`)),
    status: 400,
    error: "invalid",
    field: `scenario.inputs.cpi.years.${key}`,
  })),
  ...["constructor", "toString", "__proto__"].map((key) => ({
    name: `a scenario field named ${key}`,
    send: () => post(base, JSON.stringify({ scenario: defaultScenario }).replace('"view":{', `"view":{"${key}":1,`)),
    status: 400,
    error: "invalid",
    field: `scenario.view.${key}`,
  })),
  { name: "title that is a number", send: () => postJson(base, { scenario: defaultScenario, title: 42 }), status: 400, error: "invalid", field: "title" },
  { name: "16 KB + 1 byte", send: () => post(base, padToBytes(withScenarioText(scenarioText), 16 * 1024 + 1)), status: 413, error: "too-large" },
  {
    name: "over 16 KB streamed without Content-Length",
    send: () => {
      const chunk = new TextEncoder().encode(" ".repeat(4096));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 8) controller.enqueue(chunk);
          else controller.close();
        },
      });
      return fetch(`${base}/api/scenarios`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit);
    },
    status: 413,
    error: "too-large",
  },
];

describe("rejected requests", () => {
  for (const c of rejections) {
    it(`${c.name}: ${c.status} ${c.error}${c.field ? ` (${c.field})` : ""}, nothing stored`, async () => {
      const before = countRows(persistDir, "scenarios");
      const res = await c.send();
      expect(res.status).toBe(c.status);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const text = await res.text();
      const body = JSON.parse(text) as { error: string; message: string; field?: string };
      expect(body.error).toBe(c.error);
      expect(body.message.length).toBeGreaterThan(0);
      if (c.field !== undefined) expect(body.field).toBe(c.field);
      // No stack traces or runtime internals in an answer.
      expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:|worker\.js|node_modules/);
      expect(countRows(persistDir, "scenarios")).toBe(before);
    });
  }
});

describe("accepted edge cases", () => {
  it("accepts a body of exactly 16 KB", async () => {
    const text = JSON.stringify({ scenario: defaultScenario, title: `恰好16KB ${crypto.randomUUID().slice(0, 8)}` });
    const body = padToBytes(text, 16 * 1024);
    const res = await post(base, body);
    expect(res.status).toBe(201);
  });

  it("accepts a title of exactly 80 characters (CJK and astral) and a 280-character note with line breaks", async () => {
    const title = "𠀋".repeat(40) + "城".repeat(40);
    const note = ("第一行\n" + "注".repeat(276)).slice(0, 280);
    const res = await postJson(base, { scenario: defaultScenario, title, note });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const got = (await (await fetch(`${base}/api/scenarios/${id}`)).json()) as { title: string; note: string };
    expect(got.title).toBe(title);
    expect(got.note).toBe(note);
  });

  const hostileTitles = [
    "<script>alert(1)</script>",
    `"><img src=x onerror=alert(1)>`,
    `He said "hi" & 'bye'`,
    "'); DROP TABLE scenarios; --",
    "1' OR '1'='1",
    "Robert'); DELETE FROM creation_counts WHERE ('1'='1",
  ];
  for (const title of hostileTitles) {
    it(`stores the title ${JSON.stringify(title)} verbatim, as text`, async () => {
      const before = countRows(persistDir, "scenarios");
      const unique = `${title} ${crypto.randomUUID().slice(0, 6)}`;
      const res = await postJson(base, { scenario: defaultScenario, title: unique, note: title });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      expect(countRows(persistDir, "scenarios")).toBe(before + 1);
      const got = (await (await fetch(`${base}/api/scenarios/${id}`)).json()) as { title: string; note: string };
      expect(got.title).toBe(unique);
      expect(got.note).toBe(title);
    });
  }

  it("accepts a scenario whose formula the simulator can compute", async () => {
    const res = await postJson(base, { scenario: withFormula("9 - 0.3 * (t - 2021)"), title: `公式 ${crypto.randomUUID().slice(0, 6)}` });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const got = (await (await fetch(`${base}/api/scenarios/${id}`)).json()) as { scenario: { inputs: { gdpRealGrowth: { formula: string } } } };
    expect(got.scenario.inputs.gdpRealGrowth.formula).toBe("9 - 0.3 * (t - 2021)");
  });

  it("treats a blank title as no title", async () => {
    const res = await postJson(base, { scenario: defaultScenario, title: "   ", note: "" });
    expect([200, 201]).toContain(res.status);
    const { id } = (await res.json()) as { id: string };
    const got = (await (await fetch(`${base}/api/scenarios/${id}`)).json()) as { title: unknown; note: unknown };
    expect(got.title).toBeNull();
    expect(got.note).toBeNull();
  });
});
