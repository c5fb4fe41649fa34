// raster.wasm (functions/_lib/og/raster.wat): the preview image's hot loops in WebAssembly must
// draw and encode exactly what their JavaScript twins in raster.ts and png.ts do. Each case draws
// or encodes once with the module loaded and once without, and compares every byte.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadRasterWasm, loadTemplate, loadTitleFont, rasterWasmLoaded, renderOgPng, unloadRasterWasm, unloadTemplate, type OgData } from "../../functions/_lib/og";
import { encodeIndexedPng } from "../../functions/_lib/og/png";
import { Canvas, Path, type Rgb } from "../../functions/_lib/og/raster";
import { encodeInWasm, rasterKernels } from "../../functions/_lib/og/wasm";
import { ogData } from "../../functions/_lib/summary";
import { presets } from "../../src/lib/scenario";
import { decodeRgbPng, expectedCrc, presetShare, readChunks } from "./og-helpers";

const rasterModule = new WebAssembly.Module(readFileSync(new URL("../../functions/_lib/og/raster.wasm", import.meta.url)));
const withWasm = () => loadRasterWasm(rasterModule);

// Titles: short (one large line), long (two lines, cut with …), every kind of character.
const TITLES = [null, "如果十五五只有5%会怎样", "假如人口减少到90万人，2035年会怎样？服务业比重提高到六成以后，收入追上全国平均需要多快的增长", "GDP 年均增长 6.5%（乐观）"];

afterEach(() => {
  unloadRasterWasm();
});

describe("the share images", () => {
  const images: OgData[] = [];
  beforeAll(async () => {
    loadTitleFont(new Uint8Array(readFileSync(new URL("../../public/_og/title-glyphs.bin", import.meta.url))));
    let k = 0;
    for (const preset of presets) {
      for (const title of TITLES) {
        const data = await ogData(presetShare(preset.id, title, `Ab${k++}cdEFgh`.slice(0, 10)), "share.example.org");
        if (data) images.push(data);
      }
    }
  });

  // With and without the pre-drawn template: without it, every glyph and shape is drawn.
  describe.each([["with the template", true], ["without the template", false]])("%s", (_, template) => {
    beforeAll(() => {
      if (template) loadTemplate(new Uint8Array(readFileSync(new URL("../../public/_og/template.bin", import.meta.url))));
    });
    afterAll(() => {
      unloadTemplate();
    });

    it("are the same PNG bytes drawn and encoded by raster.wasm as by JavaScript (own deflate)", async () => {
      expect(images.length).toBeGreaterThanOrEqual(presets.length * 3);
      for (const data of images) {
        // Twice each: a title's glyphs are filled straight the first time, from masks after.
        const js = [await renderOgPng(data, { deflate: null }), await renderOgPng(data, { deflate: null })];
        withWasm();
        expect(rasterWasmLoaded()).toBe(true);
        const wasm = [await renderOgPng(data), await renderOgPng(data)];
        unloadRasterWasm();
        for (let i = 0; i < 2; i++) {
          expect(wasm[i]!.length, `${data.heading ?? data.title} (${i})`).toBe(js[i]!.length);
          expect(Buffer.from(wasm[i]!).equals(Buffer.from(js[i]!)), `${data.heading ?? data.title} (${i})`).toBe(true);
        }
      }
    });
  });

  it("is a PNG that an independent decoder reads, with correct CRCs, from raster.wasm", async () => {
    withWasm();
    const png = await renderOgPng(images[1]!);
    for (const chunk of readChunks(png)) expect(chunk.crc, chunk.type).toBe(expectedCrc(chunk));
    const decoded = decodeRgbPng(png);
    expect([decoded.width, decoded.height, decoded.colourType]).toEqual([1200, 630, 3]);
  });
});

