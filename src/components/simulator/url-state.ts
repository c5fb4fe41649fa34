// The simulator's state in the URL. The scenario itself is the engine's versioned encoding
// ("1.…", defaults omitted); this file adds the view around it and the history policy.
//
//   /simulate/?s=1.xxx&p=低增长~1.yyy&p=…
//     s     current scenario (absent = the plan's scenario). It carries the view as well:
//           language, price basis and uncertainty are part of the engine's scenario
//           (view.lang, view.prices, view.uncertainty), so short links keep them too.
//     p     a pinned scenario: its name, "~", its encoding (up to 4, in pin order)
//     u     read only, from older links: "1" = uncertainty (Monte Carlo) shown
//     lang  read only, as a readable shortcut: ?lang=en opens the English UI
import { isLang, type Lang } from "./i18n";

export const MAX_PINS = 4;
export const MAX_PIN_NAME = 40;
/** Links longer than this are refused before decoding: no scenario the UI makes comes near it. */
export const MAX_PARAM_LENGTH = 8_000;

export interface Pin {
  name: string;
  /** The engine's encoding of the pinned scenario. */
  encoded: string;
}

export interface UrlState {
  /** The engine's encoding of the current scenario; null for the default scenario. */
  encoded: string | null;
  pins: Pin[];
  /** From a legacy ?u=1 (read only; the scenario's view.uncertainty is what is written). */
  uncertainty: boolean;
  /** From ?lang= (read only; the scenario's view.lang is what is written). */
  lang: Lang | null;
}

export const defaultUrlState: UrlState = { encoded: null, pins: [], uncertainty: false, lang: null };

/** Problems found while reading a URL; the state returned alongside is always usable. */
export type UrlProblem =
  | { kind: "too-long"; param: string }
  | { kind: "bad-pin"; index: number }
  | { kind: "too-many-pins" }
  | { kind: "bad-param"; param: string; value: string };

const ENCODED = /^[0-9]+\.[A-Za-z0-9_-]*$/;

/**
 * Reads the view state from a query string. A scenario given by `<meta name="scenario">`
 * (the short-link pages /s/:id) wins over `?s=`. Unknown parameters are ignored, so that
 * links carrying tracking parameters still open.
 */
export function parseUrlState(search: string, metaScenario?: string | null): { state: UrlState; problems: UrlProblem[] } {
  const q = new URLSearchParams(search);
  const problems: UrlProblem[] = [];
  const state: UrlState = { ...defaultUrlState, pins: [] };

  const s = metaScenario?.trim() || q.get("s");
  if (s != null && s !== "") {
    if (s.length > MAX_PARAM_LENGTH) problems.push({ kind: "too-long", param: "s" });
    // Malformed text is still passed on: the engine's decoder says precisely what is wrong.
    else state.encoded = s;
  }

  const pins = q.getAll("p");
  pins.forEach((raw, index) => {
    if (index >= MAX_PINS) {
      if (index === MAX_PINS) problems.push({ kind: "too-many-pins" });
      return;
    }
    const cut = raw.lastIndexOf("~");
    const name = cut > 0 ? raw.slice(0, cut).trim().slice(0, MAX_PIN_NAME) : "";
    const encoded = cut > 0 ? raw.slice(cut + 1) : "";
    if (!name || !ENCODED.test(encoded) || encoded.length > MAX_PARAM_LENGTH) problems.push({ kind: "bad-pin", index });
    else state.pins.push({ name, encoded });
  });

  const u = q.get("u");
  if (u === "1") state.uncertainty = true;
  else if (u != null && u !== "0") problems.push({ kind: "bad-param", param: "u", value: u.slice(0, 20) });

  const lang = q.get("lang");
  if (lang != null) {
    if (isLang(lang)) state.lang = lang;
    else problems.push({ kind: "bad-param", param: "lang", value: lang.slice(0, 20) });
  }
  return { state, problems };
}

/** The query string for a state ("" for the default view), keeping only non-defaults; `lang` and `u` are never written. */
export function buildSearch(state: UrlState): string {
  const q = new URLSearchParams();
  if (state.encoded) q.set("s", state.encoded);
  for (const p of state.pins.slice(0, MAX_PINS)) q.append("p", `${p.name.slice(0, MAX_PIN_NAME)}~${p.encoded}`);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** How a change should enter the browser history. */
export type ChangeKind =
  /** A step the reader will want to go back to: a preset, reset, the language, a goal-seek answer. */
  | { discrete: true }
  /** An edit (slider drag, arrow keys, typing, a switch, a pin): named by the control it came from. */
  | { discrete?: false; control: string; gesture?: boolean };

interface HistoryLike {
  pushState(data: unknown, unused: string, url?: string | URL | null): void;
  replaceState(data: unknown, unused: string, url?: string | URL | null): void;
}

/**
 * Writes URLs without flooding the history. A discrete step pushes an entry. Edits share one
 * entry: the first edit after the page opened (or after a step, or Back/Forward) pushes it, so
 * that Back returns to the scenario as it was opened, and every later edit replaces it. So
 * after any number of edits, Back leaves the page in at most two presses.
 */
export class HistoryWriter {
  #history: HistoryLike;
  #current: string;
  /** The current entry is the edits' own (pushed by the first edit since the last step). */
  #editing = false;

  constructor(history: HistoryLike, currentUrl: string) {
    this.#history = history;
    this.#current = currentUrl;
  }

  /** Returns "push", "replace" or "none" (the URL did not change). */
  write(url: string, kind: ChangeKind): "push" | "replace" | "none" {
    if (url === this.#current) return "none";
    const mode = kind.discrete || !this.#editing ? "push" : "replace";
    this.#editing = !kind.discrete;
    if (mode === "push") this.#history.pushState(null, "", url);
    else this.#history.replaceState(null, "", url);
    this.#current = url;
    return mode;
  }

  /** Tells the writer the browser moved (popstate), so the next change is compared with it. */
  sync(url: string): void {
    this.#current = url;
    this.#editing = false;
  }
}
