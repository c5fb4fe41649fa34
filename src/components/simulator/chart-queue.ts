// When charts (LineChart.svelte) redraw.
//
// 1. Turns. One change can redraw several charts: a Monte Carlo answer moves the fan on all
//    four, a slider step moves two or three. On a slow phone a chart laid out again takes
//    25–30 ms, so four in one task were a task of over 100 ms, during which the page answers
//    nothing. A chart asks for its turn (drawInTurn): the first chart of a task draws at once
//    (a slider's own chart follows the finger in the same frame), others join the task while
//    its charts have taken less than TASK_BUDGET_MS, and the rest draw one per task after it
//    (a MessageChannel message each: it runs before the next frame when there is time, and
//    lets input and rendering in between when there is not). A chart asking again before its
//    turn keeps one place in the line, with its latest picture.
// 2. Owed redraws. A chart off screen waits until it comes into view, and a chart drawn during
//    a drag on kept axes (charts.ts quickRedraw) owes a layout for its values when the gesture
//    ends (flushCharts). The share image and print run them all at once.

/** Time a task's chart draws may take before the next chart waits for a task of its own (ms). */
export const TASK_BUDGET_MS = 12;

/** Draws waiting for a turn, in the order asked. */
const waiting = new Map<object, () => void>();
/** When the current task's first chart draw began; -1 when none has drawn since the last turn. */
let taskStart = -1;
let turnPosted = false;
let channel: MessageChannel | null = null;

function postTurn(): void {
  if (turnPosted) return;
  turnPosted = true;
  if (typeof MessageChannel === "undefined") {
    setTimeout(nextTurn, 0);
    return;
  }
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = nextTurn;
  }
  channel.port2.postMessage(0);
}

/** A task of its own: the next chart in line draws. */
function nextTurn(): void {
  turnPosted = false;
  taskStart = -1;
  const first = waiting.entries().next();
  if (first.done) return;
  const [chart, draw] = first.value;
  waiting.delete(chart);
  run(draw);
}

function run(draw: () => void): void {
  if (taskStart < 0) taskStart = performance.now();
  try {
    draw();
  } finally {
    // Marks the task's end (taskStart is reset in the next one) and serves the line.
    postTurn();
  }
}

/**
 * Draws a chart now if the current task has time for it (see above), or in a task of its own
 * soon. `draw` reads the state it needs when it runs (a drag may have ended meanwhile).
 */
export function drawInTurn(chart: object, draw: () => void): void {
  waiting.delete(chart);
  if (taskStart < 0 || performance.now() - taskStart < TASK_BUDGET_MS) run(draw);
  else {
    waiting.set(chart, draw);
    postTurn();
  }
}

/**
 * Draws in a task of its own, after the charts already in line, even when the current task has
 * time left: for work that would take the current task past a long task's 50 ms on its own.
 */
export function drawNextTurn(chart: object, draw: () => void): void {
  waiting.delete(chart);
  waiting.set(chart, draw);
  postTurn();
}

/** Charts waiting for their turn (for the benchmark and the browser tests). */
export function chartsWaiting(): number {
  return waiting.size;
}
(globalThis as { __simChartsWaiting?: () => number }).__simChartsWaiting = chartsWaiting;

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

/** Forgets what a chart owes or waits for (it is drawing now, or going away). */
export function cancelDraw(chart: object): void {
  pending.delete(chart);
  waiting.delete(chart);
}

/**
 * Runs the owed redraws. Print and the share image need them all at once (the default; charts
 * waiting for their turn draw too). With `spread` (a gesture's end) only the layouts owed by
 * charts on screen run, each in a turn of its own and none in the task that ends the gesture
 * (which also brings the views off screen up to date), the latest-deferred first as it is the
 * one a reader was watching. A redraw deferred again meanwhile (a new drag) replaces the one
 * waiting, which is then skipped.
 */
export function flushCharts(spread = false): void {
  const queue = [...pending].reverse();
  if (!spread) {
    const line = [...waiting.values()];
    waiting.clear();
    for (const draw of line) draw();
    for (const [, owed] of queue) owed.draw();
    return;
  }
  for (const [chart, owed] of queue) {
    // A chart already in line draws its latest picture there, laid out (the gesture is over).
    if (owed.whenSeen || waiting.has(chart)) continue;
    waiting.set(chart, () => {
      if (pending.get(chart) === owed) owed.draw();
    });
  }
  if (waiting.size) postTurn();
}

if (typeof addEventListener !== "undefined") addEventListener("beforeprint", () => flushCharts());
