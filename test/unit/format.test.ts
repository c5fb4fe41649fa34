import { describe, expect, it } from "vitest";
import { chapterLabel, chineseNumeral, sectionLabel, comparatorWords, decimalsOf, formatNumber, formatQuantity, yearRangeParts, asideParts, lastTwoAt, proseParts } from "../../src/utils/format";

describe("chineseNumeral / chapterLabel", () => {
  it.each([
    [1, "一"],
    [9, "九"],
    [10, "十"],
    [13, "十三"],
    [20, "二十"],
    [22, "二十二"],
    [99, "九十九"],
  ])("%d → %s", (n, s) => expect(chineseNumeral(n)).toBe(s));
  it("labels chapters as the plan does", () => {
    expect(chapterLabel(3)).toBe("第三章");
    expect(chapterLabel(13)).toBe("第十三章");
    expect(sectionLabel(2)).toBe("第二节");
  });
  it.each([0, -1, 100, 1.5, Number.NaN])("refuses %d", (n) => expect(() => chineseNumeral(n)).toThrow(RangeError));
});

describe("decimalsOf", () => {
  it.each([
    [352.5, 1],
    [38780, 0],
    [7.9, 1],
    [0.0136, 4],
    [0.00003732, 8],
    [86.28, 2],
    [-2.2, 1],
    [1e21, 0],
  ])("%d has %d decimals", (v, d) => expect(decimalsOf(v)).toBe(d));
});

describe("formatNumber: zh-CN, never more precision than the value has", () => {
  it.each([
    [352.5, "352.5"],
    [38780, "38,780"],
    [2035, "2035"],
    [9, "9"],
    [0.00003732, "0.00003732"],
    [-2.2, "-2.2"],
    [1234567.5, "1,234,567.5"],
  ])("%d → %s", (v, s) => expect(formatNumber(v)).toBe(s));
  it("keeps the source's trailing zeros when told its precision", () => {
    expect(formatNumber(7.9, 2)).toBe("7.90");
    expect(formatNumber(1.3, 2)).toBe("1.30");
  });
});

describe("formatQuantity", () => {
  it("writes the unit straight after the number, as Chinese text does", () => {
    expect(formatQuantity(352.5, "亿元")).toBe("352.5亿元");
    expect(formatQuantity(9, "%")).toBe("9%");
    expect(formatQuantity(38780, "元")).toBe("38,780元");
    expect(formatQuantity(12, "")).toBe("12");
  });
  it("writes round counts with 万 and 亿, as the plan does, and leaves other numbers alone", () => {
    expect(formatQuantity(1000000, "人")).toBe("100万人");
    expect(formatQuantity(300000000, "元")).toBe("3亿元");
    expect(formatQuantity(15230, "家")).toBe("15,230家");
    expect(formatQuantity(20000, "万元")).toBe("20,000万元");
    expect(formatQuantity(0, "人")).toBe("0人");
    expect(formatQuantity(10000, "元", 0)).toBe("10,000元");
  });
});

describe("comparatorWords", () => {
  it("reads comparators in words", () => {
    expect(comparatorWords("≥")).toBe("不低于");
    expect(comparatorWords(">")).toBe("高于");
    expect(comparatorWords("=")).toBe("达到");
    expect(comparatorWords("≤")).toBe("不高于");
    expect(comparatorWords("<")).toBe("低于");
  });
});

import { isCurrentNav } from "../../src/utils/site";

describe("isCurrentNav", () => {
  it("marks the home item only on the home page", () => {
    expect(isCurrentNav("/", "/")).toBe(true);
    expect(isCurrentNav("/", "/plan/")).toBe(false);
  });
  it("marks a section for its pages, with or without the trailing slash", () => {
    expect(isCurrentNav("/plan/", "/plan/twin-cores/")).toBe(true);
    expect(isCurrentNav("/plan/", "/plan")).toBe(true);
    expect(isCurrentNav("/plan/", "/planning/")).toBe(false);
    expect(isCurrentNav("/indicators/", "/plan/")).toBe(false);
  });
});

