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
import { formatWithUnit, type Unit } from "./format";
import type { Lang } from "./i18n";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale);

// For the browser tests and the benchmark: read what a canvas draws (chart.js's own instance).
(globalThis as { __simGetChart?: (c: HTMLCanvasElement) => Chart | undefined }).__simGetChart = (c) => Chart.getChart(c);

export { Chart };

/** What a line on a chart stands for; decides its style. */
export type SeriesKind = "scenario" | "pin" | "target" | "national" | "reference" | "reported" | "band-outer" | "band-inner" | "band-base";

export interface ChartSeries {
  /** Stable across updates, so the chart reuses its elements instead of rebuilding them. */
  id: string;
  label: string;
  kind: SeriesKind;
  /** One value per year of the chart's axis; null where there is none. */
  values: (number | null)[];
  /** Index of the pin (0–3) for colour; the current scenario has none. */
  pinIndex?: number;
  /** For reported outcomes: the source of each point, shown on hover. */
  notes?: (string | null)[];
  /** Bands fill towards the series with this id. */
  fillTo?: string;
  /** Hidden from the legend and the data table (band edges). */
  auxiliary?: boolean;
}

export interface ChartSpec {
  id: string;
  title: string;
  unit: Unit;
  years: readonly number[];
  series: ChartSeries[];
  /** Years with a vertical marker (2025, 2035). */
  milestones: readonly number[];
}

// Colours checked for 3:1 contrast against white (WCAG non-text contrast).
export const palette = {
  scenario: "#1f5fa8",
  pins: ["#b3541e", "#2e7d32", "#7b1fa2", "#5d4037"],
  target: "#c62828",
  national: "#616161",
  reference: "#757575",
  reported: "#111111",
  band: "rgba(31, 95, 168, 0.14)",
  bandInner: "rgba(31, 95, 168, 0.24)",
} as const;

function colourOf(s: ChartSeries): string {
  switch (s.kind) {
    case "scenario":
      return palette.scenario;
    case "pin":
      return palette.pins[(s.pinIndex ?? 0) % palette.pins.length]!;
    case "target":
      return palette.target;
    case "national":
      return palette.national;
    case "reference":
      return palette.reference;
    case "reported":
      return palette.reported;
    default:
      return "rgba(0,0,0,0)";
  }
}

export type LineDataset = ChartDataset<"line", (number | null)[]> & {
  notes?: (string | null)[];
  seriesId: string;
  auxiliary?: boolean;
  /** Index of the dataset this band is filled towards (drawn by bandPlugin). */
  bandTo?: number;
  bandColour?: string;
};

/** The chart.js dataset for a series; `indexOf` resolves band fills to dataset indices. */
export function toDataset(s: ChartSeries, indexOf: (id: string) => number): LineDataset {
  const colour = colourOf(s);
  const base: LineDataset = {
    seriesId: s.id,
    label: s.label,
    data: s.values,
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
      return { ...base, borderDash: [2, 3], borderWidth: 2, pointRadius: (c) => (s.values[c.dataIndex] != null && isLonePoint(s.values, c.dataIndex) ? 6 : 0), pointStyle: "triangle", order: 2 };
    case "national":
      return { ...base, borderDash: [8, 4], borderWidth: 2, order: 3 };
    case "reference":
      return { ...base, borderDash: [1, 4], borderWidth: 1.5, order: 4 };
    case "reported":
      return { ...base, showLine: false, pointRadius: 4, pointHoverRadius: 6, pointStyle: "rectRot", notes: s.notes, order: 0 };
    case "band-outer":
    case "band-inner": {
      const to = s.fillTo ? indexOf(s.fillTo) : -1;
      return {
        ...base,
        borderColor: "rgba(0,0,0,0)",
        borderWidth: 0,
        pointHoverRadius: 0,
        backgroundColor: s.kind === "band-outer" ? palette.band : palette.bandInner,
        bandColour: s.kind === "band-outer" ? palette.band : palette.bandInner,
        bandTo: to >= 0 ? to : undefined,
        order: 5,
      };
    }
    case "band-base":
      return { ...base, borderColor: "rgba(0,0,0,0)", borderWidth: 0, pointHoverRadius: 0, order: 5 };
  }
}

function isLonePoint(values: readonly (number | null)[], i: number): boolean {
  return values[i - 1] == null && values[i + 1] == null;
}

