// Redraws of charts that were off screen while a slider moved (LineChart.svelte defers them
// during a gesture), one per chart. The gesture's end, the share image and print run them.
const pending = new Map<object, () => void>();

export function deferDraw(chart: object, draw: () => void): void {
  pending.set(chart, draw);
}

export function cancelDraw(chart: object): void {
  pending.delete(chart);
}

export function flushCharts(): void {
  for (const draw of [...pending.values()]) draw();
}

if (typeof addEventListener !== "undefined") addEventListener("beforeprint", flushCharts);
