#!/usr/bin/env node
// Benchmark of the social preview renderer (functions/_lib/og): bundles it the way wrangler
// would (esbuild, ESM, minified), reports the bundle's size raw and gzipped, then times
// renderOgPng on a typical scenario: CPU per render (first, warm p50/p95) against the Workers
// Free plan's 10 ms per request.
//
//   node scripts/bench-og.mjs [--runs N] [--out /tmp/og-sample.png]

import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
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

// The data of a typical titled share, made by the Function's own code (summary.ts: the page's
// GDP chart description, the sharer's title), bundled apart from the renderer.
const dataPath = join(dir, "data.mjs");
await build({
  stdin: {
    contents: `export { ogData } from "./functions/_lib/summary.ts"; export { loadTitleFont, renderOgPng } from "./functions/_lib/og/index.ts"; export { canonicalJson, defaultScenario, validateScenario } from "./src/lib/scenario/index.ts";`,
    resolveDir: root,
    loader: "ts",
  },
  bundle: true,
  format: "esm",
  platform: "node",
  target: "es2022",
  outfile: dataPath,
  logLevel: "error",
});
const og = await import(pathToFileURL(dataPath).href);
og.loadTitleFont(new Uint8Array(readFileSync(join(root, "public/_og/title-glyphs.bin"))));
const scenario = structuredClone(og.defaultScenario);
scenario.inputs.gdpRealGrowth.periods[0] = 5;
const valid = og.validateScenario(scenario);
if (!valid.ok) throw new Error(valid.error.message);
const share = {
  scenario: valid.scenario,
  row: { id: "7Kq2xPa9Zt", contentKey: "0".repeat(64), schemaVersion: 1, scenarioJson: og.canonicalJson(valid.scenario), title: "如果“十四五”期间年均只增长5%，2035年会怎样", note: null, createdAt: "2026-01-01T00:00:00Z" },
};
const data = await og.ogData(share, "chengqu-plan.pages.dev");
if (!data?.heading) throw new Error("the sample share should have a drawable heading");

// CPU per render is what the Workers Free plan limits (10 ms per request), so that is what is
// measured: process.cpuUsage() counts every thread of the process, so the native deflate
// behind CompressionStream (zlib on libuv's pool) is included, as workerd would count it.
const FREE_PLAN_CPU_MS = 10;
// Each warm render gets a title of its own, as each new share would: glyphs already drawn in
// the isolate come from its cache, new ones are rasterised.
const TITLES = [
  "如果“十四五”期间年均只增长5%，2035年会怎样",
  "人口减少到90万人的城区",
  "收入追上全国平均需要多快的增长",
  "服务业比重提高到六成以后",
  "乐观情形：2035年人均地区生产总值翻一番",
  "谨慎一点的假设",
  "我的情景：先慢后快",
  "如果投资回落，消费撑得住吗？",
];
let run = 0;
async function measure() {
  const input = { ...data, heading: TITLES[run++ % TITLES.length] };
  const cpu = process.cpuUsage();
  const t = performance.now();
  const png = og.renderOgPng(input);
  const used = process.cpuUsage(cpu);
  return { png, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - t };
}
const first = await measure();
// Let the JIT settle, as it has in an isolate that has served a few requests.
for (let i = 0; i < 10; i++) await measure();
const warm = [];
for (let i = 0; i < runs; i++) warm.push(await measure());
const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const cpu = warm.map((w) => w.cpuMs);
const wall = warm.map((w) => w.wallMs);
const verdict = (ms) => (ms <= FREE_PLAN_CPU_MS ? "within" : "OVER");
const colours = (() => {
  const b = Buffer.from(first.png);
  let at = 8;
  while (at < b.length) {
    const len = b.readUInt32BE(at);
    if (b.toString("latin1", at + 4, at + 8) === "PLTE") return len / 3;
    at += 12 + len;
  }
  return "RGB";
})();
printTable("OG preview image (functions/_lib/og): CPU per render against the Workers Free plan's 10 ms", [
  { measure: "bundle: renderer + font (esbuild, minified)", value: `${(bundle.length / 1024).toFixed(1)} KiB, ${(gzipSync(bundle).length / 1024).toFixed(1)} KiB gzip`, goal: "well under the Functions size limit" },
  { measure: "first render in a fresh process (decodes fonts): CPU (wall)", value: `${first.cpuMs.toFixed(1)} ms (${first.wallMs.toFixed(1)} ms)`, goal: "once per isolate; cached per id after" },
  { measure: `warm render, CPU p50 of ${runs}`, value: `${pct(cpu, 0.5).toFixed(1)} ms`, goal: `≤ ${FREE_PLAN_CPU_MS} ms: ${verdict(pct(cpu, 0.5))}` },
  { measure: `warm render, CPU p95 of ${runs}`, value: `${pct(cpu, 0.95).toFixed(1)} ms`, goal: `≤ ${FREE_PLAN_CPU_MS} ms: ${verdict(pct(cpu, 0.95))}` },
  { measure: "warm render, wall p50", value: `${pct(wall, 0.5).toFixed(1)} ms`, goal: "" },
  { measure: "machine load (1-min average, cores)", value: `${loadavg()[0].toFixed(1)}, ${cpus().length}`, goal: "CPU figures rise on a busy machine" },
  { measure: "PNG size, palette colours", value: `${(first.png.length / 1024).toFixed(1)} KiB, ${colours}`, goal: "" },
]);
if (out) {
  writeFileSync(out, first.png);
  console.log(`wrote ${out}`);
}
