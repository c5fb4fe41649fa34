#!/usr/bin/env node
// Benchmark of the share loop on the real local runtime (wrangler pages dev, workerd, D1):
// the response time of a share page /s/:id (first view of a new id, and repeat views, which
// the edge cache answers) against a static page on the same server, and the time Chromium
// takes to draw the share poster (390×844, WeChat's user agent), from the click to the image,
// and a long share link with the sharer's words (/simulate/?s=…&n=…, a Function too).
// Run after `npm run build`:   node scripts/bench-share.mjs [--runs N]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { printTable, startServer } from "./lib.mjs";

// The plan scenario and the long link's form, from the site's own modules (bundled: TypeScript).
const bundle = join(mkdtempSync(join(tmpdir(), "bench-share-")), "scenario.mjs");
await build({ stdin: { contents: `export { defaultScenario } from "./src/lib/scenario/index.ts"; export { longLinkQuery } from "./src/lib/share/long-link.ts";`, resolveDir: join(dirname(fileURLToPath(import.meta.url)), ".."), loader: "ts" }, bundle: true, format: "esm", platform: "node", outfile: bundle, logLevel: "error" });
const { defaultScenario } = await import(pathToFileURL(bundle).href);

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] || 40) || 40;
const WECHAT_UA =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 MicroMessenger/8.0.50.2701(0x28003237) NetType/WIFI Language/zh_CN";

const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
async function timed(url) {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t;
}

const server = await startServer(undefined, { logLevel: "error" });
try {
  const base = server.origin;
  const scenario = structuredClone(defaultScenario);
  scenario.inputs.gdpRealGrowth.periods[0] = 5;
  // New ids: each first view reads D1, projects the scenario and rewrites the page.
  const fresh = [];
  const ids = [];
  for (let i = 0; i < Math.min(12, runs); i++) {
    const res = await fetch(`${base}/api/scenarios`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": `203.0.113.${10 + i}` },
      body: JSON.stringify({ scenario, title: `基准情景 ${i}`, note: "如果十五五只有5%会怎样" }),
    });
    const { id } = await res.json();
    ids.push(id);
    fresh.push(await timed(`${base}/s/${id}`));
  }
  // Warm up both routes, then alternate them so that load affects both alike.
  for (let i = 0; i < 5; i++) {
    await timed(`${base}/s/${ids[0]}`);
    await timed(`${base}/simulate/`);
  }
  const repeat = [];
  const stat = [];
  for (let i = 0; i < runs; i++) {
    repeat.push(await timed(`${base}/s/${ids[i % ids.length]}`));
    stat.push(await timed(`${base}/simulate/`));
  }

  // A long link with the sharer's words: the /simulate/ Function decodes it, projects the
  // scenario and rewrites the page (each note new, so none comes from the edge cache).
  const { longLinkQuery } = await import(pathToFileURL(bundle).href);
  const longLink = [];
  for (let i = 0; i < Math.min(12, runs); i++) longLink.push(await timed(`${base}/simulate/?${longLinkQuery(scenario, "基准情景", `长链接 ${i}`)}`));

  // The poster in Chromium.
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const posterMs = [];
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: WECHAT_UA, isMobile: true, hasTouch: true, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${base}/s/${ids[0]}`);
    await page.waitForSelector("html[data-simulator=ready]");
    await page.click("#share-button");
    await page.waitForSelector("dialog.share-dialog[open]");
    await page.click("dialog button[type=submit]");
    await page.locator("dialog [data-share-url]").waitFor();
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      await page.getByRole("button", { name: "生成分享海报" }).click();
      await page.locator("dialog.poster-view[open] img[data-poster]").waitFor();
      await page.locator("img[data-poster]").evaluate((img) => img.decode());
      posterMs.push(performance.now() - t);
      await page.locator("dialog.poster-view").getByRole("button", { name: "关闭" }).click();
    }
  } finally {
    await browser.close();
  }
  const firstPoster = posterMs.shift();

  const ratio = pct(repeat, 0.5) / pct(stat, 0.5);
  printTable("Share loop on the local runtime (wrangler pages dev): share page and poster", [
    { measure: `/s/:id first view of a new id, p50 of ${fresh.length} (D1, projection, rewrite)`, value: `${pct(fresh, 0.5).toFixed(1)} ms`, goal: "" },
    { measure: `/s/:id repeat view, p50 / p95 of ${runs} (edge cache)`, value: `${pct(repeat, 0.5).toFixed(1)} / ${pct(repeat, 0.95).toFixed(1)} ms`, goal: "" },
    { measure: `static page /simulate/, p50 / p95 of ${runs}`, value: `${pct(stat, 0.5).toFixed(1)} / ${pct(stat, 0.95).toFixed(1)} ms`, goal: "" },
    { measure: "/s/:id repeat view ÷ static page (p50)", value: `${ratio.toFixed(2)}×`, goal: "close to 1×" },
    { measure: `/simulate/?s=…&n=… long link with a title and note, p50 of ${longLink.length} (decode, projection, rewrite)`, value: `${pct(longLink, 0.5).toFixed(1)} ms`, goal: "" },
    { measure: "poster in Chromium, 390×844 WeChat: first (loads the code)", value: `${firstPoster.toFixed(0)} ms`, goal: "" },
    { measure: `poster in Chromium, click to decoded image, p50 of ${posterMs.length}`, value: `${pct(posterMs, 0.5).toFixed(0)} ms`, goal: "< 1 s" },
  ]);
} finally {
  server.stop();
}