// Random shapes on a small canvas, drawn by both: fills (lines and curves, any winding) and
// strokes (solid and dashed, any width), several over each other so translucent paint mixes.
describe("raster kernels against raster.ts", () => {
  // Shapes up to about 440 px wide are drawn straight into the canvas in bands of about 75
  // rows (WASM_BAND_CELLS), so bands meet inside many of them.
  const W = 400;
  const H = 220;
  const coord = fc.double({ min: -20, max: 420, noNaN: true });
  const shape = fc.record({
    kind: fc.constantFrom("fill", "stroke", "dashed"),
    points: fc.array(fc.tuple(coord, coord, fc.constantFrom("line", "quad", "cubic")), { minLength: 1, maxLength: 12 }),
    width: fc.double({ min: 0.5, max: 12, noNaN: true }),
    alpha: fc.constantFrom(1, 0.07, 0.5),
    colour: fc.constantFrom<Rgb>([29, 78, 216], [178, 34, 34], [255, 255, 255]),
  });
  type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

  function draw(shapes: Shape[], pixels?: Uint8Array): Canvas {
    const canvas = new Canvas(W, H, [250, 248, 245], pixels);
    for (const s of shapes) {
      const flat = s.points.flatMap(([x, y]) => [x, y]);
      if (s.kind === "fill") {
        const path = new Path();
        path.moveTo(flat[0]!, flat[1]!);
        s.points.forEach(([x, y, how], i) => {
          const [px, py] = i > 0 ? [s.points[i - 1]![0], s.points[i - 1]![1]] : [x, y];
          if (how === "line") path.lineTo(x, y);
          else if (how === "quad") path.quadTo(px + 7, py - 9, x, y);
          else path.cubicTo(px - 5, py + 11, x + 13, y - 3, x, y);
        });
        canvas.fill(path, s.colour, s.alpha);
      } else {
        canvas.strokePolyline(flat, s.width, s.colour, s.kind === "dashed" ? { dash: [10, 8], alpha: s.alpha } : { alpha: s.alpha });
      }
    }
    return canvas;
  }

  it("paint the same palette indices and palette", () => {
    fc.assert(
      fc.property(fc.array(shape, { minLength: 1, maxLength: 5 }), (shapes) => {
        const js = draw(shapes);
        withWasm();
        const wasm = draw(shapes, rasterKernels()!.canvas.subarray(0, W * H));
        unloadRasterWasm();
        expect(wasm.paletteSize).toBe(js.paletteSize);
        expect(Array.from(wasm.palette.subarray(0, 3 * wasm.paletteSize))).toEqual(Array.from(js.palette.subarray(0, 3 * js.paletteSize)));
        expect(Buffer.from(wasm.indices).equals(Buffer.from(js.indices))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("finish an edge whose ends differ in subnormal bits (its slope overflowed: JavaScript looped forever), with the same pixels", () => {
    // fast-check's seed 476 of the property above: a fill whose points lie within 1e-300 px of each other in y.
    const shapes = [{"kind":"fill","points":[[1.8977272781651143e-114,5e-324,"line"],[1.6655326758339177e-14,4e-323,"line"]],"width":0.916132868533311,"alpha":0.07,"colour":[255,255,255]},{"kind":"fill","points":[[-19.999999999999964,-1.5818611023638113e-120,"line"],[-1.9987219796181721e-261,4.4e-323,"quad"],[-7.455741133046263e-153,419.999999999999,"quad"],[4.498088005699121e-286,-4.4e-323,"quad"]],"width":1.5854360360935447,"alpha":0.07,"colour":[29,78,216]}] as Shape[];
    const js = draw(shapes);
    withWasm();
    const wasm = draw(shapes, rasterKernels()!.canvas.subarray(0, W * H));
    expect(Buffer.from(wasm.indices).equals(Buffer.from(js.indices))).toBe(true);
  });

  it("notice a difference (the comparison above can fail)", () => {
    const a = draw([{ kind: "fill", points: [[10, 10, "line"], [100, 12, "line"], [40, 90, "quad"]], width: 1, alpha: 1, colour: [29, 78, 216] }]);
    withWasm();
    const b = draw([{ kind: "fill", points: [[10, 10, "line"], [100, 12.01, "line"], [40, 90, "quad"]], width: 1, alpha: 1, colour: [29, 78, 216] }], rasterKernels()!.canvas.subarray(0, W * H));
    expect(Buffer.from(a.indices).equals(Buffer.from(b.indices))).toBe(false);
  });

  it("draw a shape larger than the module's accumulation buffer (in bands of rows), with the same pixels", () => {
    const big = (pixels?: Uint8Array) => {
      const c = new Canvas(1200, 630, [250, 248, 245], pixels);
      // 1100 × 1000 cells of coverage: more than the module's accumulation buffer holds.
      c.fill(new Path().circle(600, 300, 550), [29, 78, 216], 0.5);
      return c;
    };
    const js = big();
    withWasm();
    expect(1102 * 1101).toBeGreaterThan(rasterKernels()!.accCap);
    const wasm = big(rasterKernels()!.canvas.subarray(0, 1200 * 630));
    expect(Buffer.from(wasm.indices).equals(Buffer.from(js.indices))).toBe(true);
  });
});

describe("encodeInWasm against png.ts", () => {
  // Images with long runs, copies of the row above, literals and every match length.
  const image = fc.record({
    width: fc.integer({ min: 1, max: 300 }),
    height: fc.integer({ min: 1, max: 40 }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    runs: fc.integer({ min: 1, max: 400 }),
  });

  it("writes the same PNG bytes as encodeIndexedPng (own deflate)", () => {
    fc.assert(
      fc.property(image, ({ width, height, seed, runs }) => {
        let s = seed;
        const rand = (n: number) => {
          s = (Math.imul(s, 48271) >>> 0) % 2147483647;
          return s % n;
        };
        const pixels = new Uint8Array(width * height);
        for (let i = 0; i < pixels.length; ) {
          const len = 1 + rand(runs);
          const copyUp = i >= width && rand(3) === 0;
          const v = rand(6);
          for (let k = 0; k < len && i < pixels.length; k++, i++) pixels[i] = copyUp ? pixels[i - width]! : v;
        }
        const palette = new Uint8Array(256 * 3).map((_, i) => (i * 37) & 0xff);
        const js = encodeIndexedPng(pixels, palette, 6, width, height);
        withWasm();
        rasterKernels()!.canvas.set(pixels);
        const wasm = encodeInWasm(width, height, palette, 6)!;
        unloadRasterWasm();
        expect(Buffer.from(wasm).equals(Buffer.from(js))).toBe(true);
        expect(Array.from(decodeRgbPng(wasm).raw.filter((_, i) => i % (width + 1) !== 0))).toEqual(Array.from(pixels));
      }),
      { numRuns: 100 },
    );
  });
});

describe("the module's memory layout", () => {
  // raster.wat is the layout's one home; wasm.ts reads it from the module's exported globals.
  const source = readFileSync(new URL("../../functions/_lib/og/raster.wat", import.meta.url), "utf8");
  const assemble = async (wat: string) => {
    const wabt = await (await import("wabt")).default();
    const m = wabt.parseWat("raster.wat", wat, { bulk_memory: true, sign_extension: true, sat_float_to_int: true });
    const { buffer } = m.toBinary({});
    m.destroy();
    return new WebAssembly.Module(Uint8Array.from(buffer));
  };

  it("gives views where raster.wat lays the regions out", () => {
    withWasm();
    const k = rasterKernels()!;
    const offset = (name: string) => Number(new RegExp(`\\(global \\$${name} \\(export "${name}"\\) i32 \\(i32\\.const (\\d+)\\)\\)`).exec(source)![1]);
    expect(k.canvas.byteOffset).toBe(offset("CANVAS"));
    expect(k.mix.byteOffset).toBe(offset("MIX"));
    expect(k.edges.byteOffset).toBe(offset("EDGES"));
    expect(k.acc.byteOffset).toBe(offset("ACC"));
    expect(k.acc.byteOffset + k.acc.byteLength).toBe(offset("LIT_CODE"));
    expect(k.edgeCap).toBe(offset("EDGE_CAP"));
    expect(k.chunkAt).toBe(offset("CHUNK"));
  });

  it("refuses a module whose regions overlap, and stays unloaded", async () => {
    const overlapping = source.replace(/\(global \$ROWLO \(export "ROWLO"\) i32 \(i32\.const \d+\)\)/, '(global $ROWLO (export "ROWLO") i32 (i32.const 786500))');
    expect(overlapping).not.toBe(source);
    expect(() => loadRasterWasm(rasterModule)).not.toThrow();
    unloadRasterWasm();
    expect(() => loadRasterWasm(new WebAssembly.Module(new Uint8Array(0)))).toThrow();
    const bad = await assemble(overlapping);
    expect(() => loadRasterWasm(bad)).toThrow(/memory layout/);
    expect(rasterWasmLoaded()).toBe(false);
  });
});
