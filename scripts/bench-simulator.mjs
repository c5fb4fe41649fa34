#!/usr/bin/env node
// The simulator's feel, measured in headless Chromium on the built site served by the Pages
// runtime (`npm run build` first; `npm run bench:simulator`):
//   - slider → repaint: a drag of a GDP growth slider, one input event per frame; for each
//     step the time until the charts it changes have redrawn (chart.js draws synchronously;
//     charts whose picture does not change, or that are off screen, are not redrawn; on a slow
//     CPU the second and third may draw in tasks of their own, chart-queue.ts: the time is the
//     last one's) and until the next frame starts. On a desktop viewport and on a phone (390×844, the slider in view
//     under the control dock), each at full speed and with the CPU slowed 4× (Chrome's
//     Emulation.setCPUThrottlingRate, as a mid-range phone). Goal at 4×: p95 ≤ 25 ms.
//   - the same drag with uncertainty on (Monte Carlo in a Web Worker). Goal at 4×: p95 ≤ 35 ms.
//   - long tasks and layout-shift entries during each drag and its end (the change event and
//     what follows it: owed chart layouts, the address, the views off screen). Goal: no task
//     over 50 ms, 0 shifts.
//   - JS fetched by /simulate/ on load, on a desktop and on a phone, and after a scroll has
//     hydrated every part (goal ≤ 120 KB gzip), and what a first formula adds (gzip of each
//     file, as scripts/audit.mjs counts).
//   - layout shift while the island hydrates and the charts load (CLS).
// Usage: node scripts/bench-simulator.mjs [steps]   (SIM_BENCH_PORT, default: a free port from the OS; CHROMIUM_PATH)
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { cpus, loadavg } from "node:os";
import { chromium } from "playwright-core";
import { startServer, printTable, readySimulatorCharts } from "./lib.mjs";

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
        // Charts beyond a task's budget draw in tasks of their own (chart-queue.ts): the step
        // is done when the last of them has drawn.
        while ((w.__simChartsWaiting?.() ?? 0) > 0) await new Promise((r) => setTimeout(r, 0));
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

/** Long tasks and layout shifts from now on: call the returned function to read them. */
async function watch(page) {
  await page.evaluate(() => {
    window.__longTasks = [];
    window.__shifts = [];
  });
  return () => page.evaluate(() => ({ longTasks: window.__longTasks.slice(), shifts: window.__shifts.slice() }));
}

const longest = (xs) => (xs.length ? Math.max(...xs) : 0);

/** After a drag's change event: no chart waits for its turn, then a second for the rest of its end. */
async function dragEnded(page) {
  await page.waitForFunction(() => (window.__simChartsWaiting?.() ?? 0) === 0);
  await page.waitForTimeout(1000);
}

/**
 * One run of the drag cases at a CPU slowdown (`rate`, Chrome's Emulation.setCPUThrottlingRate;
 * 4 stands for a mid-range phone) and a viewport: desktop (charts beside the controls) or phone
 * (the controls' dock shows the chart the slider moves; the charts above are off screen).
 */
