// A small raster canvas: anti-aliased path fill (text, areas, rounded rects) and
// anti-aliased strokes (chart lines, solid or dashed). Pure TypeScript, no DOM, no WASM, so it
// runs in a Pages Function.
//
// Fills use signed-area accumulation (the technique of font-rs / stb_truetype 2): every edge
// adds its exact covered area to a buffer, a running sum along each row gives the winding-
// weighted coverage, and |sum| clamped to 1 gives non-zero-winding fill with analytic
// anti-aliasing in both directions. Strokes use a distance field: a pixel's coverage is how far
// its centre lies inside the stroke's half-width, the maximum over the stroke's segments, which
// gives round joins and caps and never double-blends where segments meet.

import { OgRenderError } from "./errors";
import { rasterKernels, WASM_BAND_CELLS, type RasterKernels } from "./wasm";

export type Rgb = readonly [number, number, number];

export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  quadTo(cx: number, cy: number, x: number, y: number): void;
  cubicTo(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): void;
  close(): void;
}

// Maximum distance, in px, between a curve and the lines that replace it.
const FLATTEN_TOLERANCE = 0.12;
// Magic number for approximating a quarter circle with one cubic Bézier.
const KAPPA = 0.5522847498;

/** A path flattened to line segments as it is built, in canvas pixels (y down). */
export class Path implements PathSink {
  /** x0, y0, x1, y1 per edge */
  readonly edges: number[] = [];
  minX = Infinity;
  minY = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;
  private startX = 0;
  private startY = 0;
  private x = 0;
  private y = 0;
  private open = false;

  private edge(x0: number, y0: number, x1: number, y1: number): void {
    if (!(Number.isFinite(x1) && Number.isFinite(y1))) throw new OgRenderError("path coordinate is not a finite number");
    if (y0 !== y1) this.edges.push(x0, y0, x1, y1);
    if (x1 < this.minX) this.minX = x1;
    if (x1 > this.maxX) this.maxX = x1;
    if (y1 < this.minY) this.minY = y1;
    if (y1 > this.maxY) this.maxY = y1;
  }

  moveTo(x: number, y: number): void {
    this.close();
    this.startX = this.x = x;
    this.startY = this.y = y;
    this.open = true;
    this.edge(x, y, x, y);
  }

  lineTo(x: number, y: number): void {
    this.edge(this.x, this.y, x, y);
    this.x = x;
    this.y = y;
  }

  quadTo(cx: number, cy: number, x: number, y: number): void {
    const x0 = this.x;
    const y0 = this.y;
    const dd = Math.hypot(x0 - 2 * cx + x, y0 - 2 * cy + y);
    const n = Math.min(64, Math.max(1, Math.ceil(Math.sqrt(dd / (4 * FLATTEN_TOLERANCE)))));
    for (let i = 1; i <= n; i++) {
      const t = i / n;
      const u = 1 - t;
      this.lineTo(u * u * x0 + 2 * u * t * cx + t * t * x, u * u * y0 + 2 * u * t * cy + t * t * y);
    }
  }

  cubicTo(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): void {
    const x0 = this.x;
    const y0 = this.y;
    const dd = Math.max(Math.hypot(x0 - 2 * c1x + c2x, y0 - 2 * c1y + c2y), Math.hypot(c1x - 2 * c2x + x, c1y - 2 * c2y + y));
    const n = Math.min(96, Math.max(1, Math.ceil(Math.sqrt((0.75 * dd) / FLATTEN_TOLERANCE))));
    for (let i = 1; i <= n; i++) {
      const t = i / n;
      const u = 1 - t;
      const a = u * u * u;
      const b = 3 * u * u * t;
      const c = 3 * u * t * t;
      const d = t * t * t;
      this.lineTo(a * x0 + b * c1x + c * c2x + d * x, a * y0 + b * c1y + c * c2y + d * y);
    }
  }

  close(): void {
    if (this.open && (this.x !== this.startX || this.y !== this.startY)) this.lineTo(this.startX, this.startY);
    this.x = this.startX;
    this.y = this.startY;
    this.open = false;
  }

  rect(x: number, y: number, w: number, h: number): this {
    this.moveTo(x, y);
    this.lineTo(x + w, y);
    this.lineTo(x + w, y + h);
    this.lineTo(x, y + h);
    this.close();
    return this;
  }

