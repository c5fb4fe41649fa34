// GET /s/:id — the short link. Serves the simulator page (/simulate/ from the built site) opened
// on the stored scenario: the head gets the share's title, description, canonical URL, Open
// Graph and Twitter card tags, and <meta name="scenario"> carries the encoded scenario that the
// simulator island reads on start (contract in functions/README.md).
import { HTML_SECURITY_HEADERS, UNKNOWN_SHARE, notFoundPage, plainPage, pageTag, rewritePage, simulatorPage } from "../_lib/page";
import { SCHEMA_VERSION, encodeScenario } from "../_lib/scenario";
import { conditional, edgeCached, idParam, lookupShareOrUnavailable } from "../_lib/share";
import { siteUrl } from "../_lib/site";
import { shareHead } from "../_lib/summary";

export const onRequest: PagesFunction<Env> = async (ctx) => {
  const { request, env, params } = ctx;
  if (request.method !== "GET" && request.method !== "HEAD") {
    return plainPage(405, "不支持的请求方法", "此地址只接受 GET 请求。", { allow: "GET, HEAD" });
  }
  const id = idParam(params.id);
  if (id === null) return notFoundPage(env, request, UNKNOWN_SHARE);

  const origin = new URL(request.url).origin;
  const page = await simulatorPage(env, origin);
  if (page === null) return plainPage(503, "模拟器页面暂时不可用", "请稍后再试。", { "retry-after": "60" });

  // The rewritten page depends on the share (immutable), the schema version and the static
  // page it is built on, whose ETag changes with every deploy that changes it.
  const key = new URL(`/s/${id}?page=${pageTag(page)}&schema=${SCHEMA_VERSION}`, origin);
  const response = await edgeCached(ctx, key, async () => {
    const lookup = await lookupShareOrUnavailable(env.DB, id);
    if (lookup.kind === "unavailable") return plainPage(503, "暂时无法打开分享的情景", "存储服务暂时不可用，请稍后再试。", { "retry-after": "30" });
    if (lookup.kind === "missing") return notFoundPage(env, request, UNKNOWN_SHARE);
    if (lookup.kind === "unreadable") return plainPage(500, "无法读取分享的情景", "这个链接保存的情景已无法读取，请向我们报告此链接。");
    const { share } = lookup;
    const source = await env.ASSETS.fetch(new Request(page.url));
    if (!source.ok) return plainPage(503, "模拟器页面暂时不可用", "请稍后再试。", { "retry-after": "60" });
    const { html, csp } = await rewritePage(source, await shareHead(share, siteUrl(env), encodeScenario(share.scenario)));
    return new Response(html, {
      status: 200,
      headers: {
        ...HTML_SECURITY_HEADERS,
        "content-security-policy": csp,
        // Browsers: short, the page names hashed assets that change with each deploy. The edge
        // copy is keyed by the page's ETag, so it may live long.
        "cache-control": "public, max-age=300, s-maxage=86400",
      },
    });
  });
  return conditional(request, response);
};
