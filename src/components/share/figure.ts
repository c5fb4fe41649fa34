// A chart as a picture that explains itself, for the exported PNG and the share poster: the
// chart's title with its unit and price basis, the legend, the plot, the source line and the
// site's address, at 2× pixel density. Drawn from the same chart description as the page
// (ChartSpec from chart-specs.ts) with the same chart.js configuration (charts.ts), in the
// light scheme's colours whatever the reader's scheme (EXPORT_INK, and the chart palette of
// chart-specs.ts), so a saved or forwarded image reads the same on any background.
import type { ChartSpec } from "../simulator/chart-specs";
import { chartHeading, palette, seriesColour, seriesStroke } from "../simulator/chart-specs";
import { wrapLines } from "../../lib/share/line-break";
import { shareStrings, type ShareLang } from "./share-strings";

/**
 * The colours of exported images (chart PNG, poster): the light scheme of
 * src/styles/tokens.css, never the page's current scheme.
 */
export const EXPORT_INK = {
  paper: "#ffffff",
  bg: "#fdfcf9",
  surface: "#f5f1e8",
  text: "#1c1b19",
  muted: "#57534b",
  accent: "#9e1b1b",
  border: "#d9d2c3",
} as const;

export interface FigureText {
  /** "地区生产总值（2020年不变价）（亿元）" */
  title: string;
  legend: { label: string; colour: string; dash: readonly number[]; width: number; marker: boolean }[];
  source: string;
  site: string;
}

/** Everything the figure writes, from the spec (pure: the tests read it). */
export function figureText(spec: ChartSpec, lang: ShareLang, site: string): FigureText {
  const s = shareStrings[lang];
  const legend = spec.series
    .filter((x) => !x.auxiliary && x.values.some((v) => v != null))
    .map((x) => {
      const band = x.kind === "band-outer" || x.kind === "band-inner";
      const marker = !band && x.values.every((v, i) => v == null || (x.values[i - 1] == null && x.values[i + 1] == null));
      const colour = band ? (x.kind === "band-outer" ? palette.band : palette.bandInner) : seriesColour(x, palette);
      return { label: x.label, colour, dash: band ? [] : seriesStroke(x.kind).dash, width: band ? 10 : seriesStroke(x.kind).width, marker };
    });
  return { title: chartHeading(spec, lang), legend, source: s.figureSource, site };
}

/** Where the figure says it comes from: the site's configured address and the simulator. */
export function siteAddress(): string {
  const site = (import.meta.env?.SITE as string | undefined) ?? (typeof location === "undefined" ? "" : location.origin);
  try {
    return `${new URL(site).host}/simulate/`;
  } catch {
    return "/simulate/";
  }
}

export const FIGURE_WIDTH = 720;
export const FIGURE_HEIGHT = 520;
export const FIGURE_SCALE = 2;

/**
 * Draws the figure into ctx (in CSS pixels; the caller scales for density) within the box, and
 * returns nothing: the plot comes from chart.js on a hidden canvas, the text from figureText.
 */
