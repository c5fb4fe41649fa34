// The site's security policy, one home for the static pages (dist/_headers, written at build
// time by src/integrations/security-headers.ts) and the pages Functions serve (/s/:id, error
// pages; see page.ts). No imports: the build loads this file too.

/** Headers every HTML page carries besides its Content-Security-Policy. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  // Legacy twin of frame-ancestors 'none' for browsers without CSP level 2.
  "x-frame-options": "DENY",
  // Nothing on the site uses these; a script that got in could not either.
  "permissions-policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  // No Cross-Origin-Opener-Policy: the site holds no secrets a cross-origin window could probe,
  // the share intents it opens already get rel="noopener noreferrer", and any COOP value made
  // Chromium swap the page into a new browsing context group on every load, which cost the
  // phone Lighthouse score 3–10 points (home page TBT 40–130 ms without, 200–670 ms with; three
  // runs each, idle machine).
  "strict-transport-security": "max-age=31536000",
};

/**
 * The Content-Security-Policy of a page whose inline scripts have these SHA-256 hashes
 * (base64). Scripts: the site's own files and exactly those inline scripts, never
 * 'unsafe-inline' or eval.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  const hashes = [...new Set(scriptHashes)].map((h) => `'sha256-${h}'`).join(" ");
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets Pagefind's search index (WebAssembly) run; no JS eval is allowed.
    `script-src 'self' 'wasm-unsafe-eval'${hashes ? " " + hashes : ""}`,
    // Astro inlines small stylesheets and Svelte sets style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
