/**
 * Social preview images (Open Graph, 1200×630 PNG) drawn in a Pages Function: pure
 * TypeScript, no DOM, no Node APIs, no WASM, no native modules.
 *
 * API
 * ```ts
 * import { renderOgPng, OG_TEXT, OgRenderError } from "../_lib/og";
 *
 * const png: Uint8Array = renderOgPng({
 *   title: OG_TEXT.title,                                    // template text only (see below)
 *   seriesLabel: `${OG_TEXT.gdpReal}（${OG_TEXT.constantPrices}）`,
 *   unit: OG_TEXT.unitHundredMillionYuan,                     // shown above the y axis
 *   years: [2020, 2021, …, 2035],                             // strictly increasing
 *   scenario: [352.5, …],                                     // one finite number per year
 *   target: [352.5, …],                                       // optional: the plan's path, dashed
 *   figures: [{ label: "2025年 情景", value: "542.3亿元" }],   // 0–3, pre-formatted zh-CN
 *   footer: "chengqu.example/s/abc123",
 * });
 * ```
 * - renderOgPng(data) → the PNG bytes (8-bit RGB, 1200×630). Serve as image/png.
 * - renderFallbackPng() → the generic image (also committed as public/og-fallback.png).
 * - OG_CHARSET: every character that can be drawn; OG_TEXT: the template strings.
 * - Errors: everything thrown is an OgRenderError. OgUnsupportedCharacterError when a string
 *   has a character outside OG_CHARSET (user-written text must not reach the image: put it in
 *   the page's text tags), OgInvalidDataError for data that is not a drawable chart (length
 *   mismatch, non-finite numbers, text too long to fit). Callers catch OgRenderError and serve
 *   /og-fallback.png instead.
 * - Cost (scripts/bench-og.mjs): about 30 ms of CPU per image once warm, most of it deflate;
 *   the first call in a fresh isolate takes about 100 ms (JIT, font decoding). Cache the PNG
 *   per scenario (it is immutable) rather than drawing it on every request.
 */

import { OgInvalidDataError } from "./errors";
import { assertDrawable, measureText, textPath, type TextStyle } from "./font";
import { encodeIndexedPng } from "./png";
import { Canvas, Path, type Rgb } from "./raster";
import { OG_TEXT } from "./template-strings";

export { OG_CHARSET, OG_TEXT, type OgTextKey } from "./template-strings";
export { OgInvalidDataError, OgRenderError, OgUnsupportedCharacterError } from "./errors";

