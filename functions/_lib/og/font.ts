// Runtime side of the bundled font subset: decodes the outlines written by
// scripts/build-og-font.mjs (format described there) and lays out single lines of text.

import { base64urlDecode } from "../../../src/lib/base64url";
import { OgRenderError, OgUnsupportedCharacterError } from "./errors";
import { type EncodedFace, FONT_BOLD, FONT_CHARSET, FONT_REGULAR } from "./font-data";
import type { PathSink } from "./raster";

/** "title": the sharer's title, in Bold from the larger glyph set of loadTitleFont(). */
export type FontWeight = "regular" | "bold" | "title";

interface Glyph {
  readonly advance: number;
  /** Per op: kind (0 move, 1 line, 2 quad, 3 cubic) then its points, absolute font units. */
  readonly ops: Int32Array;
}

interface DecodedFace {
  readonly unitsPerEm: number;
  readonly ascender: number;
  readonly descender: number;
  /** Advance width in font units; undefined when the face has no glyph for ch. */
  advance(ch: string): number | undefined;
  /** The outline of a character the face has (advance(ch) !== undefined). */
  outline(ch: string): Int32Array;
  /** The encoded record of a character the face has (the format readGlyph reads). */
  record(ch: string): Uint8Array;
  /** The characters it has glyphs for, in its order (for the tests). */
  readonly characters?: () => string;
}

// The font data is base64url (scripts/build-og-font.mjs), decoded by the one decoder the
// share links use too.
function decodeBase64url(text: string): Uint8Array {
  const bytes = base64urlDecode(text);
  if (!bytes) throw new Error("font data: invalid base64url");
  return bytes;
}

const POINTS_PER_KIND = [1, 1, 2, 3] as const;

// An unsigned LEB128 integer at bytes[at.pos…], moving at.pos past it.
function readVarint(bytes: Uint8Array, at: { pos: number }): number {
  let result = 0;
  let scale = 1;
  for (;;) {
    if (at.pos >= bytes.length) throw new Error("font data: truncated");
    const b = bytes[at.pos++]!;
    result += (b & 0x7f) * scale;
    if (b < 0x80) return result;
    scale *= 128;
  }
}

// Reads one glyph record at bytes[at.pos…], moving at.pos past it.
function readGlyph(bytes: Uint8Array, at: { pos: number }): Glyph {
  const varint = (): number => readVarint(bytes, at);
  const unzigzag = (n: number): number => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);
  const advance = varint();
  const opCount = varint();
  const ops: number[] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i < opCount; i++) {
    const head = varint();
    const kind = head & 3;
    ops.push(kind);
    const points = POINTS_PER_KIND[kind as 0 | 1 | 2 | 3];
    for (let p = 0; p < points; p++) {
      x += unzigzag(p === 0 ? Math.floor(head / 4) : varint());
      y += unzigzag(varint());
      ops.push(x, y);
    }
  }
  return { advance, ops: Int32Array.from(ops) };
}

// Advances and record starts come with the face (font-data.ts), so measuring and checking
// text decodes nothing; the outlines are decoded the first time one is drawn from the font
// (most renders draw their template text from pre-rasterised masks, see template.ts).
function decodeFace(face: EncodedFace): DecodedFace {
  const advances = face.advances.split(",").map(Number);
  const starts = face.starts.split(",").map(Number);
  const chars = Array.from(FONT_CHARSET);
  if (advances.length !== chars.length || starts.length !== chars.length) throw new Error("font data: advances or starts disagree with FONT_CHARSET");
  const index = new Map<string, number>();
  chars.forEach((ch, i) => index.set(ch, i));
  let bytes: Uint8Array | undefined;
  const outlines = new Map<string, Int32Array>();
  return {
    unitsPerEm: face.unitsPerEm,
    ascender: face.ascender,
    descender: face.descender,
    advance: (ch) => {
      const i = index.get(ch);
      return i === undefined ? undefined : advances[i];
    },
    outline: (ch) => {
      let ops = outlines.get(ch);
      if (ops) return ops;
      const i = index.get(ch);
      if (i === undefined) throw new OgUnsupportedCharacterError(ch, ch);
      bytes ??= decodeBase64url(face.glyphs);
      ops = readGlyph(bytes, { pos: starts[i]! }).ops;
      outlines.set(ch, ops);
      return ops;
    },
    record: (ch) => {
      const i = index.get(ch);
      if (i === undefined) throw new OgUnsupportedCharacterError(ch, ch);
      bytes ??= decodeBase64url(face.glyphs);
      return bytes.subarray(starts[i]!, i + 1 < starts.length ? starts[i + 1]! : bytes.length);
    },
    characters: () => chars.join(""),
  };
}

