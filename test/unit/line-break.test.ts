// Line breaking for canvas text (src/lib/share/line-break.ts): the poster, the chart images and
// the link preview image break lines with it.
import { describe, expect, it } from "vitest";
import { wrapLines } from "../../src/lib/share/line-break";

describe("poster line breaking", () => {
  const measure = (s: string) => Array.from(s).length * 10;
  it("breaks Chinese between characters and Latin text at spaces", () => {
    expect(wrapLines("城区十四五规划好", 30, measure)).toEqual(["城区十", "四五规", "划好"]);
    expect(wrapLines("what if growth slows", 100, measure)).toEqual(["what if", "growth", "slows"]);
  });
  it("never starts a line with closing punctuation nor ends one with opening punctuation (禁则)", () => {
    // By width alone: "调高一点看看" / "，结果如何。" and "城区的“" / "十四五”" / "规划".
    expect(wrapLines("调高一点看看，结果如何。", 60, measure)).toEqual(["调高一点看", "看，结果", "如何。"]);
    expect(wrapLines("城区的“十四五”规划", 40, measure)).toEqual(["城区的", "“十四", "五”规划"]);
    for (const width of [30, 40, 50, 60, 70]) {
      const lines = wrapLines("我把2021–2025年GDP增速调高了，看看2035年人均GDP能不能达到全国水平。", width * 2, measure);
      expect(lines.filter((l) => /^[，。、；：？！）》”]/.test(l) || /[（《“]$/.test(l)), `width ${width * 2}`).toEqual([]);
      expect(lines.join("")).toBe("我把2021–2025年GDP增速调高了，看看2035年人均GDP能不能达到全国水平。");
    }
  });
  it("does not leave one Chinese character alone on the last line", () => {
    // By width alone: "城区十" / "四五规" / "划" and "…全国水" / "平。".
    expect(wrapLines("城区十四五规划", 30, measure)).toEqual(["城区十", "四五", "规划"]);
    expect(wrapLines("能不能达到全国水平。", 80, measure)).toEqual(["能不能达到全国", "水平。"]);
    // Latin text and a line with room to give are left as they are.
    expect(wrapLines("what if growth slows a", 100, measure)).toEqual(["what if", "growth", "slows a"]);
    expect(wrapLines("一二三", 20, measure)).toEqual(["一二", "三"]);
  });
  it("splits a token longer than the line (a URL)", () => {
    expect(wrapLines("https://e.org/s/abc", 60, measure)).toEqual(["https:", "//e.or", "g/s/ab", "c"]);
  });
  it("cuts with an ellipsis after maxLines", () => {
    expect(wrapLines("一二三四五六七八九", 30, measure, 2)).toEqual(["一二三", "四五…"]);
  });
});