  roundRect(x: number, y: number, w: number, h: number, r: number): this {
    const k = r * (1 - KAPPA);
    this.moveTo(x + r, y);
    this.lineTo(x + w - r, y);
    this.cubicTo(x + w - k, y, x + w, y + k, x + w, y + r);
    this.lineTo(x + w, y + h - r);
    this.cubicTo(x + w, y + h - k, x + w - k, y + h, x + w - r, y + h);
    this.lineTo(x + r, y + h);
    this.cubicTo(x + k, y + h, x, y + h - k, x, y + h - r);
    this.lineTo(x, y + r);
    this.cubicTo(x, y + k, x + k, y, x + r, y);
    this.close();
    return this;
  }

  circle(cx: number, cy: number, r: number): this {
    const k = r * KAPPA;
    this.moveTo(cx + r, cy);
    this.cubicTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    this.cubicTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    this.cubicTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    this.cubicTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    this.close();
    return this;
  }
}

// Adds one edge's signed area to the accumulation buffer (w × h, local coordinates, every
// x within [0, w - 2] so the spill into x + 1 stays on the row).
// `lo`/`hi` collect, per row, the first and last column the edges touch: composite() scans only
// that span (left of it the running sum is zero, and right of it too, as every contour closes).
function accumulateEdge(acc: Float32Array, lo: Int32Array, hi: Int32Array, w: number, h: number, ax: number, ay: number, bx: number, by: number): void {
  // An edge that is level once moved into the mask's coordinates (its ends differed in the
  // last bits only) covers nothing; left in, its infinite slope made NaN, which wiped out the
  // rest of its row (gaps at the foot of some glyphs, e.g. 拟 and 怎).
  if (ay === by) return;
  let dir = 1;
  if (ay > by) {
    dir = -1;
    [ax, ay, bx, by] = [bx, by, ax, ay];
  }
  const dxdy = (bx - ax) / (by - ay);
  // An edge only a few hundred orders of magnitude shorter than a pixel (ends that differ in
  // subnormal bits) overflows its slope: it covers nothing, and an infinite x would never
  // finish the row's loop below.
  if (dxdy === Infinity || dxdy === -Infinity) return;
  let x = ax;
  const yEnd = Math.min(h, Math.ceil(by));
  for (let y = Math.max(0, Math.floor(ay)); y < yEnd; y++) {
    const row = y * w;
    const dy = Math.min(y + 1, by) - Math.max(y, ay);
    const xNext = x + dxdy * dy;
    const d = dy * dir;
    const x0 = x < xNext ? x : xNext;
    const x1 = x < xNext ? xNext : x;
    const x0Floor = Math.floor(x0);
    const x1Ceil = Math.ceil(x1);
    if (x0Floor < lo[y]!) lo[y] = x0Floor;
    const reach = x1Ceil > x0Floor + 1 ? x1Ceil + 1 : x0Floor + 2;
    if (reach > hi[y]!) hi[y] = reach;
    if (x1Ceil <= x0Floor + 1) {
      // The edge stays within one pixel column on this row.
      const xmf = 0.5 * (x + xNext) - x0Floor;
      acc[row + x0Floor] = acc[row + x0Floor]! + (d - d * xmf);
      acc[row + x0Floor + 1] = acc[row + x0Floor + 1]! + d * xmf;
    } else {
      const s = 1 / (x1 - x0);
      const x0f = x0 - x0Floor;
      const a0 = 0.5 * s * (1 - x0f) * (1 - x0f);
      const x1f = x1 - x1Ceil + 1;
      const am = 0.5 * s * x1f * x1f;
      acc[row + x0Floor] = acc[row + x0Floor]! + d * a0;
      if (x1Ceil === x0Floor + 2) {
        acc[row + x0Floor + 1] = acc[row + x0Floor + 1]! + (d * (1 - a0 - am));
      } else {
        const a1 = s * (1.5 - x0f);
        acc[row + x0Floor + 1] = acc[row + x0Floor + 1]! + (d * (a1 - a0));
        for (let xi = x0Floor + 2; xi < x1Ceil - 1; xi++) acc[row + xi] = acc[row + xi]! + d * s;
        const a2 = a1 + (x1Ceil - x0Floor - 3) * s;
        acc[row + x1Ceil - 1] = acc[row + x1Ceil - 1]! + (d * (1 - a2 - am));
      }
      acc[row + x1Ceil] = acc[row + x1Ceil]! + d * am;
    }
    x = xNext;
  }
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = px - (ax + t * dx);
  const ey = py - (ay + t * dy);
  return Math.sqrt(ex * ex + ey * ey);
}

// A path larger than this (in pixels of its bounding box) is a bug in the layout, not art.
const MAX_MASK_AREA = 4_000_000;

