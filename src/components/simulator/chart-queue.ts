// Redraws owed by charts during a slider drag (LineChart.svelte), one per chart: charts off
// screen wait for the gesture's end, and charts drawn on kept axes (charts.ts quickRedraw)
// owe a layout for their values. The gesture's end, the share image and print run them.
const pending = new Map<object, () => void>();

export function deferDraw(chart: object, draw: () => void): void {
  // Latest last: a chart that draws again moves to the end.
  pending.delete(chart);
  pending.set(chart, draw);
}

export function cancelDraw(chart: object): void {
  pending.delete(chart);
}

/**
 * Runs the owed redraws. Print and the share image need them all at once (the default). With
 * `spread` (a gesture's end) the latest-deferred runs now, as it is the one a reader was
 * watching, and each of the others in an animation frame of its own: four full chart
 * layouts in one task were one long task on a slow phone. A redraw deferred again meanwhile
 * (a new drag) replaces the one waiting, which is then skipped.
 */
export function flushCharts(spread = false): void {
  const queue = [...pending].reverse();
  if (!spread || typeof requestAnimationFrame === "undefined") {
    for (const [, draw] of queue) draw();
    return;
  }
  const next = () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const [chart, draw] = entry;
      if (pending.get(chart) !== draw) continue;
      draw();
      if (queue.length) requestAnimationFrame(next);
      return;
    }
  };
  next();
}

if (typeof addEventListener !== "undefined") addEventListener("beforeprint", () => flushCharts());
