// Where share links point: the configured SITE_URL (a Pages environment variable; see
// functions/README.md), else the build's default origin. Never the request's Host header: a
// request made with a foreign Host must not get links to that host.
import { DEFAULT_SITE_URL, siteOrigin } from "../../src/utils/site-url.mjs";

let warned = false;

export function siteUrl(env: { SITE_URL?: string }): string {
  const configured = siteOrigin(env.SITE_URL);
  if (configured) return configured;
  if (env.SITE_URL && !warned) {
    warned = true;
    console.error(`SITE_URL ${JSON.stringify(env.SITE_URL)} is not an http(s) origin; using ${DEFAULT_SITE_URL}`);
  }
  return siteOrigin(DEFAULT_SITE_URL)!;
}

/** The short link of a share. */
export function shareUrl(env: { SITE_URL?: string }, id: string): string {
  return `${siteUrl(env)}/s/${id}`;
}
