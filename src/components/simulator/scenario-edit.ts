// Immutable edits of a scenario. Every edit goes through the engine's validation, so what the
// page holds is always a scenario the engine (and a share link) accepts.
import { validateInputValue, validateV1, type InputId, type Series, type Scenario, type ScenarioError, type YearOverrides } from "../../lib/scenario/schema";
import type { YearKey } from "../../lib/model";

export type EditResult = { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError };

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/**
 * Validates an edited copy; the original is never changed. An edit of a current scenario is of
 * the current version: nothing to migrate (migrate.ts stays out of the page's first scripts).
 */
function commit(next: Scenario): EditResult {
  return validateV1(next);
}

/**
 * Sets the value of one plan period (0 = 2021–25, 1 = 2026–30, 2 = 2031–35) of a valid
 * scenario. The slider's edit, so on every step of a drag: only the value is validated (by the
 * schema's own rule for that input), and the result shares every unchanged part with `s`, so
 * that the views of the other inputs see the same objects and do not redraw.
 */
export function setPeriod(s: Scenario, input: InputId, period: 0 | 1 | 2, value: number): EditResult {
  const checked = validateInputValue(input, value, `inputs.${input}.periods.${period}`);
  if (!checked.ok) return checked;
  const series = s.inputs[input];
  const periods: Series["periods"] = [...series.periods];
  periods[period] = checked.value;
  return { ok: true, scenario: { ...s, inputs: { ...s.inputs, [input]: { ...series, periods } } } };
}

/** Sets (or with null clears) one year's override. */
export function setYear(s: Scenario, input: InputId, year: YearKey, value: number | null): EditResult {
  const next = clone(s);
  const years: YearOverrides = { ...(next.inputs[input].years ?? {}) };
  if (value == null) delete years[year];
  else years[year] = value;
  next.inputs[input].years = years;
  return commit(next);
}

/** Sets (or with null/blank clears) an input's formula. */
export function setFormula(s: Scenario, input: InputId, formula: string | null): EditResult {
  const next = clone(s);
  if (formula == null || formula.trim() === "") delete next.inputs[input].formula;
  else next.inputs[input].formula = formula;
  return commit(next);
}

/** The scalar settings outside `inputs`, addressed by path. */
export type SettingPath =
  | "population.mode"
  | "population.target"
  | "population.year"
  | "income.mode"
  | "services.target"
  | "services.year"
  | "national.urbanIncomeGrowth"
  | "national.gdpPerCapitaGrowth"
  | "montecarlo.rho"
  | "montecarlo.sd.gdpRealGrowth"
  | "montecarlo.sd.gdpDeflator"
  | "montecarlo.sd.urbanIncomeGrowth"
  | "montecarlo.sd.cpi"
  | "montecarlo.sd.populationGrowth"
  | "view.lang"
  | "view.prices"
  | "view.chart";

export function getSetting(s: Scenario, path: SettingPath): unknown {
  return getPath(s, path.split("."));
}

export function setSetting(s: Scenario, path: SettingPath, value: unknown): EditResult {
  const next = clone(s);
  setPath(next, path.split("."), value);
  return commit(next);
}

/**
 * The value at a path, reading own properties only: a path can come from outside (a field an
 * invalid link names), and "constructor", "toString" or "__proto__" must not reach into
 * Object.prototype.
 */
export function getPath(x: unknown, keys: readonly string[]): unknown {
  let cur: unknown = x;
  for (const k of keys) {
    if (cur == null || typeof cur !== "object" || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Writes an own, plain data property, even for "__proto__" (an assignment would set the prototype). */
function setOwn(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Sets the value at a path, creating missing (or non-object) parents; own properties only, like getPath. */
export function setPath(x: unknown, keys: readonly string[], value: unknown): void {
  let cur = x as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    const next = Object.hasOwn(cur, k) ? cur[k] : undefined;
    if (next == null || typeof next !== "object") setOwn(cur, k, {});
    cur = cur[k] as Record<string, unknown>;
  }
  setOwn(cur, keys[keys.length - 1]!, value);
}
