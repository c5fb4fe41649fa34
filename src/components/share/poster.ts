// The share poster: a 1080×1350 PNG (the 4:5 portrait that WeChat Moments and Weibo show
// uncropped) with the chart, the key 2025/2035 figures, the QR code and the link. Drawn in the
// page's colours and fonts, so the chart (drawn by Chart.js in those colours) stays legible.
import { shareStrings, type ShareLang } from "./share-strings";
import { wrapLines } from "./share-helpers";

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
  chart: CanvasImageSource | null;
}

interface Palette {
  bg: string;
  surface: string;
  text: string;
  muted: string;
  accent: string;
  border: string;
}

function palette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bg: v("--color-bg", "#fdfcf9"),
    surface: v("--color-surface", "#f5f1e8"),
    text: v("--color-text", "#1c1b19"),
    muted: v("--color-muted", "#57534b"),
    accent: v("--color-accent", "#9e1b1b"),
    border: v("--color-border", "#d9d2c3"),
  };
}

/** Loads a data: or blob: image URL for drawing. */
export function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("chart image could not be loaded"));
    img.src = src;
  });
}

function sourceSize(img: CanvasImageSource): { w: number; h: number } | null {
  if (img instanceof HTMLCanvasElement) return { w: img.width, h: img.height };
  if (img instanceof HTMLImageElement) return { w: img.naturalWidth, h: img.naturalHeight };
  if (typeof ImageBitmap !== "undefined" && img instanceof ImageBitmap) return { w: img.width, h: img.height };
  return null;
}

export async function drawPoster(input: PosterInput): Promise<Blob> {
  const s = shareStrings[input.lang];
  const c = palette();
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

  let y = pad + 56;
  ctx.fillStyle = c.text;
  ctx.font = font(60, 700);
  for (const line of wrapLines(s.posterTitle, inner, measure, 2)) {
    ctx.fillText(line, pad, y);
    y += 72;
  }
  ctx.fillStyle = c.muted;
  ctx.font = font(26);
  for (const line of wrapLines(s.posterSubtitle, inner, measure, 2)) {
    ctx.fillText(line, pad, y - 20);
    y += 36;
  }
  y += 8;

  if (input.title) {
    ctx.fillStyle = c.accent;
    ctx.font = font(40, 700);
    for (const line of wrapLines(input.title, inner, measure, 2)) {
      y += 48;
      ctx.fillText(line, pad, y);
    }
    y += 12;
  }
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
  const size = input.chart ? sourceSize(input.chart) : null;
  if (input.chart && size && size.w > 0 && size.h > 0 && chartMaxH > 120) {
    const scale = Math.min((inner - 32) / size.w, (chartMaxH - 32) / size.h);
    const w = size.w * scale;
    const h = size.h * scale;
    // The panel hugs the chart, centred in the space left for it.
    const panelTop = chartTop + (chartMaxH - h - 32) / 2;
    ctx.fillStyle = c.surface;
    ctx.fillRect(pad, panelTop, inner, h + 32);
    ctx.drawImage(input.chart, pad + (inner - w) / 2, panelTop + 16, w, h);
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
    input.qr.forEach((row, ry) =>
      row.forEach((dark, rx) => {
        if (dark) ctx.fillRect(pad + offset + rx * module, qrTop + offset + ry * module, module, module);
      }),
    );
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

  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the PNG could not be encoded"))), "image/png"),
  );
}