let titleFace: DecodedFace | null = null;

/**
 * Registers the title glyphs (public/_og/title-glyphs.bin, written by scripts/build-og-font.mjs:
 * GB 2312 and OG_CHARSET in Bold). Glyphs are decoded when first drawn and kept for the
 * isolate's life, so a warm render decodes none. Throws on a file that is not one.
 */
export function loadTitleFont(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0);
  if (bytes.length < 14 || magic !== "OGT1") throw new Error("title font: not an OGT1 file");
  const count = view.getUint32(10);
  const codes = 14;
  const offsets = codes + 4 * count;
  const data = offsets + 4 * (count + 1);
  if (data > bytes.length || data + view.getUint32(offsets + 4 * count) > bytes.length) throw new Error("title font: truncated");
  // Per character looked up: where its record starts (-1: none) and its advance, read without
  // the outline (measuring a title, or a label drawn from the pre-drawn template, needs no more).
  const found = new Map<string, { start: number; end: number; advance: number }>();
  const outlines = new Map<string, Int32Array>();
  const lookup = (ch: string): { start: number; end: number; advance: number } => {
    let entry = found.get(ch);
    if (entry) return entry;
    const cp = ch.codePointAt(0)!;
    let lo = 0;
    let hi = count - 1;
    entry = { start: -1, end: -1, advance: 0 };
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = view.getUint32(codes + 4 * mid);
      if (c === cp) {
        const start = data + view.getUint32(offsets + 4 * mid);
        entry = { start, end: data + view.getUint32(offsets + 4 * mid + 4), advance: readVarint(bytes, { pos: start }) };
        break;
      }
      if (c < cp) lo = mid + 1;
      else hi = mid - 1;
    }
    found.set(ch, entry);
    return entry;
  };
  titleFace = {
    unitsPerEm: view.getUint16(4),
    ascender: view.getInt16(6),
    descender: view.getInt16(8),
    advance: (ch) => {
      const entry = lookup(ch);
      return entry.start < 0 ? undefined : entry.advance;
    },
    outline: (ch) => {
      let ops = outlines.get(ch);
      if (ops) return ops;
      const { start } = lookup(ch);
      if (start < 0) throw new OgUnsupportedCharacterError(ch, ch);
      ops = readGlyph(bytes, { pos: start }).ops;
      outlines.set(ch, ops);
      return ops;
    },
    record: (ch) => {
      const { start, end } = lookup(ch);
      if (start < 0) throw new OgUnsupportedCharacterError(ch, ch);
      return bytes.subarray(start, end);
    },
  };
}

export function titleFontLoaded(): boolean {
  return titleFace !== null;
}

// Decoded once per isolate; a Worker reuses it across requests.
const decoded: Partial<Record<"regular" | "bold", DecodedFace>> = {};

function face(weight: FontWeight): DecodedFace {
  if (weight === "title") {
    if (!titleFace) throw new OgRenderError("the title font is not loaded (loadTitleFont)");
    return titleFace;
  }
  return (decoded[weight] ??= decodeFace(weight === "bold" ? FONT_BOLD : FONT_REGULAR));
}

