// The site's canonical origin, in one place: the build (astro.config.mjs: canonical links,
// sitemap) and the Functions (share links, preview tags) both read SITE_URL from the
// environment and fall back to this. A share link must never be built from a request's Host
// header, which anyone can set.
export const DEFAULT_SITE_URL = "https://chengqu-plan.pages.dev";

/**
 * The origin of a configured site URL ("https://example.org", no path), or null when the
 * value is missing or not an http(s) URL.
 * @param {string | undefined | null} value
 * @returns {string | null}
 */
export function siteOrigin(value) {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}
