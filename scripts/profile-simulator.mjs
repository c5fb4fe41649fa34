#!/usr/bin/env node
// Where a slider drag on /simulate/ spends its time: a CPU profile (Chrome DevTools Protocol
// Profiler) of a drag in headless Chromium, printed as the functions with most self and total
// time; the profile is also written to /tmp/simulator-drag.cpuprofile (open it in DevTools).
// For reading names, build without minification first. A tool for finding causes, not a
// benchmark (the profiler slows deep call stacks down): `npm run bench:simulator` measures.
// Usage (after `npm run build`): node scripts/profile-simulator.mjs
//   env RATE (CPU slowdown, 4), PHONE (0 = desktop 1280×900), UNC (1 = uncertainty on),
//   STEPS (40), INTERVAL (sampling interval, µs, 100)
import { chromium } from "playwright-core";
import { writeFileSync } from "node:fs";
import { startServer, readySimulatorCharts } from "./lib.mjs";
const rate = Number(process.env.RATE ?? 4);
const phone = process.env.PHONE !== "0";
const unc = process.env.UNC === "1";
const steps = Number(process.env.STEPS ?? 40);
const server = await startServer();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const viewport = phone ? { width: 390, height: 844 } : { width: 1280, height: 900 };
  const context = await browser.newContext({ viewport, locale: "zh-CN", isMobile: phone, hasTouch: phone });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longTasks.push([e.startTime, e.duration]))).observe({ type: "longtask", buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await page.goto(`${server.origin}/simulate/`);
  await page.waitForSelector("html[data-simulator=ready]");
  const sel = unc ? "#in-gdpRealGrowth-1-range" : "#in-gdpRealGrowth-0-range";
  await readySimulatorCharts(page, phone);
  if (unc) {
    await page.check("#uncertainty-toggle");
    await page.waitForFunction(() => [...document.querySelectorAll("table.targets tbody tr td:last-child")].some((td) => /%$/.test(td.textContent ?? "")), null, { timeout: 60_000 });
    if (phone) await page.locator(sel).evaluate((e) => e.scrollIntoView({ block: "center" }));
  }
  await page.waitForTimeout(1000);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: Number(process.env.INTERVAL ?? 100) });
  await page.evaluate(() => { window.__longTasks = []; });
  await cdp.send("Profiler.start");
  const res = await page.evaluate(async ({ sel, steps }) => {
    const input = document.querySelector(sel);
    const work = [];
    for (let i = 0; i <= steps; i++) {
      await new Promise((r) => requestAnimationFrame(() => r()));
      const t0 = performance.now();
      input.value = String((3 + (i % 100) * 0.1).toFixed(1));
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      if (i > 0) work.push(window.__simLastDraw - t0);
    }
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await new Promise((r) => setTimeout(r, 1500));
    return { work, longTasks: window.__longTasks };
  }, { sel, steps });
  const { profile } = await cdp.send("Profiler.stop");
  writeFileSync("/tmp/simulator-drag.cpuprofile", JSON.stringify(profile));
  const s = [...res.work].sort((a, b) => a - b);
  console.log("work p50", s[Math.floor(s.length / 2)].toFixed(1), "p95", s[Math.floor(s.length * 0.95)].toFixed(1), "max", s[s.length - 1].toFixed(1));
  console.log("long tasks", res.longTasks.map(([t, d]) => `${t.toFixed(0)}:${d.toFixed(0)}`).join(" "));
  // Aggregate self and total time.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfT = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) selfT.set(profile.samples[i], (selfT.get(profile.samples[i]) ?? 0) + (dt[i + 1] ?? 0));
  const key = (n) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
  const self = new Map();
  const total = new Map();
  for (const [id, t] of selfT) {
    const n = byId.get(id);
    self.set(key(n), (self.get(key(n)) ?? 0) + t);
    const seen = new Set();
    for (let x = id; x != null; x = parent.get(x)) {
      const k = key(byId.get(x));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + t);
    }
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => `${(t / 1000).toFixed(1).padStart(8)} ms  ${k}`).join("\n");
  if (process.env.SEGMENTS) {
    // The longest stretches of work without an idle sample (about a task, or a frame's tasks
    // back to back), each with the functions that took most of it: what a long task is made of.
    const segs = [];
    let cur = null;
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += dt[i] ?? 0;
      const name = byId.get(profile.samples[i]).callFrame.functionName;
      if (name === "(idle)") {
        if (cur) segs.push(cur);
        cur = null;
        continue;
      }
      cur ??= { start: t, end: t, ids: [] };
      cur.end = t;
      cur.ids.push([profile.samples[i], dt[i + 1] ?? 0]);
    }
    if (cur) segs.push(cur);
    for (const seg of segs.sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, Number(process.env.SEGMENTS))) {
      const segSelf = new Map();
      const segTotal = new Map();
      for (const [id, d] of seg.ids) {
        const n = byId.get(id);
        segSelf.set(key(n), (segSelf.get(key(n)) ?? 0) + d);
        const seen = new Set();
        for (let x = id; x != null; x = parent.get(x)) {
          const k = key(byId.get(x));
          if (seen.has(k)) continue;
          seen.add(k);
          segTotal.set(k, (segTotal.get(k) ?? 0) + d);
        }
      }
      console.log(`=== busy ${((seg.end - seg.start) / 1000).toFixed(1)} ms at ${((seg.start - profile.startTime) / 1000).toFixed(0)} ms`);
      console.log(top(segTotal, Number(process.env.SEGTOP ?? 25)));
    }
  }
  console.log("--- self\n" + top(self, 40));
  console.log("--- total\n" + top(total, 70));
  // The site's own chunks (the island, the engine, chart.js with charts.ts).
  const ours = new Map([...total].filter(([k]) => /Simulator\.|simulator-core|charts\./.test(k)));
  console.log("--- ours (total)\n" + top(ours, 90));
} finally {
  await browser.close();
  server.stop();
}
