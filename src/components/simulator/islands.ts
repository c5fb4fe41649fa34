// Resolves when every island inside `root` has hydrated (Astro removes an island's `ssr`
// attribute and fires `astro:hydrate` on it when it has).
export function whenIslandsHydrated(root: Element | null): Promise<void> {
  if (!root) return Promise.resolve();
  const pending = [...root.querySelectorAll("astro-island[ssr]")];
  return Promise.all(pending.map((island) => new Promise<void>((resolve) => {
    if (!island.hasAttribute("ssr")) return resolve();
    island.addEventListener("astro:hydrate", () => resolve(), { once: true });
  }))).then(() => {});
}
