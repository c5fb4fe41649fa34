// GET /og/:id.png — the 1200×630 preview image of a share: the scenario's real GDP path to 2035
// against the plan-targets preset, with the 2025/2035 figures. Drawn once per id and location
// and kept in the edge cache (an id's content never changes); when drawing fails, the static
// /og-fallback.png is served instead with a short cache, so a fixed renderer takes over soon.
import { loadRasterWasm, loadTemplate, loadTitleFont, rasterWasmLoaded, renderOgPng, templateLoaded, titleFontLoaded } from "../_lib/og";
// Compiled by the runtime when the script loads (a Worker may not compile wasm bytes at run
// time); instantiated by the first image (functions/_lib/og/wasm.ts says why).
import rasterModule from "../_lib/og/raster.wasm";
import { siteUrl } from "../_lib/site";
import { SCHEMA_VERSION } from "../_lib/scenario";
import { IMMUTABLE, conditional, edgeCached, idParam, lookupShareOrUnavailable, shareEtag } from "../_lib/share";
import { ogData } from "../_lib/summary";

/** Bump when the drawing changes, so cached images are redrawn under a new key. */
const RENDER_VERSION = 4;

const TITLE_FONT_PATH = "/_og/title-glyphs.bin";
const TEMPLATE_PATH = "/_og/template.bin";

/**
 * Loads an asset of the renderer once per isolate (fetched from the site's assets, which is
 * I/O, not CPU). Without the title font the image is drawn with the site's title instead of
 * the sharer's; without the template, drawn whole rather than from its pre-drawn parts (the
 * same pixels, more CPU). A failed load is retried by the next request.
 */
function assetLoader(path: string, load: (bytes: Uint8Array) => void, loaded: () => boolean): (env: Env, request: Request) => Promise<void> {
  let pending: Promise<void> | null = null;
  return (env, request) => {
    if (loaded()) return Promise.resolve();
    pending ??= (async () => {
      const res = await env.ASSETS.fetch(new Request(new URL(path, request.url)));
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      load(new Uint8Array(await res.arrayBuffer()));
    })().catch((e: unknown) => {
      console.error(`og asset ${path}:`, e instanceof Error ? e.message : String(e));
      pending = null;
    });
    return pending;
  };
}

const ensureTitleFont = assetLoader(TITLE_FONT_PATH, loadTitleFont, titleFontLoaded);
const ensureTemplate = assetLoader(TEMPLATE_PATH, loadTemplate, templateLoaded);

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff", "cache-control": "no-store", ...headers },
  });
}

async function fallbackImage(env: Env, request: Request): Promise<Response> {
  const asset = await env.ASSETS.fetch(new Request(new URL("/og-fallback.png", request.url)));
  if (!asset.ok) return text(503, "Preview image unavailable.", { "retry-after": "60" });
  return new Response(asset.body, {
    status: 200,
    // Never kept in the edge cache under the id (see shouldCache below), briefly in browsers.
    headers: { "content-type": "image/png", "x-content-type-options": "nosniff", "cache-control": "public, max-age=3600", "x-og-fallback": "1" },
  });
}

export const onRequest: PagesFunction<Env> = async (ctx) => {
  const { request, env, params } = ctx;
  if (request.method !== "GET" && request.method !== "HEAD") return text(405, "Method not allowed.", { allow: "GET, HEAD" });
  const id = idParam(params.id, ".png");
  if (id === null) return text(404, "No shared scenario has this id.", { "cache-control": "public, max-age=60" });

  const key = new URL(`/og/${id}.png?render=${RENDER_VERSION}&schema=${SCHEMA_VERSION}`, request.url);
  const response = await edgeCached(ctx, key, async () => {
    const lookup = await lookupShareOrUnavailable(env.DB, id);
    if (lookup.kind === "unavailable") return text(503, "Shared scenarios are temporarily unavailable.", { "retry-after": "30" });
    if (lookup.kind === "missing") return text(404, "No shared scenario has this id.", { "cache-control": "public, max-age=60" });
    if (lookup.kind === "unreadable") return fallbackImage(env, request);
    const { share } = lookup;
    let png: Uint8Array;
    try {
      await Promise.all([ensureTitleFont(env, request), ensureTemplate(env, request)]);
      if (!rasterWasmLoaded()) loadRasterWasm(rasterModule);
      const data = await ogData(share, new URL(siteUrl(env)).host);
      if (data === null) return fallbackImage(env, request);
      png = await renderOgPng(data);
    } catch (e) {
      console.error(`og image for ${share.row.id} failed:`, e instanceof Error ? e.message : String(e));
      return fallbackImage(env, request);
    }
    return new Response(png, {
      status: 200,
      headers: {
        "content-type": "image/png",
        "x-content-type-options": "nosniff",
        "cache-control": IMMUTABLE,
        etag: shareEtag(share.row, SCHEMA_VERSION, `og${RENDER_VERSION}`),
      },
    });
  }, (r) => r.status === 200 && !r.headers.has("x-og-fallback"));
  return conditional(request, response);
};
