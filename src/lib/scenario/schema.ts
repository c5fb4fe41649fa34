// The scenario: the whole shareable state of the simulator, as plain JSON.
//
// One schema for the browser (simulator, share links) and the server (Pages Functions that
// store scenarios): unknown fields are rejected, numbers must be finite and inside the ranges
// below, strings and formulas are length-limited. Validation also normalises numbers (12
// significant digits, no -0) and fills defaults, so a validated scenario is exactly what a
// share link decodes to.
//
// Defaults and ranges are part of schema version 1 and must never change within it: a link
// that omits a default must open the same scenario years later. Anything that changes the
// meaning of stored JSON needs v2 plus a migration in migrate.ts.
import * as v from "valibot";
import { INPUT_YEAR_KEYS, type YearKey } from "../model/years";

export const SCHEMA_VERSION = 1;

/** The model's inputs that vary by year. Names double as the variables usable in formulas. */
export const INPUT_IDS = [
  "gdpRealGrowth", // 地区生产总值实际增速, % per year, comparable (constant) prices
  "gdpDeflator", // GDP 平减指数涨幅, % per year
  "naturalGrowth", // 人口自然增长率, ‰ per year
  "netMigration", // 净迁入人口, persons per year
  "urbanIncomeGrowth", // 城镇居民人均可支配收入名义增速, % per year
  "incomeElasticity", // income growth ÷ per-capita nominal GDP growth (1 = 同步)
  "cpi", // 居民消费价格涨幅, % per year
] as const;
export type InputId = (typeof INPUT_IDS)[number];

/** Documented range and unit of every input (values per year, after formulas). */
export const INPUT_META: Readonly<Record<InputId, { min: number; max: number; unit: string; zh: string; en: string }>> = {
  gdpRealGrowth: { min: -20, max: 30, unit: "%", zh: "地区生产总值实际增速", en: "Real GDP growth" },
  gdpDeflator: { min: -10, max: 20, unit: "%", zh: "GDP平减指数涨幅", en: "GDP deflator" },
  naturalGrowth: { min: -30, max: 30, unit: "‰", zh: "人口自然增长率", en: "Natural population growth" },
  netMigration: { min: -20000, max: 60000, unit: "人/年", zh: "净迁入人口", en: "Net migration" },
  urbanIncomeGrowth: { min: -20, max: 30, unit: "%", zh: "城镇居民人均可支配收入增速", en: "Urban income growth (nominal)" },
  incomeElasticity: { min: 0, max: 3, unit: "", zh: "收入对人均GDP弹性", en: "Income elasticity to per-capita GDP" },
  cpi: { min: -10, max: 20, unit: "%", zh: "居民消费价格涨幅", en: "Consumer price inflation" },
};

/** Keys of `montecarlo.sd`: the variables that get annual shocks. */
export const SHOCK_IDS = ["gdpRealGrowth", "gdpDeflator", "urbanIncomeGrowth", "cpi", "populationGrowth"] as const;
export type ShockId = (typeof SHOCK_IDS)[number];

export const FORMULA_MAX_LENGTH = 200;
export const TITLE_MAX_LENGTH = 120;
const PRESET_ID_MAX_LENGTH = 40;

export const CHART_IDS = ["gdp", "population", "income", "services", "national", "uncertainty", "sensitivity"] as const;

/**
 * Defaults of schema v1 (frozen). Fields equal to these are omitted from the canonical form.
 * The shock sizes are judgement, anchored on the year-to-year spread of the national series in
 * content/data/national.csv (2020–2025); see docs/model.md.
 */
export const DEFAULTS = Object.freeze({
  populationMode: "components" as const,
  incomeMode: "growth" as const,
  montecarlo: Object.freeze({
    paths: 10000,
    seed: 1,
    rho: 0,
    fromYear: 2021,
    sd: Object.freeze({ gdpRealGrowth: 2, gdpDeflator: 1.5, urbanIncomeGrowth: 1.5, cpi: 1, populationGrowth: 2 }),
  }),
  view: Object.freeze({ lang: "zh" as const, chart: "gdp" as const, prices: "constant" as const, uncertainty: false }),
});

export type YearOverrides = Partial<Record<YearKey, number>>;

/**
 * One input over 2021–2035. The value for year t is, in order of precedence:
 * `years[t]` if set, else `formula` evaluated at t if set, else `periods[plan period of t]`.
 */
export interface Series {
  /** Values for 2021–2025, 2026–2030, 2031–2035. */
  periods: [number, number, number];
  /** Per-year overrides; omitted when empty. */
  years?: YearOverrides;
  /** mathjs expression of `t` or `year` (the calendar year) and the other inputs, e.g. `9 - 0.4 * (t - 2021)`. */
  formula?: string;
}

