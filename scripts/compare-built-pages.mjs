#!/usr/bin/env node
// Compares the built HTML pages of two builds (e.g. before and after a change to how chapters
// are rendered): per page, the visible text, the ids, the hrefs, the <script> tags, whether the
// <head> (with its inline CSS) is identical, and whether the <body> is identical once Astro's
// scoped-style attributes (data-astro-cid-*) are taken out.
//
//   node scripts/compare-built-pages.mjs <before-dir> <after-dir> [subdir …]
//
// e.g. `cp -r dist /tmp/before`, change things, `npm run build`, then
// `node scripts/compare-built-pages.mjs /tmp/before dist plan about`. Prints a table and exits
// 1 if any page differs in text, ids, hrefs or scripts.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

const [beforeDir, afterDir, ...subdirs] = process.argv.slice(2);
if (!beforeDir || !afterDir) {
  console.error("usage: node scripts/compare-built-pages.mjs <before-dir> <after-dir> [subdir …]");
  process.exit(2);
}

function htmlFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return htmlFiles(p);
    return name.endsWith(".html") ? [p] : [];
  });
}

const dropInvisible = (html) => html.replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<style\b[\s\S]*?<\/style>/gi, "").replace(/<!--[\s\S]*?-->/g, "");
const visibleText = (html) => dropInvisible(html).replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
const attrValues = (html, name) => [...dropInvisible(html).matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((m) => m[1]);
const scripts = (html) => (html.match(/<script\b/gi) ?? []).length;
/** The <body> markup without Astro's scoped-style attributes. */
const markup = (html) => html.slice(html.indexOf("<body")).replace(/ data-astro-cid-[a-z0-9]+/g, "");
const head = (html) => html.slice(0, html.indexOf("<body"));

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

const roots = subdirs.length ? subdirs : [""];
const pages = roots.flatMap((d) => htmlFiles(join(beforeDir, d)).map((f) => relative(beforeDir, f))).sort();
let failed = false;
const rows = [];
for (const page of pages) {
  const before = readFileSync(join(beforeDir, page), "utf8");
  const afterPath = join(afterDir, page);
  if (!existsSync(afterPath)) {
    rows.push({ page, text: "MISSING", ids: "", hrefs: "", scripts: "", head: "", body: "" });
    failed = true;
    continue;
  }
  const after = readFileSync(afterPath, "utf8");
  const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
  const text = same(visibleText(before), visibleText(after));
  const ids = same(attrValues(before, "id"), attrValues(after, "id"));
  const hrefs = same(attrValues(before, "href"), attrValues(after, "href"));
  const js = scripts(before) === scripts(after);
  const bytes = before === after;
  const mb = markup(before);
  const ma = markup(after);
  const mk = mb === ma;
  if (!text || !ids || !hrefs || !js) failed = true;
  rows.push({
    page,
    text: text ? "same" : "DIFFERENT",
    ids: ids ? `same (${attrValues(before, "id").length})` : "DIFFERENT",
    hrefs: hrefs ? `same (${attrValues(before, "href").length})` : "DIFFERENT",
    scripts: js ? `same (${scripts(before)})` : `DIFFERENT (${scripts(before)} → ${scripts(after)})`,
    head: head(before) === head(after) ? "identical" : "differs",
    body: bytes ? "identical bytes" : mk ? "identical but cid attrs" : `differs at char ${firstDifference(mb, ma)}`,
  });
  if (!mk && process.env.SHOW_DIFF) {
    const at = firstDifference(mb, ma);
    console.log(`\n${page}\n  before: …${mb.slice(Math.max(0, at - 120), at + 200)}\n  after:  …${ma.slice(Math.max(0, at - 120), at + 200)}`);
  }
}
console.table(rows);
console.log(failed ? "Pages differ in text, ids, hrefs or scripts." : `${rows.length} pages: same text, ids, hrefs and scripts.`);
process.exit(failed ? 1 : 0);
