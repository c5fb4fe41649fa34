// From a scenario's inputs (per period, per-year overrides, formulas) to one value per year.
import { INPUT_IDS, INPUT_META, type InputId, type Scenario } from "../scenario/schema";
import type { CompiledFormula, FormulaIssue, FormulaSet } from "../formula/types";
import { BASE_YEAR, INPUT_YEAR_KEYS, YEAR_COUNT, periodIndex } from "./years";

export const INPUT_COUNT = INPUT_IDS.length;
/** Index of each input in INPUT_IDS, in resolved arrays and in a formula's env (offset by 1). */
export const INPUT_INDEX = Object.freeze(Object.fromEntries(INPUT_IDS.map((id, k) => [id, k]))) as Readonly<Record<InputId, number>>;
/** Size of a formula environment: t, then the inputs. */
export const ENV_SIZE = 1 + INPUT_COUNT;

/** A formula that applies in some years of one input. */
export interface FormulaSlot {
  k: number;
  formula: CompiledFormula;
  /** 1 in the years (index into the year axis) where the formula gives the value (no override). */
  applies: Uint8Array;
  /** Inputs it depends on, directly or through other formulas (bit k = INPUT_IDS[k]). */
  dependsOn: number;
}

export interface ResolvedInputs {
  /** values[k * YEAR_COUNT + i] = INPUT_IDS[k] in year BASE_YEAR + i (index 0 unused, 0). */
  values: Float64Array;
  /** Formula inputs in an order where each comes after the inputs it reads. */
  formulas: FormulaSlot[];
}

export type ResolveResult = { ok: true; inputs: ResolvedInputs } | { ok: false, issues: FormulaIssue[] };

/** Does any input of the scenario use a formula (and so need compileFormulas first)? */
export function hasFormulas(s: Scenario): boolean {
  for (const id of INPUT_IDS) if (s.inputs[id].formula !== undefined) return true;
  return false;
}

/** Formula source texts of a scenario, by input. */
export function formulaSources(s: Scenario): { input: InputId; source: string }[] {
  const out: { input: InputId; source: string }[] = [];
  for (const id of INPUT_IDS) {
    const f = s.inputs[id].formula;
    if (f !== undefined) out.push({ input: id, source: f });
  }
  return out;
}

/** Check a value computed by a formula; null when it is usable. */
export function checkFormulaValue(id: InputId, f: CompiledFormula, env: Float64Array, x: number, year: number): FormulaIssue | null {
  if (!Number.isFinite(x)) {
    const where = f.locate(env);
    return {
      code: "non-finite",
      input: id,
      position: where?.position ?? 0,
      length: where?.length ?? f.source.length,
      year,
      message: where
        ? `in ${year}, “${where.text}” is ${describeNonFinite(x)} (for example a division by zero), so the formula has no value`
        : `in ${year} the formula is ${describeNonFinite(x)}`,
      detail: { code: "no-value", year, part: where?.text ?? null, value: Number.isNaN(x) ? "nan" : "infinite" },
    };
  }
  const m = INPUT_META[id];
  if (x < m.min || x > m.max) {
    return {
      code: "out-of-range",
      input: id,
      position: 0,
      length: f.source.length,
      year,
      message: `in ${year} the formula gives ${formatPlain(x)}, outside the allowed ${m.min} … ${m.max}${m.unit ? ` ${m.unit}` : ""}`,
      detail: { code: "value-out-of-range", year, value: x, min: m.min, max: m.max, unit: m.unit },
    };
  }
  return null;
}

function describeNonFinite(x: number): string {
  return Number.isNaN(x) ? "not a number" : "infinite";
}

function formatPlain(x: number): string {
  return Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-4 && x !== 0) ? x.toExponential(3) : String(Number(x.toPrecision(6)));
}

/**
 * Resolve every input to one value per year. Formulas are evaluated in dependency order with
 * the year's values of the inputs they read; a cycle, a missing compiled formula, or a value
 * that is not finite or outside the input's range is reported, never thrown. `values` may be a
 * buffer to reuse (project's): every year from index 1 is written, index 0 is left as it is (0).
 */
