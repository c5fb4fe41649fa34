// Security headers for every static page, written to dist/_headers (Cloudflare Pages' header
// rules, honoured by `wrangler pages dev` too) when `astro build` is done. Each page's
// Content-Security-Policy allows exactly the inline scripts the build put into it, by SHA-256
// hash, so pages and scripts added later are covered without a hand-kept list. The policy
// itself lives in functions/_lib/security.ts, shared with the pages Functions serve.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { SECURITY_HEADERS, contentSecurityPolicy } from "../../functions/_lib/security";

/** The text of every inline <script> of an HTML document (those with src= are files under 'self'). */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(` ${m[1]}`)) continue;
    out.push(m[2]!);
  }
  return out;
}

export function sha256Base64(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

/** The address Pages serves an HTML file at: a/index.html → /a/, a.html → /a, 404.html → null (any unknown path). */
export function pagePath(file: string): string | null {
  const path = "/" + file.split(sep).join("/");
  if (path === "/404.html") return null;
  if (path.endsWith("/index.html")) return path.slice(0, -"index.html".length);
  return path.replace(/\.html$/, "");
}

export interface BuiltPage {
  /** Relative to dist/, e.g. "simulate/index.html". */
  file: string;
  html: string;
}

/**
 * The _headers text: one rule for every path with the common headers and the CSP of the 404
 * page (which Pages serves at any unknown path), then, for each page whose inline scripts differ
 * from that, a rule that replaces the CSP with its own. Pages applies rules in file order, and
 * `! Header` drops what an earlier rule set instead of joining two policies with a comma.
 */
export function headersFile(pages: readonly BuiltPage[]): string {
  const notFound = pages.find((p) => p.file === "404.html");
  const baseHashes = notFound ? inlineScripts(notFound.html).map(sha256Base64) : [];
  const basePolicy = contentSecurityPolicy(baseHashes);
  const lines = ["# Written by src/integrations/security-headers.ts at build time; do not edit.", "/*"];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) lines.push(`  ${name}: ${value}`);
  lines.push(`  content-security-policy: ${basePolicy}`);
  for (const page of [...pages].sort((a, b) => a.file.localeCompare(b.file))) {
    const path = pagePath(page.file);
    if (path === null) continue;
    const policy = contentSecurityPolicy(inlineScripts(page.html).map(sha256Base64));
    if (policy === basePolicy) continue;
    lines.push(path, "  ! content-security-policy", `  content-security-policy: ${policy}`);
  }
  return lines.join("\n") + "\n";
}

function htmlFiles(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(full, root));
    else if (entry.name.endsWith(".html")) out.push(relative(root, full));
  }
  return out;
}

export default function securityHeaders(): AstroIntegration {
  return {
    name: "security-headers",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const pages = htmlFiles(root).map((file) => ({ file, html: readFileSync(join(root, file), "utf8") }));
        const target = join(root, "_headers");
        // Rules from public/_headers, if someone adds one, come first and stay.
        const own = existsSync(target) ? readFileSync(target, "utf8").replace(/\n?$/, "\n") : "";
        writeFileSync(target, own + headersFile(pages));
        logger.info(`_headers: security headers and script hashes for ${pages.length} pages`);
      },
    },
  };
}
