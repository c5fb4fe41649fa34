#!/usr/bin/env node
// Regenerates functions/_lib/og/font-data.ts: glyph outlines of Noto Sans CJK SC (Regular and
// Bold) for exactly the characters in OG_CHARSET, so the social preview renderer can draw
// Chinese text in a Worker without shipping a 16 MB font. Also writes FONT-LICENSE.txt and
// redraws public/og-fallback.png with the new outlines.
//
// Needs Debian's fonts-noto-cjk (apt-get install -y fonts-noto-cjk); run after changing
// functions/_lib/og/template-strings.ts:   node scripts/build-og-font.mjs
// then redraw the preview image's template:  node scripts/build-og-template.mjs
//
// Glyph encoding (decoded by functions/_lib/og/font.ts): per glyph, in OG_CHARSET order,
//   varint advanceWidth, varint opCount, then opCount ops. An op's first varint is
//   (zigzag(dx) << 2) | kind with kind 0 moveTo, 1 lineTo, 2 quadratic, 3 cubic; then the
//   remaining coordinates of the op (dy, and for curves the further points) as zigzag varint
//   deltas from the previous point. Units are font units (y up), rounded to integers: at
//   1000 units/em and the sizes we draw (≤ 64 px) a unit is under 0.07 px.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { create } from "fontkitten";
import { OG_CHARSET } from "../functions/_lib/og/template-strings.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "functions/_lib/og");
const FONT_DIR = process.env.OG_FONT_DIR ?? "/usr/share/fonts/opentype/noto";
const DEBIAN_COPYRIGHT = "/usr/share/doc/fonts-noto-cjk/copyright";

const FACES = [
  { key: "regular", file: "NotoSansCJK-Regular.ttc", postscriptName: "NotoSansCJKsc-Regular" },
  { key: "bold", file: "NotoSansCJK-Bold.ttc", postscriptName: "NotoSansCJKsc-Bold" },
];