async function measure(browser, origin, { rate, viewport, phone, dpr = 1 }) {
  const context = await browser.newContext({ viewport, locale: "zh-CN", isMobile: phone, hasTouch: phone, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const scripts = new Set();
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.add(new URL(r.url()).pathname);
  });
  await page.addInitScript(() => {
    window.__cls = 0;
    window.__longTasks = [];
    window.__shifts = [];
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => {
        window.__shifts.push(e.value);
        if (!e.hadRecentInput) window.__cls += e.value;
      }),
    ).observe({ type: "layout-shift", buffered: true });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: "longtask", buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await page.goto(`${origin}/simulate/`);
  await page.waitForSelector("html[data-simulator=ready]");
  const where = `${viewport.width}×${viewport.height}${dpr === 1 ? "" : ` at ${dpr}× pixels`}, CPU ${rate}×`;
  const countBytes = (when, goal) => {
    let raw = 0;
    let zipped = 0;
    for (const s of scripts) {
      const b = gz(s);
      raw += b.raw;
      zipped += b.gz;
    }
    bytes.push({ when, files: scripts.size, "JS KB": kb(raw), "JS KB gzip": kb(zipped), goal });
  };
  if (rate === 1) {
    // What a reader downloads before touching the page: the parts far below the first screen
    // hydrate only on the first scroll, so this is counted before readySimulatorCharts scrolls.
    await page.waitForTimeout(1000);
    countBytes(`on load, before any scroll or interaction, ${viewport.width}×${viewport.height}`, "≤ 120 KB gzip");
  }
  // On a phone the slider sits under the dock showing its chart; on a desktop every chart is live.
  await readySimulatorCharts(page, phone);
  await page.waitForTimeout(1000);

  if (rate === 1 && !phone) {
    countBytes(`after a scroll brings every part to life, before any interaction, ${viewport.width}×${viewport.height}`, "≤ 120 KB gzip");
    other.push({ measure: `layout shift on load (CLS), ${where}`, value: (await page.evaluate(() => window.__cls)).toFixed(3), goal: "0 (chart boxes reserved)" });
  }
  const goalOff = rate === 4 ? "p95 ≤ 25 ms" : "";
  const goalOn = rate === 4 ? "p95 ≤ 35 ms" : "";
  const row = (name, unc, r, goal) =>
    timing.push({ case: name, where, uncertainty: unc, "charts/step": r.drawsPerStep.toFixed(1), steps: r.work.length, p50: ms(quantile(r.work, 0.5)), p95: ms(quantile(r.work, 0.95)), max: ms(Math.max(...r.work)), goal });
  const frameRow = (unc, r) => timing.push({ case: "slider → next frame starts", where, uncertainty: unc, "charts/step": "", steps: r.frame.length, p50: ms(quantile(r.frame, 0.5)), p95: ms(quantile(r.frame, 0.95)), max: ms(Math.max(...r.frame)), goal: "" });
  const blocking = (what, seen) =>
    other.push({ measure: `${what}, ${where}: long tasks (count, longest ms); layout-shift entries`, value: `${seen.longTasks.length}, ${ms(longest(seen.longTasks))}; ${seen.shifts.length}`, goal: rate === 4 ? "no task over 50 ms; 0 shifts" : "0 shifts" });

  // Slider → repaint, uncertainty off. The drag's end (the change event, the layouts it owes,
  // the address written, the views off screen catching up) counts as part of it.
  let seen = await watch(page);
  const off = await drag(page, "#in-gdpRealGrowth-0-range", dragValues);
  await dragEnded(page);
  row("slider → charts redrawn", "off", off, goalOff);
  frameRow("off", off);
  blocking("drag and its end, uncertainty off", await seen());

  if (!phone) {
    // A scenario where income follows GDP (elasticity): the same slider then moves three charts.
    await page.selectOption("#preset-select", "cautious");
    await page.waitForTimeout(300);
    const linked = await drag(page, "#in-gdpRealGrowth-0-range", dragValues);
    row("slider → charts redrawn (preset “cautious”)", "off", linked, goalOff);
    await page.selectOption("#preset-select", "plan");
    await page.waitForTimeout(300);
  }

  // Same with Monte Carlo running in the worker.
  await page.check("#uncertainty-toggle");
  await page.waitForFunction(() => [...document.querySelectorAll("table.targets tbody tr td:last-child")].some((td) => /%$/.test(td.textContent ?? "")), null, { timeout: 60_000 });
  if (phone) await page.locator("#in-gdpRealGrowth-1-range").evaluate((e) => e.scrollIntoView({ block: "center" }));
  await page.waitForTimeout(500);
  seen = await watch(page);
  const on = await drag(page, "#in-gdpRealGrowth-1-range", dragValues);
  await page.waitForTimeout(1500); // let the full run after the drag finish and draw its bands
  row("slider → charts redrawn", "on (worker)", on, goalOn);
  frameRow("on (worker)", on);
  blocking("drag and its end, uncertainty on", await seen());

  if (rate === 1 && !phone) {
    // What a first formula adds.
    const before = new Set(scripts);
    // The drags above already wrote a scenario into the address: wait for the formula's own.
    const addressBefore = page.url();
    await page.click('[data-group="gdp"] .advanced summary >> nth=0');
    await page.fill("#formula-gdpRealGrowth", "9 - 0.2 * (t - 2021)");
    await page.click('#formula-gdpRealGrowth ~ button[type="submit"]');
    await page.waitForFunction((a) => location.href !== a && new URL(location.href).searchParams.has("s"), addressBefore);
    // Uncertainty is on since the last drag: the worker fetches its own parser once it hears of the formula.
    await page.waitForTimeout(1000);
    let fRaw = 0;
    let fGz = 0;
    const added = [...scripts].filter((s) => !before.has(s));
    for (const s of added) {
      const b = gz(s);
      fRaw += b.raw;
      fGz += b.gz;
    }
    bytes.push({ when: "added by the first formula (per-year panel; mathjs parser in the page and in the uncertainty worker)", files: added.length, "JS KB": kb(fRaw), "JS KB gzip": kb(fGz), goal: "loaded on demand" });
  }
  await context.close();
}

const server = await startServer(Number(process.env.SIM_BENCH_PORT) || undefined);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const timing = [];
const bytes = [];
const other = [];
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };
// SIM_BENCH_CASES=phone4,desktop4 runs only those (desktop1, desktop4, phone1, phone4, phone4@3), e.g. for a quick A/B.
// phone4@3: the phone at 3 device pixels per CSS pixel, as most phones that open WeChat links
// have: the canvases and the page's raster hold 9 times the pixels of the 1× case.
// Wall-clock figures at 4× move with what else runs: on 2 cores the renderer's raster and
// compositor threads and the local server share them with the page's main thread.
const loadBefore = loadavg()[0];
const cases = (process.env.SIM_BENCH_CASES ?? "desktop1,desktop4,phone1,phone4,phone4@3").split(",");
try {
  for (const c of cases) {
    const m = /^(desktop|phone)([14])(?:@([123]))?$/.exec(c.trim());
    if (!m) throw new Error(`unknown case ${c} (desktop1, desktop4, phone1, phone4, phone4@3)`);
    await measure(browser, server.origin, { rate: Number(m[2]), viewport: m[1] === "phone" ? phone : desktop, phone: m[1] === "phone", dpr: Number(m[3] ?? 1) });
  }
} finally {
  await browser.close();
  server.stop();
}
const machine = `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after; ${cpus().length} cores`;
printTable(`Simulator: slider → repaint in headless Chromium (ms; goals at CPU 4×: p95 ≤ 25 ms, ≤ 35 ms with uncertainty; ${machine})`, timing);
printTable("Simulator: JavaScript fetched by /simulate/ (gzip as scripts/audit.mjs counts)", bytes);
printTable("Simulator: layout stability and main-thread blocking", other);
