// Lighthouse (mobile) and shipped bytes for the key pages of the built site, served locally by
// the same Pages runtime as production. Usage: node scripts/audit.mjs [path …]
import { readFileSync, existsSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { startServer, printTable } from "./lib.mjs";

const pages = process.argv.slice(2).length ? process.argv.slice(2) : ["/", "/plan/new-journey/", "/indicators/", "/simulate/"];

/** Files a page loads before any interaction: its HTML, stylesheets and module scripts it references, recursively for static imports. */
function shippedBytes(path) {
  const htmlFile = join("dist", path, "index.html");
  if (!existsSync(htmlFile)) return null;
  const html = readFileSync(htmlFile, "utf8");
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const inlineCss = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]), 0);
  const seen = new Set();
  const queue = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/component-url="([^"]+)"/g), ...html.matchAll(/renderer-url="([^"]+)"/g)].map((m) => m[1]);
  const inlineJs = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]), 0);
  let js = 0, jsGz = 0;
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url) || !url.startsWith("/")) continue;
    seen.add(url);
    const f = join("dist", url);
    if (!existsSync(f)) continue;
    const src = readFileSync(f);
    js += src.length;
    jsGz += gzipSync(src).length;
    // Static imports are fetched before the module runs; dynamic import() is not counted.
    for (const m of src.toString().matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
      const dep = new URL(m[1], "http://x" + url).pathname;
      queue.push(dep);
    }
  }
  const cssBytes = css.reduce((n, u) => n + (existsSync(join("dist", u)) ? statSync(join("dist", u)).size : 0), 0) + inlineCss;
  return { html: Buffer.byteLength(html), css: cssBytes, js: js + inlineJs, jsGz };
}

const kb = (n) => (n == null ? "—" : (n / 1024).toFixed(1));

const server = await startServer(Number(process.env.AUDIT_PORT ?? 8790));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const rows = [];
try {
  for (const path of pages) {
    const result = await lighthouse(server.origin + path, { port: chrome.port, output: "json", logLevel: "error" });
    const c = result?.lhr.categories ?? {};
    const score = (k) => (c[k]?.score == null ? "—" : Math.round(c[k].score * 100));
    const b = shippedBytes(path);
    rows.push({
      page: path,
      performance: score("performance"),
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
printTable("Lighthouse (mobile, local Pages runtime) and bytes shipped before interaction (goals: 100 on all four; 0 KB JS on chapter pages)", rows);
