#!/usr/bin/env node
// The load of /simulate/ on a phone (390×844, CPU slowed 4× as Lighthouse's mobile preset),
// traced in headless Chromium: every main-thread task over 50 ms from navigation until the
// page has been quiet for 3 s, with the blocking time they add up to (Lighthouse's TBT counts
// the same tasks, from first paint), and where the longest ones spend their time. Thread CPU
// time (tdur) is printed beside wall time: on a busy machine it is the figure to compare A/B.
// Usage (after `npm run build`): npm run bench:hydrate, or node scripts/trace-load.mjs [path]
//   env RUNS (3), RATE (4; 1 counts tasks as Lighthouse's simulated 4× does), DETAIL=1 (the
//   events inside each long task, and each simulator part's hydration time)
import { chromium } from "playwright-core";
import { loadavg } from "node:os";
import { startServer, printTable } from "./lib.mjs";

const path = process.argv[2] ?? "/simulate/";
const rate = Number(process.env.RATE ?? 4);
const runs = Number(process.env.RUNS ?? 3);
// Lighthouse's mobile run loads the page unthrottled and multiplies each task by 4 (simulated
// throttling): at RATE=1 a task counts as it would there (long if over 12.5 ms), at RATE=4 as
// measured under Chromium's own CPU throttling.
const scale = 4 / rate;
const UA =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 MicroMessenger/8.0.50.2701(0x28003237) NetType/WIFI Language/zh_CN";