describe("yearRangeParts", () => {
  const kept = (text: string) => yearRangeParts(text).filter((p) => p.whole).map((p) => p.text);

  it("keeps Chinese and English year ranges whole, with their dash", () => {
    expect(kept("默认取全国2021—2025年GDP平减指数；城区2016—2020年约为0.1%")).toEqual(["2021—2025", "2016—2020"]);
    expect(kept("urban income (mean of 2023–2025, national.csv); 2021–25 defaults")).toEqual(["2023–2025", "2021–25"]);
    expect(kept("即全国 2021 — 2025 年")).toEqual(["2021 — 2025"]);
  });

  it("leaves ASCII hyphens (which do not break between digits), other numbers and non-year runs alone", () => {
    expect(kept("《健康中国·山西行动（2019-2030年）》")).toEqual([]);
    expect(kept("−0.9%至1.8%，1,100—1,200")).toEqual([]);
    expect(kept("12345—6789")).toEqual([]);
  });

  it("gives back the whole text, in order", () => {
    const text = "（2021–2025 / 2021–2035）：地区生产总值";
    expect(yearRangeParts(text).map((p) => p.text).join("")).toBe(text);
    expect(yearRangeParts(text).map((p) => p.whole)).toEqual([false, true, false, true, false]);
    expect(yearRangeParts("")).toEqual([{ text: "", whole: false }]);
  });
});

describe("asideParts", () => {
  it("finds full-width and ASCII parenthetical asides, and gives back the whole text", () => {
    const zh = "年均增长（2021–2025 / 2021–2035）：地区生产总值（2020年不变价）";
    expect(asideParts(zh).filter((p) => p.whole).map((p) => p.text)).toEqual(["（2021–2025 / 2021–2035）", "（2020年不变价）"]);
    expect(asideParts(zh).map((p) => p.text).join("")).toBe(zh);
    expect(asideParts("Average growth (2021–25 / 2021–35): GDP (constant 2020 prices)").filter((p) => p.whole).map((p) => p.text)).toEqual(["(2021–25 / 2021–35)", "(constant 2020 prices)"]);
    expect(asideParts("常住人口").map((p) => p.whole)).toEqual([false]);
  });
});

describe("lastTwoAt / proseParts", () => {
  it("splits before the last two Chinese characters, their punctuation with them", () => {
    expect(lastTwoAt("默认沿用同一增速。")).toBe(6);
    expect(lastTwoAt("总结“十三五”")).toBe(4);
    // Characters outside the BMP count as one.
    expect(lastTwoAt("𠮷野家的规划")).toBe("𠮷野家的".length);
  });
  it("counts a word or number as one character: a lone digit or unit keeps to what comes before it", () => {
    expect(lastTwoAt("人口增加到 100 万。")).toBe("人口增加到 ".length);
    expect(lastTwoAt("默认保持2020年水平（专栏1）。")).toBe("默认保持2020年水平（专".length);
  });
  it("leaves short texts and texts ending in a word or number of two or more alone", () => {
    expect(lastTwoAt("第一项")).toBeNull();
    expect(lastTwoAt("加快布局 5G")).toBeNull();
    expect(lastTwoAt("年均增长 12%")).toBeNull();
  });
  it("keeps a note's year ranges and its last two characters whole, and gives the text back", () => {
    const text = "默认取全国2021—2025年GDP平减指数的年均涨幅。";
    expect(proseParts(text).filter((p) => p.whole).map((p) => p.text)).toEqual(["2021—2025", "涨幅。"]);
    expect(proseParts(text).map((p) => p.text).join("")).toBe(text);
    expect(proseParts("2021—2025")).toEqual([{ text: "2021—2025", whole: true }]);
  });
});
