// @ts-check
import { defineConfig } from "astro/config";
import svelte from "@astrojs/svelte";
import sitemap from "@astrojs/sitemap";
import { simulatorChunkGroups } from "./src/components/simulator/bundle.mjs";
import securityHeaders from "./src/integrations/security-headers.ts";
import hydrateSoon from "./src/integrations/hydrate-soon.ts";
import { satteri } from "@astrojs/markdown-satteri";
import { planMarkdown } from "./src/markdown/index.ts";
import { sectionLinks } from "./src/utils/simulator-links.ts";

import { DEFAULT_SITE_URL, siteOrigin } from "./src/utils/site-url.mjs";

// The canonical origin; override with SITE_URL when deploying under another domain (and set
// the same SITE_URL for the Functions, which build share links from it).
const site = siteOrigin(process.env.SITE_URL) ?? DEFAULT_SITE_URL;

export default defineConfig({
  site,
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "always" },
  // securityHeaders writes dist/_headers (CSP with the built pages' inline script hashes).
  integrations: [svelte(), hydrateSoon(), sitemap({ filter: (page) => !page.includes("/s/") && !page.endsWith("/search/") }), securityHeaders()],
  // The plan's chapters: Astro's Markdown processor with the plan's subset, 专栏 boxes, section
  // layout and slots (src/markdown/, docs/content-to-pages.md).
  markdown: { processor: satteri(planMarkdown({ sectionLinks })) },
  devToolbar: { enabled: false },
  prefetch: false,
  // The simulator's Monte Carlo worker loads the formula compiler with import(), which needs
  // module workers (the default "iife" format cannot split code).
  vite: {
    worker: { format: "es" },
    // One chunk for what /simulate/ needs at start (see the file for why).
    build: { rollupOptions: { output: { codeSplitting: { groups: simulatorChunkGroups } } } },
  },
});