export interface OgData {
  /** Template text only (OG_TEXT), never user-written. */
  title: string;
  /** What the chart shows, e.g. 地区生产总值（2020年不变价）. */
  seriesLabel: string;
  /** Unit of the y axis, e.g. 亿元. */
  unit: string;
  years: number[];
  scenario: number[];
  /** The plan's target path, same length as years. */
  target?: number[];
  /** Pre-formatted zh-CN, e.g. { label: "2025年", value: "542.3亿元" }; at most 3. */
  figures: { label: string; value: string }[];
  footer: string;
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
const TARGET: Rgb = [194, 65, 12];
const GRID: Rgb = [226, 220, 212];
const AXIS: Rgb = [150, 141, 132];
const PERIOD_BAND: Rgb = [241, 235, 226];

const MARGIN = 60;
const MAX_FIGURES = 3;

type Align = "left" | "right" | "center";

function drawText(canvas: Canvas, text: string, x: number, baseline: number, style: TextStyle, color: Rgb, align: Align = "left"): number {
  const width = measureText(text, style);
  const left = align === "left" ? x : align === "right" ? x - width : x - width / 2;
  const path = new Path();
  textPath(path, text, left, baseline, style);
  canvas.fill(path, color);
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

/** Tick label with as many decimals as the step needs; the minus is U+2212. */
export function formatTick(value: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const text = Math.abs(value).toFixed(decimals);
  return value < 0 && Number(text) !== 0 ? `−${text}` : text;
}

function validate(data: OgData): void {
  const fail = (message: string): never => {
    throw new OgInvalidDataError(message);
  };
  if (typeof data !== "object" || data === null) fail("OG data must be an object");
  for (const key of ["title", "seriesLabel", "unit", "footer"] as const) {
    if (typeof data[key] !== "string") fail(`${key} must be a string`);
    assertDrawable(data[key]);
  }
  const { years, scenario, target, figures } = data;
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
  if (target !== undefined) checkSeries("target", target);
  if (!Array.isArray(figures) || figures.length > MAX_FIGURES) fail(`figures must be an array of at most ${MAX_FIGURES}`);
  figures.forEach((f, i) => {
    if (typeof f?.label !== "string" || typeof f?.value !== "string") fail(`figures[${i}] needs a label and a value`);
    assertDrawable(f.label);
    assertDrawable(f.value);
  });
}

// Header (plan name, title) and footer (footer text, note on the right): shared by both images.
function drawFrame(canvas: Canvas, title: string, footer: string, note: string): void {
  canvas.fill(new Path().roundRect(MARGIN, 50, 8, 28, 2), PLAN_RED);
  drawText(canvas, OG_TEXT.planName, MARGIN + 20, 73, { size: 24, weight: "regular" }, MUTED);

  const titleSize = fitSize(title, "bold", OG_WIDTH - 2 * MARGIN, 52, 36, "title");
  drawText(canvas, title, MARGIN, 142, { size: titleSize, weight: "bold" }, INK);

  canvas.fillRect(MARGIN, 574, OG_WIDTH - 2 * MARGIN, 1, GRID);
  const noteWidth = note ? drawText(canvas, note, OG_WIDTH - MARGIN, 610, { size: 20, weight: "regular" }, MUTED, "right") + 40 : 0;
  if (footer) {
    const footerSize = fitSize(footer, "regular", OG_WIDTH - 2 * MARGIN - noteWidth, 20, 14, "footer");
    drawText(canvas, footer, MARGIN, 610, { size: footerSize, weight: "regular" }, MUTED);
  }
}

const PLOT = { top: 262, bottom: 520 };
// Right edge of the plot: beside the figures card, or the full width when there are no figures.
const plotRight = (data: OgData): number => (data.figures.length > 0 ? 770 : OG_WIDTH - MARGIN);

function drawChart(canvas: Canvas, data: OgData): void {
  const { years, scenario, target } = data;
  const axis = yAxis(target ? [...scenario, ...target] : scenario);
  // Beyond these, tick labels turn into exponents or strings of zeros no reader could use.
  if (Math.max(Math.abs(axis.min), Math.abs(axis.max)) >= 1e12) throw new OgInvalidDataError("values too large for the chart's axis labels");
  if (axis.step < 1e-4) throw new OgInvalidDataError("values too small for the chart's axis labels");
  const tickStyle: TextStyle = { size: 20, weight: "regular" };
  const labels = axis.ticks.map((t) => formatTick(t, axis.step));
  const labelWidth = Math.max(...labels.map((l) => measureText(l, tickStyle)), measureText(data.unit, { size: 18, weight: "regular" }));
  // Values like 1e300 or steps like 1e-12 make labels no reader could use.
  if (labelWidth > 160) throw new OgInvalidDataError(`axis labels too wide to draw (${labels[labels.length - 1]})`);
  const left = MARGIN + labelWidth + 14;
  const { top, bottom } = PLOT;
  const right = plotRight(data);
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
    canvas.fill(new Path().rect(x0, top - 8, x1 - x0, bottom - top + 8), PERIOD_BAND);
    drawText(canvas, "“十四五”", (x0 + x1) / 2, top + 16, { size: 18, weight: "regular" }, MUTED, "center");
  }

  // Grid and y tick labels
  axis.ticks.forEach((t, i) => {
    const y = Math.round(yOf(t));
    canvas.fillRect(left, y, right - left, 1, t === baseValue ? AXIS : GRID);
    drawText(canvas, labels[i]!, left - 14, y + 7, tickStyle, MUTED, "right");
  });
  drawText(canvas, data.unit, left - 14, top - 22, { size: 18, weight: "regular" }, MUTED, "right");

  // x labels: every fifth year, plus both ends
  for (const year of years) {
    if (year !== firstYear && year !== lastYear && year % 5 !== 0) continue;
    const x = xOf(year);
    canvas.fillRect(x, bottom, 1, 6, AXIS);
    drawText(canvas, String(year), x, bottom + 30, tickStyle, MUTED, "center");
  }

  const points = (series: readonly number[]): number[] => series.flatMap((v, i) => [xOf(years[i]!), yOf(v)]);
  const scenarioPoints = points(scenario);

  // Soft area under the scenario line
  const area = new Path();
  area.moveTo(scenarioPoints[0]!, yOf(baseValue));
  for (let i = 0; i < scenarioPoints.length; i += 2) area.lineTo(scenarioPoints[i]!, scenarioPoints[i + 1]!);
  area.lineTo(scenarioPoints[scenarioPoints.length - 2]!, yOf(baseValue));
  canvas.fill(area, SCENARIO, 0.07);

  if (target) canvas.strokePolyline(points(target), 3, TARGET, { dash: [10, 8] });
  canvas.strokePolyline(scenarioPoints, 4.5, SCENARIO);

  // Markers on the scenario line at the milestone years
  for (const year of [2025, 2035]) {
    const i = years.indexOf(year);
    if (i < 0) continue;
    const x = scenarioPoints[2 * i]!;
    const y = scenarioPoints[2 * i + 1]!;
    canvas.fill(new Path().circle(x, y, 7.5), SCENARIO);
    canvas.fill(new Path().circle(x, y, 3.5), CARD);
  }

  // Legend, right-aligned above the plot
  const legendStyle: TextStyle = { size: 20, weight: "regular" };
  const baseline = top - 22;
  let x = right;
  const entries: { label: string; color: Rgb; dash?: [number, number]; width: number }[] = [
    { label: OG_TEXT.scenario, color: SCENARIO, width: 4.5 },
  ];
  if (target) entries.push({ label: OG_TEXT.target, color: TARGET, dash: [10, 8], width: 3 });
  for (const entry of entries.reverse()) {
    x -= drawText(canvas, entry.label, x, baseline, legendStyle, INK, "right");
    x -= 10;
    const y = baseline - 7;
    canvas.strokePolyline([x - 36, y, x, y], entry.width, entry.color, entry.dash ? { dash: entry.dash } : {});
    x -= 36 + 28;
  }
}

const CARD_BOX = { left: 832, right: OG_WIDTH - MARGIN, top: 190, bottom: 548 };

function drawFigures(canvas: Canvas, figures: OgData["figures"]): void {
  const { left, right, top, bottom } = CARD_BOX;
  canvas.fill(new Path().roundRect(left - 1, top - 1, right - left + 2, bottom - top + 2, 17), GRID);
  canvas.fill(new Path().roundRect(left, top, right - left, bottom - top, 16), CARD);
  const pad = 28;
  const slot = (bottom - top) / figures.length;
  // Fewer figures, larger numbers.
  const valueSize = [64, 64, 56, 48][figures.length]!;
  figures.forEach((figure, i) => {
    const slotTop = top + slot * i;
    if (i > 0) canvas.fillRect(left + pad, slotTop, right - left - 2 * pad, 1, GRID);
    const labelStyle: TextStyle = { size: fitSize(figure.label, "regular", right - left - 2 * pad, 22, 16, "figure label"), weight: "regular" };
    const block = 22 + 14 + valueSize; // label, gap, value
    const labelBaseline = slotTop + (slot - block) / 2 + 20;
    drawText(canvas, figure.label, left + pad, labelBaseline, labelStyle, MUTED);

    // Split "542.3亿元" into the number (large) and its unit (small).
    const match = /^([+\-−]?\d[\d,.]*)(.*)$/u.exec(figure.value);
    const number = match ? match[1]! : figure.value;
    const suffix = match ? match[2]!.trim() : "";
    const suffixStyle: TextStyle = { size: 24, weight: "regular" };
    const suffixWidth = suffix ? measureText(suffix, suffixStyle) + 6 : 0;
    const numberSize = fitSize(number, "bold", right - left - 2 * pad - suffixWidth, valueSize, 26, "figure value");
    const valueBaseline = labelBaseline + 14 + valueSize - 4;
    const w = drawText(canvas, number, left + pad, valueBaseline, { size: numberSize, weight: "bold" }, INK);
    if (suffix) drawText(canvas, suffix, left + pad + w + 6, valueBaseline, suffixStyle, MUTED);
  });
}

/** Draws the preview for a shared scenario; see the module comment for the contract. */
export function renderOgPng(data: OgData): Uint8Array {
  return encodeCanvas(drawOg(data));
}

function encodeCanvas(canvas: Canvas): Uint8Array {
  return encodeIndexedPng(canvas.indices, canvas.palette, canvas.paletteSize, OG_WIDTH, OG_HEIGHT);
}

/** The preview drawn but not encoded (renderOgPng encodes it; tests and benchmarks look inside). */
export function drawOg(data: OgData): Canvas {
  validate(data);
  const canvas = new Canvas(OG_WIDTH, OG_HEIGHT, BACKGROUND);
  drawFrame(canvas, data.title, data.footer, OG_TEXT.disclaimer);
  const seriesSize = fitSize(data.seriesLabel, "regular", plotRight(data) - MARGIN - 240, 28, 20, "seriesLabel");
  drawText(canvas, data.seriesLabel, MARGIN, 200, { size: seriesSize, weight: "regular" }, INK);
  drawChart(canvas, data);
  if (data.figures.length > 0) drawFigures(canvas, data.figures);
  return canvas;
}

/** The generic image for pages without a scenario, and for when renderOgPng fails. */
export function renderFallbackPng(): Uint8Array {
  const canvas = new Canvas(OG_WIDTH, OG_HEIGHT, BACKGROUND);
  // Decoration only, no data: the plan's period in large light type behind the text.
  drawText(canvas, "十四五", OG_WIDTH - MARGIN + 10, 520, { size: 250, weight: "bold" }, PERIOD_BAND, "right");
  drawFrame(canvas, OG_TEXT.siteName, "", "");
  drawText(canvas, OG_TEXT.fallbackTagline, MARGIN, 232, { size: 34, weight: "regular" }, INK);
  drawText(canvas, OG_TEXT.fallbackSubline, MARGIN, 290, { size: 26, weight: "regular" }, MUTED);
  return encodeCanvas(canvas);
}