export interface Scenario {
  v: 1;
  /** Free title shown on the share page. */
  title?: string;
  /** Id of the preset the scenario started from (for display only). */
  basedOn?: string;
  inputs: Record<InputId, Series>;
  /**
   * 常住人口: "components" = natural growth and net migration; "target" = reach `target`
   * persons in `year` on a constant-rate path from 2020, then hold that level.
   */
  population: { mode: "components" | "target"; target: number; year: number };
  /** 城镇居民人均可支配收入: own nominal growth, or elasticity × per-capita nominal GDP growth. */
  income: { mode: "growth" | "elasticity" };
  /** 服务业增加值比重 moves in a straight line from the 2020 share to `target` % in `year`, then stays. */
  services: { target: number; year: number };
  /** Nominal growth of the national series after the last reported year (2025), % per year. */
  national: { urbanIncomeGrowth: number; gdpPerCapitaGrowth: number };
  montecarlo: {
    paths: number;
    seed: number;
    /** AR(1) persistence of the shocks, shared by all variables. */
    rho: number;
    /** First uncertain year: earlier years (e.g. reported outcomes) get no shocks. */
    fromYear: number;
    /** Standard deviation of the annual shock: pp for rates in %, ‰ for populationGrowth. */
    sd: Record<ShockId, number>;
  };
  /**
   * Display state, part of the link so that it opens the same view. `uncertainty`: the Monte
   * Carlo bands and target probabilities are shown (optional in input, false by default).
   */
  view: { lang: "zh" | "en"; chart: (typeof CHART_IDS)[number]; prices: "constant" | "current"; uncertainty: boolean };
}

/**
 * Exactly what is wrong with a scenario or a link, with the values the message mentions: a
 * stable code per message, so that a user interface can say it in its own language
 * (ScenarioError.message is English, for logs and the API).
 */
export type ScenarioErrorDetail =
  | { code: "not-object" }
  | { code: "unknown-field" }
  | { code: "required" }
  | { code: "not-number" }
  | { code: "not-finite" }
  /** `unit` as the schema states it: "%", "‰", "pp", "人/年", "persons", "paths" or "". */
  | { code: "out-of-range"; min: number; max: number; unit: string }
  | { code: "not-integer" }
  | { code: "not-text" }
  | { code: "too-long"; max: number }
  | { code: "not-ascii" }
  | { code: "broken-character" }
  | { code: "not-preset-id" }
  | { code: "not-one-of"; options: readonly string[] }
  /** Not the object, list or record the field must be. */
  | { code: "bad-shape" }
  | { code: "bad-year" }
  | { code: "no-version" }
  | { code: "unsupported-version"; version: number; supported: number }
  | { code: "migration-failed"; from: number }
  | { code: "link-too-long"; max: number }
  | { code: "scenario-too-large"; max: number }
  | { code: "not-a-link" }
  | { code: "damaged-link" }
  | { code: "not-a-scenario" }
  | { code: "version-mismatch"; version: number; claimed: string };

/** Every ScenarioErrorDetail code, for exhaustive tables (translations, tests). */
export const SCENARIO_DETAIL_CODES = [
  "not-object",
  "unknown-field",
  "required",
  "not-number",
  "not-finite",
  "out-of-range",
  "not-integer",
  "not-text",
  "too-long",
  "not-ascii",
  "broken-character",
  "not-preset-id",
  "not-one-of",
  "bad-shape",
  "bad-year",
  "no-version",
  "unsupported-version",
  "migration-failed",
  "link-too-long",
  "scenario-too-large",
  "not-a-link",
  "damaged-link",
  "not-a-scenario",
  "version-mismatch",
] as const satisfies readonly ScenarioErrorDetail["code"][];
// Fails to compile when a code of the union is missing from the list.
const everyScenarioCode: Exclude<ScenarioErrorDetail["code"], (typeof SCENARIO_DETAIL_CODES)[number]> extends never ? true : never = true;
void everyScenarioCode;

// valibot reports our own message strings; each is registered here with its detail, so that
// an issue's message leads back to a code without parsing English.
const detailByMessage = new Map<string, ScenarioErrorDetail>();
function says(message: string, detail: ScenarioErrorDetail): string {
  const known = detailByMessage.get(message);
  if (known && JSON.stringify(known) !== JSON.stringify(detail)) throw new Error(`schema message “${message}” has two details`);
  detailByMessage.set(message, detail);
  return message;
}

/** 12 significant digits, no negative zero: the same number however it was computed or typed. */
export function normaliseNumber(x: number): number {
  if (x === 0) return 0;
  return Number(x.toPrecision(12));
}

const notNumber = says("must be a number", { code: "not-number" });
const notText = says("must be text", { code: "not-text" });

