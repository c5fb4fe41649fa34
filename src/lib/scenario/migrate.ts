// Bringing stored scenarios of older schema versions up to the current one.
//
// Only v1 has been published. "v0" is the shape used while the simulator was being designed
// (one number per input, no periods); it is kept as a real migration with a test fixture so
// that the path v(n) → v(n+1) exists and is exercised before it is first needed.
import { SCHEMA_VERSION, type ScenarioError } from "./schema";

type Json = Record<string, unknown>;

/** Each step takes a scenario of version n (already known to be an object) to version n+1. */
const steps: Record<number, (old: Json) => Json> = {
  0: migrateV0toV1,
};

function isObject(x: unknown): x is Json {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** The version an object claims: `v`, or `version` for the pre-release v0 shape. */
function detectVersion(x: Json): number | undefined {
  if ("v" in x) return typeof x.v === "number" ? x.v : undefined;
  if ("version" in x && x.version === 0) return 0;
  return undefined;
}

export type MigrationResult = { ok: true; value: Json } | { ok: false; error: ScenarioError };

/** Run the migration steps up to SCHEMA_VERSION. Never throws; the output still needs validating. */
export function migrate(input: unknown): MigrationResult {
  if (!isObject(input)) return { ok: false, error: { code: "invalid", path: "", message: "a scenario must be a JSON object", detail: { code: "not-object" } } };
  const version = detectVersion(input);
  if (version === undefined || !Number.isInteger(version) || version < 0) {
    return { ok: false, error: { code: "invalid", path: "v", message: `v: must be the schema version (${SCHEMA_VERSION})`, detail: { code: "no-version" } } };
  }
  if (version > SCHEMA_VERSION) {
    return {
      ok: false,
      error: {
        code: "unsupported-version",
        path: "v",
        message: `this scenario uses schema version ${version}; this site understands versions up to ${SCHEMA_VERSION}`,
        detail: { code: "unsupported-version", version, supported: SCHEMA_VERSION },
      },
    };
  }
  let value = input;
  for (let n = version; n < SCHEMA_VERSION; n++) {
    const step = steps[n];
    if (!step) return { ok: false, error: { code: "unsupported-version", path: "v", message: `no migration from version ${n}`, detail: { code: "migration-failed", from: n } } };
    try {
      value = step(value);
    } catch (e) {
      return {
        ok: false,
        error: { code: "invalid", path: "", message: `cannot migrate from version ${n}: ${e instanceof Error ? e.message : String(e)}`, detail: { code: "migration-failed", from: n } },
      };
    }
  }
  return { ok: true, value };
}

/**
 * v0 (pre-release): `{ version: 0, gdpGrowth, deflator, incomeGrowth, cpi, population:
 * { natural, migration }, servicesTarget, nationalGrowth, seed?, title? }`, one number per
 * input for the whole 2021–2035 span. Values are copied as they are; v1's validation then
 * checks them, so a v0 value out of v1's range is reported, not silently changed.
 */
function migrateV0toV1(old: Json): Json {
  const known = new Set(["version", "gdpGrowth", "deflator", "incomeGrowth", "cpi", "population", "servicesTarget", "nationalGrowth", "seed", "title"]);
  for (const key of Object.keys(old)) if (!known.has(key)) throw new Error(`unknown v0 field "${key}"`);
  const pop = isObject(old.population) ? old.population : {};
  const flat = (x: unknown) => ({ periods: [x, x, x] });
  const out: Json = {
    v: 1,
    inputs: {
      gdpRealGrowth: flat(old.gdpGrowth),
      gdpDeflator: flat(old.deflator),
      naturalGrowth: flat(pop.natural),
      netMigration: flat(pop.migration),
      urbanIncomeGrowth: flat(old.incomeGrowth),
      // v0 had no elasticity mode; 1 is the plan's 收入增长和经济发展同步.
      incomeElasticity: flat(1),
      cpi: flat(old.cpi),
    },
    // v0 had no target mode; its fields are kept at the plan's 百万人口 by 2035 for when the mode is switched.
    population: { mode: "components", target: 1_000_000, year: 2035 },
    income: { mode: "growth" },
    services: { target: old.servicesTarget, year: 2035 },
    national: { urbanIncomeGrowth: old.nationalGrowth, gdpPerCapitaGrowth: old.nationalGrowth },
  };
  if (old.seed !== undefined) out.montecarlo = { seed: old.seed };
  if (old.title !== undefined) out.title = old.title;
  return out;
}
