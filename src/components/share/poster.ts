// The share poster: a 1080×1350 PNG (the 4:5 portrait that WeChat Moments and Weibo show
// uncropped) with the sharer's title and note, the chart (the same figure as an exported chart
// PNG: title, unit, legend, source, drawn from the page's chart description), the key
// 2025/2035 figures, the QR code and the link.
import type { ChartSpec } from "../simulator/chart-specs";
import { EXPORT_INK, figureCanvas } from "./figure";
import { shareStrings, type ShareLang } from "./share-strings";
import { wrapLines } from "../../lib/share/line-break";

export const POSTER_WIDTH = 1080;
export const POSTER_HEIGHT = 1350;

/** One row of the poster's table; values arrive formatted, with their units. */
export interface KeyFigure {
  label: string;
  value2025: string;
  value2035: string;
}

export interface PosterInput {
  lang: ShareLang;
  url: string;
  qr: readonly (readonly boolean[])[] | null;
  title: string | null;
  note: string | null;
  figures: readonly KeyFigure[];
  /** e.g. "地区生产总值按2020年不变价" — printed under the table. */
  figuresNote?: string | undefined;
  /** The chart to draw, as the page describes it, and the address printed under it. */
  chart: { spec: ChartSpec; site: string } | null;
}

export async function drawPoster(input: PosterInput): Promise<HTMLCanvasElement> {
  const s = shareStrings[input.lang];
  // Light whatever the page's scheme: the poster is saved and forwarded (figure.ts).
  const c = EXPORT_INK;
  // The page's font stack: the CJK system font the reader already sees on the page.
  const family = getComputedStyle(document.body).fontFamily || "sans-serif";
  await document.fonts?.ready;

  const canvas = document.createElement("canvas");
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("canvas 2D is not available");
  const font = (px: number, weight = 400) => `${weight} ${px}px ${family}`;
  const measure = (t: string) => ctx.measureText(t).width;
  const pad = 72;
  const inner = POSTER_WIDTH - 2 * pad;

  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  ctx.fillStyle = c.accent;
  ctx.fillRect(0, 0, POSTER_WIDTH, 16);
  ctx.textBaseline = "alphabetic";

  // The sharer's title leads; the site's name becomes the line above it. Without a title the
  // poster is headed by the simulator's name and the plan's.
  let y = pad + 40;
  ctx.fillStyle = c.muted;
  ctx.font = font(26);
  ctx.fillText(wrapLines(input.title ? s.posterTitle : s.posterSubtitle, inner, measure, 1)[0] ?? "", pad, y);
  y += 16;
  ctx.fillStyle = c.text;
  ctx.font = font(input.title ? 52 : 60, 700);
  for (const line of wrapLines(input.title ?? s.posterTitle, inner, measure, 3)) {
    y += input.title ? 64 : 72;
    ctx.fillText(line, pad, y);
  }
  y += 12;
  if (input.note) {
    ctx.fillStyle = c.text;
    ctx.font = font(28);
    // Keep the note's own line breaks; three lines at most in all.
    const noteLines = input.note.split("\n").flatMap((para) => wrapLines(para, inner, measure));
    const shown = noteLines.length > 3 ? wrapLines(noteLines.slice(2).join(" "), inner, measure, 1) : [];
    for (const line of noteLines.length > 3 ? [...noteLines.slice(0, 2), ...shown] : noteLines) {
      y += 40;
      ctx.fillText(line, pad, y);
    }
    y += 12;
  }

  // Bottom block (QR + link) is fixed; the table sits above it; the chart takes what is left.
  const qrSize = 240;
  const bottomTop = POSTER_HEIGHT - pad - qrSize - 44;
  const rows = input.figures.slice(0, 5);
  const rowH = 50;
  const tableH = rows.length ? rowH * (rows.length + 1) + (input.figuresNote ? 40 : 0) + 16 : 0;
  const tableTop = bottomTop - 32 - tableH;

  const chartTop = y + 24;
  const chartMaxH = tableTop - 24 - chartTop;
  if (input.chart && chartMaxH > 160) {
    // The figure is laid out at 1/1.5 of its size on the poster, so its text reads at poster scale.
    const figure = await figureCanvas(input.chart.spec, input.lang, input.chart.site, inner / 1.5, chartMaxH / 1.5, 1.5);
    ctx.drawImage(figure, pad, chartTop, inner, chartMaxH);
    ctx.strokeStyle = c.border;
    ctx.lineWidth = 2;
    ctx.strokeRect(pad, chartTop, inner, chartMaxH);
  }

  if (rows.length) {
    // Two right-aligned value columns of 200 px; the label (with its unit and price basis,
    // e.g. "地区生产总值（亿元，2020年不变价）") gets the rest.
    const colB = pad + inner;
    const colA = colB - 210;
    const labelW = colA - 200 - 16 - pad;
    let ty = tableTop + 36;
    ctx.font = font(26, 700);
    ctx.fillStyle = c.muted;
    ctx.textAlign = "right";
    ctx.fillText(s.posterYearA, colA, ty);
    ctx.fillText(s.posterYearB, colB, ty);
    ctx.textAlign = "left";
    ctx.strokeStyle = c.border;
    ctx.lineWidth = 2;
    for (const row of rows) {
      ctx.beginPath();
      ctx.moveTo(pad, ty + 14);
      ctx.lineTo(pad + inner, ty + 14);
      ctx.stroke();
      ty += rowH;
      ctx.fillStyle = c.text;
      ctx.font = font(26);
      ctx.fillText(wrapLines(row.label, labelW, measure, 1)[0] ?? "", pad, ty);
      ctx.font = font(28, 700);
      ctx.textAlign = "right";
      ctx.fillText(row.value2025, colA, ty);
      ctx.fillText(row.value2035, colB, ty);
      ctx.textAlign = "left";
    }
    if (input.figuresNote) {
      ctx.fillStyle = c.muted;
      ctx.font = font(22);
      ctx.fillText(wrapLines(input.figuresNote, inner, measure, 1)[0] ?? "", pad, ty + 40);
    }
  }

  // The QR code is always dark on white with a quiet zone: scanners expect that polarity.
  const qrTop = bottomTop;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(pad, qrTop, qrSize, qrSize);
  if (input.qr && input.qr.length) {
    const n = input.qr.length;
    const module = Math.floor((qrSize - 24) / n) || 1;
    const offset = Math.round((qrSize - module * n) / 2);
    ctx.fillStyle = "#000000";
    // One path of row runs, filled once: a fillRect per module (a thousand of them) cost more
    // than the rest of the poster's vector drawing together.
    ctx.beginPath();
    input.qr.forEach((row, ry) => {
      for (let rx = 0; rx < row.length; rx++) {
        if (!row[rx]) continue;
        const start = rx;
        while (rx + 1 < row.length && row[rx + 1]) rx++;
        ctx.rect(pad + offset + start * module, qrTop + offset + ry * module, (rx - start + 1) * module, module);
      }
    });
    ctx.fill();
  }
  ctx.fillStyle = c.muted;
  ctx.font = font(24);
  ctx.textAlign = "center";
  ctx.fillText(s.posterScan, pad + qrSize / 2, qrTop + qrSize + 36);
  ctx.textAlign = "left";

  const textX = pad + qrSize + 40;
  const textW = POSTER_WIDTH - pad - textX;
  ctx.fillStyle = c.text;
  ctx.font = font(26);
  let ly = qrTop + 40;
  for (const line of wrapLines(input.url, textW, measure, 6)) {
    ctx.fillText(line, textX, ly);
    ly += 36;
  }

  return canvas;
}
