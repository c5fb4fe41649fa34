#!/usr/bin/env node
// Bundle sizes that the formula parser decides (issue 12): the Pages Functions Worker as
// wrangler itself builds it (minified, with its esbuild metafile), and the browser chunks that
// carry the formula compiler (the page's chunk, loaded on the first formula, and the Monte
// Carlo worker's). Reads dist/ (run `npm run build` first; `npm run bench` does). The JS that
// /simulate/ fetches before and after a first formula, measured in a browser, is in
// `npm run bench:simulator`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { offlineEnv, printTable } from "./lib.mjs";

const kb = (n) => (n / 1024).toFixed(1);
const sizes = (buf) => ({ raw: buf.length, gz: gzipSync(buf).length });
// Before issue 12 (a mathjs instance), measured the same way (gzip level 6) on commit f20b4b8.
const FUNCTIONS_BEFORE_GZ = 222_777;
const FORMULA_CHUNK_BEFORE_GZ = 41_408;

const rows = [];
const dir = mkdtempSync(join(tmpdir(), "bench-bundle-"));
try {
  execFileSync("npx", ["wrangler", "pages", "functions", "build", "functions", "--outdir", dir, "--minify", "--metafile", join(dir, "meta.json")], { env: offlineEnv(), stdio: "pipe" });
  const worker = readFileSync(join(dir, "index.js"));
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8"));
  const inputs = Object.values(meta.outputs)[0].inputs;
  let mathjs = 0;
  for (const [path, v] of Object.entries(inputs)) if (path.includes("node_modules/mathjs/") || path.includes("mathjs-parse.generated")) mathjs += v.bytesInOutput;
  const s = sizes(worker);
  rows.push({ bundle: "Pages Functions Worker (wrangler, minified)", "KB": kb(s.raw), "KB gzip": kb(s.gz), "mathjs parser KB": kb(mathjs), goal: `≤ 150 KB gzip (was ${kb(FUNCTIONS_BEFORE_GZ)})`, result: s.gz <= 150 * 1024 ? "pass" : "FAIL" });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The compiler's chunks: the files in dist/_astro that contain the parser's own message.
const marker = "a formula is a string";
const astro = "dist/_astro";
const files = readdirSync(astro).filter((f) => f.endsWith(".js"));
const workerCode = files.filter((f) => f.includes(".worker")).map((f) => readFileSync(join(astro, f), "utf8")).join("\n");
for (const name of files) {
  const buf = readFileSync(join(astro, name));
  if (!buf.includes(marker)) continue;
  const s = sizes(buf);
  const worker = workerCode.includes(name);
  rows.push({
    bundle: worker ? `formula chunk of the Monte Carlo worker (${name})` : `formula chunk, loaded on the first formula (${name})`,
    "KB": kb(s.raw),
    "KB gzip": kb(s.gz),
    "mathjs parser KB": "",
    goal: worker ? "" : `≤ ${kb(FORMULA_CHUNK_BEFORE_GZ / 2)} KB gzip (half of ${kb(FORMULA_CHUNK_BEFORE_GZ)})`,
    result: worker ? "" : s.gz <= FORMULA_CHUNK_BEFORE_GZ / 2 ? "pass" : "FAIL",
  });
}
printTable("Bundles: Functions Worker and the formula compiler's chunks (KB = 1024 bytes, gzip level 6)", rows);
