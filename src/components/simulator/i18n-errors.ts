// The engine's errors in the reader's language. The engine gives every formula issue and
// scenario error a stable `detail.code` with the values its (English) message mentions; this
// file says each in Chinese and in English. Loaded when an error is first shown (a bad formula,
// a damaged link): most readers never need it, so the page does not carry it up front.
import { INPUT_IDS, INPUT_META, type InputId, type ScenarioError, type ScenarioErrorDetail } from "../../lib/scenario/schema";
import type { FormulaIssue, FormulaIssueDetail } from "../../lib/formula/types";
import { t, type Lang } from "./i18n";
import { LOCALE, PUNCT, unitText } from "../../lib/lang";

type Detail<U, C> = Extract<U, { code: C }>;
/** One text per code and language, from the detail's values (already formatted for the language). */
type Texts<U extends { code: string }> = { [C in U["code"]]: Record<Lang, (d: Detail<U, C>, f: Formatters) => string> };

interface Formatters {
  num: (x: number) => string;
  unit: (u: string) => string;
  list: (xs: readonly string[]) => string;
}

function formatters(lang: Lang): Formatters {
  const nf = new Intl.NumberFormat(LOCALE[lang], { maximumSignificantDigits: 6 });
  return {
    num: (x) => nf.format(x),
    unit: (u) => unitText(u, lang),
    list: (xs) => xs.join(PUNCT[lang].list),
  };
}

const FORMULA_CHARS = "+ - * / ^ ( ) . , < > = ? :";

function arityText(d: Detail<FormulaIssueDetail, "arity">, lang: Lang): string {
  if (lang === "zh") {
    const n = d.min === d.max ? `${d.min}个` : d.max > 2 ? `至少${d.min}个` : `${d.min}或${d.max}个`;
    return `${d.name}() 需要${n}参数，而不是${d.count}个`;
  }
  const n = d.min === d.max ? `${d.min}` : d.max > 2 ? `at least ${d.min}` : `${d.min} or ${d.max}`;
  return `${d.name}() takes ${n} argument${n === "1" || n === "at least 1" ? "" : "s"}, not ${d.count}`;
}

// Said here, not in i18n-en.ts: this file must speak English before the English UI strings are
// fetched (an error can be the first thing an English reader sees).
const FIELD_WORDS: Record<Lang, { yearVariable: string; year: (y: string) => string; formulaOf: (label: string) => string }> = {
  zh: { yearVariable: "t 或 year（年份）", year: (y) => `${y}年`, formulaOf: (label) => `${label}的公式` },
  en: { yearVariable: "t or year (the year)", year: (y) => y, formulaOf: (label) => `${label}: formula` },
};

const names = (lang: Lang) => [FIELD_WORDS[lang].yearVariable, ...INPUT_IDS, "pi", "e"].join(PUNCT[lang].list);

