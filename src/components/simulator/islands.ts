// Resolves when every island inside `root` that is due to hydrate has (Astro removes an
// island's `ssr` attribute and fires `astro:hydrate` on it when it has). Parts below the first
// screen that wait for the reader to come near (`data-soon="later"`, hydrate-soon.ts) are not
// waited for unless `all`.
export function whenIslandsHydrated(root: Element | null, all = false): Promise<void> {
  if (!root) return Promise.resolve();
  const pending = [...root.querySelectorAll(all ? "astro-island[ssr]" : "astro-island[ssr]:not([data-soon=later])")];
  return Promise.all(pending.map((island) => new Promise<void>((resolve) => {
    if (!island.hasAttribute("ssr")) return resolve();
    island.addEventListener("astro:hydrate", () => resolve(), { once: true });
  }))).then(() => {});
}
