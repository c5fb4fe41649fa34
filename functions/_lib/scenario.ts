// The one schema: the browser's scenario module (src/lib/scenario) validates, canonicalises,
// migrates and encodes on the server too. This file only adapts its results to the API.
import {
  SCHEMA_VERSION,
  canonicalJson,
  encodeScenario,
  validateScenario,
  type Scenario,
  type ScenarioError,
} from "../../src/lib/scenario";
// The compiler itself, not src/lib/formula's lazy loader: the Worker is one bundle, and a
// dynamic import there would keep esbuild from dropping the parts of mathjs it does not use.
import { compileFormulasSync } from "../../src/lib/formula/compile";
import type { FormulaSet } from "../../src/lib/formula";
import { hasFormulas } from "../../src/lib/model";
import { ApiError } from "./http";
import { sha256Hex } from "./ids";
import type { StoredScenario } from "./store";

export { SCHEMA_VERSION, canonicalJson, encodeScenario, type Scenario };

function fieldOf(err: ScenarioError): string {
  const path = err.path.replace(/^\$?\.?/, "");
  return (path === "" ? "scenario" : `scenario.${path}`).slice(0, 200);
}

/** Validates (and migrates) a client's scenario or throws the 400 that names the failing field. */
export function requireScenario(input: unknown): Scenario {
  const result = validateScenario(input);
  if (result.ok) return result.scenario;
  const code = result.error.code === "unsupported-version" ? "unsupported-version" : "invalid";
  return failWith(code, result.error);
}

function failWith(code: "invalid" | "unsupported-version", err: ScenarioError): never {
  throw new ApiError(code, `scenario: ${err.message}`.slice(0, 300), { field: fieldOf(err) });
}

/**
 * The scenario's formulas, compiled and checked in every year (syntax, allowed names and
 * functions, finite and in-range values) by the simulator's own compiler; undefined when the
 * scenario has none. Throws the 400 naming the formula's field.
 */
export async function requireFormulas(s: Scenario): Promise<FormulaSet | undefined> {
  if (!hasFormulas(s)) return undefined;
  const compiled = compileFormulasSync(s);
  if (compiled.ok) return compiled.formulas;
  const issue = compiled.issues[0]!;
  const where = issue.year === undefined ? "" : ` (${issue.year})`;
  throw new ApiError("invalid", `scenario: formula of ${issue.input}${where}: ${issue.message}`.slice(0, 300), {
    field: `scenario.inputs.${issue.input}.formula`,
  });
}

/** Compiled formulas for a stored scenario, or null when they no longer compile. */
export async function storedFormulas(s: Scenario): Promise<FormulaSet | undefined | null> {
  if (!hasFormulas(s)) return undefined;
  const compiled = compileFormulasSync(s);
  return compiled.ok ? compiled.formulas : null;
}

/** The identity of a share: same scenario, title and note → same key → same id. */
export function contentKey(canonical: string, title: string | null, note: string | null): Promise<string> {
  return sha256Hex(JSON.stringify([canonical, title, note]));
}

/**
 * A stored share as the current schema sees it. Rows written under an older SCHEMA_VERSION are
 * migrated here, on read; the row itself is never rewritten, so its id keeps naming what was shared.
 * Returns null when a stored row no longer validates (which would be a migration bug).
 */
export function readStored(row: StoredScenario): Scenario | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.scenarioJson);
  } catch {
    return null;
  }
  const result = validateScenario(parsed);
  if (!result.ok) {
    console.error(`stored scenario ${row.id} (schema ${row.schemaVersion}) no longer validates: ${result.error.code} at ${result.error.path}`);
    return null;
  }
  return result.scenario;
}