export const formulaTexts: Texts<FormulaIssueDetail> = {
  empty: { zh: () => "公式是空的", en: () => "the formula is empty" },
  "value-expected": { zh: () => "此处缺少一个数或名称", en: () => "a number or name is missing here" },
  "paren-expected": { zh: () => "此处缺少右括号“)”", en: () => "a closing parenthesis “)” is missing here" },
  "unexpected-end": { zh: () => "公式在此处提前结束，后面还缺内容", en: () => "the formula ends too early" },
  "unexpected-operator": { zh: () => "此处不应出现运算符", en: () => "unexpected operator" },
  "unexpected-text": { zh: () => "此处有无法识别的内容", en: () => "unexpected text" },
  "parse-error": { zh: (d) => `无法解析公式（解析器说明：${d.text}）`, en: (d) => `the formula cannot be read (${d.text})` },
  "text-literal": { zh: () => "公式中不能有文字，只能用数", en: () => "text is not allowed in a formula; use numbers" },
  "not-a-number": { zh: (d) => `“${d.text}”不是数`, en: (d) => `“${d.text}” is not a number` },
  "number-too-large": { zh: () => "这个数太大", en: () => "this number is too large" },
  "unknown-name": {
    zh: (d) => `未知的名称“${d.name}”；公式可用的名称：${names("zh")}`,
    en: (d) => `unknown name “${d.name}”; a formula can use ${names("en")}`,
  },
  "percent-sign": {
    zh: () => "不能用%符号：增速本身就以%计，请写 9 而不是 9%",
    en: () => "the % sign is not allowed: rates are already in %, write 9 rather than 9%",
  },
  operator: { zh: (d) => `公式中不能用运算符“${d.operator}”`, en: (d) => `the operator “${d.operator}” is not available in formulas` },
  comparison: { zh: () => "公式中不能用这种比较", en: () => "this comparison is not available in formulas" },
  function: {
    zh: (d, f) => `公式中不能用函数“${d.name}”；可用的函数：${f.list(d.available)}`,
    en: (d, f) => `the function “${d.name}” is not available; formulas can use ${f.list(d.available)}`,
  },
  call: { zh: () => "不能这样调用函数", en: () => "this kind of function call is not allowed" },
  arity: { zh: (d) => arityText(d, "zh"), en: (d) => arityText(d, "en") },
  assignment: {
    zh: () => "公式不能赋值或定义函数；请写一个关于 t 的表达式，例如 9 - 0.4 * (t - 2021)",
    en: () => "a formula cannot assign or define anything; write an expression of t, e.g. 9 - 0.4 * (t - 2021)",
  },
  block: { zh: () => "公式只能是一个表达式（不能有分号或换行）", en: () => "a formula is one expression (no ; or line breaks)" },
  collection: { zh: () => "公式中不能用列表、区间、对象或属性", en: () => "lists, ranges, objects and properties are not allowed in formulas" },
  node: { zh: (d) => `公式中不允许“${d.type}”`, en: (d) => `“${d.type}” is not allowed in formulas` },
  "too-complex": { zh: () => "公式太复杂", en: () => "the formula is too complex" },
  "too-long": { zh: (d) => `公式最多 ${d.max} 个字符`, en: (d) => `a formula may have at most ${d.max} characters` },
  "not-ascii": {
    zh: () => `公式只能用英文字母、数字、空格和 ${FORMULA_CHARS}（不能用全角字符，如“（”“×”）`,
    en: () => `a formula may only use ASCII letters, digits, spaces and ${FORMULA_CHARS} (no full-width characters)`,
  },
  "no-value": {
    zh: (d) => `${d.year}年，${d.part === null ? "公式" : `“${d.part}”`}${d.value === "nan" ? "不是数" : "为无穷大"}（例如除以零），公式没有数值`,
    en: (d) => `in ${d.year}, ${d.part === null ? "the formula" : `“${d.part}”`} is ${d.value === "nan" ? "not a number" : "infinite"} (for example a division by zero), so the formula has no value`,
  },
  "value-out-of-range": {
    zh: (d, f) => `${d.year}年公式得出 ${f.num(d.value)}${f.unit(d.unit)}，超出允许范围 ${f.num(d.min)}${f.unit(d.unit)} 到 ${f.num(d.max)}${f.unit(d.unit)}`,
    en: (d, f) => `in ${d.year} the formula gives ${f.num(d.value)}${f.unit(d.unit)}, outside the allowed ${f.num(d.min)} to ${f.num(d.max)}${f.unit(d.unit)}`,
  },
  cycle: {
    zh: (d) => `公式互相引用，形成循环：${d.inputs.join(" → ")}`,
    en: (d) => `formulas refer to each other in a circle: ${d.inputs.join(" → ")}`,
  },
  "not-compiled": { zh: () => "公式尚未编译", en: () => "the formula has not been compiled" },
};

