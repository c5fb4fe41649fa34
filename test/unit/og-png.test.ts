import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OG_HEIGHT, OG_TEXT, OG_WIDTH, renderFallbackPng, renderOgPng, type OgData } from "../../functions/_lib/og";
import { crc32, encodePng } from "../../functions/_lib/og/png";
import { decodeRgbPng, expectedCrc, PNG_SIGNATURE, readChunks } from "./og-helpers";

const years = Array.from({ length: 16 }, (_, i) => 2020 + i);
const sample: OgData = {
  title: OG_TEXT.title,
  seriesLabel: `${OG_TEXT.gdpReal}（${OG_TEXT.constantPrices}）`,
  unit: OG_TEXT.unitHundredMillionYuan,
  years,
  scenario: years.map((y) => 352.5 * 1.055 ** (y - 2020)),
  target: years.map((y) => 352.5 * 1.07 ** (y - 2020)),
  figures: [
    { label: `${OG_TEXT.year2025} ${OG_TEXT.scenario}`, value: "460.7亿元" },
    { label: `${OG_TEXT.year2035} ${OG_TEXT.scenario}`, value: "786.9亿元" },
  ],
  footer: "example.org/s/abc123",
};

describe("crc32", () => {
  it("gives the CRC-32 check value for 123456789", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });
  it("gives 0 for no bytes", () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe("encodePng", () => {
  it("round-trips a small image through node:zlib", () => {
    const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const png = decodeRgbPng(encodePng(rgb, 3, 2));
    expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([3, 2, 8, 2]);
    expect(Array.from(png.rgb)).toEqual(Array.from(rgb));
  });
  it("rejects a buffer of the wrong size", () => {
    expect(() => encodePng(new Uint8Array(5), 2, 1)).toThrow(/expected 6 RGB bytes/);
  });
});

describe("renderOgPng output", () => {
  const png = renderOgPng(sample);
  const chunks = readChunks(png);

  it("starts with the PNG signature", () => {
    expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
  });

  it("has IHDR first and IEND last, with a 1200×630 8-bit RGB header", () => {
    expect(chunks[0]!.type).toBe("IHDR");
    expect(chunks.at(-1)!.type).toBe("IEND");
    expect(chunks.at(-1)!.data.length).toBe(0);
    const ihdr = chunks[0]!.data;
    expect(ihdr.length).toBe(13);
    expect(ihdr.readUInt32BE(0)).toBe(1200);
    expect(ihdr.readUInt32BE(4)).toBe(630);
    expect([ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]]).toEqual([8, 2, 0, 0, 0]);
    expect([OG_WIDTH, OG_HEIGHT]).toEqual([1200, 630]);
  });

  it("has a correct CRC on every chunk", () => {
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const chunk of chunks) expect(chunk.crc, chunk.type).toBe(expectedCrc(chunk));
  });

  it("inflates to one filter byte plus 1200 RGB pixels per row, 630 rows", () => {
    const decoded = decodeRgbPng(png);
    expect(decoded.raw.length).toBe((1200 * 3 + 1) * 630);
    for (let y = 0; y < 630; y++) expect(decoded.raw[y * 3601]).toBeLessThanOrEqual(4);
  });

  it("detects a corrupted byte (the check above can fail)", () => {
    const broken = Uint8Array.from(png);
    // Signature (8) + IHDR (12 + 13) + IDAT length and type (8): byte 51 is inside the IDAT data.
    broken[51] = broken[51]! ^ 0xff;
    const idat = readChunks(broken).find((c) => c.type === "IDAT")!;
    expect(idat.crc).not.toBe(expectedCrc(idat));
  });

  it("is deterministic", () => {
    expect(Buffer.from(renderOgPng(sample)).equals(Buffer.from(png))).toBe(true);
  });
});

describe("public/og-fallback.png", () => {
  it("is the renderer's current fallback image (rerun scripts/build-og-font.mjs if not)", () => {
    const committed = decodeRgbPng(readFileSync(new URL("../../public/og-fallback.png", import.meta.url)));
    const fresh = decodeRgbPng(renderFallbackPng());
    expect([committed.width, committed.height]).toEqual([1200, 630]);
    expect(Buffer.from(committed.rgb).equals(Buffer.from(fresh.rgb))).toBe(true);
  });
});