const server = await startServer();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const rows = [];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: UA, locale: "zh-CN", isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    const page = await context.newPage();
    // Who makes the page's first Intl object (it loads ICU: tens of ms at 1×), with its stack.
    await page.addInitScript(() => {
      globalThis.__intlMade = [];
      for (const name of ["NumberFormat", "DateTimeFormat", "PluralRules", "Collator", "Segmenter", "ListFormat", "RelativeTimeFormat"]) {
        const Orig = Intl[name];
        if (!Orig) continue;
        Intl[name] = new Proxy(Orig, { construct(target, args) { globalThis.__intlMade.push(`${name} ${new Error().stack?.split("\n").slice(2, 5).join(" ← ")}`); return Reflect.construct(target, args); } });
      }
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    const events = [];
    cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
    const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
    await cdp.send("Tracing.start", {
      categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing,loading",
      transferMode: "ReportEvents",
    });
    await page.goto(server.origin + path, { waitUntil: "load" });
    // Waiting goes through the bare protocol: Playwright's waitForSelector and evaluate inject a
    // large script of their own, whose evaluation would show up as a long task of the page.
    const evaluate = async (expression) => (await cdp.send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true })).result.value;
    if (path.startsWith("/simulate")) {
      const until = Date.now() + 60_000;
      while ((await evaluate("document.documentElement.dataset.simulator")) !== "ready") {
        if (Date.now() > until) throw new Error("the simulator did not become ready");
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    // Quiet: no long task for 3 s (charts are made one per task after hydration).
    await evaluate(`new Promise((resolve) => {
      let timer = setTimeout(resolve, 3000);
      new PerformanceObserver(() => { clearTimeout(timer); timer = setTimeout(resolve, 3000); }).observe({ type: "longtask" });
    })`);
    const intlMade = await evaluate("globalThis.__intlMade");
    // The simulator's parts measure their hydration (components/simulator/hydrate-soon.ts).
    const parts = await evaluate(`performance.getEntriesByType("measure").filter((m) => m.name.startsWith("hydrate ")).map((m) => [m.name.slice(8), m.duration])`);
    if (process.env.DETAIL && parts?.length) for (const [name, d] of parts) console.log(`run ${run + 1}: hydrated ${d.toFixed(1).padStart(6)} ms ${name.replace(/&quot;|"/g, "")}`);
    await cdp.send("Tracing.end");
    await done;
    await context.close();
    if (process.env.DUMP) (await import("node:fs")).writeFileSync(process.env.DUMP, JSON.stringify(events));

    // The renderer's main thread is the one that navigated to the page (not the blank page the
    // tab opened with, nor another renderer of the browser).
    const url = server.origin + path;
    const nav = events.filter((e) => e.name === "navigationStart" && String(e.args?.data?.documentLoaderURL ?? "").startsWith(url)).at(-1);
    if (!nav) throw new Error(`no navigationStart for ${url} in the trace`);
    const main = `${nav.pid}:${nav.tid}`;
    const t0 = nav.ts;
    const mine = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X" && e.dur && e.ts >= t0);
    const fcp = events.find((e) => e.name === "firstContentfulPaint" && `${e.pid}:${e.tid}` === main && e.ts >= t0);
    const tasks = mine.filter((e) => e.name === "RunTask" && (e.dur / 1000) * scale > 50 && e.ts >= t0 && (!fcp || e.ts + e.dur > fcp.ts));
    const blocking = tasks.reduce((a, e) => a + (e.dur / 1000) * scale - 50, 0);
    const cpuBlocking = tasks.reduce((a, e) => a + Math.max(0, ((e.tdur ?? e.dur) / 1000) * scale - 50), 0);
    // All main-thread work after first paint, in thread CPU time: the least noisy A/B figure.
    const cpuAll = mine.filter((e) => e.name === "RunTask" && (!fcp || e.ts >= fcp.ts)).reduce((a, e) => a + (e.tdur ?? 0) / 1000, 0);
    const describe = (task) => {
      const inner = mine.filter((o) => o !== task && o.ts >= task.ts && o.ts + o.dur <= task.ts + task.dur);
      const sum = new Map();
      for (const e of inner) {
        const name = e.name === "FunctionCall" || e.name === "EvaluateScript" || e.name === "v8.compileModule" || e.name === "v8.evaluateModule" ? `${e.name}${e.args?.data?.url ? " " + e.args.data.url.split("/").pop() : ""}` : e.name;
        sum.set(name, (sum.get(name) ?? 0) + e.dur / 1000);
      }
      return [...sum].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join("; ");
    };
    for (const task of tasks) {
      console.log(`run ${run + 1}: task at ${((task.ts - t0) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(0)} ms (cpu ${((task.tdur ?? 0) / 1000).toFixed(0)})${process.env.DETAIL ? " — " + describe(task) : ""}`);
    }
    if (intlMade.length) console.log(`run ${run + 1}: first Intl object: ${intlMade[0]}`);
    rows.push({
      run: run + 1,
      "FCP ms": fcp ? ((fcp.ts - t0) / 1000).toFixed(0) : "—",
      "tasks > 50 ms": tasks.length,
      "longest ms": tasks.length ? Math.max(...tasks.map((t) => t.dur / 1000)).toFixed(0) : "0",
      "longest thread CPU ms": tasks.length ? Math.max(...tasks.map((t) => (t.tdur ?? 0) / 1000)).toFixed(0) : "0",
      "blocking ms (wall)": blocking.toFixed(0),
      "blocking ms (thread CPU)": cpuBlocking.toFixed(0),
      "main thread CPU after FCP ms": cpuAll.toFixed(0),
      "Intl objects made": intlMade.length,
    });
  }
} finally {
  await browser.close();
  server.stop();
}
// The median of each column, as the figure to quote (runs differ on a shared machine).
if (rows.length > 1) {
  const median = { run: "median" };
  for (const key of Object.keys(rows[0]).filter((k) => k !== "run")) {
    const values = rows.map((r) => Number(r[key])).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    median[key] = values.length ? String(values[Math.floor((values.length - 1) / 2)]) : "—";
  }
  rows.push(median);
}
printTable(`Load of ${path} at 390×844, CPU ${rate}×: main-thread tasks over 50 ms after first paint (${rate === 4 ? "as measured" : `times ${scale}, as Lighthouse simulates a phone`}) (load average ${loadavg().map((x) => x.toFixed(1)).join(" ")})`, rows);
