#!/usr/bin/env node
// Writes public/_og/template.bin: the preview image's fixed parts pre-drawn, and the masks of
// its changing template text pre-rasterised (format and use: functions/_lib/og/template.ts).
// Drawn by the renderer itself from what the Function draws (summary.ts ogData for the presets,
// with and without a sharer's title), so it changes only when the drawing or its labels do.
//
//   node scripts/build-og-template.mjs           rewrite the file
//   node scripts/build-og-template.mjs --check   fail if the committed file is not current
//                                                (run by npm test)
//
// Glyphs: every (face, size, vertical offset) that the changing text was drawn in across the
// sample images, with every quarter-pixel horizontal offset; in each, the characters seen there,
// and all digits and number punctuation where numbers were seen, and all of an address's
// characters (share ids are base62, hosts a-z 0-9 . - :) where addresses were seen.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "public/_og/template.bin");
const check = process.argv.includes("--check");

const dir = mkdtempSync(join(tmpdir(), "og-template-"));
let og;
try {
  const bundle = join(dir, "og.mjs");
  await build({
    stdin: {
      contents: `export { ogData } from "./functions/_lib/summary.ts";
export { loadTitleFont, templateParts, glyphMaskFromOutlines } from "./functions/_lib/og/index.ts";
export { encodeTemplate } from "./functions/_lib/og/template.ts";
export { canonicalJson, presets, presetScenario, validateScenario } from "./src/lib/scenario/index.ts";`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    outfile: bundle,
    logLevel: "error",
  });
  og = await import(pathToFileURL(bundle).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

og.loadTitleFont(new Uint8Array(readFileSync(join(root, "public/_og/title-glyphs.bin"))));

const NUMBER_CHARS = "0123456789,.−-+%";
const ADDRESS_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-:/";
const QUARTERS = [0, 0.25, 0.5, 0.75];

// Sample shares: every preset, with a title and without, and addresses using every character.
const samples = [];
let k = 0;
for (const preset of og.presets) {
  for (const title of ["如果十五五只有5%会怎样", null]) {
    const valid = og.validateScenario(og.presetScenario(preset.id));
    if (!valid.ok) throw new Error(`preset ${preset.id}: ${valid.error.message}`);
    const id = ADDRESS_CHARS.replace(/[^0-9A-Za-z]/g, "").slice((k * 10) % 52, ((k * 10) % 52) + 10);
    k++;
    const share = {
      scenario: valid.scenario,
      row: { id, contentKey: "0".repeat(64), schemaVersion: 1, scenarioJson: og.canonicalJson(valid.scenario), title, note: null, createdAt: "2026-01-01T00:00:00Z" },
    };
    const data = await og.ogData(share, "chengqu-plan.example-site.dev:8788");
    if (!data) throw new Error(`preset ${preset.id}: no image data`);
    samples.push(data);
  }
}

const layers = new Map();
const contexts = new Map(); // "weight|size|fy" → Set of characters
for (const data of samples) {
  const { key, fixed, glyphKeys } = og.templateParts(data);
  if (!layers.has(key)) layers.set(key, fixed);
  for (const glyphKey of glyphKeys) {
    const parts = glyphKey.split("|");
    const context = `${parts[0]}|${parts[1]}|${parts[3]}`;
    const ch = parts.slice(4).join("|");
    if (!contexts.has(context)) contexts.set(context, new Set());
    contexts.get(context).add(ch);
  }
}

const glyphs = [];
for (const [context, chars] of contexts) {
  const all = new Set(chars);
  if ([...chars].some((c) => /[0-9]/.test(c))) for (const c of NUMBER_CHARS) all.add(c);
  if ([...chars].some((c) => /[A-Za-z]/.test(c))) for (const c of ADDRESS_CHARS) all.add(c);
  const [weight, size, fy] = context.split("|");
  for (const ch of all) {
    for (const fx of QUARTERS) {
      const key = `${weight}|${size}|${fx}|${fy}|${ch}`;
      glyphs.push({ key, mask: og.glyphMaskFromOutlines(key) });
    }
  }
}

const bytes = og.encodeTemplate({ layers: [...layers].map(([key, canvas]) => ({ key, canvas })), glyphs });
const summary = `${layers.size} layers, ${glyphs.length} glyph masks in ${contexts.size} face/size/offset contexts, ${bytes.length} bytes`;
if (check) {
  let committed;
  try {
    committed = readFileSync(target);
  } catch {
    committed = Buffer.alloc(0);
  }
  if (!Buffer.from(bytes).equals(committed)) {
    console.error(`public/_og/template.bin is not current (run: node scripts/build-og-template.mjs); fresh: ${summary}`);
    process.exit(1);
  }
  console.log(`public/_og/template.bin is current: ${summary}`);
} else {
  writeFileSync(target, bytes);
  console.log(`public/_og/template.bin: ${summary}`);
}
