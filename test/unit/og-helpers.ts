// An independent PNG reader for the OG renderer's tests: chunk walking, CRCs from node:zlib,
// inflate from node:zlib, and the PNG spec's unfiltering, so nothing here reuses the encoder.
// Also the stored share the image tests draw from.

import { crc32, inflateSync } from "node:zlib";
import type { Share } from "../../functions/_lib/share";
import { canonicalJson, presetScenario, validateScenario } from "../../src/lib/scenario";

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface PngChunk {
  type: string;
  data: Buffer;
  crc: number;
}

export function readChunks(png: Uint8Array): PngChunk[] {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!PNG_SIGNATURE.every((b, i) => buf[i] === b)) throw new Error("not a PNG signature");
  const chunks: PngChunk[] = [];
  let pos = 8;
  while (pos < buf.length) {
    if (pos + 12 > buf.length) throw new Error(`truncated chunk header at ${pos}`);
    const length = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    if (pos + 12 + length > buf.length) throw new Error(`chunk ${type} runs past the end`);
    chunks.push({ type, data: buf.subarray(pos + 8, pos + 8 + length), crc: buf.readUInt32BE(pos + 8 + length) });
    pos += 12 + length;
  }
  return chunks;
}

/** CRC-32 over type + data, computed by node:zlib. */
export function expectedCrc(chunk: PngChunk): number {
  return crc32(Buffer.concat([Buffer.from(chunk.type, "latin1"), chunk.data]));
}

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** Filtered scanlines as inflated from IDAT (filter byte + row). */
  raw: Buffer;
  /** Unfiltered RGB, 3 bytes per pixel (palette images expanded through PLTE). */
  rgb: Uint8Array;
  /** Colours in PLTE (palette images only). */
  paletteSize?: number;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes an 8-bit RGB or 8-bit indexed, non-interlaced PNG (what the renderer writes). */
export function decodeRgbPng(png: Uint8Array): DecodedPng {
  const chunks = readChunks(png);
  const ihdr = chunks.find((c) => c.type === "IHDR");
  if (!ihdr) throw new Error("no IHDR");
  const width = ihdr.data.readUInt32BE(0);
  const height = ihdr.data.readUInt32BE(4);
  const bitDepth = ihdr.data[8]!;
  const colourType = ihdr.data[9]!;
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data)));
  const bpp = colourType === 3 ? 1 : 3;
  const stride = width * bpp;
  const samples = new Uint8Array(stride * height);
  if (raw.length === (stride + 1) * height) {
    for (let y = 0; y < height; y++) {
      const filter = raw[y * (stride + 1)]!;
      for (let i = 0; i < stride; i++) {
        const x = raw[y * (stride + 1) + 1 + i]!;
        const a = i >= bpp ? samples[y * stride + i - bpp]! : 0;
        const b = y > 0 ? samples[(y - 1) * stride + i]! : 0;
        const c = i >= bpp && y > 0 ? samples[(y - 1) * stride + i - bpp]! : 0;
        const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
        if (pred === undefined) throw new Error(`bad filter type ${filter} on row ${y}`);
        samples[y * stride + i] = (x + pred) & 0xff;
      }
    }
  }
  if (colourType !== 3) return { width, height, bitDepth, colourType, raw, rgb: samples };
  const plte = chunks.find((c) => c.type === "PLTE");
  if (!plte || plte.data.length % 3 !== 0) throw new Error("palette image without a valid PLTE");
  const paletteSize = plte.data.length / 3;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < samples.length; i++) {
    const k = samples[i]!;
    if (k >= paletteSize) throw new Error(`pixel ${i} uses palette entry ${k} of ${paletteSize}`);
    rgb.set(plte.data.subarray(3 * k, 3 * k + 3), 3 * i);
  }
  return { width, height, bitDepth, colourType, raw, rgb, paletteSize };
}

export function pixel(png: DecodedPng, x: number, y: number): [number, number, number] {
  const i = (y * png.width + x) * 3;
  return [png.rgb[i]!, png.rgb[i + 1]!, png.rgb[i + 2]!];
}

/** Largest per-channel difference between two colours. */
export function colourDistance(a: readonly number[], b: readonly number[]): number {
  return Math.max(Math.abs(a[0]! - b[0]!), Math.abs(a[1]! - b[1]!), Math.abs(a[2]! - b[2]!));
}

/** A stored share of a preset's scenario, as the preview image's Function reads it from D1. */
export function presetShare(preset: string, title: string | null, id: string): Share {
  const r = validateScenario(presetScenario(preset));
  if (!r.ok) throw new Error(r.error.message);
  return {
    scenario: r.scenario,
    row: { id, contentKey: "0".repeat(64), schemaVersion: 1, scenarioJson: canonicalJson(r.scenario), title, note: null, createdAt: "2026-01-01T00:00:00Z" },
  };
}
