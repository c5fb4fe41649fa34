// The preview image's hot loops as WebAssembly (raster.wat, assembled into raster.wasm by
// scripts/build-og-wasm.mjs): glyph outlines to edges, edge accumulation, compositing, the
// strokes' distance field. Why: a fresh isolate runs its first request in V8's interpreter,
// where drawing the sharer's title and the chart in JavaScript cost 40-odd ms of CPU, four
// times the Workers Free plan's 10 ms per request; the runtime compiles a wasm module when the
// script loads, so these run at machine speed from the first call. Each kernel is a port of
// its JavaScript twin in raster.ts, which stays as the reference and the fallback (no module
// loaded, a shape too large for the fixed buffers): both draw the same pixels (the unit tests
// compare them).
//
// The Function imports raster.wasm (Workers compile imported modules ahead of time and forbid
// compiling bytes at run time) and passes it to loadRasterWasm; Node (tests, benchmarks, the
// template builder) compiles the file's bytes itself.

import { OgRenderError } from "./errors";
import { DEFLATE_TABLES, indexedPngFileWithIdat, rowDistance } from "./png";

/** Palette entries × coverage steps: the ink's mix table (raster.ts Canvas.ink). */
export const MIX_ENTRIES = 256 * 17;
/**
 * Cells of a band: a shape drawn straight into the canvas is drawn this many cells (whole
 * rows) at a time, so that a fresh isolate's first image touches few new pages of the
 * accumulation buffer (each costs a page fault and its zeroing).
 */
export const WASM_BAND_CELLS = 32768;

// The module's memory layout: raster.wat exports each region's byte offset as an immutable
// global, so the offsets are written once, there.
const LAYOUT = ["CANVAS", "MIX", "ROWLO", "ROWHI", "GLYPH", "EDGES", "EDGE_CAP", "ACC", "LIT_CODE", "LIT_BITS", "LEN_SYM", "LEN_EXTRA_BITS", "LEN_EXTRA", "CRC", "PALETTE", "CHUNK"] as const;
type Layout = Record<(typeof LAYOUT)[number], number>;

interface Exports extends Record<(typeof LAYOUT)[number], WebAssembly.Global> {
  memory: WebAssembly.Memory;
  minX: WebAssembly.Global;
  minY: WebAssembly.Global;
  maxX: WebAssembly.Global;
  maxY: WebAssembly.Global;
  glyphPath(length: number, s: number, penX: number, y: number): number;
  accumulate(n: number, ox: number, oy: number, w: number, h: number, y0: number, y1: number): void;
  composite(ox: number, oy: number, w: number, h: number, width: number, height: number, solid: number, scale: number, accumulate: number): void;
  stroke(n: number, ox: number, oy: number, w: number, h: number, r: number, y0: number, y1: number): void;
  crcInit(): void;
  scanlines(width: number, height: number): number;
  deflate(n: number, stride: number, rowDist: number, rowDistBits: number): number;
  idatChunk(length: number): number;
  nearest(r: number, g: number, b: number): number;
  drawRuns(count: number, wide: number, left: number, top: number, width: number, height: number, solid: number): void;
}

export interface RasterKernels {
  readonly exports: Exports;
  /** Views of the module's memory (it never grows, so they stay valid). */
  readonly canvas: Uint8Array;
  readonly mix: Int16Array;
  readonly rowLo: Int32Array;
  readonly rowHi: Int32Array;
  readonly glyph: Uint8Array;
  readonly edges: Float64Array;
  readonly acc: Float32Array;
  /** A full palette (256 RGB triples) for nearest, and the canvas whose palette it is. */
  readonly palette: Uint8Array;
  paletteOwner: object | null;
  /** Capacities of those buffers: larger shapes are drawn in JavaScript. */
  readonly canvasBytes: number;
  readonly maxRows: number;
  readonly edgeCap: number;
  readonly accCap: number;
  readonly glyphBytes: number;
  /** Byte offset of the IDAT chunk encodeInWasm writes, and the room it has up to the memory's end. */
  readonly chunkAt: number;
  readonly chunkRoom: number;
  /** Called by the module for a mix it has not seen (Canvas.mixed of the ink being composited). */
  mixed: (under: number, step: number) => number;
}

let kernels: RasterKernels | null = null;

