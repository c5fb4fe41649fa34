// `client:soon`, an Astro client directive (registered by src/integrations/hydrate-soon.ts):
// the island hydrates when the main thread is next idle, in page order, each in a short task of
// its own (small ones may share one); at once when the reader touches, focuses or types into it
// first. /simulate/ hydrates in
// parts this way so that no single task blocks input for long on a slow phone (README.md,
// "Hydration"): hydrating the whole simulator was one task of ~700 ms at 4× CPU slowdown.
//
// `client:soon="near"`: a part below the first screen joins the queue only when it comes within
// a screen's height of the viewport or the reader first scrolls the page (on the way down), so a
// phone does not spend its start-up hydrating assumptions 4,000 px away that the reader may never
// reach. Until then it waits with `data-soon="later"`.
//
// Until it hydrates, an island is server-rendered HTML whose native controls still move: a
// slider dragged, a box typed in, a radio or checkbox set, a <details> opened before then
// would show a value the state never saw. What the reader did is kept and, once the island
// has hydrated, put back and announced with the same events, so the state follows it.
import type { ClientDirective } from "astro";

const queue: Array<() => Promise<void>> = [];
let scheduled = false;

type Deadline = { timeRemaining(): number } | undefined;
const idle: (fn: (deadline: Deadline) => void) => void =
  typeof requestIdleCallback === "function" ? (fn) => requestIdleCallback(fn, { timeout: 400 }) : (fn) => setTimeout(() => fn(undefined), 16);

/**
 * Small parts share a task: each task that changes the DOM costs a style and layout pass of
 * the whole (long) page. Another part starts in the same task only while the task is younger
 * than this, so a task stays far below the 50 ms that a phone at 4× would make long.
 */
const SHARE_TASK_MS = 3;

function next(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  idle(async (deadline) => {
    const t0 = performance.now();
    try {
      do {
        const run = queue.shift();
        if (!run) break;
        await run();
      } while (queue.length > 0 && performance.now() - t0 < SHARE_TASK_MS && (deadline?.timeRemaining() ?? 0) > 10);
    } finally {
      // Only now: islands that connect meanwhile must wait their turn, not start beside it.
      scheduled = false;
      next();
    }
  });
}

const nextTask = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

type Snapshot = { value?: string; checked?: boolean; open?: boolean };

function snapshot(el: Element): Snapshot | null {
  if (el instanceof HTMLInputElement) return el.type === "checkbox" || el.type === "radio" ? { checked: el.checked } : { value: el.value };
  if (el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) return { value: el.value };
  if (el instanceof HTMLDetailsElement) return { open: el.open };
  return null;
}

function replay(el: Element, s: Snapshot): void {
  if (el instanceof HTMLDetailsElement) {
    if (el.open !== s.open) el.open = s.open === true;
    else el.dispatchEvent(new Event("toggle"));
    return;
  }
  if (el instanceof HTMLInputElement && s.checked !== undefined) {
    if (!s.checked) return; // a radio unchecked by its neighbour: the neighbour's event says it
    el.checked = true;
  } else if (s.value !== undefined) (el as HTMLInputElement).value = s.value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
}

const EARLY = ["pointerdown", "touchstart", "focusin", "keydown", "input", "change", "toggle", "click"] as const;

/** A button clicked before its part hydrated (it had no handler yet): clicked again after. */
const CLICKED = "button:not([type=submit]):not(:disabled)";

/** Calls `go` once, when `island` nears the viewport or the page is first scrolled. */
function whenNear(island: HTMLElement, go: () => void): void {
  let done = false;
  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) fire();
  }, { rootMargin: "100% 0px" });
  const fire = () => {
    if (done) return;
    done = true;
    io.disconnect();
    document.removeEventListener("scroll", fire, { capture: true });
    go();
  };
  // The island is `display: contents`: its children have the boxes.
  for (const child of island.children) io.observe(child);
  // Captured at the document: on a desktop the assumptions scroll in a column of their own,
  // whose scroll events do not bubble (and the IntersectionObserver's margin stops at its edge).
  document.addEventListener("scroll", fire, { passive: true, capture: true });
}

const soon: ClientDirective = (load, options, island) => {
  const touched = new Map<Element, Snapshot>();
  let clicked: Element | null = null;
  let started = false;
  const onEarly = (e: Event) => {
    const target = e.target instanceof Element ? e.target : null;
    if (target && (e.type === "input" || e.type === "change" || e.type === "toggle")) {
      const s = snapshot(target);
      if (s) touched.set(target, s);
    }
    if (e.type === "click") clicked = target?.closest(CLICKED) ?? null;
    void start(true);
  };
  const start = async (early = false) => {
    if (started) return;
    started = true;
    delete island.dataset.soon;
    const loading = performance.now();
    const hydrate = await load();
    // A load that evaluated code (the first island's brings the shared modules): hydrate in a
    // task of its own after it, unless the reader is waiting.
    if (!early && performance.now() - loading > SHARE_TASK_MS) await nextTask();
    const t0 = performance.now();
    await hydrate();
    // In the performance timeline, for scripts/trace-load.mjs: what each part cost.
    performance.measure(`hydrate ${island.getAttribute("props") ?? ""}`, { start: t0 });
    // Changes made while hydrating count too: stop listening only now.
    for (const type of EARLY) island.removeEventListener(type, onEarly, { capture: true });
    for (const [el, s] of touched) {
      const now = el.isConnected ? el : el.id ? document.getElementById(el.id) : null;
      if (now && island.contains(now)) replay(now, s);
    }
    const button = clicked && (clicked.isConnected ? clicked : clicked.id ? document.getElementById(clicked.id) : null);
    if (button instanceof HTMLButtonElement && island.contains(button) && !button.disabled) button.click();
  };
  for (const type of EARLY) island.addEventListener(type, onEarly, { capture: true, passive: true });
  const enqueue = () => {
    delete island.dataset.soon;
    queue.push(() => start());
    next();
  };
  if (options.value === "near") {
    island.dataset.soon = "later";
    whenNear(island, enqueue);
  } else enqueue();
};

export default soon;
