// The interface languages, in one home. Chinese is the plan's own language and the default;
// English serves the simulator's visitors who do not read Chinese. Punctuation differs between
// the two (full-width colon and brackets, the enumeration comma 、), so it lives here as data
// instead of as `lang === "zh" ? "：" : ": "` choices scattered through components. A new
// language must give every entry: a missing one does not compile.

export const LANGS = ["zh", "en"] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(x: unknown): x is Lang {
  return (LANGS as readonly unknown[]).includes(x);
}

/** BCP 47 tag for `lang` attributes and `Intl` formatters. */
export const LOCALE: Record<Lang, string> = { zh: "zh-CN", en: "en" };

interface Punctuation {
  /** After a label, before what it labels: "标签：值" / "Label: value". */
  colon: string;
  /** Between items of an enumeration: 甲、乙 / a, b. */
  list: string;
  /** Between parts of a phrase: 甲，乙 / a, b. */
  comma: string;
  /** Between clauses that each stand alone: 甲；乙 / a; b. */
  clause: string;
  /** A parenthetical after a word, with the spacing the language wants: 甲（乙） / a (b). */
  aside: (text: string) => string;
  /** A bracketed tag before a text: 【注】 / [Note] . */
  tag: (text: string) => string;
  /** Between a number and a word unit: 5万人 / 5 persons. */
  unitSpace: string;
}

export const PUNCT: Record<Lang, Punctuation> = {
  zh: { colon: "：", list: "、", comma: "，", clause: "；", aside: (s) => `（${s}）`, tag: (s) => `【${s}】`, unitSpace: "" },
  en: { colon: ": ", list: ", ", comma: ", ", clause: "; ", aside: (s) => ` (${s})`, tag: (s) => `[${s}] `, unitSpace: " " },
};

// Chinese line-breaking rules (禁则, W3C clreq): closing punctuation never starts a line and
// opening punctuation never ends one. Read by the canvas line breaker (src/lib/share/line-break.ts)
// and by the rule that keeps a text's last two characters together (src/utils/format.ts).
/** Chinese closing punctuation: stays at the end of the line with the character before it. */
export const CLOSING_PUNCTUATION = "，。、；：？！）》」』】〕〉〗”’…";
/** Chinese opening punctuation: starts the line with the character after it. */
export const OPENING_PUNCTUATION = "（《「『【〔〈〖“‘";

/**
 * Units of the engine's inputs and settings (INPUT_META, SENSITIVITY_STEPS, the schema's ranges)
 * as each language writes them right after a number: "2个百分点" / "2 pp". English text carries
 * its own leading space so callers can always write `${n}${unitText(u, lang)}`.
 */
const UNIT_TEXT: Readonly<Record<string, Record<Lang, string>>> = {
  "%": { zh: "%", en: "%" },
  "‰": { zh: "‰", en: "‰" },
  pp: { zh: "个百分点", en: " pp" },
  "人/年": { zh: "人/年", en: " persons/yr" },
  persons: { zh: "人", en: " persons" },
  paths: { zh: "条", en: " paths" },
  "": { zh: "", en: "" },
};

export function unitText(unit: string, lang: Lang): string {
  // An engine unit this table does not know is shown as the engine states it.
  return Object.hasOwn(UNIT_TEXT, unit) ? UNIT_TEXT[unit]![lang] : unit ? PUNCT[lang].unitSpace + unit : "";
}
