// GET /api/health: is the function runtime up, and can it reach D1?

export const onRequestGet: PagesFunction<Env> = async ({ env }) => {
  let db = "ok";
  try {
    await env.DB.prepare("SELECT 1").first();
  } catch {
    db = "unavailable";
  }
  return Response.json({ ok: db === "ok", db }, { status: db === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
};
