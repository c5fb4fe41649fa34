// Bindings that `wrangler types` does not list: Pages adds ASSETS (the static site in dist/)
// to every Function, and RATE_LIMIT_SALT is a secret (`wrangler pages secret put`), so it is
// never written into wrangler.toml. Merges with the generated global `Env`.
interface Env {
  ASSETS: Fetcher;
  RATE_LIMIT_SALT?: string;
  /** The site's origin for share links (functions/_lib/site.ts); a Pages variable. */
  SITE_URL?: string;
}
