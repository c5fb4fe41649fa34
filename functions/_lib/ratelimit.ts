// Creation limit per client. The Workers rate-limit binding does not exist for Pages Functions
// and KV is eventually consistent, so the counter lives in D1 (strongly consistent on its
// primary). Only a salted hash of the client's network is stored. This is the second line of
// defence: the WAF rate-limiting rule in functions/README.md stops floods before they reach a
// Function.
import { ApiError } from "./http";
import { sha256Hex } from "./ids";
import { countCreation, pruneCreationCounts } from "./store";

export const CREATION_WINDOW_SECONDS = 600;
/** Generous because many people in China share one carrier-NAT address. */
export const CREATIONS_PER_WINDOW = 60;

/**
 * Used only where LOCAL_DEVELOPMENT is "1" (set by `npm start` and the test servers as a
 * `--binding`, never in wrangler.toml, which a deploy would carry). It is public, so hashes made
 * with it can be reversed by trying every IPv4 address: never acceptable for real visitors.
 */
const DEV_SALT = "chengqu-plan-local-development-salt";

/** The salt, or null when none is configured outside local development. */
// The two variables spelled out rather than picked from Env: the root type check (tests) sees
// another global Env than the Functions' own.
export function rateLimitSalt(env: { RATE_LIMIT_SALT?: string; LOCAL_DEVELOPMENT?: string }): string | null {
  if (env.RATE_LIMIT_SALT) return env.RATE_LIMIT_SALT;
  return env.LOCAL_DEVELOPMENT === "1" ? DEV_SALT : null;
}

/** Expands an IPv6 address to its eight 16-bit groups, or null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, "");
  // A dotted IPv4 tail (::ffff:192.0.2.1) becomes two groups.
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (tail) {
    const b = tail.slice(1).map(Number);
    if (b.some((x) => x > 255)) return null;
    text = text.slice(0, tail.index) + ((b[0]! << 8) | b[1]!).toString(16) + ":" + ((b[2]! << 8) | b[3]!).toString(16);
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === "" ? [] : s.split(":"));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

/**
 * What one client is, for counting: an IPv4 address as it is; an IPv6 address by its /64
 * (one subscriber usually holds a whole /64 and can use any address in it); an IPv4-mapped
 * IPv6 address as the IPv4 address it maps.
 */
export function clientNetwork(address: string): string {
  const trimmed = address.trim();
  if (!trimmed.includes(":")) return trimmed;
  const g = ipv6Groups(trimmed);
  if (!g) return trimmed;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  }
  return `${g.slice(0, 4).map((x) => x.toString(16)).join(":")}::/64`;
}

export function clientKey(request: Request, salt: string): Promise<string> {
  // On Cloudflare, CF-Connecting-IP is set by the edge and cannot be forged by the client.
  const address = request.headers.get("cf-connecting-ip") ?? "unknown";
  return sha256Hex(`${salt}\n${clientNetwork(address)}`);
}

/**
 * Counts this creation; throws 429 with Retry-After once the client is over the limit, and
 * 500 (logged as a configuration error) when no salt is configured outside local development:
 * better no new shares than client hashes anyone could reverse.
 */
export async function enforceCreationLimit(
  request: Request,
  env: Env,
  waitUntil: (p: Promise<unknown>) => void,
  nowMs = Date.now(),
): Promise<void> {
  const salt = rateLimitSalt(env);
  if (salt === null) {
    console.error(
      "configuration error: RATE_LIMIT_SALT is not set, so shares cannot be created. Set it with `wrangler pages secret put RATE_LIMIT_SALT` (see functions/README.md).",
    );
    throw new ApiError("internal", "Creating shares is not available right now: the site is misconfigured. Please try again later.");
  }
  const nowSeconds = Math.floor(nowMs / 1000);
  const windowStart = nowSeconds - (nowSeconds % CREATION_WINDOW_SECONDS);
  const count = await countCreation(env.DB, await clientKey(request, salt), windowStart);
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
