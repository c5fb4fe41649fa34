/**
 * Social preview images (Open Graph, 1200×630 PNG) drawn in a Pages Function: TypeScript, no
 * DOM, no Node APIs, no native modules; the hot loops also as a small hand-written WebAssembly
 * module (raster.wat → raster.wasm, see wasm.ts), which draws the same pixels.
 *
 * API
 * ```ts
 * import { renderOgPng, OG_TEXT, OgRenderError } from "../_lib/og";
 *
 * const png: Uint8Array = await renderOgPng({
 *   title: OG_TEXT.title,                                    // template text only (see below)
 *   seriesLabel: `${OG_TEXT.gdpReal}（${OG_TEXT.constantPrices}）`,
 *   unit: OG_TEXT.unitHundredMillionYuan,                     // shown above the y axis
 *   years: [2020, 2021, …, 2035],                             // strictly increasing
 *   scenario: [352.5, …],                                     // one finite number per year
 *   lines: [{ label, values: [352.5, …, null], colour: "#c62828" }], // optional, dashed
 *   heading: "如果十五五只有5%会怎样",                         // optional: the sharer's title
 *   figures: [{ label: "2025年 情景", value: "542.3亿元" }],   // 0–3, pre-formatted zh-CN
 *   footer: "chengqu.example/s/abc123",
 * });
 * ```
 * - renderOgPng(data, { deflate? }) → a promise of the PNG bytes (8-bit palette, 1200×630).
 *   Serve as image/png. With raster.wasm loaded (loadRasterWasm), drawn and encoded in it (png.ts's
 *   own deflate, ported). Without it: an isolate's first image is compressed by the runtime's
 *   native CompressionStream("deflate") (zlib in C++: no JIT warm-up); later ones by png.ts's own
 *   deflate, which takes over row by row (see OWN_DEFLATE_ROWS); without CompressionStream (or
 *   with deflate: null), by the own deflate alone.
 * - renderFallbackPng() → the generic image (also committed as public/og-fallback.png).
 * - OG_CHARSET: every character that can be drawn; OG_TEXT: the template strings.
 * - Errors: everything thrown is an OgRenderError. OgUnsupportedCharacterError when a string
 *   has a character outside OG_CHARSET (user-written text must not reach the image: put it in
 *   the page's text tags), OgInvalidDataError for data that is not a drawable chart (length
 *   mismatch, non-finite numbers, text too long to fit). Callers catch OgRenderError and serve
 *   /og-fallback.png instead.
 * - The sharer's title (heading) and labels beyond the template subset are drawn from the
 *   title font: call loadTitleFont(bytes of public/_og/title-glyphs.bin) once per isolate.
 * - The template: call loadTemplate(bytes of public/_og/template.bin) once per isolate. Its
 *   pre-drawn fixed parts and pre-rasterised template glyphs (template.ts) replace drawing
 *   them, pixel for pixel; without it (or for a layout it does not hold) everything is drawn.
 * - The kernels: call loadRasterWasm(the compiled raster.wasm) once per isolate (a Function
 *   imports the .wasm file; Node compiles its bytes). Without them, everything runs in
 *   JavaScript, the same pixels and bytes (test/unit/og-wasm.test.ts compares them).
 * - Cost (scripts/bench-og.mjs): a palette image by construction (coverage in 16 steps, at
 *   most 256 colours), glyph and shape masks kept per isolate as runs, buffers kept between
 *   renders (little garbage to collect), the template, and the wasm kernels. A warm render
 *   stays within the Workers Free plan's 10 ms of CPU. The first call in a fresh isolate costs
 *   more: the kernels take the per-pixel work (title glyphs, chart, encoding) off V8's
 *   interpreter, but the JavaScript around them (layout, text, paths), compiled and run cold,
 *   and the projection still cost several times 10 ms there. Cache the PNG per scenario (it is
 *   immutable) rather than drawing it on every request.
 */

import { OgInvalidDataError, OgUnsupportedCharacterError } from "./errors";
import { assertDrawable, glyphRecord, measureText, missingCharacters, textPath, titleFontLoaded, type TextStyle } from "./font";
import { wrapLines } from "../../../src/lib/share/line-break";
import { deflateHead, encodeIndexedPng, indexedPngFile, joinZlib, scanlines } from "./png";
import { Canvas, Path, type CoverageMask, type Rgb } from "./raster";
import { formatDecimal } from "../../../src/lib/number-format";
import { OG_TEXT } from "./template-strings";
import { builtGlyphMask, builtLayer } from "./template";
import { encodeInWasm, rasterKernels } from "./wasm";

