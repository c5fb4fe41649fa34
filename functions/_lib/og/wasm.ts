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

// The module's memory layout (raster.wat): byte offsets and capacities.
const MIX = 786432;
const ROWLO = 802816;
const ROWHI = 819200;
const GLYPH = 835584;
const EDGES = 901120;
const ACC = 1966080;
const TABLES = 6160384;
const CANVAS = 1024;
const CHUNK = 7077888;
const PALETTE = 6163456;
const MEMORY_BYTES = 128 * 65536;
/** Canvas pixels the module's memory holds (at CANVAS; scanlines are made in place from 0). */
export const WASM_CANVAS_BYTES = MIX - CANVAS;
export const WASM_MAX_ROWS = (ROWHI - ROWLO) / 4;
export const WASM_EDGE_CAP = 32768;
export const WASM_ACC_CAP = 1048576;
export const WASM_GLYPH_BYTES = EDGES - GLYPH;
export const MIX_ENTRIES = 256 * 17;
/**
 * Cells of a band: a shape drawn straight into the canvas is drawn this many cells (whole
 * rows) at a time, so that a fresh isolate's first image touches few new pages of the
 * accumulation buffer (each costs a page fault and its zeroing).
 */
export const WASM_BAND_CELLS = 32768;

interface Exports {
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
  const buffer = exports.memory.buffer;
  if (buffer.byteLength < MEMORY_BYTES) throw new OgRenderError("raster.wasm: memory smaller than its layout");
  // The deflate code tables, as png.ts made them (raster.wat lays them out in this order).
  const { LIT_CODE, LIT_BITS, LEN_SYM, LEN_EXTRA_BITS, LEN_EXTRA } = DEFLATE_TABLES;
  new Uint16Array(buffer, TABLES, 288).set(LIT_CODE);
  new Uint8Array(buffer, TABLES + 576, 288).set(LIT_BITS);
  new Uint16Array(buffer, TABLES + 864, 259).set(LEN_SYM);
  new Uint8Array(buffer, TABLES + 1384, 259).set(LEN_EXTRA_BITS);
  new Uint8Array(buffer, TABLES + 1643, 259).set(LEN_EXTRA);
  exports.crcInit();
  kernels = Object.assign(k, {
    exports,
    canvas: new Uint8Array(buffer, CANVAS, WASM_CANVAS_BYTES),
    mix: new Int16Array(buffer, MIX, MIX_ENTRIES),
    rowLo: new Int32Array(buffer, ROWLO, WASM_MAX_ROWS),
    rowHi: new Int32Array(buffer, ROWHI, WASM_MAX_ROWS),
    glyph: new Uint8Array(buffer, GLYPH, WASM_GLYPH_BYTES),
    edges: new Float64Array(buffer, EDGES, 4 * WASM_EDGE_CAP),
    acc: new Float32Array(buffer, ACC, WASM_ACC_CAP),
    palette: new Uint8Array(buffer, PALETTE, 768),
    paletteOwner: null,
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
  if (!k || width * height > WASM_CANVAS_BYTES || height > CANVAS || n > MIX || 12 + 16 + Math.ceil((n * 9) / 8) > MEMORY_BYTES - CHUNK) return null;
  const e = k.exports;
  e.scanlines(width, height);
  const { code, bits } = rowDistance(width + 1);
  const chunk = e.idatChunk(e.deflate(n, width + 1, code, bits));
  return indexedPngFileWithIdat(new Uint8Array(e.memory.buffer, CHUNK, chunk), palette, paletteSize, width, height);
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
