// Whether, and by how much, a path meets each of the plan's quantified targets
// (content/targets.json). The same test runs on the deterministic projection and on every
// Monte Carlo path, so "met" and "probability of meeting" can never disagree.
import { planTargets, type PlanTarget, type TargetMetric, type Comparator } from "../data/plan";
import { growthFactor, type ModelContext, type PathOutputId, type PathOutputs } from "./kernel";
import { averageAnnualGrowth } from "./growth";
import { BASE_YEAR, END_YEAR } from "./years";

export type TargetStatus = "met" | "missed" | "boundary" | "not-modelled";

export interface TargetCheck {
  targetId: string;
  label: string;
  year: number;
  metric: TargetMetric;
  comparator: Comparator;
  /** The target figure, in `unit`. */
  target: number;
  unit: string;
  /** The scenario's value in the target's terms (average growth in %, persons, % of national…); null if not modelled. */
  actual: number | null;
  /** actual − target, signed so that a positive margin means room to spare; null if not modelled. */
  margin: number | null;
  met: boolean | null;
  /** "boundary": exactly on a strict target (e.g. exactly 9 % against “above 9 %”). */
  status: TargetStatus;
}

/** Relative tolerance for "exactly on the target", far above rounding noise, far below any real gap. */
const TOLERANCE = 1e-12;

/** Half a unit in the last digit the target is written with: 9 → 0.5, 71.2 → 0.05. */
function halfUnit(value: number): number {
  const text = String(value);
  const dot = text.indexOf(".");
  const decimals = dot < 0 || text.includes("e") ? 0 : text.length - dot - 1;
  // 10^decimals by multiplication: exact, and the same in every engine (Math.pow need not be).
  let power = 1;
  for (let i = 0; i < decimals; i++) power *= 10;
  return 0.5 / power;
}

function meets(actual: number, threshold: number, comparator: Comparator): boolean {
  const tol = TOLERANCE * Math.max(Math.abs(threshold), 1);
  const diff = actual - threshold;
  switch (comparator) {
    case ">":
      return diff > tol;
    case "<":
      return diff < -tol;
    case "≤":
      return diff <= tol;
    default:
      // "≥", and "=" whose threshold is already moved down by half a unit (see checkerFor).
      return diff >= -tol;
  }
}

/**
 * `value` against the threshold; `actual` is what the check reports (the value itself, or a
 * growth rate when levels are compared). One object, no spread: a projection checks every target.
 */
function compare(value: number, threshold: number, comparator: Comparator, actual = value): { actual: number; met: boolean; boundary: boolean } {
  const boundary = Math.abs(value - threshold) <= TOLERANCE * Math.max(Math.abs(threshold), 1);
  return { actual, met: meets(value, threshold, comparator), boundary };
}

/** Start of the plan period that ends in (or contains) `year`: 2020, 2025 or 2030. */
function periodStart(year: number): number {
  return year <= 2025 ? 2020 : year <= 2030 ? 2025 : 2030;
}

/** The value of a target's quantity on one path, and whether the path meets the target. */
export interface TargetChecker {
  measure(out: PathOutputs, stride: number, p: number): { actual: number; met: boolean; boundary: boolean };
  /**
   * How many of `paths` paths meet the target (the Monte Carlo's count, in one loop), reading
   * the values through `at`: the target's own year, and the years listed in `earlier`.
   */
  countMet(at: YearValues, paths: number): number;
  /** Years before its own whose values countMet reads (a caller that keeps only the latest year saves these). */
  readonly earlier: readonly { series: PathOutputId; year: number }[];
}

/** Where the values of `series` in year index `year` are: path p's at values[from + p]. */
export type YearValues = (series: PathOutputId, year: number) => { values: Float64Array; from: number };

/** Count of i in [from, from + n) with meets(values[i] · k, threshold, comparator), in one tight loop. */
function countLevels(values: Float64Array, from: number, n: number, k: number, threshold: number, comparator: Comparator): number {
  const tol = TOLERANCE * Math.max(Math.abs(threshold), 1);
  const lo = threshold - tol;
  const hi = threshold + tol;
  let met = 0;
  const end = from + n;
  switch (comparator) {
    case ">":
      for (let i = from; i < end; i++) if (values[i]! * k > hi) met++;
      break;
    case "<":
      for (let i = from; i < end; i++) if (values[i]! * k < lo) met++;
      break;
    case "≤":
      for (let i = from; i < end; i++) if (values[i]! * k <= hi) met++;
      break;
    default:
      for (let i = from; i < end; i++) if (values[i]! * k >= lo) met++;
  }
  return met;
}

/**
 * Count of p in [0, n) with meets(end[a + p], start[b + p] · factor, comparator): a loop per
 * comparator, as in countLevels (meets() called per path took most of the targets' time).
 */
