// User-written text (a share's title and note): the rules live in src/lib/share/text.ts, shared
// with the share dialog; this file turns their verdict into the API's 400, and escapes text
// wherever it is shown.
import { scenarioTitleProblem, validateShareText, type ShareTextProblem } from "../../src/lib/share/text";
import { ApiError } from "./http";

function problemMessage(field: string, p: ShareTextProblem): string {
  switch (p.kind) {
    case "malformed":
      return `${field} contains an unpaired surrogate.`;
    case "line-break":
      return `${field} contains a control or direction-override character (U+000A).`;
    case "forbidden":
      return `${field} contains a control, direction-override or invisible character (${p.codePoint}) or nothing visible.`;
    case "too-long":
      return `${field} is ${p.length} characters long; at most ${p.max} are allowed.`;
  }
}

/**
 * Validates an optional text field. Returns null for absent, null or blank values; the
 * normalised text (NFC, trimmed, CRLF → LF) otherwise; throws ApiError("invalid") with the field.
 */
export function userText(value: unknown, field: "title" | "note"): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new ApiError("invalid", `${field} must be a string.`, { field });
  const r = validateShareText(value, field);
  if (!r.ok) throw new ApiError("invalid", problemMessage(field, r.problem), { field });
  return r.value;
}

/** The scenario's own title, which the simulator may show: the title's character rules apply. */
export function checkScenarioTitle(title: string | undefined): void {
  if (title === undefined) return;
  const problem = scenarioTitleProblem(title);
  if (problem) throw new ApiError("invalid", problemMessage("scenario.title", problem), { field: "scenario.title" });
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
