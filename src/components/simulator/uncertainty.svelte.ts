// Monte Carlo runs in a Web Worker (src/workers/monte-carlo.worker.ts). While a slider moves,
// a quick run with fewer paths follows it a few times a second (each answer redraws the bands
// on the charts in view, so more would take frames from the drag); a full run follows once the
// slider rests. At most one request is in flight and one waits: a newer scenario replaces the
// waiting one. A quick answer is shown with the drag's next step, or in the next animation
// frame if no step comes first: arriving on its own between two steps, it cost a second chart
// redraw in the same frame (the step's), which on a slow phone made that frame a long task.
import type { Scenario } from "../../lib/scenario";
import type { MonteCarloResult } from "../../lib/model";
import type { McRequest, McResponse } from "../../workers/monte-carlo-protocol";

/** Paths of the quick run shown during a drag. */
export const PREVIEW_PATHS = 1000;
/** Quiet time after the last change before the full run. */
const SETTLE_MS = 250;
/** Least time between two quick runs during a drag. */
const PREVIEW_GAP_MS = 200;

export class UncertaintyState {
  result: MonteCarloResult | null = $state.raw(null);
  /** The result is for an older scenario, or from the quick run. */
  stale = $state(false);
  running = $state(false);
  error: string | null = $state(null);
  /** Worker time of the last full run, ms (shown in the benchmark). */
  lastMs = $state(0);

  #worker: Worker | null = null;
  #seq = 0;
  #shown = 0;
  #inFlight = false;
  #queued: McRequest | null = null;
  #settle: ReturnType<typeof setTimeout> | null = null;
  #fullId = 0;
  #lastPreview = -Infinity;
  #previewTimer: ReturnType<typeof setTimeout> | null = null;
  #latest: Scenario | null = null;
  /** A quick answer waiting for the next step or frame (see above). */
  #held: McResponse | null = null;
  #heldFrame = 0;

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const w = new Worker(new URL("../../workers/monte-carlo.worker.ts", import.meta.url), { type: "module", name: "monte-carlo" });
    w.onmessage = (e: MessageEvent<McResponse>) => this.#receive(e.data);
    w.onerror = (e) => {
      this.error = e.message || "worker error";
      this.running = false;
      this.#inFlight = false;
    };
    this.#worker = w;
    return w;
  }

  /** A new scenario: a quick run soon (throttled), the full run when changes stop. */
  update(scenario: Scenario): void {
    // Shown in the same redraw as this step's new projection.
    this.#showHeld();
    this.stale = true;
    this.#latest = scenario;
    const quickPaths = Math.min(PREVIEW_PATHS, scenario.montecarlo.paths);
    if (quickPaths < scenario.montecarlo.paths && !this.#previewTimer) {
      const wait = Math.max(0, this.#lastPreview + PREVIEW_GAP_MS - performance.now());
      this.#previewTimer = setTimeout(() => {
        this.#previewTimer = null;
        this.#lastPreview = performance.now();
        // Scenarios are immutable ($state.raw), so the latest one can be posted as it is.
        if (this.#latest) this.#enqueue({ id: ++this.#seq, scenario: this.#latest, paths: quickPaths });
      }, wait);
    }
    if (this.#settle) clearTimeout(this.#settle);
    this.#settle = setTimeout(() => {
      this.#settle = null;
      if (this.#previewTimer) clearTimeout(this.#previewTimer);
      this.#previewTimer = null;
      this.#fullId = ++this.#seq;
      this.#enqueue({ id: this.#fullId, scenario });
    }, quickPaths === scenario.montecarlo.paths ? 0 : SETTLE_MS);
  }

  stop(): void {
    this.#dropHeld();
    if (this.#settle) clearTimeout(this.#settle);
    this.#settle = null;
    if (this.#previewTimer) clearTimeout(this.#previewTimer);
    this.#previewTimer = null;
    this.#queued = null;
    this.result = null;
    this.running = false;
    this.#worker?.terminate();
    this.#worker = null;
    this.#inFlight = false;
  }

  #enqueue(req: McRequest): void {
    if (this.#inFlight) {
      this.#queued = req;
      return;
    }
    this.#send(req);
  }

  #send(req: McRequest): void {
    this.#inFlight = true;
    this.running = true;
    this.#ensureWorker().postMessage(req);
  }

  #receive(res: McResponse): void {
    this.#inFlight = false;
    if (res.id > this.#shown) {
      const final = res.id === this.#fullId && this.#queued === null && this.#settle === null;
      if (res.ok && !final && typeof requestAnimationFrame !== "undefined") {
        // A newer quick answer replaces one still held.
        this.#held = res;
        this.#heldFrame ||= requestAnimationFrame(() => {
          this.#heldFrame = 0;
          this.#showHeld();
        });
      } else {
        this.#dropHeld();
        this.#show(res, final);
      }
    }
    const next = this.#queued;
    this.#queued = null;
    if (next) this.#send(next);
    else this.running = false;
  }

  #show(res: McResponse, final: boolean): void {
    this.#shown = res.id;
    if (res.ok) {
      this.result = res.result;
      this.error = null;
      this.stale = !final;
      if (final) this.lastMs = res.ms;
    } else this.error = res.message;
  }

  #showHeld(): void {
    const held = this.#held;
    this.#dropHeld();
    if (held && held.id > this.#shown) this.#show(held, false);
  }

  #dropHeld(): void {
    this.#held = null;
    if (this.#heldFrame) cancelAnimationFrame(this.#heldFrame);
    this.#heldFrame = 0;
  }
}
