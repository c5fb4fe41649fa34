/** Average annual growth in % that takes `start` to `end` in `years` years: ((end/start)^(1/years) − 1) × 100. */
export function averageAnnualGrowth(start: number, end: number, years: number): number {
  return (Math.pow(end / start, 1 / years) - 1) * 100;
}

/** `start` compounded at `rate` % a year for `years` years. */
export function compound(start: number, rate: number, years: number): number {
  return start * Math.pow(1 + rate / 100, years);
}
