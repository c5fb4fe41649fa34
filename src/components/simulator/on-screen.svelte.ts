// Whether an element is on (or near) the screen, as state. A view off screen during a slider
// drag shows the state as it was when the drag began (SimulatorState.settled) and catches up
// when the drag ends or when it scrolls into view: on a phone the results, charts and targets
// sit above the assumptions, and rebuilding them on every step only slowed the step down.

type Watcher = (entry: IntersectionObserverEntry) => void;

// One IntersectionObserver per margin for the whole page, not one per chart, section and dock:
// the browser works out every observer's intersections in each frame that changed the layout,
// which is every step of a drag.
const observers = new Map<string, { io: IntersectionObserver; watchers: Map<Element, Set<Watcher>> }>();

/**
 * Calls `fn` with `el`'s intersection with the viewport widened by `margin` (CSS margin
 * syntax), now and whenever it changes; returns the function that stops.
 */
export function watchIntersection(el: Element, margin: string, fn: Watcher): () => void {
  if (typeof IntersectionObserver === "undefined") return () => {};
  let shared = observers.get(margin);
  if (!shared) {
    const watchers = new Map<Element, Set<Watcher>>();
    const io = new IntersectionObserver(
      (entries) => {
        // A batch can hold several entries for one element: its last one is its state now.
        const last = new Map<Element, IntersectionObserverEntry>();
        for (const e of entries) last.set(e.target, e);
        for (const [target, e] of last) for (const w of [...(watchers.get(target) ?? [])]) w(e);
      },
      { rootMargin: margin },
    );
    observers.set(margin, (shared = { io, watchers }));
  }
  const { io, watchers } = shared;
  let set = watchers.get(el);
  if (!set) watchers.set(el, (set = new Set()));
  else io.unobserve(el); // observed again below, so that the new watcher hears the state now
  set.add(fn);
  io.observe(el);
  return () => {
    if (!set.delete(fn) || set.size > 0 || watchers.get(el) !== set) return;
    watchers.delete(el);
    io.unobserve(el);
  };
}

export class OnScreen {
  /** True until the first observation says otherwise, so that nothing waits before the observer has run. */
  value = $state(true);

  /** Starts watching `el` (within `margin` of the viewport); returns the function that stops. */
  observe(el: Element, margin = "100px 0px"): () => void {
    return watchIntersection(el, margin, (e) => {
      this.value = e.isIntersecting;
    });
  }
}
