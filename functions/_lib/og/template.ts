// The preview image's template, drawn ahead of time: public/_og/template.bin, written by
// scripts/build-og-template.mjs from the renderer itself. It holds
//   - layers: the fixed part of the image (header, footer rule and note, chart title, legend,
//     figures card and labels) for each layout a share's image has (with and without the
//     sharer's title), as pixels and palette, keyed by what decides them (index.ts fixedKey);
//   - glyphs: the coverage masks of the template text that changes from share to share (tick
//     and year labels, figures, units, the share's address), for every quarter-pixel offset.
// With it, the first image in a fresh isolate copies those instead of decoding outlines and
// rasterising them in code the JIT has not compiled yet (the cost that put the first request
// over the Workers Free plan's 10 ms of CPU). Without it (not loaded, or a layout it does not
// hold) the renderer draws everything itself, pixel for pixel the same: the unit tests compare
// both ways, and `node scripts/build-og-template.mjs --check` (in `npm test`) that the file is
// current.
//
// File layout: "OGL1", u32 LE length of the index, the index as JSON (padded with spaces to a
// multiple of 4 bytes), then the data the index points into (offsets from the data's start):
//   layers: [{ key, palette: [r, g, b, …], rects: [[x, y, width, height, offset], …] }]
//     (each rect's rows of palette indices, one after another);
//   glyphs: { "<weight>|<size>|<fx>|<fy>|<char>": [x, y, width, height, offset, runs] }
//     (runs × 4 bytes: row, column, length, coverage step, as Canvas.maskOf gives them).
// Typed arrays read the data in place; nothing is decoded up front but the JSON.

import { OgRenderError } from "./errors";
import type { Canvas, CoverageMask } from "./raster";

const MAGIC = "OGL1";

type Rect = [x: number, y: number, width: number, height: number, offset: number];
type GlyphEntry = [x: number, y: number, width: number, height: number, offset: number, runs: number];

interface TemplateIndex {
  layers: { key: string; palette: number[]; rects: Rect[] }[];
  glyphs: Record<string, GlyphEntry>;
}

export interface PreDrawnLayer {
  /** Paints the layer over the whole canvas (which must be blank) and takes its palette. */
  paint(canvas: Canvas): void;
}

let index: TemplateIndex | null = null;
let data: Uint8Array = new Uint8Array(0);
const glyphMasks = new Map<string, CoverageMask>();

/** Registers the template (the bytes of public/_og/template.bin). Throws on a file that is not one. */
export function loadTemplate(bytes: Uint8Array): void {
  const magic = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0);
  if (bytes.length < 8 || magic !== MAGIC) throw new OgRenderError(`template: not an ${MAGIC} file`);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + length > bytes.length) throw new OgRenderError("template: truncated");
  const parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as TemplateIndex;
  if (!Array.isArray(parsed.layers) || typeof parsed.glyphs !== "object") throw new OgRenderError("template: no layers or glyphs");
  index = parsed;
  data = bytes.subarray(8 + length);
  glyphMasks.clear();
}

export function templateLoaded(): boolean {
  return index !== null;
}

/** Forgets the template (tests: drawing without it). */
export function unloadTemplate(): void {
  index = null;
  data = new Uint8Array(0);
  glyphMasks.clear();
}

/** The pre-rasterised mask of a template glyph (key as index.ts drawText forms it), if the template has it. */
export function builtGlyphMask(key: string): CoverageMask | undefined {
  if (!index) return undefined;
  let mask = glyphMasks.get(key);
  if (mask) return mask;
  const entry = index.glyphs[key];
  if (!entry) return undefined;
  const [x, y, width, height, offset, runs] = entry;
  mask = { x, y, width, height, runs: data.subarray(offset, offset + 4 * runs) };
  glyphMasks.set(key, mask);
  return mask;
}

/** The pre-drawn fixed part for a layout key (index.ts fixedKey), if the template has it. */
export function builtLayer(key: string): PreDrawnLayer | undefined {
  const layer = index?.layers.find((l) => l.key === key);
  if (!layer) return undefined;
  return {
    paint(canvas: Canvas): void {
      canvas.usePalette(layer.palette, layer.palette.length / 3);
      const out = canvas.indices;
      for (const [x, y, width, height, offset] of layer.rects) {
        for (let row = 0; row < height; row++) {
          const from = offset + row * width;
          out.set(data.subarray(from, from + width), (y + row) * canvas.width + x);
        }
      }
    },
  };
}