function num(min: number, max: number, unit: string) {
  const range = says(`must be between ${min} … ${max}${unit ? ` ${unit}` : ""}`, { code: "out-of-range", min, max, unit });
  return v.pipe(
    v.number(notNumber),
    v.finite(says("must be a finite number", { code: "not-finite" })),
    v.minValue(min, range),
    v.maxValue(max, range),
    v.transform(normaliseNumber),
  );
}

function int(min: number, max: number, what: "year" | "paths" | "seed") {
  const range = says(`must be between ${min} and ${max} (${what})`, { code: "out-of-range", min, max, unit: what === "paths" ? "paths" : "" });
  return v.pipe(
    v.number(notNumber),
    v.integer(says(`must be a whole number (${what})`, { code: "not-integer" })),
    v.minValue(min, range),
    v.maxValue(max, range),
  );
}

function oneOf<const T extends readonly string[]>(options: T) {
  return v.picklist(options, says(`must be ${options.map((o) => `"${o}"`).join(" or ")}`, { code: "not-one-of", options }));
}

// Printable ASCII only: the formula language is mathjs's, and full-width brackets or a pasted
// "×" are better caught with a clear message here than as a parse error later.
const formulaSchema = v.pipe(
  v.string(notText),
  v.maxLength(FORMULA_MAX_LENGTH, says(`must be at most ${FORMULA_MAX_LENGTH} characters`, { code: "too-long", max: FORMULA_MAX_LENGTH })),
  v.regex(/^[\x20-\x7E]*$/, says("may only use ASCII letters, digits, spaces and + - * / ^ ( ) . , < > = ? : (no full-width characters)", { code: "not-ascii" })),
  v.trim(),
);

const BAD_YEAR = says("year must be 2021 … 2035", { code: "bad-year" });

function seriesSchema(id: InputId) {
  const m = INPUT_META[id];
  const value = num(m.min, m.max, m.unit);
  return v.pipe(
    v.strictObject(
      {
        // Strict: a fourth number is refused, not dropped (a link must give back what it says).
        periods: v.strictTuple([value, value, value], says("must be three numbers: 2021–2025, 2026–2030, 2031–2035", { code: "bad-shape" })),
        // An object of optional year keys rather than v.record, which silently skips the keys
        // "__proto__", "constructor" and "prototype": here every other key is refused.
        years: v.optional(
          v.strictObject(
            Object.fromEntries(INPUT_YEAR_KEYS.map((year) => [year, v.optional(value)])) as { [K in YearKey]: v.OptionalSchema<typeof value, undefined> },
          ),
        ),
        formula: v.optional(formulaSchema),
      },
      says("must be an object { periods, years?, formula? }", { code: "bad-shape" }),
    ),
    // Empty overrides and blank formulas carry no information: drop them so there is one form.
    v.transform((s) => {
      const out: Series = { periods: s.periods };
      if (s.years && Object.keys(s.years).length > 0) out.years = s.years as YearOverrides;
      if (s.formula !== undefined && s.formula !== "") out.formula = s.formula;
      return out;
    }),
  );
}

const d = DEFAULTS;

const inputsSchema = v.strictObject(
  Object.fromEntries(INPUT_IDS.map((id) => [id, seriesSchema(id)])) as { [K in InputId]: ReturnType<typeof seriesSchema> },
  says("must list every input", { code: "bad-shape" }),
);

const sdSchema = v.strictObject(
  Object.fromEntries(SHOCK_IDS.map((id) => [id, v.optional(num(0, 10, id === "populationGrowth" ? "‰" : "pp"), d.montecarlo.sd[id])])) as {
    [K in ShockId]: v.OptionalSchema<ReturnType<typeof num>, number>;
  },
);

