// Whether an element is on (or near) the screen, as state. A view off screen during a slider
// drag shows the state as it was when the drag began (SimulatorState.settled) and catches up
// when the drag ends or when it scrolls into view: on a phone the results, charts and targets
// sit above the assumptions, and rebuilding them on every step only slowed the step down.
export class OnScreen {
  /** True until the first observation says otherwise, so that nothing waits before the observer has run. */
  value = $state(true);

  /** Starts watching `el` (within `margin` of the viewport); returns the function that stops. */
  observe(el: Element, margin = "100px 0px"): () => void {
    if (typeof IntersectionObserver === "undefined") return () => {};
    const io = new IntersectionObserver(
      (entries) => {
        this.value = entries[entries.length - 1]!.isIntersecting;
      },
      { rootMargin: margin },
    );
    io.observe(el);
    return () => io.disconnect();
  }
}
