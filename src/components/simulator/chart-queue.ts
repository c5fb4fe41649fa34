// Redraws owed by charts (LineChart.svelte), one per chart: a chart off screen waits until it
// comes into view, and a chart drawn during a drag on kept axes (charts.ts quickRedraw) owes
// a layout for its values when the gesture ends. The share image and print run them all.
interface Owed {
  draw: () => void;
  /** Owed by a chart off screen: run when it is seen (or needed), not at a gesture's end. */
  whenSeen: boolean;
}
const pending = new Map<object, Owed>();

export function deferDraw(chart: object, draw: () => void, whenSeen = false): void {
  // Latest last: a chart that draws again moves to the end.
  pending.delete(chart);
  pending.set(chart, { draw, whenSeen });
}

export function cancelDraw(chart: object): void {
  pending.delete(chart);
}

/**
 * Runs the owed redraws. Print and the share image need them all at once (the default). With
 * `spread` (a gesture's end) only the layouts owed by charts on screen run, each in an
 * animation frame of its own, the latest-deferred first as it is the one a reader was
 * watching: four full chart layouts in one task were one long task on a slow phone, and even
 * one, added to the gesture's end (the address written, the views off screen brought up to
 * date), made that task a long one. A redraw deferred again meanwhile (a new drag) replaces
 * the one waiting, which is then skipped.
 */
export function flushCharts(spread = false): void {
  const queue = [...pending].reverse();
  if (!spread || typeof requestAnimationFrame === "undefined") {
    for (const [, owed] of queue) owed.draw();
    return;
  }
  const next = () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const [chart, owed] = entry;
      if (pending.get(chart) !== owed || owed.whenSeen) continue;
      owed.draw();
      if (queue.length) requestAnimationFrame(next);
      return;
    }
  };
  requestAnimationFrame(next);
}

if (typeof addEventListener !== "undefined") addEventListener("beforeprint", () => flushCharts());
