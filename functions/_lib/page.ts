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
  /** Raw HTML put first inside the page's `.sim-container` (the share's landing section); escaped already. */
  bodyHtml?: string;
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
    const bodyHtml = head.bodyHtml;
    if (bodyHtml) {
      // The landing's own inline script is hashed into the CSP like the page's: the "script"
      // handler above does not see inserted content, so it is collected here.
      for (const m of bodyHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)) inlineScripts.push(m[1]!);
      rewriter = rewriter.on(".sim-container", { element: (el) => void el.prepend(bodyHtml, { html: true }) });
    }
  }
  const html = await rewriter.transform(page).text();
  const hashes = await Promise.all(inlineScripts.map(sha256Base64));
  return { html, csp: contentSecurityPolicy(hashes) };
}

/** What a 404 says instead of the generic "page not found" (already plain text). */
export interface NotFoundText {
  title: string;
  text: string;
}

/** For an unknown or removed share id: says so, and the page offers the simulator and the plan. */
export const UNKNOWN_SHARE: NotFoundText = {
  title: "这个分享链接不存在",
  text: "链接可能不完整（聊天软件有时会截断链接），或者这个分享已被删除。可以打开情景模拟自己调整，或阅读规划全文。",
};

/**
 * The site's own 404 page, with status 404, optionally with its heading and text replaced
 * (the elements marked data-notfound-* in src/pages/404.astro).
 */
export async function notFoundPage(env: Env, request: Request, text?: NotFoundText): Promise<Response> {
  const missing = await env.ASSETS.fetch(new Request(new URL("/404.html", request.url)));
  const heading = text?.title ?? "页面不存在";
  const fallback = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(heading)}</title><h1>${escapeHtml(heading)}</h1>${text ? `<p>${escapeHtml(text.text)}</p>` : ""}<p><a href="/simulate/">打开情景模拟</a> · <a href="/plan/">阅读规划全文</a> · <a href="/">返回首页</a></p></html>`;
  let page: Response = missing;
  if (missing.ok && text) {
    page = new HTMLRewriter()
      .on("title", { element: (el) => void el.setInnerContent(`${text.title} · 城区“十四五”规划`) })
      .on("[data-notfound-title]", { element: (el) => void el.setInnerContent(text.title) })
      .on("[data-notfound-text]", { element: (el) => void el.setInnerContent(text.text) })
      .transform(missing);
  }
  const { html, csp } = missing.ok ? await rewritePage(page, null) : { html: fallback, csp: contentSecurityPolicy([]) };
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

const SIMULATOR_PATH = "/simulate/";
// If the simulator page is missing from a deploy, a share link still gets its preview tags and
// lands on the home page rather than failing: crawlers cache what they see first.
const FALLBACK_PATH = "/";

/**
 * The static page a page opened from a share is built on: its path and ETag, found with HEAD
 * requests so that a request served from the edge cache never reads the page itself.
 */
export async function simulatorPage(env: Env, origin: string): Promise<{ url: URL; etag: string | null } | null> {
  for (const path of [SIMULATOR_PATH, FALLBACK_PATH]) {
    const url = new URL(path, origin);
    const head = await env.ASSETS.fetch(new Request(url, { method: "HEAD" }));
    if (head.ok && (head.headers.get("content-type") ?? "").startsWith("text/html")) return { url, etag: head.headers.get("etag") };
    console.error(`share page: ${path} answered ${head.status}`);
  }
  return null;
}

/** An edge-cache key part naming the static page's version (its ETag changes with each deploy that changes it). */
export function pageTag(page: { etag: string | null }): string {
  return (page.etag ?? "").replace(/\W/g, "") || String(Date.now());
}
