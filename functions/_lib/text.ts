// User-written text (a share's title and note): what is accepted, how it is normalised, and how
// it is escaped wherever it is shown. Markup, quotes and SQL are accepted as plain text (they
// are only ever bound as query parameters and escaped on output); characters that hide or
// reorder what a reader sees are refused, because a preview card must show what was written.
import { ApiError } from "./http";

export const TITLE_MAX = 80;
export const NOTE_MAX = 280;

// C0/C1 controls (a note may keep line breaks), bidi embeddings/overrides/isolates (the
// "RTL override" spoof), and U+FFF9–FFFB interlinear annotation marks.
const TITLE_FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB]/u;
const NOTE_FORBIDDEN = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB]/u;

function describe(ch: string): string {
  return "U+" + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * Validates an optional text field. Returns null for absent, null or blank values; the
 * normalised text (NFC, trimmed, CRLF → LF) otherwise; throws ApiError("invalid") with the field.
 */
export function userText(value: unknown, field: "title" | "note"): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new ApiError("invalid", `${field} must be a string.`, { field });
  // JSON may carry lone surrogates ("\ud800"); they cannot be stored as UTF-8 text.
  if (!value.isWellFormed()) throw new ApiError("invalid", `${field} contains an unpaired surrogate.`, { field });
  const text = value.replace(/\r\n?/g, "\n").normalize("NFC").trim();
  if (text === "") return null;
  const forbidden = (field === "title" ? TITLE_FORBIDDEN : NOTE_FORBIDDEN).exec(text);
  if (forbidden) {
    throw new ApiError("invalid", `${field} contains a control or direction-override character (${describe(forbidden[0])}).`, { field });
  }
  const max = field === "title" ? TITLE_MAX : NOTE_MAX;
  const length = Array.from(text).length;
  if (length > max) throw new ApiError("invalid", `${field} is ${length} characters long; at most ${max} are allowed.`, { field });
  return text;
}

/**
 * The scenario's own title (its length is the scenario schema's business) may be shown by the
 * simulator: the same characters are refused in it as in a share's title.
 */
export function checkScenarioTitle(title: string | undefined): void {
  if (title === undefined) return;
  const field = "scenario.title";
  if (!title.isWellFormed()) throw new ApiError("invalid", "scenario.title contains an unpaired surrogate.", { field });
  const forbidden = TITLE_FORBIDDEN.exec(title);
  if (forbidden) {
    throw new ApiError("invalid", `scenario.title contains a control or direction-override character (${describe(forbidden[0])}).`, { field });
  }
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for an HTML text node or a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Shortens to at most `max` code points, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join("").trimEnd() + "…";
}
