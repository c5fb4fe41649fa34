// Registers the `client:soon` directive (src/components/simulator/hydrate-soon.ts).
import type { AstroIntegration } from "astro";
import { fileURLToPath } from "node:url";

export default function hydrateSoon(): AstroIntegration {
  return {
    name: "hydrate-soon",
    hooks: {
      "astro:config:setup": ({ addClientDirective }) => {
        addClientDirective({ name: "soon", entrypoint: fileURLToPath(new URL("../components/simulator/hydrate-soon.ts", import.meta.url)) });
      },
    },
  };
}

declare module "astro" {
  interface AstroClientDirectives {
    /**
     * Hydrate when the main thread is idle (one island per task), or at once on first touch;
     * `"near"`: only once the island nears the viewport or the page is first scrolled.
     */
    "client:soon"?: boolean | "near";
  }
}
