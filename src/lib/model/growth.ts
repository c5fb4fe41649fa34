/** Average annual growth in % that takes `start` to `end` in `years` years: ((end/start)^(1/years) − 1) × 100. */
export function averageAnnualGrowth(start: number, end: number, years: number): number {
  return (Math.pow(end / start, 1 / years) - 1) * 100;
}
