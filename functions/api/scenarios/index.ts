// POST /api/scenarios: store a shared scenario and answer its short link.
import { readJsonBody } from "../../_lib/body";
import { ApiError, json, jsonRoute, methodNotAllowed } from "../../_lib/http";
import { enforceCreationLimit } from "../../_lib/ratelimit";
import { SCHEMA_VERSION, canonicalJson, contentKey, requireFormulas, requireScenario } from "../../_lib/scenario";
import { shareUrl } from "../../_lib/site";
import { findShareId, saveScenario } from "../../_lib/store";
import { checkScenarioTitle, userText } from "../../_lib/text";

const ENVELOPE_KEYS = new Set(["scenario", "title", "note"]);

function requireEnvelope(body: unknown): { scenario: unknown; title: unknown; note: unknown } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError("invalid", 'The body must be a JSON object: { "scenario": …, "title"?: …, "note"?: … }.', { field: "body" });
  }
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!ENVELOPE_KEYS.has(key)) {
      throw new ApiError("invalid", "Unknown field; only scenario, title and note are accepted.", { field: key.slice(0, 100) });
    }
  }
  if (!("scenario" in record)) throw new ApiError("invalid", "scenario is required.", { field: "scenario" });
  return { scenario: record.scenario, title: record.title, note: record.note };
}

export const onRequest = jsonRoute(async (ctx) => {
  const { request, env } = ctx;
  if (request.method !== "POST") throw methodNotAllowed(["POST"]);

  const envelope = requireEnvelope(await readJsonBody(request));
  const scenario = requireScenario(envelope.scenario);
  checkScenarioTitle(scenario.title);
  // A link must open a scenario the simulator can compute: its formulas are checked here too.
  await requireFormulas(scenario);
  const title = userText(envelope.title, "title");
  const note = userText(envelope.note, "note");
  const canonical = canonicalJson(scenario);
  const key = await contentKey(canonical, title, note);

  // A share that exists already is answered without counting: re-sharing one's own link is
  // never refused, even over the limit, and writes nothing.
  const existing = await findShareId(env.DB, key);
  if (existing !== null) return json({ id: existing, url: shareUrl(env, existing) }, 200, { "cache-control": "no-store" });

  // Counted only for requests that would write: malformed input costs no D1 write at all.
  await enforceCreationLimit(request, env, (p) => ctx.waitUntil(p));

  const { id, created } = await saveScenario(env.DB, {
    contentKey: key,
    schemaVersion: SCHEMA_VERSION,
    scenarioJson: canonical,
    title,
    note,
    createdAt: new Date().toISOString(),
  });
  return json({ id, url: shareUrl(env, id) }, created ? 201 : 200, { "cache-control": "no-store", ...(created ? { location: `/api/scenarios/${id}` } : {}) });
});
