// Which target verdicts hang on the price assumption. The GDP deflator cannot be observed for
// the district (docs/model.md, “Prices”), and it moves every current-price comparison (per-
// capita GDP against the national average; income too when it follows the economy). For each
// target, the verdict is computed at the low and the high end of the plausible deflator range;
// where they differ, the deflator at which the verdict changes is found by bisection.
import type { FormulaSet } from "../formula/types";
import { deflatorRange } from "../data/prices";
import type { Scenario } from "../scenario/schema";
import { withConstantInput } from "./constant-input";
import { project } from "./project";
import { END_YEAR } from "./years";

export interface VerdictFlip {
  targetId: string;
  /** The deflator (% a year, from the first uncertain year to 2035) at which the verdict changes. */
  threshold: number;
  /** "above": the target is met when the deflator is above the threshold and missed below it; "below": the reverse. */
  metWhen: "above" | "below";
}

export interface PriceRange {
  low: number;
  high: number;
}

/** The scenario with a constant deflator from its first uncertain year (reported years keep theirs). */
export function withDeflator(s: Scenario, deflator: number): Scenario {
  return withConstantInput(s, "gdpDeflator", Math.max(2021, s.montecarlo.fromYear), END_YEAR, deflator);
}

function verdicts(s: Scenario, formulas: FormulaSet | undefined): Map<string, boolean> | null {
  const r = project(s, formulas);
  if (!r.ok) return null;
  return new Map(r.projection.targetChecks.filter((c) => c.status !== "not-modelled").map((c) => [c.targetId, c.status === "met"]));
}

/**
 * The targets whose verdict differs between the low and the high end of `range`, with the
 * deflator where it changes (to within `precision` percentage points). Verdicts are monotone
 * in the deflator (a higher deflator raises every current-price value and no constant-price
 * one), so one bisection per target finds the only change. Empty when a formula fails.
 */
export function deflatorVerdictFlips(s: Scenario, formulas?: FormulaSet, range: PriceRange = deflatorRange, precision = 0.005): VerdictFlip[] {
  const low = verdicts(withDeflator(s, range.low), formulas);
  const high = verdicts(withDeflator(s, range.high), formulas);
  if (!low || !high) return [];
  const flips: VerdictFlip[] = [];
  for (const [id, metLow] of low) {
    const metHigh = high.get(id);
    if (metHigh === undefined || metHigh === metLow) continue;
    let a = range.low;
    let b = range.high;
    while (b - a > precision) {
      const mid = (a + b) / 2;
      const met = verdicts(withDeflator(s, mid), formulas)?.get(id);
      if (met === undefined) return [];
      if (met === metLow) a = mid;
      else b = mid;
    }
    flips.push({ targetId: id, threshold: (a + b) / 2, metWhen: metHigh ? "above" : "below" });
  }
  return flips;
}
