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
console.log(`bundle (renderer + font + fflate): ${(bundle.length / 1024).toFixed(1)} KiB minified, ${(gzipSync(bundle).length / 1024).toFixed(1)} KiB gzipped`);

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
console.log(`renderOgPng: first call ${coldMs.toFixed(1)} ms (includes decoding the font), then median ${median.toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms over ${runs} runs`);
console.log(`PNG size: ${(first.length / 1024).toFixed(1)} KiB`);
if (out) {
  writeFileSync(out, first);
  console.log(`wrote ${out}`);
}
