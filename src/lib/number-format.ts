// Decimal numbers as Intl.NumberFormat writes them for the interface languages, without Intl.
// The first Intl object a page makes loads ICU's locale data: 30–60 ms of main thread on a
// fast machine, four times that on a phone, and the simulator's start-up (preset texts, key
// results) would pay it before the page answers a tap. zh-CN and en write decimals the same
// simple way (groups of three with ",", "." before the fraction, "-" before a negative number),
// so this prints exactly what Intl prints for them (test/unit/number-format.test.ts compares
// the two), with Intl's defaults and its rounding: half away from zero, applied to the
// shortest decimal that reads back as the same double (as ICU does; 1.005 → "1.01").

import type { Lang } from "./lang";

export interface DecimalOptions {
  /** As Intl's option (default 0). */
  minimumFractionDigits?: number;
  /** As Intl's option (default the larger of the minimum and 3). */
  maximumFractionDigits?: number;
  /**
   * As Intl's `useGrouping`: "auto" groups as the locale does (from four integer digits in both
   * languages: 5,216), "min2" from five (5216, 38,780), false never.
   */
  useGrouping?: "auto" | "min2" | false;
}

interface Symbols {
  group: string;
  decimal: string;
  minus: string;
  /** CLDR's minimumGroupingDigits: the fewest digits before the first separator. */
  minimumGroupingDigits: number;
}

const SYMBOLS: Record<Lang, Symbols> = {
  zh: { group: ",", decimal: ".", minus: "-", minimumGroupingDigits: 1 },
  en: { group: ",", decimal: ".", minus: "-", minimumGroupingDigits: 1 },
};

/** One more unit in the last digit of a string of decimal digits ("199" → "200", "99" → "100"). */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === "9") i--;
  if (i < 0) return "1" + "0".repeat(digits.length);
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + "0".repeat(digits.length - i - 1);
}

export function formatDecimal(value: number, lang: Lang, options: DecimalOptions = {}): string {
  const sym = SYMBOLS[lang];
  const min = options.minimumFractionDigits ?? 0;
  const max = options.maximumFractionDigits ?? Math.max(min, 3);
  if (!(min >= 0 && max >= min && max <= 100)) throw new RangeError(`fraction digits ${min}–${max}`);
  const negative = value < 0 || Object.is(value, -0);
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return (negative ? sym.minus : "") + "∞";

  // The shortest round-trip decimal: mantissa digits and where the decimal point falls.
  let text = Math.abs(value).toString();
  let exponent = 0;
  const e = text.indexOf("e");
  if (e >= 0) {
    exponent = Number(text.slice(e + 1));
    text = text.slice(0, e);
  }
  const dot = text.indexOf(".");
  let digits = dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1);
  let point = (dot < 0 ? text.length : dot) + exponent;
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  }
  if (digits.length < point) digits += "0".repeat(point - digits.length);

  let kept = digits.slice(0, point + max);
  if (digits.length > point + max && digits.charCodeAt(point + max) >= 53 /* "5" */) {
    const up = increment(kept);
    if (up.length > kept.length) point++;
    kept = up;
  }
  let integer = kept.slice(0, point).replace(/^0+(?=\d)/, "");
  let fraction = kept.slice(point);
  let end = fraction.length;
  while (end > min && fraction[end - 1] === "0") end--;
  fraction = fraction.slice(0, end).padEnd(min, "0");

  const grouping = options.useGrouping ?? "auto";
  const minGroup = grouping === "min2" ? Math.max(2, sym.minimumGroupingDigits) : sym.minimumGroupingDigits;
  if (grouping !== false && integer.length >= 3 + minGroup) {
    const head = integer.length % 3 || 3;
    const groups = [integer.slice(0, head)];
    for (let i = head; i < integer.length; i += 3) groups.push(integer.slice(i, i + 3));
    integer = groups.join(sym.group);
  }
  return (negative ? sym.minus : "") + integer + (fraction ? sym.decimal + fraction : "");
}