// One coverage buffer reused by every shape of every canvas (drawing is synchronous: one shape
// at a time): a fresh one per shape or per image would cost an allocation, its zeroing and,
// later, garbage collection, which is what made some renders in a busy isolate slow.
let jsScratch: Float32Array<ArrayBufferLike> = new Float32Array(0);
let jsRowLo: Int32Array<ArrayBufferLike> = new Int32Array(0);
let jsRowHi: Int32Array<ArrayBufferLike> = new Int32Array(0);
// The current mask: its coverage and, per row, the columns [lo, hi) that may hold coverage;
// JavaScript's buffers above, or the wasm kernels' when they drew it (wasm.ts).
let scratch = jsScratch;
let rowLo = jsRowLo;
let rowHi = jsRowHi;
let maskInWasm = false;

// The kernels when a mask of w × h (and n edges) fits their fixed buffers, else null.
function kernelsFor(w: number, h: number, n: number): RasterKernels | null {
  const k = rasterKernels();
  return k && w * h <= k.accCap && h <= k.maxRows && n <= k.edgeCap ? k : null;
}

// Makes the wasm kernels' buffers the current mask's (after a kernel cleared and drew it).
function useWasmMask(k: RasterKernels): void {
  scratch = k.acc;
  rowLo = k.rowLo;
  rowHi = k.rowHi;
  maskInWasm = true;
}

/** A shape's accumulated coverage: w × h cells whose (0, 0) is canvas pixel (ox, oy). */
interface Coverage {
  acc: Float32Array;
  ox: number;
  oy: number;
  w: number;
  h: number;
}

/**
 * A shape's coverage in steps, with its top-left corner at (x, y), as runs: per run its row,
 * first column, length and step (1…LEVELS), relative to (x, y). Runs skip what the shape does
 * not cover, and a glyph's or a card's inside is a few long runs of the full step, painted
 * with a fill rather than pixel by pixel.
 */
export interface CoverageMask {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** row, column, length, step; four numbers per run (bytes in pre-rasterised masks) */
  readonly runs: Int32Array | Uint8Array;
}

export interface StrokeOptions {
  /** on, off lengths in px; solid if absent */
  readonly dash?: readonly [number, number];
  readonly alpha?: number;
}

// Coverage is quantised to this many steps (plus none): the image then has few enough colours
// to be a palette PNG by construction, one byte per pixel instead of three, which is what keeps
// encoding cheap. 16 steps are finer than the eye separates at the edge of a glyph.
const LEVELS = 16;

/** The colours painted with one paint colour: palette index by (colour underneath, coverage step). */
interface Ink {
  readonly rgb: Rgb;
  /** Palette index of the paint colour itself (full coverage at alpha 1). */
  readonly solid: number;
  /** [under * (LEVELS + 1) + step] → palette index, -1 until first needed. */
  readonly mix: Int16Array;
}

/**
 * An indexed-colour canvas: every pixel is an index into a palette of at most 256 colours, which
 * grows as paint lands on colours already there (paint colour × colour underneath × coverage
 * step). Should a drawing ever need more, further mixes take the nearest colour already in
 * the palette, so a rich image degrades slightly instead of failing.
 */
export class Canvas {
  readonly width: number;
  readonly height: number;
  /** Palette index per pixel, rows top to bottom. */
  readonly indices: Uint8Array;
  /** The palette: RGB triples, `paletteSize` of them. */
  readonly palette = new Uint8Array(256 * 3);
  paletteSize = 0;
  private readonly byRgb = new Map<number, number>();
  private readonly inks = new Map<number, Ink>();

  /**
   * `pixels`: a buffer of width × height bytes to draw into instead of a new one (it is
   * cleared), so a renderer that draws image after image can keep one.
   */
  constructor(width: number, height: number, background: Rgb, pixels?: Uint8Array) {
    this.width = width;
    this.height = height;
    if (pixels && pixels.length !== width * height) throw new OgRenderError(`pixel buffer must hold ${width * height} bytes`);
    this.indices = pixels ? pixels.fill(0) : new Uint8Array(width * height);
    // Index 0 is the background, so the zero-filled buffer already is the blank canvas.
    this.colourIndex(background);
  }

  /**
   * Starts the palette over with `size` colours (RGB triples), for pixels drawn elsewhere with
   * that palette (a pre-drawn layer): later paint finds and adds colours as if it had drawn them.
   */
  usePalette(palette: ArrayLike<number>, size: number): void {
    if (size < 1 || size > 256 || palette.length < 3 * size) throw new OgRenderError(`palette must hold 1–256 colours, got ${size}`);
    this.byRgb.clear();
    this.inks.clear();
    this.paletteSize = 0;
    const k = rasterKernels();
    if (k?.paletteOwner === this) k.paletteOwner = null;
    for (let i = 0; i < size; i++) this.colourIndex([palette[3 * i]!, palette[3 * i + 1]!, palette[3 * i + 2]!]);
    if (this.paletteSize !== size) throw new OgRenderError("palette has a colour twice");
  }

