// chart.js with only the parts the simulator draws: line controller and elements on a
// category x axis and a linear y axis. Registering `registerables` would ship every controller
// and scale. The legend, the tooltip and the band fill are not chart.js's plugins (about 10 KB
// gzipped together) but the small plugin below and HTML in LineChart.svelte: an HTML legend
// and tooltip are also readable by screen readers and scale with the page's text.
//
// "chart.js?simulator" is chart.js under a module id of its own. Vite bundles a module shared by
// two pages once, with the union of what both use; /indicators/ uses bar charts, the tooltip
// and the legend, which would add about 10 KB (gzipped) to this page. The query gives the
// simulator its own copy, tree-shaken for line charts only (chart.js's helpers stay shared).
import {
  Chart,
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  CategoryScale,
  type ActiveElement,
  type ChartConfiguration,
  type ChartDataset,
  type Plugin,
} from "chart.js?simulator";
import { drawInTurn, drawNextTurn } from "./chart-queue";
import { formatTick, type Unit } from "./format";
import { isBand, palette, seriesColour as colourOf } from "./chart-specs";
import type { Lang } from "./i18n";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale);

// For the browser tests and the benchmark: read what a canvas draws (chart.js's own instance).
(globalThis as { __simGetChart?: (c: HTMLCanvasElement) => Chart | undefined }).__simGetChart = (c) => Chart.getChart(c);

export { Chart };

// The chart description's types live with it (chart-specs.ts), which renderers without chart.js
// (the preview image in a Function) import too.
export type { ChartSeries, ChartSpec, ChartTheme, SeriesKind } from "./chart-specs";
import type { ChartSeries, ChartSpec, ChartTheme } from "./chart-specs";

// The light scheme's colours and the colour of each kind of series live with the chart
// description (chart-specs.ts), so that every renderer (this one, the exported figure, the
// poster, the preview image) draws the same series in the same colours.
export { palette } from "./chart-specs";

/** The chart colours of the page's current colour scheme, from its CSS custom properties. */
export function readTheme(el: Element | null = typeof document === "undefined" ? null : document.documentElement): ChartTheme {
  if (!el) return palette;
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    scenario: v("--chart-scenario", palette.scenario),
    pins: palette.pins.map((c, i) => v(`--chart-pin-${i}`, c)),
    target: v("--chart-target", palette.target),
    national: v("--chart-national", palette.national),
    reference: v("--chart-reference", palette.reference),
    reported: v("--chart-reported", palette.reported),
    band: v("--chart-band", palette.band),
    bandInner: v("--chart-band-inner", palette.bandInner),
    grid: v("--chart-grid", palette.grid),
    tick: v("--chart-tick", palette.tick),
    milestone: v("--chart-milestone", palette.milestone),
  };
}

/**
 * Calls `fn` when the reader's colour scheme changes (the tokens switch with
 * prefers-color-scheme); returns the function that stops listening.
 */
export function onColourSchemeChange(fn: () => void): () => void {
  if (typeof matchMedia === "undefined") return () => {};
  const query = matchMedia("(prefers-color-scheme: dark)");
  query.addEventListener("change", fn);
  return () => query.removeEventListener("change", fn);
}

export type LineDataset = ChartDataset<"line", (number | null)[]> & {
  notes?: (string | null)[];
  seriesId: string;
  auxiliary?: boolean;
};

/** The chart.js dataset for a line or point series (bands are drawn by bandPlugin). */
export function toDataset(s: ChartSeries, theme: ChartTheme = palette): LineDataset {
  const colour = colourOf(s, theme);
  const base: LineDataset = {
    seriesId: s.id,
    label: s.label,
    // The chart's own copy: a slider step writes the new values into it (applySpec).
    data: [...s.values],
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2,
    pointRadius: 0,
    pointHoverRadius: 4,
    tension: 0,
    spanGaps: false,
    auxiliary: s.auxiliary,
  };
  switch (s.kind) {
    case "scenario":
      return { ...base, borderWidth: 3, order: 0 };
    case "pin":
      return { ...base, borderDash: [6, 3], order: 1 };
    case "target":
      // A target is a point (a level in a year) or a dashed path (an average growth rate).
      // Constant (not scriptable) options let chart.js share them across points: a slider
      // step then skips resolving options point by point.
      return { ...base, borderDash: [2, 3], borderWidth: 2, pointRadius: isPointSeries(s.values) ? 6 : 0, pointStyle: "triangle", order: 2 };
    case "national":
      return { ...base, borderDash: [8, 4], borderWidth: 2, order: 3 };
    case "reference":
      return { ...base, borderDash: [1, 4], borderWidth: 1.5, order: 4 };
    case "reported":
      return { ...base, showLine: false, pointRadius: 4, pointHoverRadius: 6, pointStyle: "rectRot", notes: s.notes, order: 0 };
    default:
      // Bands never become datasets (see bandPlugin); a caller that passes one gets an invisible line.
      return { ...base, borderColor: "rgba(0,0,0,0)", borderWidth: 0, pointHoverRadius: 0 };
  }
}

