// GET /api/scenarios/:id: a stored share as JSON, migrated to the current schema.
import { ApiError, json, jsonRoute, methodNotAllowed } from "../../_lib/http";
import { SCHEMA_VERSION, canonicalJson } from "../../_lib/scenario";
import { shareUrl } from "../../_lib/site";
import { IMMUTABLE, conditional, edgeCached, idParam, lookupShare, shareEtag } from "../../_lib/share";

/** Bump when the shape of this response changes (it is cached for a year). */
const FORMAT = 1;

export const onRequest = jsonRoute(async (ctx) => {
  const { request, env, params } = ctx;
  if (request.method !== "GET" && request.method !== "HEAD") throw methodNotAllowed(["GET", "HEAD"]);
  const id = idParam(params.id);
  if (id === null) throw notFound();

  const key = new URL(`/api/scenarios/${id}?schema=${SCHEMA_VERSION}&format=${FORMAT}`, request.url);
  const response = await edgeCached(ctx, key, async () => {
    const lookup = await lookupShare(env.DB, id);
    if (lookup.kind === "missing") throw notFound();
    if (lookup.kind === "unreadable") throw new ApiError("internal", "This shared scenario can no longer be read. Please report the link.");
    const { row, scenario } = lookup.share;
    return json(
      {
        id: row.id,
        url: shareUrl(env, row.id),
        schemaVersion: SCHEMA_VERSION,
        storedSchemaVersion: row.schemaVersion,
        scenario: JSON.parse(canonicalJson(scenario)) as unknown,
        title: row.title,
        note: row.note,
        createdAt: row.createdAt,
      },
      200,
      { etag: shareEtag(row, SCHEMA_VERSION), "cache-control": IMMUTABLE },
    );
  });
  return conditional(request, response);
});

function notFound(): ApiError {
  // A short public cache absorbs repeated misses without pinning an answer for long.
  return new ApiError("not-found", "No shared scenario has this id.", { headers: { "cache-control": "public, max-age=60" } });
}