/** What scripts/build-og-template.mjs puts in the file. */
export interface TemplateParts {
  layers: { key: string; canvas: Canvas }[];
  glyphs: { key: string; mask: CoverageMask }[];
}

/**
 * The file for the parts. A layer keeps the pixels that differ from the background, as
 * rectangles found by cutting the image along empty rows and columns (so the chart's empty
 * middle is not stored).
 */
export function encodeTemplate(parts: TemplateParts): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const put = (bytes: Uint8Array): number => {
    const at = size;
    chunks.push(bytes);
    size += bytes.length;
    return at;
  };
  const built: TemplateIndex = { layers: [], glyphs: {} };
  for (const { key, canvas } of parts.layers) {
    const rects: Rect[] = [];
    for (const [x, y, w, h] of cut(canvas.indices, canvas.width, 0, 0, canvas.width, canvas.height)) {
      const bytes = new Uint8Array(w * h);
      for (let row = 0; row < h; row++) bytes.set(canvas.indices.subarray((y + row) * canvas.width + x, (y + row) * canvas.width + x + w), row * w);
      rects.push([x, y, w, h, put(bytes)]);
    }
    built.layers.push({ key, palette: Array.from(canvas.palette.subarray(0, 3 * canvas.paletteSize)), rects });
  }
  for (const { key, mask } of [...parts.glyphs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const runs = mask.runs;
    for (let i = 0; i < runs.length; i++) {
      if (runs[i]! < 0 || runs[i]! > 255) throw new Error(`template: glyph ${key} is too large for byte runs`);
    }
    built.glyphs[key] = [mask.x, mask.y, mask.width, mask.height, put(Uint8Array.from(runs)), runs.length / 4];
  }
  let json = JSON.stringify(built);
  const encoder = new TextEncoder();
  while (encoder.encode(json).length % 4 !== 0) json += " ";
  const head = encoder.encode(json);
  const out = new Uint8Array(8 + head.length + size);
  out.set(encoder.encode(MAGIC));
  new DataView(out.buffer).setUint32(4, head.length, true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// Gaps narrower than this stay inside a rectangle: fewer, slightly larger rectangles.
const MIN_GAP = 24;

// Recursive XY cut: rectangles within [x0, x1) × [y0, y1) that hold all its non-zero pixels,
// cutting along empty rows (horizontal) or columns, alternately, until neither cuts.
function cut(px: Uint8Array, stride: number, x0: number, y0: number, x1: number, y1: number, horizontal = true, otherFailed = false): [number, number, number, number][] {
  const [from, to, acrossFrom, acrossTo] = horizontal ? [y0, y1, x0, x1] : [x0, x1, y0, y1];
  const used = (i: number): boolean => {
    for (let j = acrossFrom; j < acrossTo; j++) if (px[horizontal ? i * stride + j : j * stride + i] !== 0) return true;
    return false;
  };
  // Spans of used rows (or columns), split at gaps of MIN_GAP or more.
  const spans: [number, number][] = [];
  let start = -1;
  let lastUsed = -1;
  for (let i = from; i < to; i++) {
    if (!used(i)) continue;
    if (start < 0) start = i;
    else if (i - lastUsed > MIN_GAP) {
      spans.push([start, lastUsed + 1]);
      start = i;
    }
    lastUsed = i;
  }
  if (start >= 0) spans.push([start, lastUsed + 1]);
  const sub = ([a, b]: [number, number]): [number, number, number, number] => (horizontal ? [x0, a, x1, b] : [a, y0, b, y1]);
  if (spans.length === 1 && spans[0]![0] === from && spans[0]![1] === to) {
    return otherFailed ? [[x0, y0, x1 - x0, y1 - y0]] : cut(px, stride, x0, y0, x1, y1, !horizontal, true);
  }
  return spans.flatMap((span) => {
    const [a, b, c, d] = sub(span);
    return cut(px, stride, a, b, c, d, !horizontal, false);
  });
}