export { OG_CHARSET, OG_TEXT, type OgTextKey } from "./template-strings";
export { OgInvalidDataError, OgRenderError, OgUnsupportedCharacterError } from "./errors";
export { loadTitleFont, missingCharacters, titleFontLoaded } from "./font";
export { loadTemplate, templateLoaded, unloadTemplate } from "./template";
export { loadRasterWasm, rasterWasmLoaded, unloadRasterWasm } from "./wasm";

export interface OgData {
  /** Template text only (OG_TEXT), never user-written. */
  title: string;
  /**
   * The sharer's own title, drawn as the headline in the title font (loadTitleFont must have
   * run); `title` then becomes the small line above it. Every character must have a glyph
   * there (see missingCharacters); the caller drops the heading otherwise.
   */
  heading?: string;
  /** What the chart shows, e.g. 地区生产总值（2020年不变价）. */
  seriesLabel: string;
  /** Unit of the y axis, e.g. 亿元. */
  unit: string;
  years: number[];
  scenario: number[];
  /** Legend entry and colour (#rrggbb) of the scenario line. */
  scenarioLabel?: string;
  scenarioColour?: string;
  /** Further lines (targets, comparisons), one value or null per year, drawn dashed. */
  lines?: OgLine[];
  /** Pre-formatted zh-CN, e.g. { label: "2025年", value: "542.3亿元" }; at most 3. */
  figures: { label: string; value: string }[];
  footer: string;
}

export interface OgLine {
  label: string;
  values: (number | null)[];
  /** #rrggbb */
  colour: string;
}

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

const BACKGROUND: Rgb = [250, 248, 245];
const CARD: Rgb = [255, 255, 255];
const INK: Rgb = [28, 25, 23];
// 6.0:1 on the background: small text stays readable when the preview is scaled down.
const MUTED: Rgb = [100, 92, 85];
const PLAN_RED: Rgb = [178, 34, 34];
const SCENARIO: Rgb = [29, 78, 216];
const GRID: Rgb = [226, 220, 212];
const AXIS: Rgb = [150, 141, 132];
const PERIOD_BAND: Rgb = [241, 235, 226];

const MARGIN = 60;
const MAX_FIGURES = 3;

type Align = "left" | "right" | "center";

// Glyph masks per isolate. The template faces' are a bounded set (their characters, a few
// sizes, four offsets) and stay; the sharers' titles bring ever new ones, kept apart and
// dropped when there are many, so that dropping them never costs the template text's.
// A few thousand masks are a few megabytes.
const MAX_GLYPH_MASKS = 4000;
const templateMasks = new Map<string, CoverageMask>();
const titleMasks = new Map<string, CoverageMask>();
const titleGlyphsSeen = new Set<string>();
// When set (by the template builder), the keys of the glyph masks rasterised from outlines.
let glyphsRasterised: string[] | null = null;

// Shapes drawn in the same place in every image (the figures card, the plan period's band),
// rasterised once per isolate like the glyphs; keyed by their geometry.
const shapeMasks = new Map<string, CoverageMask>();
const MAX_SHAPE_MASKS = 64;

function fillShape(canvas: Canvas, key: string, shape: () => Path, color: Rgb): void {
  // The wasm kernels fill a shape faster than JavaScript copies its mask, and from the first
  // request on (making the mask, in an isolate's first request, is interpreted code).
  if (rasterKernels()) {
    canvas.fill(shape(), color);
    return;
  }
  let mask = shapeMasks.get(key);
  if (!mask) {
    mask = canvas.maskOf(shape());
    if (shapeMasks.size >= MAX_SHAPE_MASKS) shapeMasks.clear();
    shapeMasks.set(key, mask);
  }
  canvas.drawMask(mask, 0, 0, color);
}

/** A coordinate as whole pixels and a fraction rounded to quarters. */
function quarter(v: number): [number, number] {
  let whole = Math.floor(v);
  let frac = Math.round((v - whole) * 4) / 4;
  if (frac === 1) {
    whole += 1;
    frac = 0;
  }
  return [whole, frac];
}