/** A series of isolated values (no two neighbours), drawn as markers rather than a line. */
function isPointSeries(values: readonly (number | null)[]): boolean {
  return values.every((v, i) => v == null || (values[i - 1] == null && values[i + 1] == null));
}

// What a quick redraw (below) copies instead of drawing: the canvas after the axes, grid, tick
// labels and milestone lines, per chart, as the last full draw left it. During a drag the axes
// stay as they are, so only the fan and the lines change; drawing the tick labels again (text,
// one save/restore each) was about a third of a step's chart time on a slow phone.
const backdrops = new WeakMap<object, HTMLCanvasElement>();
/** Charts whose draw in progress starts from their backdrop (quickRedraw). */
const fromBackdrop = new WeakSet<object>();

/**
 * Vertical dashed lines at the milestone years, drawn under the data. The plugin also keeps
 * the chart's backdrop: everything drawn so far (hook order: the bands come after it).
 */
export const milestonePlugin: Plugin<"line", { years?: readonly number[]; colour?: string }> = {
  id: "milestones",
  // A chart laid out by layoutThenDraw draws in a task of its own.
  beforeDraw: (chart) => !drawLater.has(chart),
  beforeDatasetsDraw(chart, _args, opts) {
    if (fromBackdrop.has(chart)) return;
    const x = chart.scales.x;
    const area = chart.chartArea;
    if (x && opts.years) {
      const labels = chart.data.labels ?? [];
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = opts.colour ?? palette.milestone;
      ctx.setLineDash([4, 4]);
      ctx.lineWidth = 1;
      for (const year of opts.years) {
        const i = labels.indexOf(String(year));
        if (i < 0) continue;
        const px = x.getPixelForValue(i);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
      }
      ctx.restore();
    }
    keepBackdrop(chart);
  },
};

/** Charts laid out whose drawing waits for its turn (layoutThenDraw). */
const drawLater = new WeakSet<object>();
/** Each chart's place in chart-queue's line for that drawing (the chart itself is LineChart's). */
const drawTurns = new WeakMap<object, object>();

/**
 * chart.update() without its drawing, which follows in a turn of its own (chart-queue.ts): on a
 * slow phone with 3 pixels per point, the layout and the drawing of one chart were a task of
 * 60–80 ms at a drag's end, each about half. On a fast machine the turn comes at once, in the
 * same task. Until it draws, the canvas keeps its last picture; the backdrop of that picture
 * is dropped, as its axes are not the chart's any more (no quick redraw on it).
 */
function layoutThenDraw(chart: Chart<"line", (number | null)[], string>): void {
  drawLater.add(chart);
  chart.update("none");
  backdrops.delete(chart);
  drawInTurn(placeIn(drawTurns, chart), () => {
    // A later update drew it (or will), or the chart is gone.
    if (!drawLater.delete(chart) || !chart.ctx) return;
    chart.draw();
  });
}

/** A chart's place in chart-queue's line for one kind of work (`turns`: one map per kind). */
function placeIn(turns: WeakMap<object, object>, chart: object): object {
  let turn = turns.get(chart);
  if (!turn) turns.set(chart, (turn = {}));
  return turn;
}