/** Vertical dashed lines at the milestone years, drawn under the data. */
export const milestonePlugin: Plugin<"line", { years?: readonly number[]; colour?: string }> = {
  id: "milestones",
  beforeDatasetsDraw(chart, _args, opts) {
    const x = chart.scales.x;
    const area = chart.chartArea;
    if (!x || !opts.years) return;
    const labels = chart.data.labels ?? [];
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = opts.colour ?? "#9e9e9e";
    ctx.fillStyle = opts.colour ?? "#616161";
    ctx.setLineDash([4, 4]);
    ctx.lineWidth = 1;
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "center";
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
  },
};

/** Fills each band dataset towards its partner: the Monte Carlo fan, under the lines. */
export const bandPlugin: Plugin<"line"> = {
  id: "bands",
  beforeDatasetsDraw(chart) {
    const ctx = chart.ctx;
    const sets = chart.data.datasets as LineDataset[];
    sets.forEach((ds, i) => {
      if (ds.bandTo == null || !chart.isDatasetVisible(i)) return;
      const upper = chart.getDatasetMeta(i).data;
      const lower = chart.getDatasetMeta(ds.bandTo).data;
      if (upper.length === 0 || upper.length !== lower.length) return;
      ctx.save();
      ctx.fillStyle = ds.bandColour ?? "rgba(0,0,0,0.1)";
      ctx.beginPath();
      upper.forEach((p, k) => (k === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
      for (let k = lower.length - 1; k >= 0; k--) ctx.lineTo(lower[k]!.x, lower[k]!.y);
      ctx.closePath();
      ctx.fill();
      ctx.restore();
    });
  },
};

declare module "chart.js" {
  interface PluginOptionsByType<TType extends import("chart.js").ChartType> {
    milestones?: { years?: readonly number[]; colour?: string };
  }
}

/** Counts drawn frames; the benchmark reads it to time slider → repaint. */
export const drawCounterPlugin: Plugin<"line"> = {
  id: "drawCounter",
  afterDraw(chart) {
    const w = globalThis as { __simDraws?: number };
    w.__simDraws = (w.__simDraws ?? 0) + 1;
    void chart;
  },
};

/** The year under the pointer, for the HTML tooltip. */
export type HoverHandler = (index: number | null, x: number, y: number) => void;

export function chartConfig(spec: ChartSpec, lang: Lang, onHover?: HoverHandler): ChartConfiguration<"line", (number | null)[], string> {
  const ids = spec.series.map((s) => s.id);
  const indexOf = (id: string) => ids.indexOf(id);
  return {
    type: "line",
    data: { labels: spec.years.map(String), datasets: spec.series.map((s) => toDataset(s, indexOf)) },
    options: {
      // Repaint synchronously on every change: animation would spread a slider drag over frames.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      normalized: true,
      interaction: { mode: "index", intersect: false },
      events: ["mousemove", "mouseout", "touchstart", "touchmove", "click"],
      onHover: (event, elements: ActiveElement[]) => {
        const first = elements[0];
        onHover?.(first ? first.index : null, event.x ?? 0, event.y ?? 0);
      },
      scales: {
        x: { type: "category", grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } },
        y: {
          type: "linear",
          ticks: { callback: (v) => formatWithUnit(Number(v), spec.unit, lang) },
          title: { display: false },
        },
      },
      plugins: {
        milestones: { years: spec.milestones },
      },
    },
    plugins: [milestonePlugin, bandPlugin, drawCounterPlugin],
  };
}

/**
 * Updates a live chart in place: datasets are matched by series id, so unchanged series keep
 * their elements and a slider step only swaps the data arrays.
 */
export function applySpec(chart: Chart<"line", (number | null)[], string>, spec: ChartSpec, lang: Lang, onHover?: HoverHandler, optionsChanged = true): void {
  const next = chartConfig(spec, lang, onHover);
  const old = chart.data.datasets as LineDataset[];
  const nextSets = next.data.datasets as LineDataset[];
  const sameShape = old.length === nextSets.length && old.every((d, i) => d.seriesId === nextSets[i]!.seriesId);
  if (sameShape) {
    old.forEach((d, i) => {
      const n = nextSets[i]!;
      d.data = n.data;
      d.label = n.label;
      d.notes = n.notes;
      d.bandTo = n.bandTo;
    });
  } else {
    chart.data.datasets = nextSets;
  }
  const labels = next.data.labels as string[];
  if (chart.data.labels?.length !== labels.length) chart.data.labels = labels;
  // Options are resolved again only when they change (language, unit); a slider step keeps them.
  if (optionsChanged) chart.options = next.options!;
  chart.update("none");
}
