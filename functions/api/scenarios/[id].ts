// GET /api/scenarios/:id: a stored share as JSON, migrated to the current schema.
import { ApiError, baseJsonHeaders, json, jsonRoute, methodNotAllowed } from "../../_lib/http";
import { SCHEMA_VERSION, canonicalJson } from "../../_lib/scenario";
import { IMMUTABLE, idParam, lookupShare, notModified, shareEtag } from "../../_lib/share";

export const onRequest = jsonRoute(async ({ request, env, params }) => {
  if (request.method !== "GET" && request.method !== "HEAD") throw methodNotAllowed(["GET", "HEAD"]);

  const lookup = await lookupShare(env.DB, idParam(params.id));
  if (lookup.kind === "missing") {
    // A short public cache absorbs repeated misses without pinning an answer for long.
    throw new ApiError("not-found", "No shared scenario has this id.", { headers: { "cache-control": "public, max-age=60" } });
  }
  if (lookup.kind === "unreadable") {
    throw new ApiError("internal", "This shared scenario can no longer be read. Please report the link.");
  }
  const { row, scenario } = lookup.share;
  const etag = shareEtag(row, SCHEMA_VERSION);
  const headers = { etag, "cache-control": IMMUTABLE };
  if (notModified(request, etag)) return new Response(null, { status: 304, headers: baseJsonHeaders(headers) });

  return json(
    {
      id: row.id,
      url: new URL(`/s/${row.id}`, request.url).href,
      schemaVersion: SCHEMA_VERSION,
      storedSchemaVersion: row.schemaVersion,
      scenario: JSON.parse(canonicalJson(scenario)) as unknown,
      title: row.title,
      note: row.note,
      createdAt: row.createdAt,
    },
    200,
    headers,
  );
});
