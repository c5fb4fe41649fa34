// Goal seek: the constant value of one input over a span of years that makes a chosen outcome
// reach a chosen value in a chosen year. Closed form where the model is a plain compound
// growth in that input; otherwise a bracketing root finder (grid scan, then Brent's method)
// on the projection itself, so the answer is the projection's exact inverse either way.
import { INPUT_IDS, INPUT_META, normaliseNumber, type InputId, type Scenario } from "../scenario/schema";
import type { FormulaIssue, FormulaSet } from "../formula/types";
import { DERIVED_OUTCOMES, PATH_OUTPUTS, allocateOutputs, allocateWorkspace, outcomeAt, prepare, runPaths, type ModelContext, type PathOutputs } from "./kernel";
import { BASE_YEAR, END_YEAR } from "./years";
import { withConstantInput } from "./constant-input";

export { withConstantInput };

/** Every outcome of a path: the kernel's outputs, then the derived ones. */
export const SEEK_METRICS = [...PATH_OUTPUTS, ...DERIVED_OUTCOMES] as const;
export type SeekMetric = (typeof SEEK_METRICS)[number];

export interface GoalSeekRequest {
  /** The input to hold constant over from..to (it replaces periods, overrides and formula there). */
  input: InputId;
  from: number;
  to: number;
  /** The outcome, in the Projection's units (亿元, persons, 元, % of national). */
  metric: SeekMetric;
  year: number;
  value: number;
}

export type GoalSeekResult =
  | {
      ok: true;
      /** The constant value of the input, in its unit (% a year, ‰, persons, ratio), normalised to 12 significant digits. */
      rate: number;
      method: "closed-form" | "root-finder";
      /** Projections run to find it. */
      evaluations: number;
      /** The outcome the returned scenario reaches (equal to the request's value up to rounding). */
      achieved: number;
      /** The scenario with `years` overrides for the input over from..to. */
      scenario: Scenario;
    }
  | {
      ok: false;
      reason: "invalid-request" | "unreachable" | "no-effect" | "formula";
      message: string;
      /** For "unreachable": what the input's allowed range can reach. */
      reachable?: { min: number; max: number };
      issues?: FormulaIssue[];
    };


type Evaluation = { ok: true; value: number; ctx: ModelContext; out: PathOutputs } | { ok: false; issues: FormulaIssue[] };

function evaluate(s: Scenario, metric: SeekMetric, year: number, formulas: FormulaSet | undefined): Evaluation {
  const prepared = prepare(s, formulas);
  if (!prepared.ok) return prepared;
  const out = allocateOutputs(1);
  const issue = runPaths(prepared.ctx, 1, [], null, out, allocateWorkspace(1));
  if (issue) return { ok: false, issues: [issue] };
  return { ok: true, value: outcomeAt(prepared.ctx, out, metric, year - BASE_YEAR), ctx: prepared.ctx, out };
}

function invalid(message: string): GoalSeekResult {
  return { ok: false, reason: "invalid-request", message };
}

