#!/usr/bin/env node
// Benchmark of the social preview renderer (functions/_lib/og): bundles it the way wrangler
// would (esbuild, ESM, minified), reports the bundle's size raw and gzipped, then times
// renderOgPng on a typical scenario. Goal: well under a Worker's CPU budget (aim < 50 ms).
//
//   node scripts/bench-og.mjs [--runs N] [--out /tmp/og-sample.png]

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { printTable } from "./lib.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option("--runs", "30"));
const out = option("--out", undefined);

const dir = mkdtempSync(join(tmpdir(), "bench-og-"));
const bundlePath = join(dir, "og.mjs");
await build({
  entryPoints: [join(root, "functions/_lib/og/index.ts")],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  outfile: bundlePath,
  logLevel: "error",
});
const { readFileSync } = await import("node:fs");
const bundle = readFileSync(bundlePath);

const og = await import(pathToFileURL(bundlePath).href);

// A typical share: real GDP, scenario 5.5 %/yr against the plan's 9 %/yr to 2025, then 6 %.
const years = Array.from({ length: 16 }, (_, i) => 2020 + i);
const scenario = years.map((y) => 352.5 * 1.055 ** (y - 2020));
const target = years.map((y) => (y <= 2025 ? 352.5 * 1.09 ** (y - 2020) : 352.5 * 1.09 ** 5 * 1.06 ** (y - 2025)));
const fmt = (v) => `${v.toFixed(1)}${og.OG_TEXT.unitHundredMillionYuan}`;
const data = {
  title: og.OG_TEXT.title,
  seriesLabel: `${og.OG_TEXT.gdpReal}（${og.OG_TEXT.constantPrices}）`,
  unit: og.OG_TEXT.unitHundredMillionYuan,
  years,
  scenario,
  target,
  figures: [
    { label: `${og.OG_TEXT.year2025} ${og.OG_TEXT.scenario}`, value: fmt(scenario[5]) },
    { label: `${og.OG_TEXT.year2035} ${og.OG_TEXT.scenario}`, value: fmt(scenario[15]) },
    { label: `${og.OG_TEXT.year2035} ${og.OG_TEXT.target}`, value: fmt(target[15]) },
  ],
  footer: "chengqu-plan.pages.dev/s/7Kq2xP",
};

let t = performance.now();
const first = og.renderOgPng(data);
const coldMs = performance.now() - t;
const times = [];
for (let i = 0; i < runs; i++) {
  t = performance.now();
  og.renderOgPng(data);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
printTable("OG preview image (functions/_lib/og): size and render time", [
  { measure: "bundle: renderer + font + fflate (esbuild, minified)", value: `${(bundle.length / 1024).toFixed(1)} KiB, ${(gzipSync(bundle).length / 1024).toFixed(1)} KiB gzip`, goal: "well under the Functions size limit" },
  { measure: "renderOgPng, first call (decodes the font)", value: `${coldMs.toFixed(1)} ms`, goal: "" },
  { measure: `renderOgPng, median of ${runs} (min–max)`, value: `${median.toFixed(1)} ms (${times[0].toFixed(1)}–${times[times.length - 1].toFixed(1)})`, goal: "< 50 ms" },
  { measure: "PNG size", value: `${(first.length / 1024).toFixed(1)} KiB`, goal: "" },
]);
if (out) {
  writeFileSync(out, first);
  console.log(`wrote ${out}`);
}