/** Copies the canvas as drawn so far into the chart's backdrop (reused while its size holds). */
function keepBackdrop(chart: { canvas: HTMLCanvasElement }): void {
  const { canvas } = chart;
  if (typeof document === "undefined" || !canvas.width || !canvas.height) return;
  let copy = backdrops.get(chart);
  if (!copy) backdrops.set(chart, (copy = document.createElement("canvas")));
  if (copy.width !== canvas.width || copy.height !== canvas.height) {
    copy.width = canvas.width;
    copy.height = canvas.height;
  }
  const ctx = copy.getContext("2d");
  if (!ctx) return backdrops.delete(chart) as unknown as void;
  ctx.globalCompositeOperation = "copy";
  ctx.drawImage(canvas, 0, 0);
}

/** A filled area between two percentile paths, in data values per year. */
export interface BandArea {
  upper: readonly number[];
  lower: readonly number[];
  colour: string;
}

// Bands drawn by the plugin below, per chart. They are not datasets: four more datasets per
// chart would each be parsed, laid out and resolved option by option on every slider step.
const bandsByChart = new WeakMap<Chart, BandArea[]>();

// For the browser tests: the fan a canvas draws.
(globalThis as { __simChartBands?: (c: HTMLCanvasElement) => readonly BandArea[] }).__simChartBands = (c) => {
  const chart = Chart.getChart(c);
  return (chart && bandsByChart.get(chart)) ?? [];
};