function countGrowth(end: Float64Array, a: number, start: Float64Array, b: number, n: number, factor: number, comparator: Comparator): number {
  let met = 0;
  switch (comparator) {
    case ">":
      for (let p = 0; p < n; p++) {
        const threshold = start[b + p]! * factor;
        if (end[a + p]! - threshold > TOLERANCE * Math.max(Math.abs(threshold), 1)) met++;
      }
      break;
    case "<":
      for (let p = 0; p < n; p++) {
        const threshold = start[b + p]! * factor;
        if (end[a + p]! - threshold < -(TOLERANCE * Math.max(Math.abs(threshold), 1))) met++;
      }
      break;
    case "≤":
      for (let p = 0; p < n; p++) {
        const threshold = start[b + p]! * factor;
        if (end[a + p]! - threshold <= TOLERANCE * Math.max(Math.abs(threshold), 1)) met++;
      }
      break;
    default:
      for (let p = 0; p < n; p++) {
        const threshold = start[b + p]! * factor;
        if (end[a + p]! - threshold >= -(TOLERANCE * Math.max(Math.abs(threshold), 1))) met++;
      }
  }
  return met;
}

/** A target on one value of one series in one year, times a constant k (e.g. 100 / national). */
function level(series: PathOutputId, y: number, k: number, threshold: number, comparator: Comparator): TargetChecker {
  return {
    measure: (out, stride, p) => {
      return compare(out[series][y * stride + p]! * k, threshold, comparator);
    },
    countMet: (at, paths) => {
      const { values, from } = at(series, y);
      return countLevels(values, from, paths, k, threshold, comparator);
    },
    earlier: [],
  };
}

/**
 * The test for one target, or null when the model has no such quantity (metric "other") or
 * the year is outside 2021–2035.
 * A plain figure ("=", e.g. income growth 9) counts as met when the scenario reaches it at the
 * figure's precision or goes beyond it: more income growth than planned is not a miss.
 */
export function checkerFor(target: PlanTarget, ctx: ModelContext): TargetChecker | null {
  if (target.year <= BASE_YEAR || target.year > END_YEAR) return null;
  const y = target.year - BASE_YEAR;
  const comparator: Comparator = target.comparator === "=" ? "≥" : target.comparator;
  const value = target.comparator === "=" ? target.value - halfUnit(target.value) : target.value;
  switch (target.metric) {
    case "gdpRealGrowthAvg":
    case "urbanIncomeGrowthAvg": {
      const series = target.metric === "gdpRealGrowthAvg" ? "gdpReal" : "urbanIncome";
      const s = periodStart(target.year) - BASE_YEAR;
      const n = y - s;
      const factor = growthFactor(value);
      // Compare levels, compounding the target rate the way the kernel compounds growth, so
      // that a path at exactly the target rate is exactly on the threshold.
      const thresholdFrom = (start: number) => {
        let threshold = start;
        for (let j = 0; j < n; j++) threshold *= factor;
        return threshold;
      };
      // For the count over many paths: the factor over the whole span at once (differs from
      // step-by-step compounding by an ulp or two, far inside TOLERANCE).
      let spanFactor = 1;
      for (let j = 0; j < n; j++) spanFactor *= factor;
      return {
        measure: (out, stride, p) => {
          const start = out[series][s * stride + p]!;
          const end = out[series][y * stride + p]!;
          return compare(end, thresholdFrom(start), comparator, averageAnnualGrowth(start, end, n));
        },
        countMet: (at, paths) => {
          const { values: end, from: a } = at(series, y);
          const { values: start, from: b } = at(series, s);
          return countGrowth(end, a, start, b, paths, spanFactor, comparator);
        },
        earlier: [{ series, year: s }],
      };
    }
    case "residentPopulation": {
      const scale = target.unit === "万人" ? 1e4 : 1;
      return level("residentPopulation", y, 1 / scale, value, comparator);
    }
    case "servicesShare": {
      const share = ctx.servicesShare[y]!;
      const met = compare(share, value, comparator);
      return { measure: () => met, countMet: (_at, paths) => (met.met ? paths : 0), earlier: [] };
    }
    case "gdpPerCapitaVsNational":
    case "urbanIncomeVsNational": {
      const series = target.metric === "gdpPerCapitaVsNational" ? "gdpPerCapita" : "urbanIncome";
      const nationalValue = (target.metric === "gdpPerCapitaVsNational" ? ctx.nationalGdpPerCapita : ctx.nationalUrbanIncome)[y]!;
      const scale = target.unit === "%" ? 100 : 1;
      return level(series, y, scale / nationalValue, value, comparator);
    }
    default:
      return null;
  }
}

/** Check every target on path p of `out`. */
export function checkTargets(ctx: ModelContext, out: PathOutputs, stride = 1, p = 0, targets: readonly PlanTarget[] = planTargets): TargetCheck[] {
  return targets.map((t): TargetCheck => {
    const check = checkerFor(t, ctx);
    if (!check) {
      return { targetId: t.id, label: t.label, year: t.year, metric: t.metric, comparator: t.comparator, target: t.value, unit: t.unit, actual: null, margin: null, met: null, status: "not-modelled" };
    }
    const { actual, met, boundary } = check.measure(out, stride, p);
    const lower = t.comparator === "<" || t.comparator === "≤";
    const margin = lower ? t.value - actual : actual - t.value;
    const status = met ? "met" : boundary ? "boundary" : "missed";
    return { targetId: t.id, label: t.label, year: t.year, metric: t.metric, comparator: t.comparator, target: t.value, unit: t.unit, actual, margin, met, status };
  });
}
