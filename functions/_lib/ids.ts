// Share ids: the leading base62 digits of a SHA-256 content key. Base62 rather than base64url
// because chat apps (WeChat, Weibo) and linkifiers tend to cut a URL at a trailing "-" or "_".
// Ten digits carry 59.5 bits; on the rare collision with a different stored share the id is
// extended by one digit at a time (the same content always walks the same sequence).

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const ID_MIN_LENGTH = 10;
/** 16 bytes of the hash written in base62 take 22 digits. */
export const ID_MAX_LENGTH = 22;

export const ID_PATTERN = /^[0-9A-Za-z]{10,22}$/;

/**
 * ID_MAX_LENGTH base62 digits of the first 16 bytes of a hex hash, least significant first, so
 * that every prefix is uniformly distributed (the top digit of a 128-bit number is not).
 */
export function idDigits(hexHash: string): string {
  if (!/^[0-9a-f]{32,}$/.test(hexHash)) throw new Error("idDigits needs a lowercase hex hash of at least 16 bytes");
  let n = BigInt("0x" + hexHash.slice(0, 32));
  let out = "";
  for (let i = 0; i < ID_MAX_LENGTH; i++) {
    out += ALPHABET[Number(n % 62n)];
    n /= 62n;
  }
  return out;
}

/** The candidate ids for a content key, shortest first. */
export function candidateIds(hexHash: string): string[] {
  const digits = idDigits(hexHash);
  const ids: string[] = [];
  for (let len = ID_MIN_LENGTH; len <= ID_MAX_LENGTH; len++) ids.push(digits.slice(0, len));
  return ids;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