/** The characters of text that `weight` has no glyph for (none: it can be drawn). */
export function missingCharacters(text: string, weight: FontWeight): string[] {
  const f = face(weight);
  return [...new Set(Array.from(text).filter((ch) => f.advance(ch) === undefined))];
}

/** Throws OgUnsupportedCharacterError unless every character of text is in the subset. */
export function assertDrawable(text: string): void {
  const f = face("regular");
  for (const ch of text) if (f.advance(ch) === undefined) throw new OgUnsupportedCharacterError(ch, text);
}

export interface TextStyle {
  readonly size: number;
  readonly weight: FontWeight;
  /** Extra space after each character, in px. */
  readonly tracking?: number;
}

export function measureText(text: string, style: TextStyle): number {
  const f = face(style.weight);
  const scale = style.size / f.unitsPerEm;
  let width = 0;
  let count = 0;
  for (const ch of text) {
    const advance = f.advance(ch);
    if (advance === undefined) throw new OgUnsupportedCharacterError(ch, text);
    width += advance * scale + (style.tracking ?? 0);
    count++;
  }
  return count > 0 ? width - (style.tracking ?? 0) : 0;
}

/** Appends the outlines of text, baseline starting at (x, y) in px with y down, to path. */
export function textPath(path: PathSink, text: string, x: number, y: number, style: TextStyle): void {
  const f = face(style.weight);
  const s = style.size / f.unitsPerEm;
  let penX = x;
  for (const ch of text) {
    const advance = f.advance(ch);
    if (advance === undefined) throw new OgUnsupportedCharacterError(ch, text);
    const ops = f.outline(ch);
    let i = 0;
    while (i < ops.length) {
      const kind = ops[i++]!;
      const X = (): number => penX + ops[i++]! * s;
      const Y = (): number => y - ops[i++]! * s;
      if (kind === 0) path.moveTo(X(), Y());
      else if (kind === 1) path.lineTo(X(), Y());
      else if (kind === 2) path.quadTo(X(), Y(), X(), Y());
      else path.cubicTo(X(), Y(), X(), Y(), X(), Y());
    }
    path.close();
    penX += advance * s + (style.tracking ?? 0);
  }
}

/**
 * One character's encoded outline and the scale that draws it at style.size: what textPath
 * draws, for a rasteriser that reads the record itself (raster.wasm).
 */
export function glyphRecord(ch: string, style: TextStyle): { record: Uint8Array; scale: number } {
  const f = face(style.weight);
  if (f.advance(ch) === undefined) throw new OgUnsupportedCharacterError(ch, ch);
  return { record: f.record(ch), scale: style.size / f.unitsPerEm };
}

/**
 * For the tests: the characters a face's outline data holds, read record after record; throws
 * when a record does not start where `starts` says, its advance differs from `advances`, or
 * bytes are left over (the outlines and the lists beside them disagree).
 */
export function decodedCharacters(weight: "regular" | "bold"): string {
  const encoded = weight === "bold" ? FONT_BOLD : FONT_REGULAR;
  const f = face(weight);
  const bytes = decodeBase64url(encoded.glyphs);
  const starts = encoded.starts.split(",").map(Number);
  const at = { pos: 0 };
  const out: string[] = [];
  Array.from(FONT_CHARSET).forEach((ch, i) => {
    if (starts[i] !== at.pos) throw new Error(`font data: ${ch} starts at ${at.pos}, listed at ${starts[i]}`);
    const glyph = readGlyph(bytes, at);
    if (glyph.advance !== f.advance(ch)) throw new Error(`font data: ${ch} advances ${glyph.advance}, listed ${f.advance(ch)}`);
    out.push(ch);
  });
  if (at.pos !== bytes.length) throw new Error("font data: trailing bytes (FONT_CHARSET and glyphs disagree)");
  return out.join("");
}