/** The Monte Carlo fan: each band filled between its edges, under the lines. */
export const bandPlugin: Plugin<"line"> = {
  id: "bands",
  beforeDatasetsDraw(chart) {
    const bands = bandsByChart.get(chart as unknown as Chart);
    const x = chart.scales.x;
    const y = chart.scales.y;
    if (!bands?.length || !x || !y) return;
    const ctx = chart.ctx;
    ctx.save();
    // Inside the plot, as chart.js keeps the lines: a drag step drawn on axes its values have
    // left (applySpec) shows them cut at the edge until the chart is laid out again.
    const area = chart.chartArea;
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    for (const b of bands) {
      ctx.fillStyle = b.colour;
      ctx.beginPath();
      b.upper.forEach((v, i) => (i === 0 ? ctx.moveTo(x.getPixelForValue(i), y.getPixelForValue(v)) : ctx.lineTo(x.getPixelForValue(i), y.getPixelForValue(v))));
      for (let i = b.lower.length - 1; i >= 0; i--) ctx.lineTo(x.getPixelForValue(i), y.getPixelForValue(b.lower[i]!));
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
  },
};

/** The spec's bands as areas: each band-outer/-inner series with the series it fills towards. */
export function bandAreas(spec: ChartSpec, theme: ChartTheme = palette): BandArea[] {
  const out: BandArea[] = [];
  for (const s of spec.series) {
    if (s.kind !== "band-outer" && s.kind !== "band-inner") continue;
    const lower = spec.series.find((x) => x.id === s.fillTo);
    if (!lower) continue;
    out.push({ upper: s.values.map((v) => v ?? NaN), lower: lower.values.map((v) => v ?? NaN), colour: s.kind === "band-outer" ? theme.band : theme.bandInner });
  }
  return out;
}

/** Lowest and highest value of the bands, so that the y axis includes the whole fan. */
function bandRange(bands: readonly BandArea[]): { min?: number; max?: number } {
  if (bands.length === 0) return {};
  let min = Infinity;
  let max = -Infinity;
  for (const b of bands) {
    for (const v of b.lower) if (v < min) min = v;
    for (const v of b.upper) if (v > max) max = v;
  }
  return Number.isFinite(min) && Number.isFinite(max) ? { min, max } : {};
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends import("chart.js").ChartType> {
    milestones?: { years?: readonly number[]; colour?: string };
  }
}

/** Counts chart draws and notes when the last one ended: scripts/bench-simulator.mjs reads both. */
export const drawCounterPlugin: Plugin<"line"> = {
  id: "drawCounter",
  afterDraw() {
    const w = globalThis as { __simDraws?: number; __simLastDraw?: number };
    w.__simDraws = (w.__simDraws ?? 0) + 1;
    w.__simLastDraw = performance.now();
  },
};

/** The year under the pointer, for the HTML tooltip. */
export type HoverHandler = (index: number | null, x: number, y: number) => void;

export function chartConfig(spec: ChartSpec, lang: Lang, onHover?: HoverHandler, theme: ChartTheme = palette): ChartConfiguration<"line", (number | null)[], string> {
  const range = bandRange(bandAreas(spec, theme));
  return {
    type: "line",
    data: { labels: spec.years.map(String), datasets: spec.series.filter((s) => !isBand(s)).map((s) => toDataset(s, theme)) },
    options: {
      // Repaint synchronously on every change: animation would spread a slider drag over frames.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      normalized: true,
      interaction: { mode: "index", intersect: false },
      // Room for the top tick label, which is centred on the chart area's top edge.
      layout: { padding: { top: 8, right: 4 } },
      events: ["mousemove", "mouseout", "touchstart", "touchmove", "click"],
      onHover: (event, elements: ActiveElement[]) => {
        const first = elements[0];
        onHover?.(first ? first.index : null, event.x ?? 0, event.y ?? 0);
      },
      scales: {
        // sampleSize: measure a few tick labels, not all, on every update.
        x: {
          type: "category",
          grid: { display: false },
          border: { color: theme.grid },
          ticks: { autoSkip: true, maxRotation: 0, sampleSize: 4, color: theme.tick },
        },
        y: {
          type: "linear",
          suggestedMin: range.min,
          suggestedMax: range.max,
          grid: { color: theme.grid },
          border: { color: theme.grid },
          // Every label is measured (no sampleSize): a sample can miss the widest one ("1,100"
          // among "900"s), and the axis is then too narrow and the label clipped at the edge.
          ticks: { callback: (v) => formatTick(Number(v), spec.unit, lang), color: theme.tick },
          title: { display: false },
        },
      },
      plugins: {
        milestones: { years: spec.milestones, colour: theme.milestone },
      },
    },
    plugins: [milestonePlugin, bandPlugin, drawCounterPlugin],
  };
}

let creationQueue: Promise<void> = Promise.resolve();

/** Resolves in a task of its own, after the charts created before it. */
export function nextCreationSlot(): Promise<void> {
  const slot = creationQueue.then(() => new Promise<void>((r) => setTimeout(r, 0)));
  creationQueue = slot;
  return slot;
}

/**
 * Whether two specs draw the same picture. A slider step rebuilds every spec, but most steps
 * change only some charts (growth does not move population): the others need no redraw.
 */
export function sameSpec(a: ChartSpec, b: ChartSpec): boolean {
  if (a === b) return true;
  if (a.id !== b.id || a.title !== b.title || a.unit !== b.unit || a.series.length !== b.series.length || a.years.length !== b.years.length) return false;
  for (let k = 0; k < a.series.length; k++) {
    const x = a.series[k]!;
    const y = b.series[k]!;
    if (x.id !== y.id || x.label !== y.label || x.kind !== y.kind || x.values.length !== y.values.length) return false;
    for (let i = 0; i < x.values.length; i++) if (x.values[i] !== y.values[i]) return false;
    if ((x.notes ?? []).join("\u0000") !== (y.notes ?? []).join("\u0000")) return false;
  }
  return true;
}

// The colours each chart was last drawn in.
const themeByChart = new WeakMap<Chart, ChartTheme>();
const themeOf = (chart: Chart<"line", (number | null)[], string>) => themeByChart.get(chart as unknown as Chart) ?? palette;

// chart.js's update() starts by throwing away every option it has resolved and merging the
// scale configuration again (Config.update), as if the options might have changed; resolving
// them all again was about a third of a slider step's redraw. A chart in this set has the
// options of its last update: its next update keeps what was resolved. applySpec takes a chart
// out of the set whenever it changes an option (or the datasets), and puts it back after.
const optionsUnchanged = new WeakSet<object>();
function keepResolvedOptions(chart: Chart<"line", (number | null)[], string>): void {
  const config = chart.config as unknown as { update(): void };
  const full = config.update.bind(config);
  config.update = () => {
    if (!optionsUnchanged.has(chart)) full();
  };
}

/** Creates the chart for a spec on a canvas, in the page's current colours. */
/** `theme`: the page's scheme by default; exported images pass the light palette. */
export function createChart(canvas: HTMLCanvasElement, spec: ChartSpec, lang: Lang, onHover?: HoverHandler, theme: ChartTheme = readTheme(canvas)): Chart<"line", (number | null)[], string> {
  const chart = new Chart(canvas, chartConfig(spec, lang, onHover, theme));
  keepResolvedOptions(chart);
  // Its options were resolved just now.
  optionsUnchanged.add(chart);
  themeByChart.set(chart as unknown as Chart, theme);
  bandsByChart.set(chart as unknown as Chart, bandAreas(spec, theme));
  // The first draw happened before the bands were known.
  if (bandsByChart.get(chart as unknown as Chart)!.length) chart.update("none");
  return chart;
}

// chart.js's members that quickRedraw uses (chart.js 4: not in its typings, stable since 3.0).
interface ChartInternals {
  getDatasetMeta(i: number): { controller: { buildOrUpdateElements(reset: boolean): void } };
  _updateDataset(i: number, mode: "none"): void;
  _drawDatasets(): void;
  notifyPlugins(hook: "afterDraw"): void;
}

/**
 * Redraws the chart for new data on the axes it already has, or returns false (and does
 * nothing) when a value falls outside them. chart.update() lays the whole chart out again
 * (scales, tick labels measured, boxes fitted) and resolves its options: more than half of a
 * slider step's redraw. During a drag the axes stay as they are while the values fit them (the
 * line moves against a still scale, which also reads better); when the gesture ends the chart
 * is laid out again (LineChart.svelte), so at rest it is exactly what a full update draws.
 * Only the datasets in `changed` are parsed and placed again (a step moves the scenario line;
 * targets, national and reference lines stay), and the drawing starts from the backdrop the
 * last full draw left (axes, grid, labels, milestones): the fan and the lines are drawn on it.
 */
function quickRedraw(
  chart: Chart<"line", (number | null)[], string>,
  bands: readonly BandArea[],
  changed: readonly number[],
  { beyondAxes = false, undrawn = false }: { beyondAxes?: boolean; undrawn?: boolean } = {},
): boolean {
  const y = chart.scales.y;
  const backdrop = backdrops.get(chart);
  // `undrawn`: laid out, its drawing still waiting for its turn (layoutThenDraw), so without a
  // backdrop: the whole chart is drawn, on that layout.
  if (!y || (!undrawn && (!backdrop || backdrop.width !== chart.canvas.width || backdrop.height !== chart.canvas.height))) return false;
  const { min, max } = y;
  const fits = (values: readonly (number | null)[]) => values.every((v) => v == null || Number.isNaN(v) || (v >= min && v <= max));
  if (!beyondAxes && (!changed.every((i) => fits(chart.data.datasets[i]!.data)) || !bands.every((b) => fits(b.upper) && fits(b.lower)))) return false;
  const c = chart as unknown as ChartInternals;
  // What update() does for the data alone: parse each changed dataset, place its points, draw.
  // Options are not resolved again: they have not changed (applySpec), and chart.js keeps the
  // ones it resolved for the dataset's elements.
  for (const i of changed) {
    c.getDatasetMeta(i).controller.buildOrUpdateElements(false);
    c._updateDataset(i, "none");
  }
  if (undrawn || !backdrop) {
    chart.draw();
    drawnQuick.add(chart);
    return true;
  }
  const ctx = chart.ctx;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalCompositeOperation = "copy";
  ctx.drawImage(backdrop, 0, 0);
  ctx.restore();
  fromBackdrop.add(chart);
  try {
    c._drawDatasets();
  } finally {
    fromBackdrop.delete(chart);
  }
  c.notifyPlugins("afterDraw");
  drawnQuick.add(chart);
  return true;
}

// chart.js's linear scale members that axesHold uses (chart.js 4: not in its typings).
interface LinearScaleInternals {
  min: number;
  max: number;
  start: number;
  end: number;
  ticks: { value: number }[];
  _range?: { min: number; max: number };
  _suggestedMin: number | null;
  _suggestedMax: number | null;
  options: { grace?: unknown; bounds?: string };
  parse(raw: unknown): number | null;
  determineDataLimits(): void;
  buildTicks(): { value: number }[];
}

/** Charts whose picture is a quick redraw on the axes of an earlier layout (quickRedraw). */
const drawnQuick = new WeakSet<object>();

/**
 * Whether laying the chart out for the values it holds would give the y axis it has: the same
 * bounds and ticks, from the same steps chart.js takes (data limits, then nice ticks; no grace,
 * the axis ending on ticks, which are chart.js's defaults and this chart's options). Then the
 * picture a quick redraw left is the one a full update draws, and the gesture's end needs no
 * layout (at 4× CPU on a phone with 3 pixels per point, one was a task of about 60 ms). The
 * scale is left as it was. The suggested bounds are the options' now, not the ones the scale
 * read at its last layout: a fan that arrived during the drag wrote its range to the options
 * after a layout had widened the axes (widenForDrag), and the scale's own would keep them wide.
 */
function axesHold(chart: Chart<"line", (number | null)[], string>): boolean {
  const y = chart.scales.y as unknown as LinearScaleInternals | undefined;
  const options = chart.options.scales?.y as { suggestedMin?: number; suggestedMax?: number } | undefined;
  if (!y || !options || y.options.grace || y.options.bounds !== "ticks") return false;
  const kept = { min: y.min, max: y.max, start: y.start, end: y.end, _range: y._range, ticks: y.ticks, _suggestedMin: y._suggestedMin, _suggestedMax: y._suggestedMax };
  try {
    y._suggestedMin = y.parse(options.suggestedMin);
    y._suggestedMax = y.parse(options.suggestedMax);
    y.determineDataLimits();
    y._range = { min: y.min, max: y.max };
    const ticks = y.buildTicks();
    return y.min === kept.min && y.max === kept.max && ticks.length === kept.ticks.length && ticks.every((t, i) => t.value === kept.ticks[i]!.value);
  } finally {
    Object.assign(y, kept);
  }
}

/** Whether two value arrays hold the same numbers (a slider step builds new arrays for every series). */
function sameValues(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

/**
 * Updates a live chart in place: datasets are matched by series id, so unchanged series keep
 * their elements and a slider step only swaps the data arrays; options are rebuilt only when
 * the language or unit changed. With `quick` (a slider drag in progress), new values that fit
 * the current axes are drawn without laying the chart out again (quickRedraw); returns whether
 * that happened, i.e. whether a full update is still owed once the gesture ends.
 */
export function applySpec(
  chart: Chart<"line", (number | null)[], string>,
  spec: ChartSpec,
  lang: Lang,
  onHover?: HoverHandler,
  optionsChanged = true,
  quick = false,
): boolean {
  // This update draws (or keeps) the picture: a drawing still waiting from the last one is not
  // needed, nor a layout for values that left the axes (but see the drag's steps below).
  const undrawn = drawLater.delete(chart);
  const widenWaiting = widenOwed.delete(chart);
  const lines = spec.series.filter((s) => !isBand(s));
  const old = chart.data.datasets as LineDataset[];
  const sameShape = old.length === lines.length && old.every((d, i) => d.seriesId === lines[i]!.id);
  const changed: number[] = [];
  if (sameShape) {
    old.forEach((d, i) => {
      const n = lines[i]!;
      if (!sameValues(d.data, n.values)) {
        // In place: a new array makes chart.js unhook the old one and hook its push, splice
        // and the rest on the new one, on every step of a drag.
        if (d.data.length === n.values.length) for (let k = 0; k < n.values.length; k++) d.data[k] = n.values[k] ?? null;
        else d.data = [...n.values];
        changed.push(i);
      }
      d.label = n.label;
      d.notes = n.notes;
    });
  } else {
    chart.data.datasets = lines.map((s) => toDataset(s, themeOf(chart)));
  }
  const labelsKept = chart.data.labels?.length === spec.years.length;
  if (!labelsKept) chart.data.labels = spec.years.map(String);
  const bands = bandAreas(spec, themeOf(chart));
  bandsByChart.set(chart as unknown as Chart, bands);
  if (optionsChanged) chart.options = chartConfig(spec, lang, onHover, themeOf(chart)).options!;
  const range = bandRange(bands);
  const y = chart.options.scales?.y as { suggestedMin?: number; suggestedMax?: number } | undefined;
  const rangeChanged = y != null && (y.suggestedMin !== range.min || y.suggestedMax !== range.max);
  if (y) {
    y.suggestedMin = range.min;
    y.suggestedMax = range.max;
  }
  // A new range needs no resolving again: the suggested bounds written above go through
  // chart.js's option resolver to the scale, which reads them at its next layout.
  if (optionsChanged || !sameShape) optionsUnchanged.delete(chart);
  // The layout a drag owes (quick redraws on kept axes) when the values ended where those axes
  // are the ones they get anyway.
  const owed = drawnQuick.has(chart);
  drawnQuick.delete(chart);
  if (!quick && owed && sameShape && labelsKept && !optionsChanged && !rangeChanged && changed.length === 0 && axesHold(chart)) return false;
  // A new fan (a quick Monte Carlo run arriving during the drag) is drawn the same way when it
  // fits: its range goes into the options above, for the layout at the gesture's end.
  if (quick && sameShape && labelsKept && !optionsChanged) {
    // (Only the changed lines are checked against the axes: the others fitted them when drawn,
    // unless a layout is still owed for them.)
    if (!widenWaiting && quickRedraw(chart, bands, changed, { undrawn })) return true;
    // The values left the axes. The layout that widens them (below) took the step's task past
    // 50 ms on a phone at 4× CPU: this step draws on the axes it has, its values cut at the
    // plot's edge, and the layout follows in a task of its own, before the next frame when
    // there is time. An update that comes before it lays the chart out at once.
    if (y && !widenWaiting && !undrawn && quickRedraw(chart, bands, changed, { beyondAxes: true })) {
      widenOwed.add(chart);
      drawNextTurn(placeIn(widenTurns, chart), () => {
        if (!widenOwed.delete(chart) || !chart.ctx) return;
        const axis = chart.options.scales?.y as { suggestedMin?: number; suggestedMax?: number } | undefined;
        // Laid out here, drawn in a turn after (about half each); a step before that draws it.
        if (axis && widenForDrag(chart, axis, bandsByChart.get(chart as unknown as Chart) ?? [])) layoutThenDraw(chart);
      });
      return true;
    }
    // The values left the axes: a full layout, which is the longest step of a drag on a slow
    // phone (over 50 ms with the rest of the frame). Laid out with room beyond the values on the
    // side they left by, the next steps of the same drag fit again and draw quickly; the
    // gesture's end fits the axes to the values, as always.
    if (y && widenForDrag(chart, y, bands)) {
      chart.update("none");
      optionsUnchanged.add(chart);
      return true;
    }
  }
  layoutThenDraw(chart);
  optionsUnchanged.add(chart);
  return false;
}

/** Charts drawn on axes their values have left, whose layout waits for a turn of its own (applySpec). */
const widenOwed = new WeakSet<object>();
/** Each chart's place in chart-queue's line for that layout. */
const widenTurns = new WeakMap<object, object>();

/** Share of the values' span added beyond them when a drag pushes them off the axes. */
export const DRAG_HEADROOM = 0.25;

/**
 * Sets the y axis's suggested bounds to the values (lines and fan) plus DRAG_HEADROOM of their
 * span on each side where a value fell outside the current axes (a side the values stay within
 * keeps its bound). False when the chart has no laid-out axis or the values no span.
 */
function widenForDrag(chart: Chart<"line", (number | null)[], string>, y: { suggestedMin?: number; suggestedMax?: number }, bands: readonly BandArea[]): boolean {
  const scale = chart.scales.y;
  if (!scale) return false;
  let lo = Infinity;
  let hi = -Infinity;
  const take = (values: readonly (number | null)[]) => {
    for (const v of values) {
      if (v == null || Number.isNaN(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  };
  for (const d of chart.data.datasets) take(d.data);
  for (const b of bands) {
    take(b.lower);
    take(b.upper);
  }
  const span = hi - lo;
  if (!Number.isFinite(span) || span <= 0) return false;
  const room = span * DRAG_HEADROOM;
  if (hi > scale.max) y.suggestedMax = hi + room;
  else y.suggestedMax = Math.max(y.suggestedMax ?? -Infinity, scale.max);
  if (lo < scale.min) y.suggestedMin = lo >= 0 ? Math.max(0, lo - room) : lo - room;
  else y.suggestedMin = Math.min(y.suggestedMin ?? Infinity, scale.min);
  return true;
}

/**
 * Redraws a live chart in the page's current colours (after a change of colour scheme): the
 * datasets, axes and bands take the new tokens; the data stay as they are.
 */
export function restyleChart(chart: Chart<"line", (number | null)[], string>, spec: ChartSpec, lang: Lang, onHover?: HoverHandler): void {
  const theme = readTheme(chart.canvas);
  themeByChart.set(chart as unknown as Chart, theme);
  chart.data.datasets = spec.series.filter((s) => !isBand(s)).map((s) => toDataset(s, theme));
  applySpec(chart, spec, lang, onHover, true);
}

