// Bindings that `wrangler types` does not list: Pages adds ASSETS (the static site in dist/)
// to every Function, RATE_LIMIT_SALT is a secret (`wrangler pages secret put`), so it is
// never written into wrangler.toml, and LOCAL_DEVELOPMENT is given only on the command line of
// local servers (`npm start`, the tests). Merges with the generated global `Env`.
interface Env {
  ASSETS: Fetcher;
  RATE_LIMIT_SALT?: string;
  /** "1" on a local `wrangler pages dev` (`--binding LOCAL_DEVELOPMENT=1`): a missing salt is then allowed. */
  LOCAL_DEVELOPMENT?: string;
  /** The site's origin for share links (functions/_lib/site.ts); a Pages variable. */
  SITE_URL?: string;
}