function drawText(canvas: Canvas, text: string, x: number, baseline: number, style: TextStyle, color: Rgb, align: Align = "left"): number {
  const width = measureText(text, style);
  const left = align === "left" ? x : align === "right" ? x - width : x - width / 2;
  // Glyph by glyph, each from a mask rasterised once per isolate at its quarter-pixel offset:
  // after the first requests, text costs little more than copying those masks.
  let penX = left;
  for (const ch of text) {
    const [ix, fx] = quarter(penX);
    const [iy, fy] = quarter(baseline);
    const key = `${style.weight}|${style.size}|${fx}|${fy}|${ch}`;
    const masks = style.weight === "title" ? titleMasks : templateMasks;
    let mask = masks.get(key) ?? (style.weight === "title" ? undefined : builtGlyphMask(key));
    if (!mask) {
      glyphsRasterised?.push(key);
      // The wasm kernels read the glyph's record themselves (wasm.ts); without them, or for a
      // glyph too large for their buffers, it is drawn from a Path: the same pixels.
      const { record, scale } = glyphRecord(ch, style);
      const outlinePath = (): Path => {
        const path = new Path();
        textPath(path, ch, fx, fy, style);
        return path;
      };
      if (style.weight === "title" && !titleGlyphsSeen.has(key)) {
        // A title's glyph is kept as a mask from its second use on: most are drawn once, and
        // the first image in a fresh isolate (all first uses) skips making masks.
        if (titleGlyphsSeen.size >= MAX_GLYPH_MASKS) titleGlyphsSeen.clear();
        titleGlyphsSeen.add(key);
        if (!canvas.fillGlyph(record, scale, fx, fy, ix, iy, color)) canvas.fillShifted(outlinePath(), ix, iy, color);
        penX += measureText(ch, style) + (style.tracking ?? 0);
        continue;
      }
      mask = canvas.glyphMask(record, scale, fx, fy) ?? canvas.maskOf(outlinePath());
      if (masks.size >= MAX_GLYPH_MASKS) masks.clear();
      masks.set(key, mask);
    }
    canvas.drawMask(mask, ix, iy, color);
    penX += measureText(ch, style) + (style.tracking ?? 0);
  }
  return width;
}

/** The largest size from preferred down to min at which text fits maxWidth. */
function fitSize(text: string, weight: TextStyle["weight"], maxWidth: number, preferred: number, min: number, what: string): number {
  for (let size = preferred; size >= min; size -= 2) {
    if (measureText(text, { size, weight }) <= maxWidth) return size;
  }
  throw new OgInvalidDataError(`${what} is too long for the image: ${JSON.stringify(text)}`);
}

/** 1, 2 or 5 × 10^k, giving about `count` intervals over range. */
function niceStep(range: number, count: number): number {
  const raw = range / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const factor = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
  return factor * magnitude;
}

export interface Axis {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/**
 * The y axis for the values: round ticks, starting at zero when the data start within the
 * lower half of the range (so growth is not exaggerated), otherwise fitted to the data
 * (shares like 71.2% would be a flat line on a zero-based axis).
 */
export function yAxis(values: readonly number[]): Axis {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo >= 0 && lo <= hi * 0.5) lo = 0;
  if (hi === lo && hi === 0) {
    lo = -1;
    hi = 1;
  }
  // A (nearly) flat series gets a range of at least 2 % of its size, so it looks flat rather
  // than turning rounding noise into a cliff.
  const minRange = Math.max(Math.abs(hi), Math.abs(lo)) * 0.02;
  if (hi - lo < minRange) {
    const mid = (hi + lo) / 2;
    lo = mid - minRange / 2;
    hi = mid + minRange / 2;
  }
  const step = niceStep(hi - lo, 4);
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = min; v <= max + step * 1e-6; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return { min, max, step, ticks };
}

/**
 * Tick label with as many decimals as the step needs, grouped as zh-CN writes numbers (1,500,
 * as the page's axes); the minus is U+2212.
 */
export function formatTick(value: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const text = formatDecimal(Math.abs(value), "zh", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return value < 0 && /[1-9]/.test(text) ? `−${text}` : text;
}

const HEX = /^#[0-9a-f]{6}$/i;
const rgbOf = (hex: string): Rgb => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];

/**
 * The face to draw text in: the preferred one when it has every glyph, else the title font
 * (labels from the chart description may use characters beyond the template subset).
 */
function weightFor(text: string, preferred: TextStyle["weight"]): TextStyle["weight"] {
  const missing = missingCharacters(text, preferred);
  if (missing.length === 0) return preferred;
  if (titleFontLoaded() && missingCharacters(text, "title").length === 0) return "title";
  throw new OgUnsupportedCharacterError(missing[0]!, text);
}

