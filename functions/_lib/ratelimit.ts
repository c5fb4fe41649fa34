// Creation limit per client. The Workers rate-limit binding does not exist for Pages Functions
// and KV is eventually consistent, so the counter lives in D1 (strongly consistent on its
// primary). Only a salted hash of the address is stored. This is the second line of defence:
// the WAF rate-limiting rule in functions/README.md stops floods before they reach a Function.
import { ApiError } from "./http";
import { sha256Hex } from "./ids";
import { countCreation, pruneCreationCounts } from "./store";

export const CREATION_WINDOW_SECONDS = 600;
/** Generous because many people in China share one carrier-NAT address. */
export const CREATIONS_PER_WINDOW = 60;

/** Used only when no secret is configured (local development and tests). */
const DEV_SALT = "chengqu-plan-local-development-salt";

export async function clientKey(request: Request, env: Env): Promise<string> {
  // On Cloudflare, CF-Connecting-IP is set by the edge and cannot be forged by the client.
  const address = request.headers.get("cf-connecting-ip") ?? "unknown";
  return sha256Hex(`${env.RATE_LIMIT_SALT ?? DEV_SALT}\n${address}`);
}

/** Counts this creation; throws 429 with Retry-After once the client is over the limit. */
export async function enforceCreationLimit(
  request: Request,
  env: Env,
  waitUntil: (p: Promise<unknown>) => void,
  nowMs = Date.now(),
): Promise<void> {
  const nowSeconds = Math.floor(nowMs / 1000);
  const windowStart = nowSeconds - (nowSeconds % CREATION_WINDOW_SECONDS);
  const count = await countCreation(env.DB, await clientKey(request, env), windowStart);
  // About one request in a hundred tidies up windows that have ended.
  if (Math.random() < 0.01) waitUntil(pruneCreationCounts(env.DB, windowStart).catch(() => undefined));
  if (count > CREATIONS_PER_WINDOW) {
    const retryAfter = windowStart + CREATION_WINDOW_SECONDS - nowSeconds;
    throw new ApiError(
      "rate-limited",
      `Too many shares from your network: at most ${CREATIONS_PER_WINDOW} every ${CREATION_WINDOW_SECONDS / 60} minutes. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
      { headers: { "retry-after": String(retryAfter) } },
    );
  }
}
