#!/usr/bin/env node
// Bundles scripts/calibration.ts and scripts/bench-engine.ts with esbuild (TypeScript, extensionless imports and JSON
// import attributes, as the app's bundlers see them) and runs them. `npm run bench:engine`.
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dir = mkdtempSync(join(tmpdir(), "bench-engine-"));
try {
  // The calibration report (reported figures against the “reported” preset), then the timings.
  for (const entry of ["calibration", "bench-engine"]) {
    const outfile = join(dir, `${entry}.mjs`);
    await build({
      entryPoints: [fileURLToPath(new URL(`./${entry}.ts`, import.meta.url))],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node24",
      outfile,
      logLevel: "warning",
    });
    await import(pathToFileURL(outfile).href);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
