// The preview image's pre-drawn template (public/_og/template.bin, scripts/build-og-template.mjs):
// drawing with it gives exactly the pixels of drawing everything, it spares the first image the
// rasterising of template text, and the file is refused when it is not one. Also: the native
// deflate and the renderer's own give the same image.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drawOg, glyphMaskFromOutlines, loadTemplate, loadTitleFont, OgRenderError, renderOgPng, templateParts, unloadTemplate, type OgData } from "../../functions/_lib/og";
import { builtGlyphMask, builtLayer } from "../../functions/_lib/og/template";
import { ogData } from "../../functions/_lib/summary";
import { decodeRgbPng, presetShare } from "./og-helpers";

const templateBytes = new Uint8Array(readFileSync(new URL("../../public/_og/template.bin", import.meta.url)));

let withTitle: OgData;
let withoutTitle: OgData;

beforeAll(async () => {
  loadTitleFont(new Uint8Array(readFileSync(new URL("../../public/_og/title-glyphs.bin", import.meta.url))));
  loadTemplate(templateBytes);
  withTitle = (await ogData(presetShare("cautious", "假如人口减少到90万人，2035年会怎样", "Qx7Ab9Zk2M"), "share.example.org"))!;
  withoutTitle = (await ogData(presetShare("optimistic", null, "mN0pQr5StU"), "share.example.org"))!;
});

afterAll(() => {
  unloadTemplate();
});

describe("pre-drawn template", () => {
  it.each([
    ["with the sharer's title", () => withTitle],
    ["without it", () => withoutTitle],
  ])("draws a share's image %s exactly as drawing everything does (rerun scripts/build-og-template.mjs if not)", (_, data) => {
    const fromTemplate = drawOg(data());
    const drawn = drawOg(data(), undefined, "drawn");
    expect(fromTemplate.paletteSize).toBe(drawn.paletteSize);
    expect(Buffer.from(fromTemplate.palette).equals(Buffer.from(drawn.palette))).toBe(true);
    expect(Buffer.from(fromTemplate.indices).equals(Buffer.from(drawn.indices))).toBe(true);
  });

  it("has the fixed layer of both layouts of a share's image, and none for another layout", () => {
    expect(builtLayer(templateParts(withTitle).key)).toBeDefined();
    expect(builtLayer(templateParts(withoutTitle).key)).toBeDefined();
    expect(builtLayer(templateParts({ ...withTitle, figures: withTitle.figures.slice(0, 2) }).key)).toBeUndefined();
  });

  it("leaves no template glyph to rasterise from outlines for a share's image, while without it there are many", () => {
    expect(templateParts(withTitle).glyphKeys).toEqual([]);
    expect(templateParts(withoutTitle).glyphKeys).toEqual([]);
    unloadTemplate();
    try {
      expect(templateParts(withTitle).glyphKeys.length).toBeGreaterThan(20);
    } finally {
      loadTemplate(templateBytes);
    }
  });

  it("holds glyph masks equal to rasterising the outlines", () => {
    const index = JSON.parse(new TextDecoder().decode(templateBytes.subarray(8, 8 + new DataView(templateBytes.buffer, templateBytes.byteOffset).getUint32(4, true)))) as { glyphs: Record<string, unknown> };
    const keys = Object.keys(index.glyphs);
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) {
      const built = builtGlyphMask(key)!;
      const fresh = glyphMaskFromOutlines(key);
      expect([built.x, built.y, built.width, built.height], key).toEqual([fresh.x, fresh.y, fresh.width, fresh.height]);
      expect(Array.from(built.runs), key).toEqual(Array.from(fresh.runs));
    }
  });

  it("refuses a file that is not a template", () => {
    expect(() => loadTemplate(new TextEncoder().encode("not a template at all"))).toThrow(OgRenderError);
    const truncated = templateBytes.slice(0, 100);
    expect(() => loadTemplate(truncated)).toThrow(OgRenderError);
    loadTemplate(templateBytes);
  });
});

describe("PNG deflate", () => {
  it("gives the same image through the runtime's CompressionStream and the renderer's own deflate", async () => {
    const native = await renderOgPng(withTitle);
    const own = await renderOgPng(withTitle, { deflate: null });
    expect(Buffer.from(native).equals(Buffer.from(own))).toBe(false); // two different encoders …
    expect(Buffer.from(decodeRgbPng(native).rgb).equals(Buffer.from(decodeRgbPng(own).rgb))).toBe(true); // … one image
  });
});
