#!/usr/bin/env node
// Benchmark of the social preview renderer (functions/_lib/og): bundles it the way wrangler
// would (esbuild, ESM, minified), reports the bundle's size raw and gzipped, then times what a
// request for /og/:id.png computes (registering the title font and the template on the first,
// reading the stored scenario, its projection, then renderOgPng), each with a new sharer's
// title: CPU per request (first in a fresh process, warm p50/p95/max) against the Workers Free
// plan's 10 ms.
//
// With raster.wasm (functions/_lib/og/wasm.ts) as the Function runs it: compiled before the
// first request, as a Worker compiles an imported module when its script loads, and
// instantiated by the first request, which is timed with it.
//
//   node scripts/bench-og.mjs [--runs N] [--out /tmp/og-sample.png] [--no-template] [--no-wasm] [--js-deflate]

import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { deflateSync, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { printTable } from "./lib.mjs";

// V8 runs single-threaded here (no background compilation, no parallel or concurrent garbage
// collection), so the process's CPU time, which the kernel counts exactly, is the CPU time of
// the one thread that renders: what a Worker's request is charged, with compilation and
// collection on that thread too (a conservative figure). Per-thread CPU clocks are too coarse
// on some kernels to time a few milliseconds.
if (!process.execArgv.includes("--single-threaded")) {
  const { spawnSync } = await import("node:child_process");
  const r = spawnSync(process.execPath, ["--single-threaded", ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option("--runs", "200"));
const SETTLE_RENDERS = 100;
const out = option("--out", undefined);
// --no-template: draw everything, as when public/_og/template.bin cannot be loaded.
const withoutTemplate = args.includes("--no-template");
// --js-deflate: the renderer's own deflate instead of native zlib (without wasm).
const jsDeflate = args.includes("--js-deflate");
// --no-wasm: everything in JavaScript (as before raster.wasm, or when it cannot be loaded).
const withoutWasm = args.includes("--no-wasm");

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
    contents: `export { ogData } from "./functions/_lib/summary.ts"; export { loadRasterWasm, loadTemplate, loadTitleFont, renderOgPng, unloadTemplate } from "./functions/_lib/og/index.ts"; export { readStored } from "./functions/_lib/scenario.ts"; export { defaultScenario } from "./src/lib/scenario/index.ts";`,
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
// The Function fetches these from the site's assets (I/O) on an isolate's first image and
// registers them (CPU, measured with the first request below).
const titleFontBytes = new Uint8Array(readFileSync(join(root, "public/_og/title-glyphs.bin")));
const templateBytes = withoutTemplate ? null : new Uint8Array(readFileSync(join(root, "public/_og/template.bin")));
const rasterModule = withoutWasm ? null : new WebAssembly.Module(readFileSync(join(root, "functions/_lib/og/raster.wasm")));
// The stored row as D1 returns it; each request reads (parses, validates) it as the Function does
// (readStored), so no code the request runs has run before the first one.
const scenario = structuredClone(og.defaultScenario);
scenario.inputs.gdpRealGrowth.periods[0] = 5;
const row = { id: "7Kq2xPa9Zt", contentKey: "0".repeat(64), schemaVersion: 1, scenarioJson: JSON.stringify(scenario), title: "", note: null, createdAt: "2026-01-01T00:00:00Z" };

// CPU per request is what the Workers Free plan limits (10 ms): reading the stored scenario
// (readStored), its projection (ogData) and the drawing and encoding (renderOgPng); D1, the
// assets and the cache are I/O.
const FREE_PLAN_CPU_MS = 10;
// Every render gets a title never drawn before, as every new share brings one: its glyphs are
// rasterised then (those at the same size and sub-pixel offset as an earlier title's come from
// the isolate's cache). The titles are made from parts, so there are as many as renders.
const OPENINGS = ["如果", "假如", "要是", "乐观情形：", "谨慎一点：", "我的情景：", "设想", "万一"];
const MIDDLES = ["“十四五”期间年均只增长5%", "人口减少到90万人", "服务业比重提高到六成", "投资回落三成", "收入追上全国平均", "煤炭产量逐年下降", "城镇化率达到八成", "消费每年多增两个百分点", "先慢后快地增长"];
const ENDINGS = ["，2035年会怎样", "以后", "的城区", "，目标还能实现吗？", "会发生什么", "需要多快的增长", "，人均收入翻一番吗", ""];
const titleFor = (k) => {
  const o = OPENINGS[k % OPENINGS.length];
  const m = MIDDLES[Math.floor(k / OPENINGS.length) % MIDDLES.length];
  const e = ENDINGS[Math.floor(k / (OPENINGS.length * MIDDLES.length)) % ENDINGS.length];
  return `${o}${m}${e}`;
};
const cpuMs = (u) => (u.user + u.system) / 1000;
// A Worker's CompressionStream("deflate") is zlib at its default level, in C++ (workerd,
// src/workerd/api/streams/compression.c++). Node's CompressionStream puts JavaScript web streams
// around zlib, whose own first-use cost a Worker does not have, so the benchmark calls the
// same zlib directly.
const deflate = jsDeflate ? undefined : (bytes) => deflateSync(bytes);
const renderOptions = jsDeflate ? { deflate: null } : { deflate };
let run = 0;
async function measure() {
  const title = titleFor(run++);
  const all = process.cpuUsage();
  const t = performance.now();
  if (run === 1) {
    og.loadTitleFont(titleFontBytes);
    if (templateBytes) og.loadTemplate(templateBytes);
    if (rasterModule) og.loadRasterWasm(rasterModule);
  }
  const stored = { ...row, title };
  const read = og.readStored(stored);
  if (read === null) throw new Error("the stored scenario should read back");
  const input = await og.ogData({ row: stored, scenario: read }, "chengqu-plan.pages.dev");
  if (input?.heading !== title) throw new Error(`the title ${title} should be drawable as the heading`);
  const png = await og.renderOgPng(input, renderOptions);
  const wallMs = performance.now() - t;
  return { png, cpuMs: cpuMs(process.cpuUsage(all)), wallMs };
}
const first = await measure();
// Let the JIT settle, as it has in an isolate that has served some requests. With raster.wasm
// that takes longer than JavaScript alone: V8 re-compiles hot wasm functions with its
// optimising tier, and single-threaded (as here) that compilation lands in some of the first
// hundred renders. Those renders are timed too and shown on their own row.
const settling = [];
for (let i = 0; i < SETTLE_RENDERS; i++) settling.push((await measure()).cpuMs);
const warm = [];
for (let i = 0; i < runs; i++) warm.push(await measure());
if (run > OPENINGS.length * MIDDLES.length * ENDINGS.length) console.warn(`note: ${run} renders but only ${OPENINGS.length * MIDDLES.length * ENDINGS.length} distinct titles`);
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
printTable("OG preview image (functions/_lib/og): CPU per request against the Workers Free plan's 10 ms", [
  { measure: "bundle: renderer + font (esbuild, minified)", value: `${(bundle.length / 1024).toFixed(1)} KiB, ${(gzipSync(bundle).length / 1024).toFixed(1)} KiB gzip`, goal: "well under the Functions size limit" },
  { measure: `first request in a fresh process (cold JIT; template ${templateBytes ? "loaded" : "not used"}, ${rasterModule ? "raster.wasm" : jsDeflate ? "JavaScript, own deflate" : "JavaScript, native zlib"}): CPU (wall)`, value: `${first.cpuMs.toFixed(1)} ms (${first.wallMs.toFixed(1)} ms)`, goal: `once per isolate, cached per id after: ${verdict(first.cpuMs)}` },
  { measure: `warm request, CPU p50 of ${runs}`, value: `${pct(cpu, 0.5).toFixed(1)} ms`, goal: `≤ ${FREE_PLAN_CPU_MS} ms: ${verdict(pct(cpu, 0.5))}` },
  { measure: `warm request, CPU p95 of ${runs}`, value: `${pct(cpu, 0.95).toFixed(1)} ms`, goal: `≤ ${FREE_PLAN_CPU_MS} ms: ${verdict(pct(cpu, 0.95))}` },
  { measure: `renders 2–${SETTLE_RENDERS + 1} (the JIT settling), CPU p50 / p95 / max`, value: `${pct(settling, 0.5).toFixed(1)} / ${pct(settling, 0.95).toFixed(1)} / ${Math.max(...settling).toFixed(1)} ms`, goal: "" },
  { measure: `warm request, CPU max of ${runs}`, value: `${Math.max(...cpu).toFixed(1)} ms`, goal: "" },
  { measure: "warm request, wall p50", value: `${pct(wall, 0.5).toFixed(1)} ms`, goal: "" },
  { measure: "machine load (1-min average, cores)", value: `${loadavg()[0].toFixed(1)}, ${cpus().length}`, goal: "CPU figures rise on a busy machine" },
  { measure: "PNG size, palette colours", value: `${(first.png.length / 1024).toFixed(1)} KiB, ${colours}`, goal: "" },
]);
if (out) {
  writeFileSync(out, first.png);
  console.log(`wrote ${out}`);
}
