// The interface languages' one home (src/lib/lang.ts): every unit the engine states has a text
// in each language, and English text never falls back to Chinese.
import { describe, expect, it } from "vitest";
import { INPUT_IDS, INPUT_META } from "../../src/lib/scenario";
import { SENSITIVITY_STEPS } from "../../src/lib/model";
import { LANGS, LOCALE, PUNCT, isLang, unitText } from "../../src/lib/lang";
import { inputUnit } from "../../src/components/simulator/controls";

const HAN = /[\u4e00-\u9fff]/;
const engineUnits = [...new Set([...INPUT_IDS.map((id) => INPUT_META[id].unit), ...Object.values(SENSITIVITY_STEPS).map((s) => s.unit)])];

describe("units after a number", () => {
  it.each(engineUnits)("unit %j reads in English without Chinese", (unit) => {
    const en = unitText(unit, "en");
    expect(en).not.toMatch(HAN);
    // A word unit is separated from the number; a sign (% ‰) is not.
    if (/[a-z]/i.test(en)) expect(en).toMatch(/^ \S/);
    else expect(en).not.toMatch(/^\s/);
  });

  it.each(engineUnits)("unit %j reads in Chinese as the engine or the plan writes it", (unit) => {
    const zh = unitText(unit, "zh");
    expect(zh).not.toMatch(/^\s/);
    if (unit !== "pp") expect(zh).toBe(unit);
    else expect(zh).toBe("个百分点");
  });

  it("an input's unit follows the language (net migration is persons a year)", () => {
    expect(inputUnit("netMigration", "zh")).toBe("人/年");
    expect(inputUnit("netMigration", "en")).toBe(" persons/yr");
    expect(inputUnit("incomeElasticity", "en")).toBe("");
  });

  it("a unit the table does not know is shown as stated, spaced in English", () => {
    expect(unitText("km", "zh")).toBe("km");
    expect(unitText("km", "en")).toBe(" km");
    // A hostile name does not reach Object.prototype.
    expect(unitText("constructor", "en")).toBe(" constructor");
  });
});

describe("languages and punctuation", () => {
  it("knows exactly its languages", () => {
    expect(LANGS.every(isLang)).toBe(true);
    for (const x of ["fr", "zh-CN", "", null, "constructor", ["zh"]]) expect(isLang(x)).toBe(false);
  });

  it("gives every language a locale Intl accepts", () => {
    for (const lang of LANGS) expect(Intl.NumberFormat.supportedLocalesOf([LOCALE[lang]])).toEqual([LOCALE[lang]]);
  });

  it("writes Chinese punctuation full width and English with ASCII and spaces", () => {
    expect(PUNCT.zh.aside("2025年")).toBe("（2025年）");
    expect(PUNCT.en.aside("2025")).toBe(" (2025)");
    expect(PUNCT.zh.colon + PUNCT.zh.list + PUNCT.zh.clause + PUNCT.zh.comma).toBe("：、；，");
    expect(PUNCT.en.colon + PUNCT.en.list + PUNCT.en.clause + PUNCT.en.comma).toBe(": , ; , ");
  });
});
