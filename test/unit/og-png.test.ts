import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { OG_HEIGHT, OG_TEXT, OG_WIDTH, renderFallbackPng, renderOgPng, type OgData } from "../../functions/_lib/og";
import { crc32, deflateHead, deflateRows, encodePng, joinZlib } from "../../functions/_lib/og/png";
import { deflateSync, inflateSync } from "node:zlib";
import { decodeRgbPng, expectedCrc, PNG_SIGNATURE, readChunks } from "./og-helpers";

const years = Array.from({ length: 16 }, (_, i) => 2020 + i);
const sample: OgData = {
  title: OG_TEXT.title,
  seriesLabel: `${OG_TEXT.gdpReal}（${OG_TEXT.constantPrices}）`,
  unit: OG_TEXT.unitHundredMillionYuan,
  years,
  scenario: years.map((y) => 352.5 * 1.055 ** (y - 2020)),
  lines: [{ label: OG_TEXT.target, colour: "#c62828", values: years.map((y) => 352.5 * 1.07 ** (y - 2020)) }],
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

describe("deflateRows", () => {
  const check = (data: Uint8Array, stride: number) => {
    const z = deflateRows(data, stride);
    expect(Buffer.from(inflateSync(z)).equals(Buffer.from(data))).toBe(true);
    return z.length;
  };
  it("round-trips through node:zlib: runs, copies of the row above, literals, every match length", () => {
    const rows = new Uint8Array(301 * 40);
    for (let i = 0; i < rows.length; i++) rows[i] = i % 301 < 150 ? 7 : (i * 2654435761) >>> 28;
    check(rows, 301);
    // Runs of every length from 1 to 300, so each length code and its extra bits are used.
    const runs: number[] = [];
    for (let len = 1; len <= 300; len++) for (let k = 0; k < len; k++) runs.push(len % 256);
    check(Uint8Array.from(runs), 1000);
    check(new Uint8Array(0), 10);
    check(Uint8Array.from([1, 2, 3]), 3);
  });
  it("makes flat images small", () => {
    // 2 933 matches of 258 bytes at 13 bits each: under 1 % of the input.
    expect(check(new Uint8Array(1201 * 630), 1201)).toBeLessThan(6000);
  });
});

describe("deflateHead + joinZlib", () => {
  it("make one zlib stream of rows compressed partly by the own deflate, partly by zlib", () => {
    const stride = 61;
    const data = new Uint8Array(stride * 40);
    for (let i = 0; i < data.length; i++) data[i] = i % stride === 0 ? 0 : ((i * 7) >> 5) % 5 === 0 ? (i * 13) & 0xff : (i >> 9) & 3;
    for (const rows of [1, 7, 20, 39]) {
      const split = rows * stride;
      const joined = joinZlib(deflateHead(data.subarray(0, split), stride), deflateSync(data.subarray(split)), data.length - split);
      // inflateSync checks the Adler-32 of the whole.
      expect(Buffer.from(inflateSync(joined)).equals(Buffer.from(data)), `split after ${rows} rows`).toBe(true);
    }
  });

  it("fail the zlib check when the Adler-32 of a part is wrong (the check above can fail)", () => {
    const data = new Uint8Array(1000).map((_, i) => i & 0xff);
    const head = deflateHead(data.subarray(0, 400), 100);
    const joined = joinZlib({ ...head, adler: head.adler ^ 1 }, deflateSync(data.subarray(400)), 600);
    expect(() => inflateSync(joined)).toThrow();
  });
});

describe("renderOgPng, image after image", () => {
  it("encodes the same pixels whichever part each deflate takes", async () => {
    const first = decodeRgbPng(await renderOgPng(sample)).rgb;
    // The own deflate takes more rows each time, until all of them.
    for (let i = 0; i < 11; i++) {
      expect(Buffer.from(decodeRgbPng(await renderOgPng(sample)).rgb).equals(Buffer.from(first)), `image ${i + 2}`).toBe(true);
    }
  });
});

describe("renderOgPng output", () => {
  let png: Uint8Array;
  let chunks: ReturnType<typeof readChunks>;
  beforeAll(async () => {
    png = await renderOgPng(sample);
    chunks = readChunks(png);
  });

  it("starts with the PNG signature", () => {
    expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
  });

  it("has IHDR first and IEND last, with a 1200×630 8-bit palette header and a PLTE of at most 256 colours", () => {
    expect(chunks[0]!.type).toBe("IHDR");
    expect(chunks.at(-1)!.type).toBe("IEND");
    expect(chunks.at(-1)!.data.length).toBe(0);
    const ihdr = chunks[0]!.data;
    expect(ihdr.length).toBe(13);
    expect(ihdr.readUInt32BE(0)).toBe(1200);
    expect(ihdr.readUInt32BE(4)).toBe(630);
    expect([ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]]).toEqual([8, 3, 0, 0, 0]);
    const plte = chunks.find((c) => c.type === "PLTE")!;
    expect(plte.data.length % 3).toBe(0);
    expect(plte.data.length / 3).toBeGreaterThan(20);
    expect(plte.data.length / 3).toBeLessThanOrEqual(256);
    expect([OG_WIDTH, OG_HEIGHT]).toEqual([1200, 630]);
  });

  it("has a correct CRC on every chunk", () => {
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const chunk of chunks) expect(chunk.crc, chunk.type).toBe(expectedCrc(chunk));
  });

  it("inflates to one filter byte plus 1200 palette indices per row, 630 rows", () => {
    const decoded = decodeRgbPng(png);
    expect(decoded.raw.length).toBe((1200 + 1) * 630);
    for (let y = 0; y < 630; y++) expect(decoded.raw[y * 1201]).toBeLessThanOrEqual(4);
  });

  it("detects a corrupted byte (the check above can fail)", () => {
    const broken = Uint8Array.from(png);
    // A byte inside the IDAT data: after its length and type, wherever the chunk starts.
    const at = Buffer.from(png).indexOf("IDAT", 8, "latin1") + 4 + 10;
    broken[at] = broken[at]! ^ 0xff;
    const idat = readChunks(broken).find((c) => c.type === "IDAT")!;
    expect(idat.crc).not.toBe(expectedCrc(idat));
  });

  it("is deterministic: the same pixels every time (the bytes depend on which deflate took which rows)", async () => {
    expect(Buffer.from(decodeRgbPng(await renderOgPng(sample)).rgb).equals(Buffer.from(decodeRgbPng(png).rgb))).toBe(true);
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
