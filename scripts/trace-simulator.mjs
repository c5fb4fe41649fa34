#!/usr/bin/env node
// A slider drag on /simulate/ traced in headless Chromium (Chrome DevTools Protocol Tracing):
// main-thread time by trace event (script, style and layout, paint), and the thread CPU time
// per step. Thread CPU time barely moves when other programs load the machine, so this is the
// A/B comparison to use on a busy machine (run it on both builds back to back); wall-clock
// goals are `npm run bench:simulator`'s.
// Usage (after `npm run build`): node scripts/trace-simulator.mjs
//   env RATE (CPU slowdown, 4), PHONE (0 = desktop 1280×900), DPR (device pixels per CSS pixel, 1), STEPS (30), UNC=1 (uncertainty
//   on: the drag moves the second GDP slider, as the benchmark's case does), NEST=1 (where layout and paint happen: forced inside script, or in the frame), DETAIL=1
import { chromium } from "playwright-core";
import { startServer, readySimulatorCharts } from "./lib.mjs";
const rate = Number(process.env.RATE ?? 4);
const phone = process.env.PHONE !== "0";
const steps = Number(process.env.STEPS ?? 30);
const unc = process.env.UNC === "1";
const server = await startServer();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const viewport = phone ? { width: 390, height: 844 } : { width: 1280, height: 900 };
  const context = await browser.newContext({ viewport, locale: "zh-CN", isMobile: phone, hasTouch: phone, deviceScaleFactor: Number(process.env.DPR ?? 1) });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await page.goto(`${server.origin}/simulate/`);
  await page.waitForSelector("html[data-simulator=ready]");
  const sel = unc ? "#in-gdpRealGrowth-1-range" : "#in-gdpRealGrowth-0-range";
  await readySimulatorCharts(page, phone, sel);
  if (unc) {
    await page.check("#uncertainty-toggle");
    await page.waitForFunction(() => [...document.querySelectorAll("table.targets tbody tr td:last-child")].some((td) => /%$/.test(td.textContent ?? "")), null, { timeout: 60_000 });
    if (phone) await page.locator(sel).evaluate((e) => e.scrollIntoView({ block: "center" }));
  }
  // CSS=…: a style sheet added before the drag (to try a containment or layer rule without a build).
  if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
  await page.waitForTimeout(1000);
  const events = [];
  cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing", transferMode: "ReportEvents" });
  await page.evaluate(async ({ sel, steps }) => {
    const input = document.querySelector(sel);
    for (let i = 0; i <= steps; i++) {
      await new Promise((r) => requestAnimationFrame(() => r()));
      input.value = String((3 + (i % 100) * 0.1).toFixed(1));
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
    }
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await new Promise((r) => setTimeout(r, 1000));
  }, { sel, steps });
  await cdp.send("Tracing.end");
  await done;
  // Main thread of the renderer: the thread with most RunTask time.
  const byThread = new Map();
  for (const e of events) if (e.name === "RunTask" && e.dur) byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  const main = [...byThread].sort((a, b) => b[1] - a[1])[0][0];
  const mine = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X" && e.dur);
  const sum = new Map();
  for (const e of mine) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur);
  console.log([...sum].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / 1000).toFixed(1).padStart(9)} ms  ${k}`).join("\n"));
  if (process.env.NEST) {
    // For each Layout / Paint: its enclosing events (forced layout shows inside script).
    const outer = (e) => mine.filter((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur).sort((a, b) => b.dur - a.dur).map((o) => o.name);
    const seen = new Map();
    for (const e of mine.filter((e) => e.name === "Layout" || e.name === "Paint" || e.name === "UpdateLayoutTree")) {
      const k = e.name + " in " + outer(e).join(">");
      const v = seen.get(k) ?? [0, 0];
      seen.set(k, [v[0] + 1, v[1] + e.dur / 1000]);
    }
    for (const [k, [n, d]] of seen) console.log(n, d.toFixed(1), k);
  }
  if (process.env.DETAIL) {
    for (const e of mine.filter((e) => e.name === "Paint" || e.name === "Layout" || e.name === "UpdateLayoutTree").slice(-40)) console.log(e.name, (e.dur / 1000).toFixed(1), JSON.stringify(e.args).slice(0, 300));
  }
  if (process.env.LONG) {
    // The longest tasks and what ran in them (events directly inside, with their durations).
    const tasks = mine.filter((e) => e.name === "RunTask").sort((a, b) => (b.tdur ?? b.dur) - (a.tdur ?? a.dur)).slice(0, Number(process.env.LONG));
    for (const t of tasks) {
      const inner = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > 500 && e.name !== "RunTask");
      console.log(`task ${(t.dur / 1000).toFixed(1)} ms (CPU ${((t.tdur ?? 0) / 1000).toFixed(1)}) at ${((t.ts - mine[0].ts) / 1000).toFixed(0)} ms:`, inner.slice(0, 8).map((e) => `${e.name}${e.args?.data?.type ? `(${e.args.data.type})` : ""}${e.name === "FunctionCall" && e.args?.data?.url ? `(${e.args.data.functionName || "anon"} ${e.args.data.url.split("/").pop()}:${e.args.data.columnNumber})` : ""} ${(e.dur / 1000).toFixed(1)}`).join(", "));
    }
  }
  if (process.env.TREE) {
    // The longest tasks as trees: every event inside over 0.2 ms, indented by nesting (what the
    // LONG summary flattens: which function, layout or paint a long task's time went to).
    const label = (e) => `${e.name}${e.args?.data?.type ? `(${e.args.data.type})` : ""}${e.args?.data?.url ? `(${e.args.data.functionName || "anon"} ${e.args.data.url.split("/").pop()}:${e.args.data.lineNumber ?? ""}:${e.args.data.columnNumber ?? ""})` : ""}${e.args?.beginData?.dirtyObjects != null ? `(dirty ${e.args.beginData.dirtyObjects})` : ""}${e.args?.data?.nodeName ? `(${e.args.data.nodeName})` : ""}`;
    const tasks = mine.filter((e) => e.name === "RunTask").sort((a, b) => (b.tdur ?? b.dur) - (a.tdur ?? a.dur)).slice(0, Number(process.env.TREE));
    for (const t of tasks) {
      console.log(`--- task ${(t.dur / 1000).toFixed(1)} ms (CPU ${((t.tdur ?? 0) / 1000).toFixed(1)}) at ${((t.ts - mine[0].ts) / 1000).toFixed(0)} ms`);
      const inner = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > 200).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
      const stack = [];
      for (const e of inner) {
        while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur < e.ts + e.dur) stack.pop();
        console.log(`${"  ".repeat(stack.length + 1)}${(e.dur / 1000).toFixed(1)} ${label(e)}`);
        stack.push(e);
      }
    }
  }
  // Thread CPU time (tdur, µs) per step: robust to other processes on the machine.
  const top = mine.filter((e) => e.name === "RunTask" && e.tdur != null);
  const cpu = (names) => {
    let t = 0;
    for (const e of mine) if (names.includes(e.name) && e.tdur != null && !mine.some((o) => o !== e && names.includes(o.name) && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur)) t += e.tdur;
    return (t / 1000 / (steps + 1)).toFixed(2);
  };
  console.log(`CPU per step (ms, thread time): all tasks ${(top.reduce((a, e) => a + e.tdur, 0) / 1000 / (steps + 1)).toFixed(2)}; script ${cpu(["FunctionCall", "RunMicrotasks", "EventDispatch", "TimerFire", "FireAnimationFrame"])}; style+layout ${cpu(["UpdateLayoutTree", "Layout"])}; paint ${cpu(["Paint", "PrePaint", "Layerize", "Commit"])}`);
  const tasks = mine.filter((e) => e.name === "RunTask").map((e) => e.dur / 1000).sort((a, b) => b - a);
  console.log("tasks > 50ms:", tasks.filter((d) => d > 50).length, "longest", tasks.slice(0, 8).map((d) => d.toFixed(0)).join(" "));
  // The same by thread CPU time, which load on the machine barely changes: at RATE=1, a task
  // over 12.5 ms of CPU is one that a 4× slower phone would run for over 50 ms.
  const cpuTasks = top.map((e) => e.tdur / 1000).sort((a, b) => b - a);
  const limit = (50 * rate) / 4;
  console.log(`tasks by thread CPU time: over ${limit.toFixed(1)} ms (50 ms at 4× slowdown): ${cpuTasks.filter((d) => d > limit).length}; longest ${cpuTasks.slice(0, 8).map((d) => d.toFixed(1)).join(" ")}`);
} finally {
  await browser.close();
  server.stop();
}
