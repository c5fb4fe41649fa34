// Lighthouse (mobile) and shipped bytes for the key pages of the built site, served locally by
// the same Pages runtime as production. Usage: node scripts/audit.mjs [path …]
import { readFileSync, existsSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { loadavg } from "node:os";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { startServer, printTable } from "./lib.mjs";

// Lighthouse scores vary from run to run (its own docs advise the median of several), the more so
// on a busy machine: each page is audited RUNS times and the run with the median performance
// score is reported, with the load average beside it so a reader can judge the figure.
const args = process.argv.slice(2);
const runsArg = args.findIndex((a) => a === "--runs");
const RUNS = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1]) || 1) : Number(process.env.AUDIT_RUNS) || 3;
const paths = args.filter((_, i) => runsArg < 0 || (i !== runsArg && i !== runsArg + 1));
const pages = paths.length ? paths : ["/", "/plan/new-journey/", "/indicators/", "/simulate/"];

/**
 * Bytes a page ships before any interaction, from what Chromium actually requested while
 * Lighthouse loaded it (so islands' dynamic imports count; code loaded on click does not).
 * Sizes are those of the built files in dist/, raw and gzipped, because the local server does
 * not compress the way Cloudflare does.
 */
function shippedBytes(path, lhr) {
  const htmlFile = join("dist", path, "index.html");
  if (!existsSync(htmlFile)) return null;
  const html = readFileSync(htmlFile, "utf8");
  const inlineCss = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]), 0);
  const inlineJsText = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("\n");
  const inlineJs = Buffer.byteLength(inlineJsText.trim());
  const requests = lhr?.audits?.["network-requests"]?.details?.items ?? [];
  let js = inlineJs;
  let jsGz = inlineJs ? gzipSync(inlineJsText.trim()).length : 0;
  let css = inlineCss;
  for (const r of requests) {
    const file = join("dist", decodeURIComponent(new URL(r.url).pathname));
    if (!existsSync(file) || !statSync(file).isFile()) continue;
    const bytes = readFileSync(file);
    if (r.resourceType === "Script") {
      js += bytes.length;
      jsGz += gzipSync(bytes).length;
    } else if (r.resourceType === "Stylesheet") css += bytes.length;
  }
  return { html: Buffer.byteLength(html), css, js, jsGz };
}

const kb = (n) => (n == null ? "—" : (n / 1024).toFixed(1));

const server = await startServer(Number(process.env.AUDIT_PORT) || undefined);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const rows = [];
try {
  for (const path of pages) {
    const results = [];
    for (let i = 0; i < RUNS; i++) results.push(await lighthouse(server.origin + path, { port: chrome.port, output: "json", logLevel: "error" }));
    results.sort((a, b) => (a?.lhr.categories.performance?.score ?? 0) - (b?.lhr.categories.performance?.score ?? 0));
    const result = results[Math.floor((results.length - 1) / 2)];
    const perfs = results.map((r) => Math.round((r?.lhr.categories.performance?.score ?? 0) * 100));
    const c = result?.lhr.categories ?? {};
    const audit = (k) => result?.lhr.audits?.[k]?.numericValue;
    const score = (k) => (c[k]?.score == null ? "—" : Math.round(c[k].score * 100));
    const b = shippedBytes(path, result?.lhr);
    // AUDIT_JSON=dir keeps the median run's report, to see which element is the LCP, what blocks rendering, …
    if (process.env.AUDIT_JSON && result) writeFileSync(join(process.env.AUDIT_JSON, `lighthouse${path.replace(/\W+/g, "-")}json`), JSON.stringify(result.lhr));
    rows.push({
      page: path,
      performance: score("performance"),
      [`performance (${RUNS} runs)`]: `${Math.min(...perfs)}–${Math.max(...perfs)}`,
      "TBT ms": Math.round(audit("total-blocking-time") ?? NaN),
      "FCP ms": Math.round(audit("first-contentful-paint") ?? NaN),
      "LCP ms": Math.round(audit("largest-contentful-paint") ?? NaN),
      "SI ms": Math.round(audit("speed-index") ?? NaN),
      CLS: (audit("cumulative-layout-shift") ?? NaN).toFixed(3),
      accessibility: score("accessibility"),
      "best-practices": score("best-practices"),
      seo: score("seo"),
      "HTML KB": kb(b?.html),
      "CSS KB": kb(b?.css),
      "JS KB (before interaction)": kb(b?.js),
      "JS KB gzip": kb(b?.jsGz),
    });
  }
} finally {
  await chrome.kill();
  server.stop();
}
printTable(`Lighthouse (mobile, local Pages runtime; median of ${RUNS} runs; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}) and bytes shipped before interaction (goals: 100 on all four; 0 KB JS on chapter pages)`, rows);