export function resolveInputs(s: Scenario, formulas?: FormulaSet, values: Float64Array = new Float64Array(INPUT_COUNT * YEAR_COUNT)): ResolveResult {
  const slots: (FormulaSlot | null)[] = new Array(INPUT_COUNT).fill(null);
  const issues: FormulaIssue[] = [];

  for (let k = 0; k < INPUT_COUNT; k++) {
    const id = INPUT_IDS[k]!;
    const series = s.inputs[id];
    const base = k * YEAR_COUNT;
    let applies: Uint8Array | null = null;
    const years = series.years;
    for (let i = 1; i < YEAR_COUNT; i++) {
      const override = years === undefined ? undefined : years[INPUT_YEAR_KEYS[i - 1]!];
      if (override !== undefined) values[base + i] = override;
      else if (series.formula !== undefined) (applies ??= new Uint8Array(YEAR_COUNT))[i] = 1;
      else values[base + i] = series.periods[periodIndex(BASE_YEAR + i)];
    }
    if (applies && series.formula !== undefined) {
      const f = formulas?.get(series.formula);
      if (!f) {
        issues.push({
          code: "not-compiled",
          input: id,
          position: 0,
          length: series.formula.length,
          message: "the formula has not been compiled (call compileFormulas first)",
          detail: { code: "not-compiled" },
        });
      } else slots[k] = { k, formula: f, applies, dependsOn: 0 };
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  if (!slots.some((slot) => slot !== null)) return { ok: true, inputs: { values, formulas: [] } };

  const order = topologicalOrder(slots);
  if (!order.ok) return { ok: false, issues: [order.issue] };

  const env = new Float64Array(ENV_SIZE);
  for (let i = 1; i < YEAR_COUNT; i++) {
    env[0] = BASE_YEAR + i;
    for (let k = 0; k < INPUT_COUNT; k++) env[1 + k] = values[k * YEAR_COUNT + i]!;
    for (const slot of order.slots) {
      if (!slot.applies[i]) continue;
      const x = slot.formula.evaluate(env);
      const issue = checkFormulaValue(INPUT_IDS[slot.k]!, slot.formula, env, x, BASE_YEAR + i);
      if (issue) {
        issues.push(issue);
        // One report per formula is enough; skip its later years.
        slot.applies.fill(0);
        continue;
      }
      values[slot.k * YEAR_COUNT + i] = x;
      env[1 + slot.k] = x;
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, inputs: { values, formulas: order.slots } };
}

function topologicalOrder(slots: (FormulaSlot | null)[]): { ok: true; slots: FormulaSlot[] } | { ok: false; issue: FormulaIssue } {
  const out: FormulaSlot[] = [];
  const state = new Uint8Array(INPUT_COUNT); // 0 new, 1 on the stack, 2 done
  const stack: number[] = [];
  const visit = (k: number): FormulaIssue | null => {
    const slot = slots[k];
    if (!slot) {
      state[k] = 2;
      return null;
    }
    if (state[k] === 2) return null;
    if (state[k] === 1) {
      const cycle = [...stack.slice(stack.indexOf(k)), k].map((j) => INPUT_IDS[j]!);
      const id = INPUT_IDS[k]!;
      return {
        code: "cycle",
        input: id,
        position: 0,
        length: slot.formula.source.length,
        message: `formulas refer to each other in a circle: ${cycle.join(" → ")}`,
        detail: { code: "cycle", inputs: cycle },
      };
    }
    state[k] = 1;
    stack.push(k);
    let deps = 0;
    for (const dep of slot.formula.inputs) {
      const j = INPUT_INDEX[dep];
      const issue = visit(j);
      if (issue) return issue;
      deps |= (1 << j) | (slots[j]?.dependsOn ?? 0);
    }
    slot.dependsOn = deps;
    stack.pop();
    state[k] = 2;
    out.push(slot);
    return null;
  };
  for (let k = 0; k < INPUT_COUNT; k++) {
    const issue = visit(k);
    if (issue) return { ok: false, issue };
  }
  return { ok: true, slots: out };
}
