// formatDecimal must print what Intl.NumberFormat prints for the interface languages (it stands
// in for Intl so that the simulator's start-up does not load ICU): compared over many values,
// including the halfway cases where rounding rules differ, and every option set the site uses.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatDecimal, type DecimalOptions } from "../../src/lib/number-format";
import { LANGS, LOCALE } from "../../src/lib/lang";

const optionSets: DecimalOptions[] = [
  {},
  { minimumFractionDigits: 0, maximumFractionDigits: 0 },
  { minimumFractionDigits: 1, maximumFractionDigits: 1 },
  { minimumFractionDigits: 1, maximumFractionDigits: 2 },
  { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  { minimumFractionDigits: 2, maximumFractionDigits: 4 },
  { minimumFractionDigits: 0, maximumFractionDigits: 2 },
  { minimumFractionDigits: 0, maximumFractionDigits: 4 },
  { maximumFractionDigits: 0 },
  { minimumFractionDigits: 5 },
  { useGrouping: "min2" },
  { useGrouping: "min2", minimumFractionDigits: 1, maximumFractionDigits: 1 },
  { useGrouping: false, maximumFractionDigits: 2 },
];

function intl(value: number, lang: (typeof LANGS)[number], o: DecimalOptions): string {
  return new Intl.NumberFormat(LOCALE[lang], o as Intl.NumberFormatOptions).format(value);
}

// Values around every rounding boundary the options above meet, and the magnitudes the
// simulator shows (rates, 亿元, 元, persons), with their negatives.
const special = [
  0, -0, 0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 0.25, 0.35, 1.005, 1.015, 1.025, 2.675, 8.345, 0.125, 0.375, 1.45, 1.55, 0.0005, 0.00049999,
  9.95, 9.995, 99.95, 999.5, 999.95, 9999.5, 99999.5, 0.995, 0.9995, -0.04, -0.004, -0.0004, 1e-7, 1.5e-7, 5e-7, 1e-10, 123456789.125,
  1e15, 1e20, 1e21, 1.2345e22, 574665, 585097, 1e6, 38780, 5216, 1234, 999, 1000, 10000, 100000, 352.45, 352.55, 4.7294, 0.1 + 0.2,
  Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, Number.MAX_VALUE, Number.EPSILON, NaN, Infinity, -Infinity,
];

describe("formatDecimal", () => {
  it("prints what Intl prints for chosen values", () => {
    for (const lang of LANGS) for (const o of optionSets) for (const v of [...special, ...special.map((x) => -x)]) expect(formatDecimal(v, lang, o), `${v} ${lang} ${JSON.stringify(o)}`).toBe(intl(v, lang, o));
  });

  it("prints what Intl prints for halfway decimals of every magnitude", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom(...optionSets), fc.constantFrom(...LANGS), (k, d, o, lang) => {
        const v = (k + 0.5) / 10 ** d;
        expect(formatDecimal(v, lang, o)).toBe(intl(v, lang, o));
      }),
      { numRuns: 20_000 },
    );
  });

  it("prints what Intl prints for any double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.constantFrom(...optionSets), fc.constantFrom(...LANGS), (v, o, lang) => {
        expect(formatDecimal(v, lang, o)).toBe(intl(v, lang, o));
      }),
      { numRuns: 20_000 },
    );
  });

  it("prints what Intl prints for the magnitudes the simulator shows", () => {
    fc.assert(
      fc.property(fc.double({ min: -2e6, max: 2e6, noNaN: true }), fc.constantFrom(...optionSets), fc.constantFrom(...LANGS), (v, o, lang) => {
        expect(formatDecimal(v, lang, o)).toBe(intl(v, lang, o));
      }),
      { numRuns: 20_000 },
    );
  });

  it("refuses fraction digits Intl refuses", () => {
    expect(() => formatDecimal(1, "zh", { minimumFractionDigits: 3, maximumFractionDigits: 1 })).toThrow(RangeError);
  });
});