function zigzag(n) {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function pushVarint(bytes, n) {
  if (!Number.isInteger(n) || n < 0) throw new Error(`varint out of range: ${n}`);
  while (n >= 0x80) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
}

const OP_KIND = { moveTo: 0, lineTo: 1, quadraticCurveTo: 2, bezierCurveTo: 3 };

function encodeFace(font, chars) {
  const bytes = [];
  const advances = [];
  const starts = [];
  let px = 0;
  let py = 0;
  for (const ch of chars) {
    const cp = ch.codePointAt(0);
    if (!font.characterSet.includes(cp)) {
      throw new Error(`${font.postscriptName} has no glyph for ${JSON.stringify(ch)} (U+${cp.toString(16).toUpperCase()})`);
    }
    const glyph = font.glyphForCodePoint(cp);
    const ops = glyph.path.commands.filter((c) => c.command !== "closePath");
    starts.push(bytes.length);
    advances.push(Math.round(glyph.advanceWidth));
    pushVarint(bytes, Math.round(glyph.advanceWidth));
    pushVarint(bytes, ops.length);
    // Each glyph starts from the origin so glyphs decode independently.
    px = 0;
    py = 0;
    for (const op of ops) {
      const kind = OP_KIND[op.command];
      if (kind === undefined) throw new Error(`unexpected path command ${op.command}`);
      const args = op.args.map((v) => Math.round(v));
      for (let i = 0; i < args.length; i += 2) {
        const dx = zigzag(args[i] - px);
        const dy = zigzag(args[i + 1] - py);
        pushVarint(bytes, i === 0 ? dx * 4 + kind : dx);
        pushVarint(bytes, dy);
        px = args[i];
        py = args[i + 1];
      }
    }
  }
  return Object.assign(Buffer.from(bytes), { advances, starts });
}

function versionNumber(font) {
  const v = font.getName("version") ?? "";
  const m = /Version\s+([\d.]+)/.exec(v);
  return m ? m[1] : v;
}

const chars = Array.from(OG_CHARSET);
const faces = [];
for (const face of FACES) {
  const path = join(FONT_DIR, face.file);
  let font;
  try {
    font = create(readFileSync(path), face.postscriptName);
  } catch (err) {
    throw new Error(`cannot read ${path} (install Debian's fonts-noto-cjk): ${err.message}`);
  }
  if (!font || font.isCollection) throw new Error(`${face.postscriptName} not found in ${path}`);
  const data = encodeFace(font, chars);
  faces.push({
    ...face,
    fullName: font.getName("fullName"),
    version: versionNumber(font),
    copyright: font.getName("copyright"),
    unitsPerEm: font.unitsPerEm,
    // The hhea metrics put CJK text too low in a box; OS/2 typo metrics (880/-120) are the
    // ideographic em box, which is what we centre text in.
    ascender: font["OS/2"].typoAscender,
    descender: font["OS/2"].typoDescender,
    data,
  });
}

// The sharer's title on the preview image: Bold outlines of every character of GB 2312 (the
// 6 763 hanzi in common use, full-width forms and punctuation) plus OG_CHARSET, in a binary
// file the Function fetches from the site's assets on the first title it draws (1.7 MB is too
// much to bundle into the Function). Layout, read by functions/_lib/og/font.ts:
//   "OGT1", u16 unitsPerEm, i16 ascender, i16 descender, u32 count,
//   count × u32 code point (ascending), (count + 1) × u32 offset into the records,
//   then the glyph records in the encoding above.
function gb2312Characters() {
  const decoder = new TextDecoder("gbk");
  const out = [];
  for (let hi = 0xa1; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = decoder.decode(Uint8Array.from([hi, lo]));
      if (Array.from(ch).length === 1 && ch !== "\ufffd") out.push(ch);
    }
  }
  return out;
}
{
  const boldFace = FACES[1];
  const font = create(readFileSync(join(FONT_DIR, boldFace.file)), boldFace.postscriptName);
  const wanted = [...new Set([...gb2312Characters(), ...chars])]
    .filter((ch) => font.characterSet.includes(ch.codePointAt(0)))
    .sort((a, b) => a.codePointAt(0) - b.codePointAt(0));
  const records = wanted.map((ch) => encodeFace(font, [ch]));
  const head = Buffer.alloc(14 + 4 * wanted.length + 4 * (wanted.length + 1));
  head.write("OGT1", 0, "latin1");
  head.writeUInt16BE(font.unitsPerEm, 4);
  head.writeInt16BE(font["OS/2"].typoAscender, 6);
  head.writeInt16BE(font["OS/2"].typoDescender, 8);
  head.writeUInt32BE(wanted.length, 10);
  let offset = 0;
  wanted.forEach((ch, i) => {
    head.writeUInt32BE(ch.codePointAt(0), 14 + 4 * i);
    head.writeUInt32BE(offset, 14 + 4 * wanted.length + 4 * i);
    offset += records[i].length;
  });
  head.writeUInt32BE(offset, 14 + 4 * wanted.length + 4 * wanted.length);
  const titleFont = Buffer.concat([head, ...records]);
  mkdirSync(join(root, "public/_og"), { recursive: true });
  writeFileSync(join(root, "public/_og/title-glyphs.bin"), titleFont);
  console.log(`public/_og/title-glyphs.bin: ${wanted.length} glyphs, ${titleFont.length} bytes`);
}

const first = faces[0];
const header = `// GENERATED by scripts/build-og-font.mjs — do not edit by hand.
// Glyph outlines of ${faces.map((f) => `${f.fullName} (${f.postscriptName})`).join(" and ")},
// version ${first.version}, ${first.copyright} Licensed under the SIL Open Font License 1.1
// (see FONT-LICENSE.txt beside this file). Subset to the ${chars.length} characters of OG_CHARSET
// (template-strings.ts); encoding described in scripts/build-og-font.mjs.
`;