function validate(data: OgData): void {
  const fail = (message: string): never => {
    throw new OgInvalidDataError(message);
  };
  if (typeof data !== "object" || data === null) fail("OG data must be an object");
  for (const key of ["title", "seriesLabel", "unit", "footer"] as const) {
    if (typeof data[key] !== "string") fail(`${key} must be a string`);
    if (key === "seriesLabel") weightFor(data[key], "regular");
    else assertDrawable(data[key]);
  }
  if (data.heading !== undefined) {
    if (typeof data.heading !== "string" || data.heading.trim() === "") fail("heading must be a non-empty string");
    const missing = missingCharacters(data.heading, "title");
    if (missing.length) throw new OgUnsupportedCharacterError(missing[0]!, data.heading);
  }
  const { years, scenario, lines = [], figures } = data;
  if (!Array.isArray(years) || years.length < 2) fail("years needs at least two entries");
  years.forEach((y, i) => {
    if (!Number.isInteger(y)) fail(`years[${i}] is not an integer year`);
    if (i > 0 && y <= years[i - 1]!) fail("years must be strictly increasing");
  });
  const checkSeries = (name: string, s: unknown): void => {
    if (!Array.isArray(s) || s.length !== years.length) fail(`${name} needs one value per year (${years.length})`);
    (s as unknown[]).forEach((v, i) => {
      if (typeof v !== "number" || !Number.isFinite(v)) fail(`${name}[${i}] is not a finite number`);
    });
  };
  checkSeries("scenario", scenario);
  if (!Array.isArray(lines)) fail("lines must be an array");
  lines.forEach((line, k) => {
    if (typeof line?.label !== "string" || !HEX.test(String(line.colour))) fail(`lines[${k}] needs a label and a #rrggbb colour`);
    if (!Array.isArray(line.values) || line.values.length !== years.length) fail(`lines[${k}] needs one value per year (${years.length})`);
    line.values.forEach((v, i) => {
      if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) fail(`lines[${k}][${i}] is neither null nor a finite number`);
    });
  });
  for (const label of [data.scenarioLabel ?? "", ...lines.map((l) => l.label)]) weightFor(label, "regular");
  if (data.scenarioColour !== undefined && !HEX.test(data.scenarioColour)) fail("scenarioColour must be #rrggbb");
  if (!Array.isArray(figures) || figures.length > MAX_FIGURES) fail(`figures must be an array of at most ${MAX_FIGURES}`);
  figures.forEach((f, i) => {
    if (typeof f?.label !== "string" || typeof f?.value !== "string") fail(`figures[${i}] needs a label and a value`);
    assertDrawable(f.label);
    assertDrawable(f.value);
  });
}

/**
 * The sharer's title as at most two lines: one line as large as fits (52 down to 36 px), else
 * two lines of 34 px, broken as the poster breaks its lines (wrapLines: Chinese between
 * characters but not before closing or after opening punctuation, Latin at spaces), the
 * second cut with "…" when the title is longer still.
 */
export function headingLines(text: string, maxWidth: number): { size: number; lines: string[] } {
  for (let size = 52; size >= 36; size -= 4) {
    if (measureText(text, { size, weight: "title" }) <= maxWidth) return { size, lines: [text] };
  }
  const size = 34;
  const style: TextStyle = { size, weight: "title" };
  return { size, lines: wrapLines(text, maxWidth, (s) => measureText(s, style), 2) };
}

// Header (plan name, title) and footer rule: shared by both images.
function drawHeader(canvas: Canvas, title: string, heading?: string): void {
  canvas.fill(new Path().roundRect(MARGIN, 50, 8, 28, 2), PLAN_RED);
  if (heading) {
    // The sharer's words lead (drawHeading); the site and the simulator's name become the line above.
    drawText(canvas, `${OG_TEXT.siteName} · ${OG_TEXT.simulator}`, MARGIN + 20, 73, { size: 24, weight: "regular" }, MUTED);
  } else {
    drawText(canvas, OG_TEXT.planName, MARGIN + 20, 73, { size: 24, weight: "regular" }, MUTED);
    const titleSize = fitSize(title, "bold", OG_WIDTH - 2 * MARGIN, 52, 36, "title");
    drawText(canvas, title, MARGIN, 142, { size: titleSize, weight: "bold" }, INK);
  }
  canvas.fillRect(MARGIN, 574, OG_WIDTH - 2 * MARGIN, 1, GRID);
}

function drawHeading(canvas: Canvas, heading: string): void {
  const { size, lines } = headingLines(heading, OG_WIDTH - 2 * MARGIN);
  const baselines = lines.length === 1 ? [142] : [122, 164];
  lines.forEach((line, i) => drawText(canvas, line, MARGIN, baselines[i]!, { size, weight: "title" }, INK));
}

const FOOTER_BASELINE = 610;

const PLOT = { top: 262, bottom: 520 };
// Right edge of the plot: beside the figures card, or the full width when there are no figures.
const plotRight = (data: OgData): number => (data.figures.length > 0 ? 770 : OG_WIDTH - MARGIN);

interface LegendEntry {
  label: string;
  color: Rgb;
  dash?: [number, number];
  width: number;
  weight: TextStyle["weight"];
}