  // The wasm kernels when this canvas's pixels are theirs (drawn in the module's memory).
  private kernels(): RasterKernels | null {
    const k = rasterKernels();
    if (k !== this.kernelsSeen) {
      this.kernelsSeen = k;
      this.pixelsInWasm = k !== null && this.indices.buffer === k.canvas.buffer && this.indices.byteOffset === k.canvas.byteOffset && this.indices.length <= k.canvasBytes;
    }
    return this.pixelsInWasm ? k : null;
  }
  private kernelsSeen: RasterKernels | null | undefined = undefined;
  private pixelsInWasm = false;

  /** The palette index of an exact colour, added when new (nearest existing one when full). */
  private colourIndex(rgb: Rgb): number {
    const key = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
    const known = this.byRgb.get(key);
    if (known !== undefined) return known;
    const p = this.palette;
    if (this.paletteSize < 256) {
      const i = this.paletteSize++;
      p[3 * i] = rgb[0];
      p[3 * i + 1] = rgb[1];
      p[3 * i + 2] = rgb[2];
      this.byRgb.set(key, i);
      return i;
    }
    // The palette is full now and stays so: the kernels search a copy of it (in an isolate's
    // first image, hundreds of searches of 256 colours are too many for interpreted code).
    const k = this.kernels();
    if (k) {
      if (k.paletteOwner !== this) {
        k.palette.set(p.subarray(0, 768));
        k.paletteOwner = this;
      }
      const nearest = k.exports.nearest(rgb[0], rgb[1], rgb[2]);
      this.byRgb.set(key, nearest);
      return nearest;
    }
    let best = 0;
    let bestDistance = Infinity;
    for (let i = 0; i < 256; i++) {
      const d = (p[3 * i]! - rgb[0]) ** 2 + (p[3 * i + 1]! - rgb[1]) ** 2 + (p[3 * i + 2]! - rgb[2]) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    this.byRgb.set(key, best);
    return best;
  }

  private ink(rgb: Rgb): Ink {
    const key = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
    let ink = this.inks.get(key);
    if (!ink) {
      ink = { rgb, solid: this.colourIndex(rgb), mix: new Int16Array(256 * (LEVELS + 1)).fill(-1) };
      this.inks.set(key, ink);
    }
    return ink;
  }

  // The palette index of `ink` at coverage step `step` over palette colour `under`.
  private mixed(ink: Ink, under: number, step: number): number {
    const slot = under * (LEVELS + 1) + step;
    const known = ink.mix[slot]!;
    if (known >= 0) return known;
    const p = this.palette;
    const a = step / LEVELS;
    const c = ink.rgb;
    const rgb: Rgb = [
      Math.round(p[3 * under]! + (c[0] - p[3 * under]!) * a),
      Math.round(p[3 * under + 1]! + (c[1] - p[3 * under + 1]!) * a),
      Math.round(p[3 * under + 2]! + (c[2] - p[3 * under + 2]!) * a),
    ];
    const index = this.colourIndex(rgb);
    ink.mix[slot] = index;
    return index;
  }

  /** The pixels as RGB, 3 bytes each (for tests and for encoders that want true colour). */
  rgb(): Uint8Array {
    const out = new Uint8Array(this.width * this.height * 3);
    const p = this.palette;
    const idx = this.indices;
    for (let i = 0; i < idx.length; i++) {
      const k = 3 * idx[i]!;
      out[3 * i] = p[k]!;
      out[3 * i + 1] = p[k + 1]!;
      out[3 * i + 2] = p[k + 2]!;
    }
    return out;
  }


  private mask(x0: number, y0: number, w: number, h: number): Float32Array {
    if (w <= 0 || h <= 0) return new Float32Array(0);
    if (w * h > MAX_MASK_AREA) throw new OgRenderError(`shape too large to rasterize (${w}×${h} px)`);
    if (jsScratch.length < w * h) jsScratch = new Float32Array(Math.max(w * h, jsScratch.length * 2));
    const m = jsScratch.subarray(0, w * h);
    m.fill(0);
    if (jsRowLo.length < h) {
      jsRowLo = new Int32Array(Math.max(h, this.height));
      jsRowHi = new Int32Array(Math.max(h, this.height));
    }
    jsRowLo.fill(w, 0, h);
    jsRowHi.fill(0, 0, h);
    scratch = jsScratch;
    rowLo = jsRowLo;
    rowHi = jsRowHi;
    maskInWasm = false;
    return m;
  }

  // Blends a coverage mask whose (0, 0) sits at canvas pixel (ox, oy).
  private composite(cov: Float32Array, ox: number, oy: number, w: number, h: number, color: Rgb, alpha: number, accumulate: boolean): void {
    const ink = this.ink(color);
    const mix = ink.mix;
    const solid = ink.solid;
    const k = maskInWasm ? this.kernels() : null;
    if (k) {
      // The ink's mix table goes in, the kernel calls back for mixes it lacks, and the table,
      // with what it gained, comes back.
      k.mix.set(mix);
      k.mixed = (under, step) => this.mixed(ink, under, step);
      k.exports.composite(ox, oy, w, h, this.width, this.height, solid, alpha * LEVELS, accumulate ? 1 : 0);
      mix.set(k.mix);
      return;
    }
    const idx = this.indices;
    const scale = alpha * LEVELS;
    const yFrom = Math.max(0, -oy);
    const yTo = Math.min(h, this.height - oy);
    const xFrom = Math.max(0, -ox);
    const xTo = Math.min(w, this.width - ox);
    const lo = rowLo;
    const hi = rowHi;
    for (let y = yFrom; y < yTo; y++) {
      const row = y * w;
      const out = (oy + y) * this.width + ox;
      const start = lo[y]! > xFrom ? lo[y]! : xFrom;
      const end = hi[y]! < xTo ? hi[y]! : xTo;
      if (start >= end) continue;
      let sum = 0;
      let step = 0;
      // With accumulation the running sum must start at the row's first column.
      if (accumulate) {
        for (let x = lo[y]!; x < start; x++) sum += cov[row + x]!;
        const c = sum < 0 ? (-sum > 1 ? 1 : -sum) : sum > 1 ? 1 : sum;
        step = (c * scale + 0.5) | 0;
      }
      if (accumulate) {
        for (let x = start; x < end; x++) {
          const v = cov[row + x]!;
          // Between edges the coverage does not change: only an edge's cell moves the sum.
          if (v !== 0) {
            sum += v;
            const c = sum < 0 ? (-sum > 1 ? 1 : -sum) : sum > 1 ? 1 : sum;
            step = (c * scale + 0.5) | 0;
          }
          if (step === 0) continue;
          // Up to the next edge the coverage stays the same: the run is painted at once.
          let e = x + 1;
          while (e < end && cov[row + e] === 0) e++;
          if (step >= LEVELS) {
            idx.fill(solid, out + x, out + e);
          } else {
            // A translucent fill (the area under a line): the colour underneath changes only
            // at grid lines and bands, so each new one is looked up once.
            let lastUnder = -1;
            let lastOut = 0;
            for (let k = out + x; k < out + e; k++) {
              const under = idx[k]!;
              if (under !== lastUnder) {
                lastUnder = under;
                const known = mix[under * (LEVELS + 1) + step]!;
                lastOut = known >= 0 ? known : this.mixed(ink, under, step);
              }
              idx[k] = lastOut;
            }
          }
          x = e - 1;
        }
      } else {
        for (let x = start; x < end; x++) {
          step = (cov[row + x]! * scale + 0.5) | 0;
          if (step === 0) continue;
          if (step >= LEVELS) {
            idx[out + x] = solid;
            continue;
          }
          const under = idx[out + x]!;
          const known = mix[under * (LEVELS + 1) + step]!;
          idx[out + x] = known >= 0 ? known : this.mixed(ink, under, step);
        }
      }
    }
  }

  /** The path's accumulated edge coverage over its bounding box (non-zero winding); null when it has no edges. */
  private coverage(path: Path): Coverage | null {
    path.close();
    if (path.edges.length === 0) return null;
    const ox = Math.floor(path.minX);
    const oy = Math.floor(path.minY);
    const w = Math.ceil(path.maxX) - ox + 2;
    const h = Math.ceil(path.maxY) - oy + 1;
    const e = path.edges;
    const k = kernelsFor(w, h, e.length / 4);
    if (k) {
      if (w * h > MAX_MASK_AREA) throw new OgRenderError(`shape too large to rasterize (${w}×${h} px)`);
      k.edges.set(e);
      k.exports.accumulate(e.length / 4, ox, oy, w, h, 0, h);
      useWasmMask(k);
      return { acc: k.acc, ox, oy, w, h };
    }
    const acc = this.mask(ox, oy, w, h);
    for (let i = 0; i < e.length; i += 4) {
      accumulateEdge(acc, rowLo, rowHi, w, h, e[i]! - ox, e[i + 1]! - oy, e[i + 2]! - ox, e[i + 3]! - oy);
    }
    return { acc, ox, oy, w, h };
  }

  /** Fills path with the non-zero winding rule. */
  fill(path: Path, color: Rgb, alpha = 1): void {
    this.fillShifted(path, 0, 0, color, alpha);
  }

  /**
   * Fills path moved by whole pixels (dx, dy): the same pixels as drawMask(maskOf(path), dx, dy),
   * without making the mask (for a shape drawn once).
   */
  fillShifted(path: Path, dx: number, dy: number, color: Rgb, alpha = 1): void {
    const k = this.kernels();
    if (k && path.edges.length / 4 <= k.edgeCap) {
      // Straight into the canvas, a band of rows at a time (WASM_BAND_CELLS).
      path.close();
      if (path.edges.length === 0) return;
      const ox = Math.floor(path.minX);
      const oy = Math.floor(path.minY);
      const w = Math.ceil(path.maxX) - ox + 2;
      const h = Math.ceil(path.maxY) - oy + 1;
      if (w * h > MAX_MASK_AREA) throw new OgRenderError(`shape too large to rasterize (${w}×${h} px)`);
      if (w <= k.accCap) {
        k.edges.set(path.edges);
        const band = Math.min(k.maxRows, Math.max(1, Math.floor(WASM_BAND_CELLS / w)));
        for (let y0 = 0; y0 < h; y0 += band) {
          const y1 = Math.min(h, y0 + band);
          k.exports.accumulate(path.edges.length / 4, ox, oy, w, h, y0, y1);
          useWasmMask(k);
          this.composite(k.acc, ox + dx, oy + dy + y0, w, y1 - y0, color, alpha, true);
        }
        return;
      }
    }
    this.fillCoverage(this.coverage(path), dx, dy, color, alpha);
  }

  /**
   * The coverage of one glyph (a record in font.ts's format, drawn at scale s with the pen at
   * (penX, y)) made by the wasm kernels straight from its outline, as coverage(textPath(…))
   * would make it; undefined when there are no kernels or it does not fit them (use a Path).
   */
  private glyphCoverage(record: Uint8Array, s: number, penX: number, y: number): Coverage | null | undefined {
    const k = rasterKernels();
    if (!k || record.length > k.glyphBytes) return undefined;
    k.glyph.set(record);
    const n = k.exports.glyphPath(record.length, s, penX, y);
    if (n > k.edgeCap) return undefined;
    if (n === 0) return null;
    const ox = Math.floor(k.exports.minX.value as number);
    const oy = Math.floor(k.exports.minY.value as number);
    const w = Math.ceil(k.exports.maxX.value as number) - ox + 2;
    const h = Math.ceil(k.exports.maxY.value as number) - oy + 1;
    if (!kernelsFor(w, h, n)) return undefined;
    if (w * h > MAX_MASK_AREA) throw new OgRenderError(`shape too large to rasterize (${w}×${h} px)`);
    k.exports.accumulate(n, ox, oy, w, h, 0, h);
    useWasmMask(k);
    return { acc: k.acc, ox, oy, w, h };
  }

  /**
   * Fills a glyph (see glyphCoverage) moved by whole pixels (dx, dy) with the wasm kernels, as
   * fillShifted(textPath(…)) would; false when they cannot (the caller draws it from a Path).
   */
  fillGlyph(record: Uint8Array, s: number, penX: number, y: number, dx: number, dy: number, color: Rgb): boolean {
    const c = this.glyphCoverage(record, s, penX, y);
    if (c === undefined) return false;
    this.fillCoverage(c, dx, dy, color, 1);
    return true;
  }

  /** maskOf(textPath(…)) of a glyph (see glyphCoverage) by the wasm kernels; undefined when they cannot. */
  glyphMask(record: Uint8Array, s: number, penX: number, y: number): CoverageMask | undefined {
    const c = this.glyphCoverage(record, s, penX, y);
    return c === undefined ? undefined : this.maskOfCoverage(c);
  }

  private fillCoverage(c: Coverage | null, dx: number, dy: number, color: Rgb, alpha: number): void {
    if (!c) return;
    const { acc, ox, oy, w, h } = c;
    this.composite(acc, ox + dx, oy + dy, w, h, color, alpha, true);
  }

  /**
   * The path's coverage as steps (0–LEVELS), to be drawn again and again with drawMask: the
   * preview image's glyphs are rasterised once per isolate, not once per request.
   */
  maskOf(path: Path): CoverageMask {
    return this.maskOfCoverage(this.coverage(path));
  }

  private maskOfCoverage(c: Coverage | null): CoverageMask {
    if (!c) return { x: 0, y: 0, width: 0, height: 0, runs: new Int32Array(0) };
    const { acc, ox, oy, w, h } = c;
    const runs: number[] = [];
    for (let y = 0; y < h; y++) {
      const row = y * w;
      let sum = 0;
      const end = Math.min(rowHi[y]!, w);
      let runStart = 0;
      let runStep = 0;
      for (let x = rowLo[y]!; x < end; x++) {
        sum += acc[row + x]!;
        const c = sum < 0 ? (-sum > 1 ? 1 : -sum) : sum > 1 ? 1 : sum;
        const step = (c * LEVELS + 0.5) | 0;
        if (step === runStep) continue;
        if (runStep !== 0) runs.push(y, runStart, x - runStart, runStep);
        runStart = x;
        runStep = step;
      }
      if (runStep !== 0) runs.push(y, runStart, end - runStart, runStep);
    }
    return { x: ox, y: oy, width: w, height: h, runs: Int32Array.from(runs) };
  }

  /** Paints a mask from maskOf, shifted by whole pixels (dx, dy). */
  drawMask(m: CoverageMask, dx: number, dy: number, color: Rgb): void {
    if (m.width === 0) return;
    const ink = this.ink(color);
    const mix = ink.mix;
    const solid = ink.solid;
    const k = this.kernels();
    const bytes = m.runs.length * m.runs.BYTES_PER_ELEMENT;
    if (k && bytes <= k.glyphBytes) {
      // The runs go in (a template glyph's few hundred bytes), the ink's mixes in and out.
      (m.runs.BYTES_PER_ELEMENT === 1 ? k.glyph : new Int32Array(k.glyph.buffer, k.glyph.byteOffset, m.runs.length)).set(m.runs);
      k.mix.set(mix);
      k.mixed = (under, step) => this.mixed(ink, under, step);
      k.exports.drawRuns(m.runs.length / 4, m.runs.BYTES_PER_ELEMENT === 1 ? 0 : 1, m.x + dx, m.y + dy, this.width, this.height, solid);
      mix.set(k.mix);
      return;
    }
    const idx = this.indices;
    const runs = m.runs;
    const width = this.width;
    const left = m.x + dx;
    const top = m.y + dy;
    for (let k = 0; k < runs.length; k += 4) {
      const cy = top + runs[k]!;
      if (cy < 0 || cy >= this.height) continue;
      let x0 = left + runs[k + 1]!;
      let x1 = x0 + runs[k + 2]!;
      if (x0 < 0) x0 = 0;
      if (x1 > width) x1 = width;
      if (x0 >= x1) continue;
      const step = runs[k + 3]!;
      const out = cy * width;
      if (step >= LEVELS) {
        if (x1 - x0 > 16) idx.fill(solid, out + x0, out + x1);
        else for (let x = out + x0; x < out + x1; x++) idx[x] = solid;
        continue;
      }
      for (let x = out + x0; x < out + x1; x++) {
        const under = idx[x]!;
        const known = mix[under * (LEVELS + 1) + step]!;
        idx[x] = known >= 0 ? known : this.mixed(ink, under, step);
      }
    }
  }

  /** Axis-aligned rectangle on whole pixels; use fill(new Path().rect(…)) for fractional edges. */
  fillRect(x: number, y: number, w: number, h: number, color: Rgb, alpha = 1): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    if (x1 <= x0 || y1 <= y0) return;
    const ink = this.ink(color);
    const step = Math.round(alpha * LEVELS);
    if (step === 0) return;
    const idx = this.indices;
    for (let yy = y0; yy < y1; yy++) {
      const row = yy * this.width;
      if (step >= LEVELS) idx.fill(ink.solid, row + x0, row + x1);
      else for (let xx = x0; xx < x1; xx++) idx[row + xx] = this.mixed(ink, idx[row + xx]!, step);
    }
  }