export const scenarioTexts: Texts<ScenarioErrorDetail> = {
  "not-object": { zh: () => "不是一个情景（应为 JSON 对象）", en: () => "not a scenario (a JSON object is needed)" },
  "unknown-field": { zh: () => "无法识别的字段", en: () => "unknown field" },
  required: { zh: () => "缺少此项", en: () => "is required" },
  "not-number": { zh: () => "须为一个数", en: () => "must be a number" },
  "not-finite": { zh: () => "须为有限的数", en: () => "must be a finite number" },
  "out-of-range": {
    zh: (d, f) => `须在 ${f.num(d.min)}${f.unit(d.unit)} 到 ${f.num(d.max)}${f.unit(d.unit)} 之间`,
    en: (d, f) => `must be between ${f.num(d.min)} and ${f.num(d.max)}${f.unit(d.unit)}`,
  },
  "not-integer": { zh: () => "须为整数", en: () => "must be a whole number" },
  "not-text": { zh: () => "须为文字", en: () => "must be text" },
  "too-long": { zh: (d) => `最多 ${d.max} 个字符`, en: (d) => `must be at most ${d.max} characters` },
  "not-ascii": {
    zh: () => `只能用英文字母、数字、空格和 ${FORMULA_CHARS}（不能用全角字符）`,
    en: () => `may only use ASCII letters, digits, spaces and ${FORMULA_CHARS} (no full-width characters)`,
  },
  "broken-character": { zh: () => "含有损坏的字符", en: () => "contains a broken character" },
  "not-preset-id": { zh: () => "不是预设情景的名称", en: () => "must be a preset id" },
  "not-one-of": { zh: (d, f) => `须为以下之一：${f.list(d.options)}`, en: (d, f) => `must be one of ${f.list(d.options)}` },
  "bad-shape": { zh: () => "格式不对", en: () => "has the wrong form" },
  "bad-year": { zh: () => "年份须在 2021 到 2035 之间", en: () => "the year must be 2021 … 2035" },
  "no-version": { zh: () => "缺少情景格式的版本号", en: () => "the scenario format version is missing" },
  "unsupported-version": {
    zh: (d) => `情景格式为第 ${d.version} 版，本站只支持到第 ${d.supported} 版`,
    en: (d) => `the scenario format is version ${d.version}; this site reads up to version ${d.supported}`,
  },
  "migration-failed": { zh: (d) => `无法从第 ${d.from} 版转换`, en: (d) => `cannot convert from version ${d.from}` },
  "link-too-long": { zh: (d, f) => `链接超过 ${f.num(d.max)} 个字符`, en: (d, f) => `the link is longer than ${f.num(d.max)} characters` },
  "scenario-too-large": { zh: (d, f) => `情景数据超过 ${f.num(d.max)} 字节`, en: (d, f) => `the scenario is larger than ${f.num(d.max)} bytes` },
  "not-a-link": { zh: () => "不是情景链接", en: () => "not a scenario link" },
  "damaged-link": { zh: () => "链接已损坏或不完整", en: () => "the link is damaged or incomplete" },
  "not-a-scenario": { zh: () => "链接中没有情景", en: () => "the link does not hold a scenario" },
  "version-mismatch": {
    zh: (d) => `链接标明第 ${d.version} 版，内容却是“${d.claimed}”版`,
    en: (d) => `the link says version ${d.version} but holds version ${d.claimed}`,
  },
};

function say<U extends { code: string }>(texts: Texts<U>, detail: U, lang: Lang): string {
  const entry = texts[detail.code as U["code"]] as Record<Lang, (d: U, f: Formatters) => string>;
  return entry[lang](detail, formatters(lang));
}

/** A formula issue in the reader's language (without its position, which the field shows). */
export function formulaIssueText(issue: Pick<FormulaIssue, "detail">, lang: Lang): string {
  return say(formulaTexts, issue.detail, lang);
}

const PERIOD_TEXT: Record<Lang, readonly string[]> = {
  zh: ["2021—2025年", "2026—2030年", "2031—2035年"],
  en: ["2021–2025", "2026–2030", "2031–2035"],
};