/** Where things go: worked out once per image, shared by the fixed and the data-driven parts. */
interface Layout {
  axis: Axis;
  tickLabels: string[];
  /** Left and right edge of the plot. */
  left: number;
  right: number;
  scenarioColour: Rgb;
  seriesStyle: TextStyle;
  legend: { entries: LegendEntry[]; size: number };
  /** Width the note takes on the footer line, gap included (0 without a note). */
  noteWidth: number;
}

function layoutOf(data: OgData, note: string): Layout {
  const { scenario, lines = [] } = data;
  const axis = yAxis([...scenario, ...lines.flatMap((l) => l.values.filter((v): v is number => v !== null))]);
  // Beyond these, tick labels turn into exponents or strings of zeros no reader could use.
  if (Math.max(Math.abs(axis.min), Math.abs(axis.max)) >= 1e12) throw new OgInvalidDataError("values too large for the chart's axis labels");
  if (axis.step < 1e-4) throw new OgInvalidDataError("values too small for the chart's axis labels");
  const tickLabels = axis.ticks.map((t) => formatTick(t, axis.step));
  const labelWidth = Math.max(...tickLabels.map((l) => measureText(l, TICK_STYLE)), measureText(data.unit, UNIT_STYLE));
  // Values like 1e300 or steps like 1e-12 make labels no reader could use.
  if (labelWidth > 160) throw new OgInvalidDataError(`axis labels too wide to draw (${tickLabels[tickLabels.length - 1]})`);
  const left = MARGIN + labelWidth + 14;
  const right = plotRight(data);
  const scenarioColour = data.scenarioColour ? rgbOf(data.scenarioColour) : SCENARIO;

  const seriesWeight = weightFor(data.seriesLabel, "regular");
  const seriesStyle: TextStyle = { size: fitSize(data.seriesLabel, seriesWeight, right - MARGIN - 240, 28, 20, "seriesLabel"), weight: seriesWeight };

  // Legend, right-aligned above the plot, as large as fits beside the unit.
  const entries: LegendEntry[] = [
    { label: data.scenarioLabel ?? OG_TEXT.scenario, color: scenarioColour, width: 4.5, weight: weightFor(data.scenarioLabel ?? OG_TEXT.scenario, "regular") },
    ...lines.map((l) => ({ label: l.label, color: rgbOf(l.colour), dash: [10, 8] as [number, number], width: 3, weight: weightFor(l.label, "regular") })),
  ];
  const room = right - left - 60;
  let size = 20;
  const widthAt = (sz: number) => entries.reduce((w, e) => w + measureText(e.label, { size: sz, weight: e.weight }) + 10 + 36 + 28, -28);
  while (size > 14 && widthAt(size) > room) size -= 2;
  if (widthAt(size) > room) throw new OgInvalidDataError("legend too long for the image");

  const noteWidth = note ? measureText(note, NOTE_STYLE) + 40 : 0;
  return { axis, tickLabels, left, right, scenarioColour, seriesStyle, legend: { entries, size }, noteWidth };
}

const TICK_STYLE: TextStyle = { size: 20, weight: "regular" };
const UNIT_STYLE: TextStyle = { size: 18, weight: "regular" };
const NOTE_STYLE: TextStyle = { size: 20, weight: "regular" };

/**
 * What decides the fixed part of an image (drawFixed): two images with the same key have the
 * same fixed pixels and palette, so a layer pre-drawn for that key (template.ts) stands in for
 * drawing it.
 */
function fixedKey(data: OgData, layout: Layout, note: string): string {
  return JSON.stringify([
    data.heading ? 1 : 0,
    data.heading ? "" : data.title,
    note,
    data.seriesLabel,
    layout.seriesStyle,
    layout.right,
    layout.legend,
    data.figures.map((f) => f.label),
  ]);
}

/**
 * The parts that are the same for every share drawn with the same labels: header, footer rule
 * and note, chart title, legend, the figures card and its labels. They touch no pixel that
 * drawVariable paints before them in the picture's stacking, so the two can be drawn apart.
 */
