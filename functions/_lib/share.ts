// Loading a share by the id in a URL, for the API, the share page and the preview image.
import { ID_PATTERN } from "./ids";
import { readStored, type Scenario } from "./scenario";
import { findScenario, type StoredScenario } from "./store";

export interface Share {
  row: StoredScenario;
  /** The scenario in the current schema (migrated on read when the row is older). */
  scenario: Scenario;
}

export type ShareLookup = { kind: "found"; share: Share } | { kind: "missing" } | { kind: "unreadable"; row: StoredScenario };

/** The id part of a route parameter, or null when it cannot be an id (no D1 query is made then). */
export function idParam(param: string | string[] | undefined, suffix = ""): string | null {
  if (typeof param !== "string" || !param.endsWith(suffix)) return null;
  const id = param.slice(0, param.length - suffix.length);
  return ID_PATTERN.test(id) ? id : null;
}

/** Throws StoreUnavailable when D1 fails. */
export async function lookupShare(db: D1Database | undefined, id: string | null): Promise<ShareLookup> {
  if (id === null) return { kind: "missing" };
  const row = await findScenario(db, id);
  if (row === null) return { kind: "missing" };
  const scenario = readStored(row);
  return scenario === null ? { kind: "unreadable", row } : { kind: "found", share: { row, scenario } };
}

/**
 * Strong validator for everything derived from a share: the content never changes for an id,
 * but the migrated form does when SCHEMA_VERSION moves on, so the version is part of the tag.
 */
export function shareEtag(row: StoredScenario, schemaVersion: number, variant = ""): string {
  return `"${row.contentKey.slice(0, 32)}.${schemaVersion}${variant ? "." + variant : ""}"`;
}

/** If-None-Match handling for GET and HEAD (weak comparison, as RFC 9110 asks for 304s). */
export function notModified(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (header === null) return false;
  if (header.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === bare);
}

/** A year is enough for "immutable"; ids never change their content. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
