// Line breaking for text drawn on a canvas, where the browser's own line breaker cannot help:
// the poster and chart images (src/components/share) and the link preview image (functions/og).

import { CLOSING_PUNCTUATION, OPENING_PUNCTUATION } from "../lang";

// Chinese line-breaking rules (lang.ts), and their Latin counterparts: each punctuation mark
// stays with the character it belongs to.
const NO_LINE_START = new Set(Array.from(`${CLOSING_PUNCTUATION}‰%,.;:?!)]}`));
const NO_LINE_END = new Set(Array.from(`${OPENING_PUNCTUATION}([{`));
// CJK ideographs and punctuation, full-width forms: a line may break around each of them.
const CJK_RANGES = "\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF\\u3000-\\u303F";
const CJK = new RegExp(`[${CJK_RANGES}]`);
// A CJK character, a run of other non-space characters (a Latin word, a number), or a space.
const TOKEN = new RegExp(`[${CJK_RANGES}]|[^\\s${CJK_RANGES}]+|\\s`, "g");

/**
 * Greedy line breaking for canvas text: Chinese may break between any two characters (but not
 * before closing or after opening punctuation), Latin words only at spaces. A paragraph does
 * not end in a line of one Chinese character: the line before gives it one more (the page
 * gets the same from CSS text-wrap: pretty). The last line is cut with "…" when the text
 * needs more than maxLines.
 */
export function wrapLines(text: string, maxWidth: number, measure: (s: string) => number, maxLines = Infinity): string[] {
  const tokens = text.replace(/\s+/g, " ").trim().match(TOKEN) ?? [];
  // Units that no break may split: a character or word with the punctuation that holds to it.
  const units: string[] = [];
  for (const token of tokens) {
    const prev = units[units.length - 1];
    const holds = prev !== undefined && prev !== " " && token !== " " && (NO_LINE_START.has(token[0]!) || NO_LINE_END.has(prev[prev.length - 1]!));
    if (holds) units[units.length - 1] = prev + token;
    else units.push(token);
  }
  const lines: string[][] = [];
  let line: string[] = [];
  const width = (l: readonly string[]) => measure(l.join(""));
  const push = (l: string[]) => {
    while (l.length && l[l.length - 1] === " ") l.pop();
    lines.push(l);
  };
  for (const unit of units) {
    if (unit === " " && line.length === 0) continue;
    if (width([...line, unit]) <= maxWidth) {
      line.push(unit);
      continue;
    }
    if (line.length) push(line);
    line = unit === " " ? [] : [unit];
    // A single unit wider than the line (a long URL) is split by characters.
    let rest = line.length ? line[0]! : "";
    while (measure(rest) > maxWidth && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(rest.slice(0, cut)) > maxWidth) cut--;
      push([rest.slice(0, cut)]);
      rest = rest.slice(cut);
      line = [rest];
    }
  }
  if (line.join("").trim() !== "") push(line);
  // One Chinese character alone on the last line: take the previous line's last unit along.
  const last = lines[lines.length - 1];
  const before = lines[lines.length - 2];
  if (last && before && before.length > 2) {
    const letters = Array.from(last.join("")).filter((ch) => !NO_LINE_START.has(ch) && !NO_LINE_END.has(ch));
    const moved = [before[before.length - 1]!, ...last];
    if (letters.length === 1 && CJK.test(letters[0]!) && width(moved) <= maxWidth) {
      before.pop();
      lines[lines.length - 1] = moved;
    }
  }
  const out = lines.map((l) => l.join("").trimEnd());
  if (out.length <= maxLines) return out;
  const kept = out.slice(0, maxLines);
  let cutLast = kept[maxLines - 1]!;
  while (cutLast.length > 0 && measure(cutLast + "…") > maxWidth) cutLast = Array.from(cutLast).slice(0, -1).join("");
  kept[maxLines - 1] = cutLast + "…";
  return kept;
}