export function drawFixed(canvas: Canvas, data: OgData, layout: Layout, note: string): void {
  drawHeader(canvas, data.title, data.heading);
  if (note) drawText(canvas, note, OG_WIDTH - MARGIN, FOOTER_BASELINE, NOTE_STYLE, MUTED, "right");
  drawText(canvas, data.seriesLabel, MARGIN, 200, layout.seriesStyle, INK);

  const baseline = PLOT.top - 22;
  let x = layout.right;
  for (const entry of [...layout.legend.entries].reverse()) {
    x -= drawText(canvas, entry.label, x, baseline, { size: layout.legend.size, weight: entry.weight }, INK, "right");
    x -= 10;
    const y = baseline - 7;
    canvas.strokePolyline([x - 36, y, x, y], entry.width, entry.color, entry.dash ? { dash: entry.dash } : {});
    x -= 36 + 28;
  }

  if (data.figures.length > 0) {
    const { left, right, top, bottom } = CARD_BOX;
    fillShape(canvas, "card border", () => new Path().roundRect(left - 1, top - 1, right - left + 2, bottom - top + 2, 17), GRID);
    fillShape(canvas, "card", () => new Path().roundRect(left, top, right - left, bottom - top, 16), CARD);
    figureSlots(data.figures, (figure, slot) => {
      if (slot.index > 0) canvas.fillRect(left + FIGURE_PAD, slot.top, right - left - 2 * FIGURE_PAD, 1, GRID);
      drawText(canvas, figure.label, left + FIGURE_PAD, slot.labelBaseline, slot.labelStyle, MUTED);
    });
  }
}

/** The parts that change from share to share: the sharer's title, the address, the chart, the figures' values. */
export function drawVariable(canvas: Canvas, data: OgData, layout: Layout): void {
  if (data.heading) drawHeading(canvas, data.heading);
  if (data.footer) {
    const footerSize = fitSize(data.footer, "regular", OG_WIDTH - 2 * MARGIN - layout.noteWidth, 20, 14, "footer");
    drawText(canvas, data.footer, MARGIN, FOOTER_BASELINE, { size: footerSize, weight: "regular" }, MUTED);
  }
  drawChart(canvas, data, layout);
  if (data.figures.length > 0) {
    const { left, right } = CARD_BOX;
    figureSlots(data.figures, (figure, slot) => {
      // Split "542.3亿元" into the number (large) and its unit (small).
      const match = /^([+\-−]?\d[\d,.]*)(.*)$/u.exec(figure.value);
      const number = match ? match[1]! : figure.value;
      const suffix = match ? match[2]!.trim() : "";
      const suffixStyle: TextStyle = { size: 24, weight: "regular" };
      const suffixWidth = suffix ? measureText(suffix, suffixStyle) + 6 : 0;
      const numberSize = fitSize(number, "bold", right - left - 2 * FIGURE_PAD - suffixWidth, slot.valueSize, 26, "figure value");
      const w = drawText(canvas, number, left + FIGURE_PAD, slot.valueBaseline, { size: numberSize, weight: "bold" }, INK);
      if (suffix) drawText(canvas, suffix, left + FIGURE_PAD + w + 6, slot.valueBaseline, suffixStyle, MUTED);
    });
  }
}

function drawChart(canvas: Canvas, data: OgData, layout: Layout): void {
  const { years, scenario, lines = [] } = data;
  const { axis, left, right, scenarioColour } = layout;
  const { top, bottom } = PLOT;
  const firstYear = years[0]!;
  const lastYear = years[years.length - 1]!;
  const xOf = (year: number): number => left + ((year - firstYear) / (lastYear - firstYear)) * (right - left);
  const yOf = (v: number): number => bottom - ((v - axis.min) / (axis.max - axis.min)) * (bottom - top);
  // The area under the line and the emphasised grid line sit on zero when zero is on the axis.
  const baseValue = axis.min <= 0 && axis.max >= 0 ? 0 : axis.min;

  // The 14th Five-Year Plan period (2021–2025) as a band, when the chart spans it.
  if (firstYear <= 2020 && lastYear >= 2025) {
    const x0 = xOf(2020);
    const x1 = xOf(2025);
    fillShape(canvas, `band ${x0} ${x1}`, () => new Path().rect(x0, top - 8, x1 - x0, bottom - top + 8), PERIOD_BAND);
    drawText(canvas, "“十四五”", (x0 + x1) / 2, top + 16, { size: 18, weight: "regular" }, MUTED, "center");
  }

  // Grid and y tick labels
  axis.ticks.forEach((t, i) => {
    const y = Math.round(yOf(t));
    canvas.fillRect(left, y, right - left, 1, t === baseValue ? AXIS : GRID);
    drawText(canvas, layout.tickLabels[i]!, left - 14, y + 7, TICK_STYLE, MUTED, "right");
  });
  drawText(canvas, data.unit, left - 14, top - 22, UNIT_STYLE, MUTED, "right");

  // x labels: every fifth year, plus both ends
  for (const year of years) {
    if (year !== firstYear && year !== lastYear && year % 5 !== 0) continue;
    const x = xOf(year);
    canvas.fillRect(x, bottom, 1, 6, AXIS);
    drawText(canvas, String(year), x, bottom + 30, TICK_STYLE, MUTED, "center");
  }

  const points = (series: readonly number[]): number[] => series.flatMap((v, i) => [xOf(years[i]!), yOf(v)]);
  const scenarioPoints = points(scenario);

  // Soft area under the scenario line
  const area = new Path();
  area.moveTo(scenarioPoints[0]!, yOf(baseValue));
  for (let i = 0; i < scenarioPoints.length; i += 2) area.lineTo(scenarioPoints[i]!, scenarioPoints[i + 1]!);
  area.lineTo(scenarioPoints[scenarioPoints.length - 2]!, yOf(baseValue));
  canvas.fill(area, scenarioColour, 0.07);

  // Other lines, dashed, split where they have no value; a lone value is a marker.
  for (const line of lines) {
    const colour = rgbOf(line.colour);
    let run: number[] = [];
    const flush = () => {
      if (run.length === 2) canvas.fill(new Path().circle(run[0]!, run[1]!, 6), colour);
      else if (run.length > 2) canvas.strokePolyline(run, 3, colour, { dash: [10, 8] });
      run = [];
    };
    line.values.forEach((v, i) => {
      if (v === null) flush();
      else run.push(xOf(years[i]!), yOf(v));
    });
    flush();
  }
  canvas.strokePolyline(scenarioPoints, 4.5, scenarioColour);

  // Markers on the scenario line at the milestone years
  for (const year of [2025, 2035]) {
    const i = years.indexOf(year);
    if (i < 0) continue;
    const x = scenarioPoints[2 * i]!;
    const y = scenarioPoints[2 * i + 1]!;
    canvas.fill(new Path().circle(x, y, 7.5), scenarioColour);
    canvas.fill(new Path().circle(x, y, 3.5), CARD);
  }
}

