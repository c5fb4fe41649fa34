// Serving HTML from a Function: the static page comes from env.ASSETS (the built site), is
// rewritten at the edge with HTMLRewriter, and leaves with a Content-Security-Policy whose
// script hashes are computed from the inline scripts actually in the page, so the policy stays
// consistent with whatever Astro emitted at build time.
import { SECURITY_HEADERS, contentSecurityPolicy } from "./security";
import { escapeHtml } from "./text";

export interface HeadTags {
  title: string;
  /** Raw HTML for the end of <head>; every interpolated value must already be escaped. */
  headHtml: string;
}

// Tags the page's own <head> may carry that a share page replaces with its own values.
const REPLACED_HEAD_TAGS = [
  "title",
  'meta[name="description"]',
  'meta[name="robots"]',
  'meta[name="scenario"]',
  'meta[name="scenario-id"]',
  'meta[name="scenario-title"]',
  'meta[name="scenario-note"]',
  'link[rel="canonical"]',
  'meta[property^="og:"]',
  'meta[name^="twitter:"]',
  "meta[itemprop]",
];

async function sha256Base64(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  let binary = "";
  for (const b of digest) binary += String.fromCharCode(b);
  return btoa(binary);
}

export { contentSecurityPolicy };

export const HTML_SECURITY_HEADERS: Record<string, string> = {
  "content-type": "text/html; charset=utf-8",
  ...SECURITY_HEADERS,
};

/**
 * Rewrites a static page: optionally replaces its head tags, and collects its inline scripts
 * to hash them into the CSP. Returns the full HTML (pages are small; the CSP header has to be
 * known before the first byte is sent).
 */
export async function rewritePage(page: Response, head: HeadTags | null): Promise<{ html: string; csp: string }> {
  const inlineScripts: string[] = [];
  let current: string[] | null = null;
  let rewriter = new HTMLRewriter().on("script", {
    element(el) {
      if (el.hasAttribute("src")) {
        current = null;
        return;
      }
      current = [];
      inlineScripts.push("");
      const index = inlineScripts.length - 1;
      const parts = current;
      el.onEndTag(() => {
        inlineScripts[index] = parts.join("");
      });
    },
    text(chunk) {
      current?.push(chunk.text);
    },
  });
  if (head) {
    for (const selector of REPLACED_HEAD_TAGS) rewriter = rewriter.on(selector, { element: (el) => void el.remove() });
    rewriter = rewriter.on("head", {
      element(el) {
        el.append(`<title>${escapeHtml(head.title)}</title>${head.headHtml}`, { html: true });
      },
    });
  }
  const html = await rewriter.transform(page).text();
  const hashes = await Promise.all(inlineScripts.map(sha256Base64));
  return { html, csp: contentSecurityPolicy(hashes) };
}

/** The site's own 404 page, with status 404: fetched as a path that no asset has. */
export async function notFoundPage(env: Env, request: Request): Promise<Response> {
  const missing = await env.ASSETS.fetch(new Request(new URL("/404.html", request.url)));
  const fallback = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>页面不存在</title><h1>页面不存在</h1><p><a href=\"/\">返回首页</a></p></html>";
  const { html, csp } = missing.ok ? await rewritePage(missing, null) : { html: fallback, csp: contentSecurityPolicy([]) };
  return new Response(request.method === "HEAD" ? null : html, {
    status: 404,
    headers: { ...HTML_SECURITY_HEADERS, "content-security-policy": csp, "cache-control": "public, max-age=60" },
  });
}

/** A plain page for errors on HTML routes (405, 503), in the site's language. */
export function plainPage(status: number, title: string, text: string, headers: Record<string, string> = {}): Response {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/">返回首页</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { ...HTML_SECURITY_HEADERS, "content-security-policy": contentSecurityPolicy([]), "cache-control": "no-store", ...headers },
  });
}
