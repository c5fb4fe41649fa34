// A share's title and note: the one home of their rules, used by the share dialog (as the
// reader types) and by the API (functions/_lib/text.ts, which refuses anything else).
// Markup, quotes and SQL are ordinary text: they are bound as query parameters and escaped
// wherever shown. Refused are characters that hide or reorder what a reader of the preview card
// sees, and text in which nothing at all is visible.

export const TITLE_MAX = 80;
export const NOTE_MAX = 280;

export type ShareTextField = "title" | "note";

export type ShareTextProblem =
  | { kind: "too-long"; length: number; max: number }
  | { kind: "line-break" }
  /** A control, direction or (in a text with nothing visible) invisible character, as "U+XXXX". */
  | { kind: "forbidden"; codePoint: string }
  /** An unpaired UTF-16 surrogate: not text, cannot be stored as UTF-8. */
  | { kind: "malformed" };

export type ShareTextResult = { ok: true; value: string | null } | { ok: false; problem: ShareTextProblem };

// C0/C1 controls (a note may keep line breaks), bidi embeddings/overrides/isolates (the "RTL
// override" spoof) and the interlinear annotation marks.
const TITLE_FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB]/u;
const NOTE_FORBIDDEN = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB]/u;

// What draws nothing by itself: white space, format characters (zero-width space and joiners,
// word joiner, BOM, tags), default-ignorable code points (variation selectors, Hangul fillers),
// combining marks with nothing to combine with, and the blank braille pattern U+2800.
const INVISIBLE = /^[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800]$/u;

/** The text as the API stores it: CRLF → LF, NFC, trimmed. */
export function normaliseShareText(raw: string): string {
  return raw.replace(/\r\n?/g, "\n").normalize("NFC").trim();
}

/** Length in characters (code points), the unit of the limits and of the dialog's counter. */
export function charCount(raw: string): number {
  return Array.from(normaliseShareText(raw)).length;
}

export function codePointLabel(ch: string): string {
  return "U+" + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
}

/** The first character that is not invisible, or null when the whole text draws nothing. */
function firstVisible(text: string): string | null {
  for (const ch of text) if (!INVISIBLE.test(ch)) return ch;
  return null;
}

/**
 * Validates an optional title or note. Blank text is "no value" (null), not an error; text
 * made only of invisible characters (a zero-width space…) is refused, so that a preview card
 * never shows an empty title that is not empty.
 */
export function validateShareText(raw: string, field: ShareTextField): ShareTextResult {
  if (!raw.isWellFormed()) return { ok: false, problem: { kind: "malformed" } };
  const text = normaliseShareText(raw);
  if (text === "") return { ok: true, value: null };
  const forbidden = (field === "title" ? TITLE_FORBIDDEN : NOTE_FORBIDDEN).exec(text);
  if (forbidden) {
    // A line break in a title is the one "control character" people type on purpose.
    if (field === "title" && forbidden[0] === "\n") return { ok: false, problem: { kind: "line-break" } };
    return { ok: false, problem: { kind: "forbidden", codePoint: codePointLabel(forbidden[0]) } };
  }
  if (firstVisible(text) === null) {
    const hidden = Array.from(text).find((ch) => !/\s/u.test(ch)) ?? text;
    return { ok: false, problem: { kind: "forbidden", codePoint: codePointLabel(hidden) } };
  }
  const max = field === "title" ? TITLE_MAX : NOTE_MAX;
  const length = Array.from(text).length;
  if (length > max) return { ok: false, problem: { kind: "too-long", length, max } };
  return { ok: true, value: text };
}

/**
 * The scenario's own title (its length is the scenario schema's business) may be shown by the
 * simulator: the title's character rules apply to it too. Null when it passes.
 */
export function scenarioTitleProblem(title: string): ShareTextProblem | null {
  if (!title.isWellFormed()) return { kind: "malformed" };
  const forbidden = TITLE_FORBIDDEN.exec(title);
  if (forbidden) return { kind: "forbidden", codePoint: codePointLabel(forbidden[0]) };
  if (title.trim() !== "" && firstVisible(title) === null) {
    return { kind: "forbidden", codePoint: codePointLabel(Array.from(title).find((ch) => !/\s/u.test(ch)) ?? title) };
  }
  return null;
}