  /** Strokes an open polyline (x, y pairs) with round joins and caps, optionally dashed. */
  strokePolyline(points: readonly number[], width: number, color: Rgb, options: StrokeOptions = {}): void {
    const segments = options.dash ? dashSegments(points, options.dash) : polylineSegments(points);
    if (segments.length === 0) return;
    const r = width / 2;
    const reach = r + 1;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < segments.length; i += 2) {
      const sx = segments[i]!;
      const sy = segments[i + 1]!;
      if (!(Number.isFinite(sx) && Number.isFinite(sy))) throw new OgRenderError("stroke coordinate is not a finite number");
      minX = Math.min(minX, sx);
      maxX = Math.max(maxX, sx);
      minY = Math.min(minY, sy);
      maxY = Math.max(maxY, sy);
    }
    const ox = Math.floor(minX - reach);
    const oy = Math.floor(minY - reach);
    const w = Math.ceil(maxX + reach) - ox + 1;
    const h = Math.ceil(maxY + reach) - oy + 1;
    const k = this.kernels();
    if (k && segments.length / 4 <= k.edgeCap && w <= k.accCap) {
      if (w * h > MAX_MASK_AREA) throw new OgRenderError(`shape too large to rasterize (${w}×${h} px)`);
      // Straight into the canvas, a band of rows at a time (WASM_BAND_CELLS).
      k.edges.set(segments);
      const band = Math.min(k.maxRows, Math.max(1, Math.floor(WASM_BAND_CELLS / w)));
      for (let y0 = 0; y0 < h; y0 += band) {
        const y1 = Math.min(h, y0 + band);
        k.exports.stroke(segments.length / 4, ox, oy, w, h, r, y0, y1);
        useWasmMask(k);
        this.composite(k.acc, ox, oy + y0, w, y1 - y0, color, options.alpha ?? 1, false);
      }
      return;
    }
    const cov = this.mask(ox, oy, w, h);
    for (let i = 0; i < segments.length; i += 4) {
      const ax = segments[i]! - ox;
      const ay = segments[i + 1]! - oy;
      const bx = segments[i + 2]! - ox;
      const by = segments[i + 3]! - oy;
      const yStart = Math.max(0, Math.floor(Math.min(ay, by) - reach));
      const yEnd = Math.min(h - 1, Math.ceil(Math.max(ay, by) + reach));
      for (let y = yStart; y <= yEnd; y++) {
        const py = y + 0.5;
        // Columns that can be within reach of the segment on this row.
        let xa: number;
        let xb: number;
        if (Math.abs(by - ay) < 1e-9) {
          xa = Math.min(ax, bx);
          xb = Math.max(ax, bx);
        } else {
          let t0 = (py - reach - ay) / (by - ay);
          let t1 = (py + reach - ay) / (by - ay);
          if (t0 > t1) [t0, t1] = [t1, t0];
          t0 = Math.max(0, t0);
          t1 = Math.min(1, t1);
          if (t0 > t1) continue;
          const xt0 = ax + (bx - ax) * t0;
          const xt1 = ax + (bx - ax) * t1;
          xa = Math.min(xt0, xt1);
          xb = Math.max(xt0, xt1);
        }
        const xStart = Math.max(0, Math.floor(xa - reach));
        const xEnd = Math.min(w - 1, Math.ceil(xb + reach));
        const row = y * w;
        if (xStart < rowLo[y]!) rowLo[y] = xStart;
        if (xEnd + 1 > rowHi[y]!) rowHi[y] = xEnd + 1;
        for (let x = xStart; x <= xEnd; x++) {
          let c = r + 0.5 - distanceToSegment(x + 0.5, py, ax, ay, bx, by);
          if (c <= 0) continue;
          if (c > 1) c = 1;
          if (c > cov[row + x]!) cov[row + x] = c;
        }
      }
    }
    this.composite(cov, ox, oy, w, h, color, options.alpha ?? 1, false);
  }
}

