// Loading a share by the id in a URL, for the API, the share page and the preview image.
import { ID_PATTERN } from "./ids";
import { readStored, type Scenario } from "./scenario";
import { StoreUnavailable, findScenario, type StoredScenario } from "./store";

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
export async function lookupShare(db: D1Database | undefined, id: string): Promise<ShareLookup> {
  const row = await findScenario(db, id);
  if (row === null) return { kind: "missing" };
  const scenario = readStored(row);
  return scenario === null ? { kind: "unreadable", row } : { kind: "found", share: { row, scenario } };
}

/**
 * lookupShare for the page and image routes, which answer a D1 failure with a 503 of their own
 * kind (HTML, text) rather than the JSON error the API's route wrapper makes of StoreUnavailable.
 */
export async function lookupShareOrUnavailable(db: D1Database | undefined, id: string): Promise<ShareLookup | { kind: "unavailable" }> {
  try {
    return await lookupShare(db, id);
  } catch (e) {
    if (e instanceof StoreUnavailable) return { kind: "unavailable" };
    throw e;
  }
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

/**
 * Serves a GET from the edge cache (Cache API, per Cloudflare location), or produces the
 * response and stores it there when `shouldCache` says so (by default: a 200). `key` must name
 * everything the response depends on. The caller applies conditional requests and HEAD to what
 * comes back. Where the Cache API is a no-op, this simply produces the response every time.
 */
export async function edgeCached(
  ctx: { waitUntil(p: Promise<unknown>): void },
  key: URL,
  produce: () => Promise<Response>,
  shouldCache: (r: Response) => boolean = (r) => r.status === 200,
): Promise<Response> {
  const cache = caches.default;
  const request = new Request(key.href);
  const hit = await cache.match(request).catch(() => undefined);
  if (hit) return hit;
  const response = await produce();
  if (shouldCache(response)) ctx.waitUntil(cache.put(request, response.clone()).catch(() => undefined));
  return response;
}

/** Applies If-None-Match and HEAD to a complete response. */
export function conditional(request: Request, response: Response): Response {
  const etag = response.headers.get("etag");
  if (response.status === 200 && etag && notModified(request, etag)) {
    return new Response(null, { status: 304, headers: response.headers });
  }
  if (request.method === "HEAD") return new Response(null, { status: response.status, headers: response.headers });
  return response;
}
