// The long share link, /simulate/?s=<scenario>&n=<note>: what the share dialog offers when the
// share store cannot be reached, so that the sharer's title (the scenario's own `title`) and
// note still travel with the scenario. Written by the dialog (share-helpers.ts), read by the
// /simulate/ Function, which gives such a link the landing section of a short link.

import { decodeScenario, encodeScenario, type Scenario } from "../scenario";
import { validateShareText } from "./text";

export const SCENARIO_PARAM = "s";
export const NOTE_PARAM = "n";

/** The scenario as the long link carries it: with the sharer's title, or with none. */
export function withShareTitle(scenario: Scenario, title: string | null): Scenario {
  const out = { ...scenario };
  if (title) out.title = title;
  else delete out.title;
  return out;
}

/** The query of a long link: the scenario with its title, and the note when there is one. */
export function longLinkQuery(scenario: Scenario, title: string | null, note: string | null): URLSearchParams {
  const q = new URLSearchParams();
  q.set(SCENARIO_PARAM, encodeScenario(withShareTitle(scenario, title)));
  if (note) q.set(NOTE_PARAM, note);
  return q;
}

export interface LongLinkShare {
  scenario: Scenario;
  /** The scenario's encoding, as the link gave it. */
  encoded: string;
  title: string | null;
  note: string | null;
}

/**
 * The shared scenario a long link carries, when it carries the sharer's words (a title or a
 * note) that pass the share text rules; null otherwise (no scenario, a damaged one, or no
 * words: the plain simulator page then reads the link and says what is wrong, if anything).
 * Words that break the rules are left out, not shown.
 */
export function longLinkShare(query: URLSearchParams): LongLinkShare | null {
  const encoded = query.get(SCENARIO_PARAM)?.trim();
  if (!encoded) return null;
  const decoded = decodeScenario(encoded);
  if (!decoded.ok) return null;
  const title = validateShareText(decoded.scenario.title ?? "", "title");
  const note = validateShareText(query.get(NOTE_PARAM) ?? "", "note");
  const share = { scenario: decoded.scenario, encoded, title: title.ok ? title.value : null, note: note.ok ? note.value : null };
  return share.title || share.note ? share : null;
}