const scenarioSchema = v.strictObject({
  v: v.literal(SCHEMA_VERSION, says(`must be ${SCHEMA_VERSION}`, { code: "no-version" })),
  title: v.optional(
    v.pipe(
      v.string(notText),
      v.maxLength(TITLE_MAX_LENGTH, says(`must be at most ${TITLE_MAX_LENGTH} characters`, { code: "too-long", max: TITLE_MAX_LENGTH })),
      // A lone surrogate cannot be written as UTF-8, so it would not survive a share link.
      v.check((t) => t.isWellFormed(), says("contains a broken character (a lone UTF-16 surrogate)", { code: "broken-character" })),
      v.trim(),
    ),
  ),
  basedOn: v.optional(
    v.pipe(
      v.string(notText),
      v.maxLength(PRESET_ID_MAX_LENGTH, says("is too long", { code: "too-long", max: PRESET_ID_MAX_LENGTH })),
      v.regex(/^[a-z0-9-]+$/, says("must be a preset id", { code: "not-preset-id" })),
    ),
  ),
  inputs: inputsSchema,
  population: v.strictObject({
    mode: v.optional(oneOf(["components", "target"]), d.populationMode),
    target: num(100_000, 3_000_000, "persons"),
    year: int(2021, 2035, "year"),
  }),
  income: v.strictObject({
    mode: v.optional(oneOf(["growth", "elasticity"]), d.incomeMode),
  }),
  services: v.strictObject({
    target: num(10, 99, "%"),
    year: int(2021, 2035, "year"),
  }),
  national: v.strictObject({
    urbanIncomeGrowth: num(-10, 20, "%"),
    gdpPerCapitaGrowth: num(-10, 20, "%"),
  }),
  montecarlo: v.optional(
    v.strictObject({
      paths: v.optional(int(100, 50_000, "paths"), d.montecarlo.paths),
      seed: v.optional(int(0, 4_294_967_295, "seed"), d.montecarlo.seed),
      rho: v.optional(num(0, 0.95, ""), d.montecarlo.rho),
      fromYear: v.optional(int(2021, 2035, "year"), d.montecarlo.fromYear),
      sd: v.optional(sdSchema, {}),
    }),
    {},
  ),
  view: v.optional(
    v.strictObject({
      lang: v.optional(oneOf(["zh", "en"]), d.view.lang),
      chart: v.optional(v.picklist(CHART_IDS, says(`must be one of ${CHART_IDS.join(", ")}`, { code: "not-one-of", options: CHART_IDS })), d.view.chart),
      prices: v.optional(oneOf(["constant", "current"]), d.view.prices),
      // A JSON boolean only: "true", 1 or "1" are refused rather than guessed at.
      uncertainty: v.optional(v.boolean(says("must be true or false", { code: "not-one-of", options: ["true", "false"] })), d.view.uncertainty),
    }),
    {},
  ),
});

/** What went wrong, for the user and for the API's error body. */
export interface ScenarioError {
  code: "invalid" | "unsupported-version" | "malformed" | "too-large";
  /** Dotted path of the offending field ("inputs.gdpRealGrowth.periods.1"), "" for the whole. */
  path: string;
  /** In English, prefixed with the path: for logs and the API. */
  message: string;
  /** What exactly is wrong, for messages in the reader's language. */
  detail: ScenarioErrorDetail;
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError };

// One input's value schema per input (the same `num` as inside seriesSchema), for edits that
// change a single number of an already valid scenario.
const inputValueSchemas = new Map<InputId, ReturnType<typeof num>>();

/**
 * Validate one value of an input (a period's or a year's) as validateV1 would inside a whole
 * scenario: the same rule, the same normalisation, the same error at `path`
 * ("inputs.gdpRealGrowth.periods.1"). A slider step of a valid scenario needs only this.
 */
export function validateInputValue(id: InputId, value: unknown, path: string): { ok: true; value: number } | { ok: false; error: ScenarioError } {
  const m = INPUT_META[id];
  let schema = inputValueSchemas.get(id);
  if (!schema) inputValueSchemas.set(id, (schema = num(m.min, m.max, m.unit)));
  const result = v.safeParse(schema, value, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  const message = result.issues[0].message;
  return { ok: false, error: { code: "invalid", path, message: `${path}: ${message}`, detail: detailByMessage.get(message) ?? { code: "bad-shape" } } };
}

/** Validate an already-migrated v1 object. Never throws. */
export function validateV1(input: unknown): ValidationResult {
  let result;
  try {
    result = v.safeParse(scenarioSchema, input, { abortPipeEarly: true });
  } catch (e) {
    // valibot does not throw on bad input; this guards against exotic objects (getters, proxies).
    return { ok: false, error: { code: "invalid", path: "", message: `not a plain JSON object (${String(e)})`, detail: { code: "not-object" } } };
  }
  if (result.success) {
    const scenario: Scenario = result.output;
    // An empty title is no title: one form, so that a link gives back exactly what it encodes.
    if (scenario.title === "") delete scenario.title;
    return { ok: true, scenario };
  }
  const issue = result.issues[0];
  const path = v.getDotPath(issue) ?? "";
  let message = issue.message;
  let detail: ScenarioErrorDetail;
  if (issue.kind === "schema" && issue.type === "strict_object" && issue.expected === "never") {
    // Inside an input's `years`, an unknown key is a year outside the projection.
    if (/^inputs\.\w+\.years\.[^.]*$/.test(path)) {
      message = BAD_YEAR;
      detail = detailByMessage.get(BAD_YEAR)!;
    } else {
      message = "unknown field";
      detail = { code: "unknown-field" };
    }
  } else if (issue.received === "undefined") {
    message = "is required";
    detail = { code: "required" };
  } else {
    // Otherwise valibot's own wording: an object where something else is needed.
    detail = detailByMessage.get(message) ?? { code: "bad-shape" };
  }
  return { ok: false, error: { code: "invalid", path, message: path ? `${path}: ${message}` : message, detail } };
}