const CARD_BOX = { left: 832, right: OG_WIDTH - MARGIN, top: 190, bottom: 548 };
const FIGURE_PAD = 28;

interface FigureSlot {
  index: number;
  top: number;
  labelStyle: TextStyle;
  labelBaseline: number;
  valueSize: number;
  valueBaseline: number;
}

/** The figures card's slots, one per figure, top to bottom. */
function figureSlots(figures: OgData["figures"], each: (figure: OgData["figures"][number], slot: FigureSlot) => void): void {
  const { left, right, top, bottom } = CARD_BOX;
  const slot = (bottom - top) / figures.length;
  // Fewer figures, larger numbers.
  const valueSize = [64, 64, 56, 48][figures.length]!;
  figures.forEach((figure, i) => {
    const slotTop = top + slot * i;
    const labelStyle: TextStyle = { size: fitSize(figure.label, "regular", right - left - 2 * FIGURE_PAD, 22, 16, "figure label"), weight: "regular" };
    const block = 22 + 14 + valueSize; // label, gap, value
    const labelBaseline = slotTop + (slot - block) / 2 + 20;
    each(figure, { index: i, top: slotTop, labelStyle, labelBaseline, valueSize, valueBaseline: labelBaseline + 14 + valueSize - 4 });
  });
}

// The pixels of the image being encoded, kept between renders: renderOgPng encodes them before
// it returns, so the next render may draw over them (see png.ts on why buffers are kept).
let pixels: Uint8Array | undefined;