/** Find the constant input value that reaches the goal. Never throws for a validated scenario. */
export function goalSeek(s: Scenario, req: GoalSeekRequest, formulas?: FormulaSet): GoalSeekResult {
  if (!INPUT_IDS.includes(req.input)) return invalid(`unknown input “${String(req.input)}”`);
  if (!SEEK_METRICS.includes(req.metric)) return invalid(`unknown outcome “${String(req.metric)}”`);
  const inYears = (y: number) => Number.isInteger(y) && y > BASE_YEAR && y <= END_YEAR;
  if (!inYears(req.from) || !inYears(req.to) || req.from > req.to) return invalid(`the span must be whole years within 2021–2035, from ≤ to`);
  if (!inYears(req.year)) return invalid("the goal year must be within 2021–2035");
  if (req.year < req.from) return invalid(`the goal year (${req.year}) comes before the span starts (${req.from}); the input cannot change it`);
  if (!Number.isFinite(req.value) || req.value <= 0) return invalid("the goal must be a positive number");

  const { min, max } = INPUT_META[req.input];
  const n = Math.min(req.year, req.to) - req.from + 1;
  let evaluations = 0;
  const at = (rate: number): Evaluation => {
    evaluations++;
    return evaluate(withConstantInput(s, req.input, req.from, req.to, rate), req.metric, req.year, formulas);
  };
  const base = at(0);
  if (!base.ok) return { ok: false, reason: "formula", message: "a formula of the scenario has no usable value", issues: base.issues };

  const accept = (rate: number, method: "closed-form" | "root-finder"): GoalSeekResult | null => {
    const r = normaliseNumber(rate);
    if (!(r >= min && r <= max)) return null;
    const scenario = withConstantInput(s, req.input, req.from, req.to, r);
    const check = evaluate(scenario, req.metric, req.year, formulas);
    evaluations++;
    if (!check.ok) return null;
    if (Math.abs(check.value - req.value) > 1e-9 * Math.abs(req.value)) return null;
    return { ok: true, rate: r, method, evaluations, achieved: check.value, scenario };
  };

  // Closed forms: the outcome compounds the input alone over the span (levels before the span
  // do not depend on the input, so they come from any projection, here the one at 0).
  if (req.year <= req.to) {
    const prior = req.from - 1 - BASE_YEAR;
    const y = req.year - BASE_YEAR;
    const o = base.out;
    let rate: number | null = null;
    if (req.input === "gdpRealGrowth" && req.metric === "gdpReal") {
      rate = (Math.pow(req.value / o.gdpReal[prior]!, 1 / n) - 1) * 100;
    } else if (req.input === "urbanIncomeGrowth" && req.metric === "urbanIncome" && s.income.mode === "growth") {
      rate = (Math.pow(req.value / o.urbanIncome[prior]!, 1 / n) - 1) * 100;
    } else if (req.input === "gdpDeflator" && req.metric === "gdpNominal") {
      const deflatorBefore = o.gdpNominal[prior]! / o.gdpReal[prior]!;
      rate = (Math.pow(req.value / o.gdpReal[y]! / deflatorBefore, 1 / n) - 1) * 100;
    }
    if (rate !== null && Number.isFinite(rate)) {
      const done = accept(rate, "closed-form");
      if (done) return done;
    }
  }

  // Root finder: scan the input's allowed range for a sign change, then Brent's method.
  const f = (rate: number): number | null => {
    const e = at(rate);
    return e.ok ? e.value - req.value : null;
  };
  const steps = 20;
  let prevX = min;
  let prevF = f(min);
  let lowest = prevF;
  let highest = prevF;
  let bracket: [number, number, number, number] | null = null;
  for (let k = 1; k <= steps && prevF !== null; k++) {
    const x = min + ((max - min) * k) / steps;
    const fx = f(x);
    if (fx === null) break;
    lowest = Math.min(lowest!, fx);
    highest = Math.max(highest!, fx);
    // ≤ 0 also catches a grid point that hits the goal exactly (Brent then returns it at once).
    if (!bracket && prevF! * fx <= 0) bracket = [prevX, prevF!, x, fx];
    prevX = x;
    prevF = fx;
  }
  if (prevF === null || lowest === null || highest === null) {
    return { ok: false, reason: "formula", message: "a formula has no usable value for some values of the input" };
  }
  if (!bracket) {
    if (highest - lowest <= 1e-12 * Math.abs(req.value)) {
      return {
        ok: false,
        reason: "no-effect",
        message: `${req.input} does not change ${req.metric} in this scenario (check the population and income modes)`,
      };
    }
    return {
      ok: false,
      reason: "unreachable",
      message: `no value of ${req.input} within ${min} … ${max} reaches ${req.value} for ${req.metric} in ${req.year}`,
      reachable: { min: lowest + req.value, max: highest + req.value },
    };
  }
  const root = brent(f, bracket);
  if (root === null) return { ok: false, reason: "formula", message: "a formula has no usable value for some values of the input" };
  const done = accept(root, "root-finder");
  if (done) return done;
  // Normalising to 12 digits can move a steep outcome by more than the check allows: report the unrounded root.
  const scenario = withConstantInput(s, req.input, req.from, req.to, root);
  const check = evaluate(scenario, req.metric, req.year, formulas);
  return { ok: true, rate: root, method: "root-finder", evaluations: evaluations + 1, achieved: check.ok ? check.value : req.value, scenario };
}

/** Brent's method (Brent 1973, as in Numerical Recipes' zbrent) on a bracket with a sign change. */
function brent(f: (x: number) => number | null, [a0, fa0, b0, fb0]: [number, number, number, number]): number | null {
  let a = a0;
  let b = b0;
  let fa = fa0;
  let fb = fb0;
  let c = b;
  let fc = fb;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 200; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      e = d = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 1e-15;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : xm > 0 ? tol : -tol;
    const next = f(b);
    if (next === null) return null;
    fb = next;
  }
  return b;
}
