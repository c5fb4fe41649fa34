// In-page breakdown of a slider step: sync handler, chart.update, whole flush.
import { chromium } from "playwright-core";
import { startServer } from "./lib.mjs";
const phone = process.env.PHONE !== "0";
const server = await startServer();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const viewport = phone ? { width: 390, height: 844 } : { width: 1280, height: 900 };
  const context = await browser.newContext({ viewport, locale: "zh-CN", isMobile: phone, hasTouch: phone });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(process.env.RATE ?? 1) });
  await page.goto(`${server.origin}/simulate/`);
  await page.waitForSelector("html[data-simulator=ready]");
  if (phone) {
    await page.locator("#in-gdpRealGrowth-0-range").evaluate((e) => e.scrollIntoView({ block: "center" }));
    await page.waitForFunction(() => !!document.querySelector(".dock canvas") && (globalThis.__simDraws ?? 0) > 0);
  } else {
    await page.evaluate(() => document.querySelector(".charts")?.scrollIntoView());
    await page.waitForFunction(() => document.querySelectorAll(".chart canvas").length === 4 && [...document.querySelectorAll(".chart")].every((f) => !f.querySelector(".chart-loading")));
  }
  await page.waitForTimeout(1000);
  const r = await page.evaluate(async (steps) => {
    const input = document.querySelector("#in-gdpRealGrowth-0-range");
    let chartMs = 0;
    for (const c of document.querySelectorAll("canvas")) {
      const ch = globalThis.__simGetChart(c);
      if (!ch) continue;
      const u = ch.update.bind(ch);
      ch.update = (m) => { const t = performance.now(); u(m); chartMs += performance.now() - t; };
    }
    const rows = [];
    for (let i = 0; i <= steps; i++) {
      await new Promise((r) => requestAnimationFrame(() => r()));
      chartMs = 0;
      const t0 = performance.now();
      input.value = String((3 + (i % 100) * 0.1).toFixed(1));
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const t1 = performance.now();
      await new Promise((r) => requestAnimationFrame(() => r()));
      if (i > 0) rows.push([t1 - t0, chartMs, window.__simLastDraw - t0]);
    }
    input.dispatchEvent(new Event("change", { bubbles: true }));
    const col = (k) => rows.map((r) => r[k]).sort((a, b) => a - b);
    const q = (xs, p) => xs[Math.floor(p * (xs.length - 1))].toFixed(2);
    return ["sync handler", "chart.update", "to last draw"].map((n, k) => `${n}: min ${q(col(k), 0)} p25 ${q(col(k), 0.25)} p50 ${q(col(k), 0.5)}`);
  }, Number(process.env.STEPS ?? 80));
  console.log(r.join("\n"));
} finally {
  await browser.close();
  server.stop();
}