export interface RenderOptions {
  /**
   * zlib (RFC 1950) compression of the PNG's scanlines. By default the runtime's native
   * CompressionStream("deflate") where there is one (Workers, browsers, Node), which has no JIT
   * to warm up, else (and with null) the renderer's own deflate (png.ts).
   */
  deflate?: ((bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>) | null;
}

// Images encoded in this isolate. The first is compressed by native zlib alone; each later one
// gives OWN_DEFLATE_ROWS more of its top rows to the renderer's own deflate (png.ts), until that
// does all of them (about 3 times faster than zlib once V8 has compiled it, several times
// slower before: on a fresh isolate's first image, interpreted).
let encoded = 0;
const OWN_DEFLATE_ROWS = 64;

/** Draws the preview for a shared scenario; see the module comment for the contract. */
export async function renderOgPng(data: OgData, options: RenderOptions = {}): Promise<Uint8Array> {
  // With the wasm kernels, the image is drawn in their memory, where they composite.
  const kernels = rasterKernels();
  const into = kernels && OG_WIDTH * OG_HEIGHT <= kernels.canvasBytes ? kernels.canvas.subarray(0, OG_WIDTH * OG_HEIGHT) : (pixels ??= new Uint8Array(OG_WIDTH * OG_HEIGHT));
  const canvas = drawOg(data, into);
  if (kernels) {
    const png = encodeInWasm(OG_WIDTH, OG_HEIGHT, canvas.palette, canvas.paletteSize);
    if (png) return png;
  }
  const deflate = options.deflate === null ? undefined : (options.deflate ?? (typeof CompressionStream === "function" ? nativeDeflate : undefined));
  const ownRows = deflate ? Math.min(OG_HEIGHT, encoded * OWN_DEFLATE_ROWS) : OG_HEIGHT;
  encoded++;
  if (ownRows === OG_HEIGHT || !deflate) return encodeCanvas(canvas);
  const rows = scanlines(canvas.indices, OG_WIDTH, OG_HEIGHT);
  const split = ownRows * (OG_WIDTH + 1);
  // Everything read from the kept buffers before the first await: another request in the
  // isolate may draw into them meanwhile (nativeDeflate copies its input at once).
  const head = ownRows > 0 ? deflateHead(rows.subarray(0, split), OG_WIDTH + 1) : null;
  const tail = await deflate(rows.subarray(split));
  const zlib = head ? joinZlib(head, tail, rows.length - split) : tail;
  return indexedPngFile(zlib, canvas.palette, canvas.paletteSize, OG_WIDTH, OG_HEIGHT);
}

async function nativeDeflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function encodeCanvas(canvas: Canvas): Uint8Array {
  return encodeIndexedPng(canvas.indices, canvas.palette, canvas.paletteSize, OG_WIDTH, OG_HEIGHT);
}

/**
 * The preview drawn but not encoded (renderOgPng encodes it; tests and benchmarks look inside).
 * `into`: a buffer of OG_WIDTH × OG_HEIGHT bytes to draw in rather than a new one.
 * `fixed`: "drawn" to draw the fixed parts even when a pre-drawn layer exists (for the tests
 * and the template builder).
 */
export function drawOg(data: OgData, into?: Uint8Array, fixed: "layer" | "drawn" = "layer"): Canvas {
  validate(data);
  const note = OG_TEXT.disclaimer;
  const layout = layoutOf(data, note);
  const canvas = new Canvas(OG_WIDTH, OG_HEIGHT, BACKGROUND, into);
  const layer = fixed === "layer" ? builtLayer(fixedKey(data, layout, note)) : undefined;
  if (layer) layer.paint(canvas);
  else drawFixed(canvas, data, layout, note);
  drawVariable(canvas, data, layout);
  return canvas;
}

/**
 * For scripts/build-og-template.mjs: the fixed part of data's image alone (with its key), and
 * the keys of the template glyph masks that drawing the rest rasterised from outlines.
 */
export function templateParts(data: OgData): { key: string; fixed: Canvas; glyphKeys: string[] } {
  validate(data);
  const note = OG_TEXT.disclaimer;
  const layout = layoutOf(data, note);
  const fixed = new Canvas(OG_WIDTH, OG_HEIGHT, BACKGROUND);
  drawFixed(fixed, data, layout, note);
  templateMasks.clear();
  glyphsRasterised = [];
  try {
    const canvas = new Canvas(OG_WIDTH, OG_HEIGHT, BACKGROUND);
    drawVariable(canvas, data, layout);
    return { key: fixedKey(data, layout, note), fixed, glyphKeys: glyphsRasterised.filter((k) => !k.startsWith("title|")) };
  } finally {
    glyphsRasterised = null;
  }
}

/** For the template builder and tests: the glyph mask for a key, rasterised from the outlines. */
export function glyphMaskFromOutlines(key: string): CoverageMask {
  const parts = key.split("|");
  const [weight, size, fx, fy] = parts as [TextStyle["weight"], string, string, string];
  const ch = parts.slice(4).join("|");
  const path = new Path();
  textPath(path, ch, Number(fx), Number(fy), { size: Number(size), weight });
  return new Canvas(1, 1, BACKGROUND).maskOf(path);
}

/** The generic image for pages without a scenario, and for when renderOgPng fails. */
export function renderFallbackPng(): Uint8Array {
  const canvas = new Canvas(OG_WIDTH, OG_HEIGHT, BACKGROUND);
  // Decoration only, no data: the plan's period in large light type behind the text.
  drawText(canvas, "十四五", OG_WIDTH - MARGIN + 10, 520, { size: 250, weight: "bold" }, PERIOD_BAND, "right");
  drawHeader(canvas, OG_TEXT.siteName);
  drawText(canvas, OG_TEXT.fallbackTagline, MARGIN, 232, { size: 34, weight: "regular" }, INK);
  drawText(canvas, OG_TEXT.fallbackSubline, MARGIN, 290, { size: 26, weight: "regular" }, MUTED);
  return encodeCanvas(canvas);
}
