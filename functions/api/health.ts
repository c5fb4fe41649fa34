// GET /api/health: is the function runtime up, and can it use D1? "Can use" means the schema is
// there: a read from each table the API writes, so an unmigrated database (where every API call
// would be 503) is not reported healthy.
import { json, jsonRoute, methodNotAllowed } from "../_lib/http";
import { storeReady } from "../_lib/store";

export const onRequest = jsonRoute(async ({ request, env }) => {
  if (request.method !== "GET" && request.method !== "HEAD") throw methodNotAllowed(["GET", "HEAD"]);
  const ready = await storeReady(env.DB);
  return json({ ok: ready, db: ready ? "ok" : "unavailable" }, ready ? 200 : 503, {
    "cache-control": "no-store",
    ...(ready ? {} : { "retry-after": "30" }),
  });
});
