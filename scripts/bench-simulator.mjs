#!/usr/bin/env node
// The simulator's feel, measured in headless Chromium on the built site served by the Pages
// runtime (`npm run build` first; `npm run bench:simulator`):
//   - slider → repaint: a drag of a GDP growth slider, one input event per frame; for each
//     step the time until the charts it changes have redrawn (chart.js draws synchronously;
//     charts whose picture does not change are not redrawn) and until the next frame starts.
//     Goal: p95 ≤ 16 ms.
//   - the same drag with uncertainty on (Monte Carlo in a Web Worker), and the longest task
//     on the main thread meanwhile. Goal: no task over 50 ms.
//   - JS fetched by /simulate/ before any interaction, and what a first formula adds (gzip of
//     each file, as scripts/audit.mjs counts). Goal: ≤ 120 KB before a formula.
//   - layout shift while the island hydrates and the charts load (CLS).
// Usage: node scripts/bench-simulator.mjs [steps]   (SIM_BENCH_PORT, default: a free port from the OS; CHROMIUM_PATH)
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer, printTable } from "./lib.mjs";

const steps = Number(process.argv[2] ?? 240);
if (!existsSync("dist/simulate/index.html")) {
  console.error("dist/simulate/ is missing: run `npm run build` first.");
  process.exit(1);
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => (x == null ? "—" : x.toFixed(2));
const kb = (n) => (n / 1024).toFixed(1);

function gz(path) {
  const f = join("dist", path);
  if (!existsSync(f)) return { raw: 0, gz: 0 };
  const b = readFileSync(f);
  return { raw: b.length, gz: gzipSync(b).length };
}

/** In the page: drag the slider through `values`, timing each step. */
async function drag(page, selector, values) {
  return page.evaluate(
    async ({ selector, values }) => {
      const input = document.querySelector(selector);
      const w = window;
      const work = [];
      const frame = [];
      let draws = 0;
      // Warm up once (first run compiles code paths), then measure.
      for (const [i, v] of values.entries()) {
        await new Promise((r) => requestAnimationFrame(() => r()));
        const drawsBefore = w.__simDraws ?? 0;
        const t0 = performance.now();
        input.value = String(v);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const tFrame = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
        const drawn = (w.__simDraws ?? 0) - drawsBefore;
        if (i === 0) continue;
        if (drawn < 1) throw new Error(`step ${i}: no chart redrawn before the next frame`);
        draws += drawn;
        work.push(w.__simLastDraw - t0);
        frame.push(tFrame - t0);
      }
      input.dispatchEvent(new Event("change", { bubbles: true }));
      return { work, frame, drawsPerStep: draws / work.length };
    },
    { selector, values },
  );
}

const dragValues = Array.from({ length: steps + 1 }, (_, i) => Number((3 + (i % 100) * 0.1).toFixed(1)));

const server = await startServer(Number(process.env.SIM_BENCH_PORT) || undefined);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const timing = [];
const bytes = [];
const other = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const scripts = new Set();
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.add(new URL(r.url()).pathname);
  });
  await page.addInitScript(() => {
    window.__cls = 0;
    window.__longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => !e.hadRecentInput && (window.__cls += e.value))).observe({ type: "layout-shift", buffered: true });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: "longtask", buffered: true });
  });
  await page.goto(`${server.origin}/simulate/`);
  await page.waitForSelector("html[data-simulator=ready]");
  // Charts are created as they near the viewport: bring them all in, so every one is live.
  await page.evaluate(() => document.querySelector(".charts")?.scrollIntoView());
  await page.waitForFunction(() => document.querySelectorAll(".chart canvas").length === 4 && [...document.querySelectorAll(".chart")].every((f) => !f.querySelector(".chart-loading")));
  await page.waitForTimeout(1000);

  // Bytes before any interaction.
  const atLoad = [...scripts];
  let raw = 0;
  let zipped = 0;
  for (const s of atLoad) {
    const b = gz(s);
    raw += b.raw;
    zipped += b.gz;
  }
  bytes.push({ when: "on load, before any interaction", files: atLoad.length, "JS KB": kb(raw), "JS KB gzip": kb(zipped), goal: "≤ 120 KB gzip" });
  const cls = await page.evaluate(() => window.__cls);
  const loadLongTasks = await page.evaluate(() => window.__longTasks.slice());

  // Slider → repaint, uncertainty off.
  const off = await drag(page, "#in-gdpRealGrowth-0-range", dragValues);
  timing.push({ case: "slider → charts redrawn", uncertainty: "off", "charts/step": off.drawsPerStep.toFixed(1), steps: off.work.length, p50: ms(quantile(off.work, 0.5)), p95: ms(quantile(off.work, 0.95)), max: ms(Math.max(...off.work)), goal: "p95 ≤ 16 ms" });
  timing.push({ case: "slider → next frame starts", uncertainty: "off", "charts/step": "", steps: off.frame.length, p50: ms(quantile(off.frame, 0.5)), p95: ms(quantile(off.frame, 0.95)), max: ms(Math.max(...off.frame)), goal: "" });

  // A scenario where income follows GDP (elasticity): the same slider then moves three charts.
  await page.selectOption("#preset-select", "cautious");
  await page.waitForTimeout(300);
  const linked = await drag(page, "#in-gdpRealGrowth-0-range", dragValues);
  timing.push({ case: "slider → charts redrawn (preset “cautious”)", uncertainty: "off", "charts/step": linked.drawsPerStep.toFixed(1), steps: linked.work.length, p50: ms(quantile(linked.work, 0.5)), p95: ms(quantile(linked.work, 0.95)), max: ms(Math.max(...linked.work)), goal: "p95 ≤ 16 ms" });
  await page.selectOption("#preset-select", "plan");
  await page.waitForTimeout(300);

  // Same with Monte Carlo running in the worker.
  await page.check("#uncertainty-toggle");
  await page.waitForFunction(() => [...document.querySelectorAll("table.targets tbody tr td:last-child")].some((td) => /%$/.test(td.textContent ?? "")), null, { timeout: 30_000 });
  await page.evaluate(() => (window.__longTasks = []));
  const on = await drag(page, "#in-gdpRealGrowth-1-range", dragValues);
  await page.waitForTimeout(1500); // let the full run after the drag finish and draw its bands
  const longTasks = await page.evaluate(() => window.__longTasks.slice());
  timing.push({ case: "slider → charts redrawn", uncertainty: "on (worker)", "charts/step": on.drawsPerStep.toFixed(1), steps: on.work.length, p50: ms(quantile(on.work, 0.5)), p95: ms(quantile(on.work, 0.95)), max: ms(Math.max(...on.work)), goal: "p95 ≤ 16 ms" });
  timing.push({ case: "slider → next frame starts", uncertainty: "on (worker)", "charts/step": "", steps: on.frame.length, p50: ms(quantile(on.frame, 0.5)), p95: ms(quantile(on.frame, 0.95)), max: ms(Math.max(...on.frame)), goal: "" });

  // What a first formula adds.
  const before = new Set(scripts);
  await page.click('[data-group="gdp"] .advanced summary >> nth=0');
  await page.fill("#formula-gdpRealGrowth", "9 - 0.2 * (t - 2021)");
  await page.click('#formula-gdpRealGrowth ~ button[type="submit"]');
  await page.waitForFunction(() => new URL(location.href).searchParams.has("s"));
  let fRaw = 0;
  let fGz = 0;
  const added = [...scripts].filter((s) => !before.has(s));
  for (const s of added) {
    const b = gz(s);
    fRaw += b.raw;
    fGz += b.gz;
  }
  bytes.push({ when: "added by the first formula (per-year panel + mathjs parser)", files: added.length, "JS KB": kb(fRaw), "JS KB gzip": kb(fGz), goal: "loaded on demand" });

  other.push({ measure: "layout shift on load (CLS)", value: cls.toFixed(3), goal: "0 (chart boxes reserved)" });
  other.push({ measure: "long tasks during load (count, longest ms)", value: `${loadLongTasks.length}, ${ms(loadLongTasks.length ? Math.max(...loadLongTasks) : 0)}`, goal: "" });
  other.push({ measure: "long tasks during the drag with Monte Carlo on (count, longest ms)", value: `${longTasks.length}, ${ms(longTasks.length ? Math.max(...longTasks) : 0)}`, goal: "none over 50 ms" });
  await context.close();
} finally {
  await browser.close();
  server.stop();
}
printTable("Simulator: slider → repaint in headless Chromium (ms; goal p95 ≤ 16 ms)", timing);
printTable("Simulator: JavaScript fetched by /simulate/ (gzip as scripts/audit.mjs counts)", bytes);
printTable("Simulator: layout stability and main-thread blocking", other);
