// Pure helpers of the share dialog: text validation mirroring the API, share-intent URLs, the
// long-URL fallback, the mapping from API failures to what the reader is told, and the QR
// matrix as SVG path data. No DOM, no fetch: everything here is unit-tested in Node.
import type { ShareLang } from "./share-strings";
import { linkLangParam, shareStrings, fill } from "./share-strings";
import { NOTE_PARAM, SCENARIO_PARAM } from "../../lib/share/long-link";

// The title and note rules have one home, shared with the API (functions/_lib/text.ts).
import { type ShareTextField, type ShareTextProblem } from "../../lib/share/text";
export {
  NOTE_MAX,
  TITLE_MAX,
  charCount,
  normaliseShareText,
  validateShareText,
  type ShareTextField,
  type ShareTextProblem,
  type ShareTextResult,
} from "../../lib/share/text";

/** The sentence shown under a field for a problem found by validateShareText. */
export function shareTextMessage(problem: ShareTextProblem, field: ShareTextField, lang: ShareLang): string {
  const s = shareStrings[lang];
  const name = field === "title" ? s.fieldTitle : s.fieldNote;
  switch (problem.kind) {
    case "too-long":
      return fill(s.textTooLong, { field: name, max: problem.max, n: problem.length });
    case "line-break":
      return fill(s.textLineBreak, { field: name });
    case "forbidden":
      return fill(s.textForbidden, { field: name, code: problem.codePoint });
    case "malformed":
      return fill(s.textMalformed, { field: name });
  }
}

/**
 * The simulator URL that carries the whole scenario (works without the share store): `encoded`
 * is the scenario with the sharer's title in it (withShareTitle), `note` the sharer's note.
 * The /simulate/ page opened from it shows both, as a short link's page does.
 */
export function longScenarioUrl(origin: string, encoded: string, lang: ShareLang, note: string | null = null): string {
  const params: Record<string, string> = { [SCENARIO_PARAM]: encoded };
  if (note) params[NOTE_PARAM] = note;
  const linkLang = linkLangParam[lang];
  if (linkLang) params.lang = linkLang;
  return `${new URL("/simulate/", origin).href}?${query(params)}`;
}

/** A short link as given by the API, opened in the interface language the sharer used. */
export function shortUrlForLang(apiUrl: string, lang: ShareLang): string {
  const url = new URL(apiUrl);
  const linkLang = linkLangParam[lang];
  if (linkLang) url.searchParams.set("lang", linkLang);
  return url.href;
}

// encodeURIComponent rather than URLSearchParams: the latter writes spaces as "+", which some
// share pages show literally.
function query(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
}

export function weiboIntentUrl(url: string, title: string): string {
  return `https://service.weibo.com/share/share.php?${query({ url, title })}`;
}

export function xIntentUrl(url: string, text: string): string {
  return `https://x.com/intent/post?${query({ url, text })}`;
}

/** What the post says next to the link: the sharer's title, or a neutral default. */
export function shareMessage(title: string | null, lang: ShareLang): string {
  return title ?? shareStrings[lang].defaultShareText;
}

/** The ways creating a short link can end badly, as the API client reports them. */
export type ShareFailure =
  | { kind: "http"; status: number; error?: string; message?: string; field?: string; retryAfterSeconds?: number }
  | { kind: "network" }
  | { kind: "timeout" }
  | { kind: "bad-response" };

export interface FailureView {
  /** The sentence at the top of the error state. */
  message: string;
  /** Set when the API blamed the title or the note: the message goes under that field. */
  field?: ShareTextField;
  /** The long URL is offered whenever the failure is not the reader's own input. */
  offerLongUrl: boolean;
  /** Trying again can help (a busy or unreachable store), not a refusal of the content. */
  retryable: boolean;
}

/** Maps a failure to what the reader is told and offered. */
export function describeFailure(f: ShareFailure, lang: ShareLang): FailureView {
  const s = shareStrings[lang];
  if (f.kind === "network" || f.kind === "timeout" || f.kind === "bad-response") {
    return { message: f.kind === "timeout" ? s.errorTimeout : s.errorUnavailable, offerLongUrl: true, retryable: true };
  }
  const { status } = f;
  if (status === 429) {
    const wait = f.retryAfterSeconds;
    const message = wait && wait > 0 && wait <= 3600 ? `${s.errorRateLimited}${fill(s.retryAfter, { n: Math.ceil(wait) })}` : s.errorRateLimited;
    return { message, offerLongUrl: true, retryable: true };
  }
  if (status === 400 && (f.field === "title" || f.field === "note")) {
    const name = f.field === "title" ? s.fieldTitle : s.fieldNote;
    return { message: fill(s.errorFieldRefused, { field: name }), field: f.field, offerLongUrl: false, retryable: false };
  }
  if (status === 400) {
    const where = f.field ? ` (${f.field})` : "";
    return { message: `${s.errorScenarioRefused}${where}`, offerLongUrl: true, retryable: false };
  }
  if (status === 413) return { message: s.errorTooLarge, offerLongUrl: true, retryable: false };
  if (status === 503 || status === 502 || status === 504) return { message: s.errorUnavailable, offerLongUrl: true, retryable: true };
  return { message: fill(s.errorUnexpected, { status }), offerLongUrl: true, retryable: true };
}

/**
 * SVG path data for a QR matrix (true = dark module), one sub-path per horizontal run of dark
 * modules, shifted right and down by `quiet` modules of quiet zone. Runs keep the path about
 * three times shorter than one square per module.
 */
export function qrPathData(matrix: readonly (readonly boolean[])[], quiet = 4): string {
  let d = "";
  for (let y = 0; y < matrix.length; y++) {
    const row = matrix[y]!;
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      d += `M${start + quiet} ${y + quiet}h${x - start}v1h-${x - start}z`;
    }
  }
  return d;
}

/** A file name for the poster: ASCII only, so that every browser and OS keeps it. */
export function posterFileName(id: string | null): string {
  const safe = id?.replace(/[^0-9A-Za-z_-]/g, "").slice(0, 24);
  return safe ? `chengqu-scenario-${safe}.png` : "chengqu-scenario.png";
}