function faceLiteral(f) {
  return `{
  name: ${JSON.stringify(`${f.fullName} ${f.version}`)},
  unitsPerEm: ${f.unitsPerEm},
  ascender: ${f.ascender},
  descender: ${f.descender},
  glyphs: ${JSON.stringify(f.data.toString("base64url"))},
  advances: ${JSON.stringify(f.data.advances.join(","))},
  starts: ${JSON.stringify(f.data.starts.join(","))},
}`;
}

const ts = `${header}
export interface EncodedFace {
  readonly name: string;
  readonly unitsPerEm: number;
  readonly ascender: number;
  readonly descender: number;
  /** base64url of the glyph records, one per character of FONT_CHARSET, in that order */
  readonly glyphs: string;
  /**
   * Per character of FONT_CHARSET, comma-separated: its advance width and where its record
   * starts in the decoded glyphs. Text is measured and checked, and one glyph found, without
   * decoding the outlines (most renders draw template text from pre-rasterised masks).
   */
  readonly advances: string;
  readonly starts: string;
}

/** The characters this module has outlines for (must equal OG_CHARSET). */
export const FONT_CHARSET = ${JSON.stringify(OG_CHARSET)};

export const FONT_REGULAR: EncodedFace = ${faceLiteral(faces[0])};

export const FONT_BOLD: EncodedFace = ${faceLiteral(faces[1])};
`;
writeFileSync(join(outDir, "font-data.ts"), ts);

// The OFL asks that every copy carry the copyright notice and the licence text.
const copyrightFile = readFileSync(DEBIAN_COPYRIGHT, "utf8");
// Debian's copyright file holds the licence as an indented paragraph after "License: SIL-1.1"
const copyrightLines = copyrightFile.split("\n");
// (the first "License: SIL-1.1" line belongs to the Files: stanza and has no body).
const oflStart = copyrightLines.findIndex(
  (line, i) => line === "License: SIL-1.1" && (copyrightLines[i + 1] ?? "").startsWith(" "),
);
if (oflStart < 0) throw new Error(`SIL OFL 1.1 text not found in ${DEBIAN_COPYRIGHT}`);
const oflLines = [];
for (const line of copyrightLines.slice(oflStart + 1)) {
  if (!line.startsWith(" ")) break;
  oflLines.push(line === " ." ? "" : line.slice(1));
}
const oflText = oflLines.join("\n").trim();
if (!oflText.includes("SIL OPEN FONT LICENSE Version 1.1")) throw new Error("unexpected OFL text");
const license = `The glyph outlines in functions/_lib/og/font-data.ts and public/_og/title-glyphs.bin are
subsets of:

${faces.map((f) => `  ${f.fullName} (${f.postscriptName}), version ${f.version}`).join("\n")}
  ${first.copyright}
  Noto is a trademark of Google Inc.
  From Debian's fonts-noto-cjk package (upstream: the googlefonts/noto-cjk repository).

Subset (to OG_CHARSET; the title file to GB 2312 and OG_CHARSET, Bold only) and converted to a compact path encoding by
scripts/build-og-font.mjs. This Modified Version is distributed under the same licence:

${oflText}
`;
writeFileSync(join(outDir, "FONT-LICENSE.txt"), license);
writeFileSync(join(root, "public/_og/FONT-LICENSE.txt"), license);

for (const f of faces) console.log(`${f.postscriptName} ${f.version}: ${chars.length} glyphs, ${f.data.length} bytes`);

// The committed fallback image is drawn by the renderer itself, so it matches the live images.
const bundleDir = mkdtempSync(join(tmpdir(), "og-fallback-"));
try {
  const bundlePath = join(bundleDir, "og.mjs");
  await build({
    entryPoints: [join(outDir, "index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    outfile: bundlePath,
    logLevel: "error",
  });
  const { renderFallbackPng } = await import(pathToFileURL(bundlePath).href);
  const png = renderFallbackPng();
  writeFileSync(join(root, "public/og-fallback.png"), png);
  console.log(`public/og-fallback.png: ${png.length} bytes`);
} finally {
  rmSync(bundleDir, { recursive: true, force: true });
}