/** Consecutive point pairs of an open polyline as (ax, ay, bx, by) segments. */
function polylineSegments(points: readonly number[]): number[] {
  const out: number[] = [];
  if (points.length === 2) out.push(points[0]!, points[1]!, points[0]!, points[1]!);
  for (let i = 0; i + 3 < points.length; i += 2) out.push(points[i]!, points[i + 1]!, points[i + 2]!, points[i + 3]!);
  return out;
}

/** The "on" stretches of a dash pattern along a polyline, as segments. */
function dashSegments(points: readonly number[], [on, off]: readonly [number, number]): number[] {
  if (!(on > 0 && off >= 0)) throw new OgRenderError("dash lengths must be positive");
  const out: number[] = [];
  const period = on + off;
  let travelled = 0;
  for (let i = 0; i + 3 < points.length; i += 2) {
    const ax = points[i]!;
    const ay = points[i + 1]!;
    const bx = points[i + 2]!;
    const by = points[i + 3]!;
    const len = Math.hypot(bx - ax, by - ay);
    if (len === 0) continue;
    let s = 0;
    while (s < len) {
      const phase = (travelled + s) % period;
      const inDash = phase < on;
      // The floor keeps rounding in % from stalling the walk on a zero-length step.
      const step = Math.max(1e-3, Math.min(len - s, inDash ? on - phase : period - phase));
      if (inDash) {
        const t0 = s / len;
        const t1 = Math.min(1, (s + step) / len);
        out.push(ax + (bx - ax) * t0, ay + (by - ay) * t0, ax + (bx - ax) * t1, ay + (by - ay) * t1);
      }
      s += step;
    }
    travelled += len;
  }
  return out;
}