/** The field a scenario path names, in words ("地区生产总值实际增速（2026—2030年）"); null when there are none. */
export function fieldLabel(path: string, lang: Lang): string | null {
  const keys = path.split(".");
  if (keys[0] === "inputs" && keys[1] && (INPUT_IDS as readonly string[]).includes(keys[1])) {
    const label = INPUT_META[keys[1] as InputId][lang];
    if (keys[2] === "periods" && keys[3] !== undefined) {
      const period = PERIOD_TEXT[lang][Number(keys[3])];
      return period ? label + PUNCT[lang].aside(period) : label;
    }
    if (keys[2] === "years" && keys[3]) return label + PUNCT[lang].aside(FIELD_WORDS[lang].year(keys[3]));
    if (keys[2] === "formula") return FIELD_WORDS[lang].formulaOf(label);
    return label;
  }
  const known: Record<string, Parameters<typeof t>[1]> = {
    "population.mode": "populationMode",
    "population.target": "populationTarget",
    "population.year": "populationYear",
    "income.mode": "incomeMode",
    "services.target": "servicesTarget",
    "services.year": "servicesYear",
    "national.urbanIncomeGrowth": "nationalIncomeGrowth",
    "national.gdpPerCapitaGrowth": "nationalGdpPcGrowth",
    "montecarlo.rho": "rho",
    "montecarlo.sd.gdpRealGrowth": "sdGdpRealGrowth",
    "montecarlo.sd.gdpDeflator": "sdGdpDeflator",
    "montecarlo.sd.urbanIncomeGrowth": "sdUrbanIncomeGrowth",
    "montecarlo.sd.cpi": "sdCpi",
    "montecarlo.sd.populationGrowth": "sdPopulationGrowth",
    basedOn: "preset",
    "view.prices": "priceBasis",
    "view.uncertainty": "uncertaintyOn",
  };
  // The path may come from a hostile link ("constructor"): own keys only.
  return Object.hasOwn(known, path) ? t(lang, known[path]!) : null;
}

/** A scenario error in the reader's language, naming the field in words and by its path. */
export function scenarioErrorText(error: Pick<ScenarioError, "path" | "detail">, lang: Lang): string {
  const problem = say(scenarioTexts, error.detail, lang);
  if (!error.path) return problem;
  const label = fieldLabel(error.path, lang);
  const field = label ? label + PUNCT[lang].aside(error.path) : error.path;
  return field + PUNCT[lang].colon + problem;
}

/** One thing wrong with the link a page was opened with. */
export type NoticeReason =
  | { kind: "url-too-long" }
  | { kind: "scenario"; error: Pick<ScenarioError, "path" | "detail">; pin?: string }
  | { kind: "formula"; issue: Pick<FormulaIssue, "input" | "detail">; pin?: string };

export function noticeReasonText(r: NoticeReason, lang: Lang): string {
  const sep = PUNCT[lang].colon;
  switch (r.kind) {
    case "url-too-long":
      return t(lang, "linkTooLong");
    case "scenario":
      return `${r.pin ? `${r.pin}${sep}` : ""}${scenarioErrorText(r.error, lang)}`;
    case "formula":
      return `${r.pin ? `${r.pin}${sep}` : ""}${fieldLabel(`inputs.${r.issue.input}.formula`, lang)}${sep}${formulaIssueText(r.issue, lang)}`;
  }
}

/** The whole notice about a link: what was opened instead, and why. */
export function noticeText(notice: { kind: "malformed" | "outdated" | "partial"; reasons: readonly NoticeReason[] }, lang: Lang): string {
  const reason = notice.reasons.map((r) => noticeReasonText(r, lang)).join(PUNCT[lang].clause);
  if (notice.kind === "outdated") return t(lang, "outdatedLink") + (reason ? PUNCT[lang].aside(reason) : "");
  return t(lang, "malformedLink", { reason: reason || "?" });
}
