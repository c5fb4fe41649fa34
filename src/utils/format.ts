// zh-CN formatting for numbers and ordinals shown to readers. Pure functions, no Astro imports.
import { COMPARATOR_WORDS, type Comparator } from "../lib/data/target-kinds";
import { CLOSING_PUNCTUATION } from "../lib/lang";

export type { Comparator };

const DIGITS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;

/** 1 → 一, 10 → 十, 13 → 十三, 20 → 二十, 22 → 二十二 (1–99, as in 第十三章 and 专栏二十二). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumeral: ${n} is outside 1–99`);
  const tens = Math.floor(n / 10);
  const units = n % 10;
  if (tens === 0) return DIGITS[units]!;
  return `${tens === 1 ? "" : DIGITS[tens]}十${units === 0 ? "" : DIGITS[units]}`;
}

/** "第三章" for chapter 3. */
export function chapterLabel(n: number): string {
  return `第${chineseNumeral(n)}章`;
}

/** "第二节" for section 2. */
export function sectionLabel(n: number): string {
  return `第${chineseNumeral(n)}节`;
}

/** Number of decimals a value is written with (352.5 → 1, 7.90 read as 7.9 → 1, 38780 → 0). */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`decimalsOf: ${value} is not finite`);
  // toString gives the shortest representation that round-trips, so it has no invented digits.
  const s = Math.abs(value).toString();
  const exp = /e([+-]\d+)$/.exec(s);
  const mantissa = exp ? s.slice(0, exp.index) : s;
  const dot = mantissa.indexOf(".");
  const decimals = dot < 0 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, decimals - (exp ? Number(exp[1]) : 0));
}

/**
 * A number in zh-CN notation with exactly the precision it carries, never more: 352.5 → "352.5",
 * 38780 → "38,780", 0.00003732 → "0.00003732". Pass `decimals` to show a value at the precision
 * of its source text when that has trailing zeros ("7.90%").
 */
export function formatNumber(value: number, decimals: number = decimalsOf(value)): string {
  return new Intl.NumberFormat("zh-CN", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    // "min2": group only from five digits up (38,780 but 2035), as zh-CN statistics do.
    useGrouping: "min2",
  }).format(value);
}

/**
 * "352.5亿元", "7.9%", "15,230家", "100万人": Chinese typesetting puts the unit straight after the
 * number, and round counts of ten thousand or more are written with 万/亿 as the plan writes them
 * ("100 万"), not as 1,000,000, which would claim a precision the source does not have.
 */
export function formatQuantity(value: number, unit: string, decimals?: number): string {
  if (decimals === undefined && Number.isInteger(value) && !/[万亿]/.test(unit)) {
    if (value !== 0 && value % 1e8 === 0) return `${formatNumber(value / 1e8)}亿${unit}`;
    if (value !== 0 && value % 1e4 === 0) return `${formatNumber(value / 1e4)}万${unit}`;
  }
  return `${formatNumber(value, decimals)}${unit}`;
}

/** Words for a target's comparator: "≥" → "不低于". */
export function comparatorWords(c: Comparator): string {
  return COMPARATOR_WORDS[c].zhBefore;
}

/** A stretch of text, and whether it is one of the runs asked for (kept whole by the page). */
export interface TextPart {
  text: string;
  whole: boolean;
}

/** Splits text around the matches of `pattern` (a /g regular expression). */
function splitAround(text: string, pattern: RegExp): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index), whole: false });
    parts.push({ text: m[0], whole: true });
    at = m.index + m[0].length;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), whole: false });
  return parts;
}

// A year range ("2021—2025", "2021–25", "2016 – 2020"). Browsers may break a line after an en
// or em dash (and before an em dash), which leaves "2021—" at a line's end and "2025年" on the
// next; an ASCII hyphen between digits does not break (UAX #14 LB25), so it is left alone.
const YEAR_RANGE = /(?<!\d)\d{4}\s?[–—]\s?\d{2,4}(?!\d)/g;

/** Splits text so that its year ranges can be set on one line (the page wraps them in a nowrap span). */
export function yearRangeParts(text: string): TextPart[] {
  return splitAround(text, YEAR_RANGE);
}

// A parenthetical aside in a label: a unit or price basis ("（元，当年价）", "(constant 2020 prices)").
const ASIDE = /（[^（）]*）|\([^()]*\)/g;

/**
 * Splits a short label so that its asides can each be kept to one line when they fit (the page
 * sets them inline-block): "…与全国平均 / （元，当年价）", not "…（元，当 / 年价）".
 */
export function asideParts(text: string): TextPart[] {
  return splitAround(text, ASIDE);
}

const HAN = /\p{Script=Han}/u;
/** What may follow a text's last two characters: closing punctuation and spaces. */
const TRAILING = new RegExp(`[\\s${CLOSING_PUNCTUATION}]`, "u");

/** A letter or digit other than a Chinese character: part of a word or number no line breaks inside. */
const WORD = /[\p{L}\p{N}]/u;

/**
 * Where to split a text so that its last two characters, with the punctuation after them, can
 * be kept on one line: Chinese typesetting does not end a paragraph with one character alone,
 * and browsers without CSS text-wrap: pretty (WeChat's WebView on older phones) would. A
 * "character" here is a Chinese character or a whole word or number ("…人口增加到 100 万。"
 * keeps "100 万。", "…（专栏1）。" keeps "栏1）。"). Null where that is not needed: the text
 * ends in a word or number of two or more (no line breaks inside it), or has fewer than two
 * characters before the pair (it fits on one line anyway).
 */
export function lastTwoAt(text: string): number | null {
  const chars = Array.from(text);
  let end = chars.length;
  while (end > 0 && TRAILING.test(chars[end - 1]!)) end--;
  /** Where the unbreakable unit ending at `to` starts, or -1 if none ends there. */
  const unitStart = (to: number): number => {
    const ch = chars[to - 1];
    if (ch === undefined) return -1;
    if (HAN.test(ch)) return to - 1;
    if (!WORD.test(ch)) return -1;
    let from = to - 1;
    while (from > 0 && WORD.test(chars[from - 1]!) && !HAN.test(chars[from - 1]!)) from--;
    return from;
  };
  const last = unitStart(end);
  if (last < 0 || end - last > 1) return null;
  let before = last;
  while (before > 0 && chars[before - 1] === " ") before--;
  const prev = unitStart(before);
  if (prev < 2) return null;
  return chars.slice(0, prev).join("").length;
}

/** A note's parts: its year ranges, and its last two characters, each kept on one line. */
export function proseParts(text: string): TextPart[] {
  const parts = yearRangeParts(text);
  const last = parts[parts.length - 1]!;
  const at = last.whole ? null : lastTwoAt(last.text);
  if (at === null) return parts;
  return [...parts.slice(0, -1), ...(at > 0 ? [{ text: last.text.slice(0, at), whole: false }] : []), { text: last.text.slice(at), whole: true }];
}
