import { describe, expect, it } from "vitest";
import { OG_CHARSET, OG_TEXT } from "../../functions/_lib/og";
import { decodedCharacters, measureText } from "../../functions/_lib/og/font";
import { FONT_BOLD, FONT_CHARSET, FONT_REGULAR } from "../../functions/_lib/og/font-data";

const chars = (s: string): string[] => Array.from(s);

describe("OG_CHARSET", () => {
  it("holds every character of every template string", () => {
    for (const [key, text] of Object.entries(OG_TEXT)) {
      for (const ch of text) expect(OG_CHARSET, `${key}: ${ch}`).toContain(ch);
    }
  });
  it("holds digits, ASCII letters and the number punctuation", () => {
    for (const ch of "0123456789ABCXYZabcxyz.,%+-−–:/（），。“”") expect(OG_CHARSET).toContain(ch);
  });
  it("is sorted by code point without duplicates", () => {
    const list = chars(OG_CHARSET);
    expect(new Set(list).size).toBe(list.length);
    const codes = list.map((c) => c.codePointAt(0)!);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
  });
});

describe("generated font module", () => {
  it("was generated for exactly OG_CHARSET (rerun scripts/build-og-font.mjs if not)", () => {
    expect(FONT_CHARSET).toBe(OG_CHARSET);
  });

  it.each(["regular", "bold"] as const)("decodes the %s face to exactly OG_CHARSET", (weight) => {
    expect(decodedCharacters(weight)).toBe(OG_CHARSET);
  });

  it.each(["regular", "bold"] as const)("gives every character of the %s face an advance, and CJK ones a full em", (weight) => {
    for (const ch of OG_CHARSET) {
      const width = measureText(ch, { size: 100, weight });
      expect(width, ch).toBeGreaterThan(0);
      if (/\p{Script=Han}/u.test(ch)) expect(width, ch).toBe(100);
    }
  });

  it("records the font and its licence", () => {
    expect(FONT_REGULAR.name).toMatch(/^Noto Sans CJK SC \d/);
    expect(FONT_BOLD.name).toMatch(/^Noto Sans CJK SC Bold \d/);
    expect(FONT_REGULAR.unitsPerEm).toBe(1000);
  });

  it("keeps the outline data small", () => {
    // base64 of both faces; the whole renderer must stay far below the Functions size limit.
    expect(FONT_REGULAR.glyphs.length + FONT_BOLD.glyphs.length).toBeLessThan(200_000);
  });
});
