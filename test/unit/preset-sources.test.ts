// The presets' source notes come in Chinese and English, and both say the same figures.
import { describe, expect, it } from "vitest";
import { presets } from "../../src/lib/scenario";
import { t, loadLang } from "../../src/components/simulator/i18n";

const HAN = /[\u4e00-\u9fff]/g;

/** Decimal figures and years in a text (grouping commas removed): what both languages must agree on. */
function figures(text: string): string[] {
  const plain = text.replace(/(\d),(\d{3})/g, "$1$2");
  return [...plain.matchAll(/\d+\.\d+|(?<!\d)20\d\d(?!\d)/g)].map((m) => m[0]).sort();
}

describe("preset source notes", () => {
  for (const p of presets) {
    it(`${p.id}: every note in both languages, with the same decimal figures and years`, () => {
      expect(p.sources.length).toBeGreaterThan(0);
      for (const [i, source] of p.sources.entries()) {
        const where = `${p.id} source ${i + 1}`;
        // Chinese notes are written in Chinese (file names and 专栏 apart), English ones in English.
        const zhHan = source.zh.match(HAN)?.length ?? 0;
        expect(zhHan, where).toBeGreaterThan(source.zh.replace(HAN, "").replace(/[^A-Za-z]/g, "").length / 4);
        expect(source.en.replace(HAN, ""), where).toMatch(/[A-Za-z]{3,}/);
        expect(source.zh, where).not.toBe(source.en);
        expect(source.zh, where).not.toMatch(/\b(the|and|of|a year)\b/);
        expect(figures(source.zh), where).toEqual(figures(source.en));
      }
    });
  }

  it("finds decimal figures and years, not the 100 of 100万", () => {
    expect(figures("地区生产总值增速 9.5%，2025 年以后 1,234.5；人口增加到100万")).toEqual(["1234.5", "2025", "9.5"]);
  });

  it("the label no longer says the notes are in English", async () => {
    expect(t("zh", "presetNote")).toBe("数据来源");
    await loadLang("en");
    expect(t("en", "presetNote")).toBe("Sources");
  });
});
