// The plan's Markdown pipeline: Astro's own processor (satteri) with the plugins in this folder.
// astro.config.mjs passes these options to `satteri()`; the tests render fixtures through the
// same options with @astrojs/markdown-satteri's renderer, so they test what the build runs.
import type { SatteriProcessorOptions } from "@astrojs/markdown-satteri";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { planSubset } from "./subset";
import { planInline } from "./inline";
import { planBox } from "./box";
import { planLayout, type SlotAfter } from "./layout";
import { planLastLine } from "./last-line";

export { PlanMarkdownError } from "./source";
export { splitAtSlots, type ChapterPart, type SlotData } from "./slots";

export interface PlanMarkdownOptions {
  /** Paragraphs that get a simulator-links slot after them (src/utils/simulator-links.ts). */
  sectionLinks?: readonly SlotAfter[];
}

/**
 * A digest of this folder's code. Astro keeps rendered entries in its content cache
 * (node_modules/.astro) until the file or the config changes, and a plugin's functions are not
 * part of the config it compares, so the digest goes in as data: editing a plugin re-renders.
 */
function pluginsDigest(): string {
  const dir = fileURLToPath(new URL(".", import.meta.url));
  const hash = createHash("sha256");
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts")).sort()) hash.update(f).update(readFileSync(`${dir}/${f}`));
  return hash.digest("hex").slice(0, 16);
}

export function planMarkdown(options: PlanMarkdownOptions = {}) {
  return {
    // `:::box` and `{#section-N}` on top of Astro's defaults. The features apply to all of the
    // site's Markdown (content/data/SOURCES.md renders the same with them); GFM and smart
    // punctuation stay on for it, and cannot reach a chapter: plan-subset rejects GFM's
    // constructs and plan-inline rebuilds a chapter's text from its source.
    features: { directive: true, headingAttributes: true },
    mdastPlugins: [planSubset, planInline, planBox],
    hastPlugins: [planLastLine, planLayout({ sectionLinks: options.sectionLinks, cacheKey: pluginsDigest() })],
  } satisfies SatteriProcessorOptions;
}
