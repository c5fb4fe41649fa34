// GET /simulate/ — the static simulator page, untouched, except when it is opened from a long
// share link (?s= with the sharer's title in the scenario, and/or ?n= with a note; see
// src/lib/share/long-link.ts): then, like /s/:id, the page opens on the sharer's words, a
// reading against the plan, the headline figures and the next steps, and its head carries
// the share's title and description for link previews.
import { HTML_SECURITY_HEADERS, pageTag, rewritePage, simulatorPage } from "../_lib/page";
import { SCHEMA_VERSION, encodeScenario } from "../_lib/scenario";
import { conditional, edgeCached } from "../_lib/share";
import { siteUrl } from "../_lib/site";
import { sharedScenarioHead } from "../_lib/summary";
import { NOTE_PARAM, SCENARIO_PARAM, longLinkQuery, longLinkShare } from "../../src/lib/share/long-link";

export const onRequest: PagesFunction<Env> = async (ctx) => {
  const { request, env } = ctx;
  if (request.method !== "GET" && request.method !== "HEAD") return ctx.next();
  const url = new URL(request.url);
  const shared = longLinkShare(url.searchParams);
  // No words of a sharer (or a link the page itself must explain): the static page as it is.
  if (shared === null) return ctx.next();

  const page = await simulatorPage(env, url.origin);
  if (page === null || page.url.pathname !== url.pathname) return ctx.next();
  // The link as the site writes it, in one form: the key of the edge copy and the canonical URL.
  const canonical = longLinkQuery(shared.scenario, shared.title, shared.note);
  const key = new URL(`/simulate/?${canonical}&page=${pageTag(page)}&schema=${SCHEMA_VERSION}`, url.origin);
  const response = await edgeCached(ctx, key, async () => {
    const source = await env.ASSETS.fetch(new Request(page.url));
    if (!source.ok) return ctx.next();
    const origin = siteUrl(env);
    const pageUrl = `${origin}/simulate/?${SCENARIO_PARAM}=${canonical.get(SCENARIO_PARAM)}${shared.note ? `&${NOTE_PARAM}=${encodeURIComponent(shared.note)}` : ""}`;
    const head = await sharedScenarioHead(shared, { origin, pageUrl, imageUrl: null }, encodeScenario(shared.scenario));
    const { html, csp } = await rewritePage(source, head);
    return new Response(html, {
      status: 200,
      headers: { ...HTML_SECURITY_HEADERS, "content-security-policy": csp, "cache-control": "public, max-age=300, s-maxage=86400" },
    });
  });
  return conditional(request, response);
};