/** Instantiates the raster kernels (raster.wasm, compiled) for this isolate. */
export function loadRasterWasm(module: WebAssembly.Module): void {
  const k: { mixed: (under: number, step: number) => number } = {
    mixed: () => {
      throw new OgRenderError("raster.wasm: no ink to mix");
    },
  };
  const instance = new WebAssembly.Instance(module, { og: { mixed: (under: number, step: number) => k.mixed(under, step) } });
  const exports = instance.exports as unknown as Exports;
  const at = Object.fromEntries(LAYOUT.map((name) => [name, exports[name].value as number])) as Layout;
  const buffer = exports.memory.buffer;
  // The regions in the order raster.wat lays them out, each ending where the next begins.
  const regions = [at.CANVAS, at.MIX, at.ROWLO, at.ROWHI, at.GLYPH, at.EDGES, at.ACC, at.LIT_CODE, at.CRC, at.PALETTE, at.CHUNK, buffer.byteLength];
  if (regions.some((offset, i) => i > 0 && offset <= regions[i - 1]!) || (at.ROWLO - at.MIX) / 2 < MIX_ENTRIES || at.EDGES + 32 * at.EDGE_CAP > at.ACC) {
    throw new OgRenderError("raster.wasm: memory layout out of order or too small");
  }
  // The deflate code tables, as png.ts made them.
  const { LIT_CODE, LIT_BITS, LEN_SYM, LEN_EXTRA_BITS, LEN_EXTRA } = DEFLATE_TABLES;
  new Uint16Array(buffer, at.LIT_CODE, LIT_CODE.length).set(LIT_CODE);
  new Uint8Array(buffer, at.LIT_BITS, LIT_BITS.length).set(LIT_BITS);
  new Uint16Array(buffer, at.LEN_SYM, LEN_SYM.length).set(LEN_SYM);
  new Uint8Array(buffer, at.LEN_EXTRA_BITS, LEN_EXTRA_BITS.length).set(LEN_EXTRA_BITS);
  new Uint8Array(buffer, at.LEN_EXTRA, LEN_EXTRA.length).set(LEN_EXTRA);
  exports.crcInit();
  const canvasBytes = at.MIX - at.CANVAS;
  const maxRows = (at.ROWHI - at.ROWLO) / 4;
  const glyphBytes = at.EDGES - at.GLYPH;
  const accCap = (at.LIT_CODE - at.ACC) / 4;
  kernels = Object.assign(k, {
    exports,
    canvas: new Uint8Array(buffer, at.CANVAS, canvasBytes),
    mix: new Int16Array(buffer, at.MIX, MIX_ENTRIES),
    rowLo: new Int32Array(buffer, at.ROWLO, maxRows),
    rowHi: new Int32Array(buffer, at.ROWHI, maxRows),
    glyph: new Uint8Array(buffer, at.GLYPH, glyphBytes),
    edges: new Float64Array(buffer, at.EDGES, 4 * at.EDGE_CAP),
    acc: new Float32Array(buffer, at.ACC, accCap),
    palette: new Uint8Array(buffer, at.PALETTE, 768),
    paletteOwner: null,
    canvasBytes,
    maxRows,
    edgeCap: at.EDGE_CAP,
    accCap,
    glyphBytes,
    chunkAt: at.CHUNK,
    chunkRoom: buffer.byteLength - at.CHUNK,
  });
}

/**
 * The canvas drawn in the kernels' memory (`canvas`: width × height palette indices) as an
 * 8-bit indexed PNG, encoded there: png.ts's scanlines and own deflate, byte for byte, and the
 * IDAT chunk's CRC. The canvas's pixels are used up (made into the scanlines in place). Null
 * when the image does not fit the module's buffers (use png.ts).
 */
export function encodeInWasm(width: number, height: number, palette: Uint8Array, paletteSize: number): Uint8Array | null {
  const k = kernels;
  const n = (width + 1) * height;
  // Scanlines are made in place from 0, so they must end before the mix table; each row moves
  // down by CANVAS - y - 1 bytes, which needs height ≤ CANVAS (raster.wat scanlines).
  if (!k || width * height > k.canvasBytes || height > k.canvas.byteOffset || n > k.mix.byteOffset || 12 + 16 + Math.ceil((n * 9) / 8) > k.chunkRoom) return null;
  const e = k.exports;
  e.scanlines(width, height);
  const { code, bits } = rowDistance(width + 1);
  const chunk = e.idatChunk(e.deflate(n, width + 1, code, bits));
  return indexedPngFileWithIdat(new Uint8Array(e.memory.buffer, k.chunkAt, chunk), palette, paletteSize, width, height);
}

/** The kernels, or null when none are loaded (everything is drawn in JavaScript). */
export function rasterKernels(): RasterKernels | null {
  return kernels;
}

export function rasterWasmLoaded(): boolean {
  return kernels !== null;
}

/** Forgets the kernels (tests: drawing in JavaScript alone). */
export function unloadRasterWasm(): void {
  kernels = null;
}