export async function drawFigure(
  ctx: CanvasRenderingContext2D,
  spec: ChartSpec,
  lang: ShareLang,
  site: string,
  box: { x: number; y: number; width: number; height: number },
  scale: number,
): Promise<void> {
  const text = figureText(spec, lang, site);
  const family = getComputedStyle(document.body).fontFamily || "sans-serif";
  const font = (px: number, weight = 400) => `${weight} ${px}px ${family}`;
  const measure = (t: string) => ctx.measureText(t).width;
  const pad = 16;
  const inner = box.width - 2 * pad;
  let y = box.y + pad;

  ctx.save();
  ctx.fillStyle = EXPORT_INK.paper;
  ctx.fillRect(box.x, box.y, box.width, box.height);
  ctx.textBaseline = "alphabetic";
  ctx.textAlign = "left";

  ctx.fillStyle = EXPORT_INK.text;
  ctx.font = font(20, 700);
  for (const line of wrapLines(text.title, inner, measure, 2)) {
    y += 24;
    ctx.fillText(line, box.x + pad, y);
  }
  y += 10;

  // Legend: swatch and label per series, flowing into rows.
  ctx.font = font(13);
  let lx = box.x + pad;
  y += 16;
  for (const item of text.legend) {
    const w = 26 + 6 + measure(item.label) + 16;
    if (lx + w > box.x + pad + inner && lx > box.x + pad) {
      lx = box.x + pad;
      y += 20;
    }
    ctx.strokeStyle = item.colour;
    ctx.fillStyle = item.colour;
    if (item.marker) {
      ctx.beginPath();
      ctx.arc(lx + 13, y - 5, 4, 0, 2 * Math.PI);
      ctx.fill();
    } else {
      ctx.lineWidth = item.width;
      ctx.setLineDash([...item.dash]);
      ctx.beginPath();
      ctx.moveTo(lx, y - 5);
      ctx.lineTo(lx + 26, y - 5);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.fillStyle = EXPORT_INK.text;
    ctx.fillText(item.label, lx + 32, y);
    lx += w;
  }
  y += 10;

  const footH = 44;
  const plotH = box.y + box.height - footH - y;
  const plot = await plotImage(spec, lang, Math.round(inner), Math.max(120, Math.round(plotH)), scale);
  ctx.drawImage(plot, box.x + pad, y, inner, Math.max(120, plotH));

  ctx.fillStyle = EXPORT_INK.muted;
  ctx.font = font(12);
  const source = wrapLines(text.source, inner, measure, 1)[0] ?? "";
  ctx.fillText(source, box.x + pad, box.y + box.height - footH + 18);
  ctx.fillText(text.site, box.x + pad, box.y + box.height - footH + 36);
  ctx.restore();
}

/** The plot alone, drawn by chart.js exactly as the page configures it, at `scale` density. */
async function plotImage(spec: ChartSpec, lang: ShareLang, width: number, height: number, scale: number): Promise<HTMLCanvasElement> {
  const charts = await import("../simulator/charts");
  // chart.js lays out a chart only once its canvas is in the document: a hidden, fixed-size box.
  const host = document.createElement("div");
  host.setAttribute("aria-hidden", "true");
  host.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px;visibility:hidden;pointer-events:none;color-scheme:light`;
  const canvas = document.createElement("canvas");
  host.append(canvas);
  document.body.append(host);
  try {
    // Drawn once, at its size and density from the start (its box is already that size):
    // setting the density afterwards and resizing drew the chart three times.
    const defaults = charts.Chart.defaults;
    const density = defaults.devicePixelRatio;
    defaults.devicePixelRatio = scale;
    let chart: ReturnType<typeof charts.createChart>;
    try {
      chart = charts.createChart(canvas, spec, lang, undefined, palette);
    } finally {
      defaults.devicePixelRatio = density;
    }
    const out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height;
    out.getContext("2d")?.drawImage(canvas, 0, 0);
    chart.destroy();
    return out;
  } finally {
    host.remove();
  }
}

/** The figure on a canvas of width × height CSS pixels at `scale` device pixels each. */
export async function figureCanvas(spec: ChartSpec, lang: ShareLang, site: string, width: number, height: number, scale: number): Promise<HTMLCanvasElement> {
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("canvas 2D is not available");
  await document.fonts?.ready;
  ctx.scale(scale, scale);
  await drawFigure(ctx, spec, lang, site, { x: 0, y: 0, width, height }, scale);
  return canvas;
}

/** The exported chart PNG (a data URL): title, legend, plot, source and site, at 2×. */
export async function exportFigure(spec: ChartSpec, lang: ShareLang, site: string): Promise<string> {
  return (await figureCanvas(spec, lang, site, FIGURE_WIDTH, FIGURE_HEIGHT, FIGURE_SCALE)).toDataURL("image/png");
}
