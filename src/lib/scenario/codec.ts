// Compact, URL-safe text for a scenario: "<version>." + base64url(raw DEFLATE(canonical JSON)).
// Decoding accepts anything (a truncated link, a foreign string, a zip bomb) and answers with
// a typed error instead of throwing.
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import { canonicalJson } from "./canonical";
import { validateScenario } from "./validate";
import { SCHEMA_VERSION, type Scenario, type ScenarioError, type ScenarioErrorDetail } from "./schema";

/** Longest encoded text accepted (a full scenario with formulas encodes to well under 2 kB). */
export const MAX_ENCODED_LENGTH = 4096;
/** Largest inflated JSON accepted, in bytes. */
export const MAX_JSON_BYTES = 32_768;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** base64url without padding (RFC 4648 §5). */
export function base64urlEncode(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]!;
  }
  return out;
}

/** Strict base64url decoding: null on any character outside the alphabet or an impossible length. */
export function base64urlDecode(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const d = c < 128 ? LOOKUP[c]! : -1;
    if (d < 0) return null;
    acc = ((acc << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

/** "1." + base64url(deflate(canonicalJson(s))). Deterministic for a given scenario. */
export function encodeScenario(s: Scenario): string {
  return `${SCHEMA_VERSION}.${base64urlEncode(deflateSync(strToU8(canonicalJson(s)), { level: 9, mem: 4 }))}`;
}

export type DecodeResult = { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError };

const malformed = (message: string, detail: ScenarioErrorDetail): DecodeResult => ({ ok: false, error: { code: "malformed", path: "", message, detail } });
const damaged = (message: string) => malformed(message, { code: "damaged-link" });

/** Decode a share-link text. Never throws. */
export function decodeScenario(text: string): DecodeResult {
  if (typeof text !== "string") return malformed("not a scenario link", { code: "not-a-link" });
  if (text.length > MAX_ENCODED_LENGTH) {
    return {
      ok: false,
      error: { code: "too-large", path: "", message: `the link is longer than ${MAX_ENCODED_LENGTH} characters`, detail: { code: "link-too-long", max: MAX_ENCODED_LENGTH } },
    };
  }
  const match = /^(\d{1,3})\.([A-Za-z0-9_-]+)$/.exec(text.trim());
  if (!match) return malformed("not a scenario link (expected a version number, a dot and base64url text)", { code: "not-a-link" });
  const version = Number(match[1]);
  if (version > SCHEMA_VERSION || version < 1) {
    return {
      ok: false,
      error: {
        code: "unsupported-version",
        path: "v",
        message: `link version ${version} is not supported (this site reads up to ${SCHEMA_VERSION})`,
        detail: { code: "unsupported-version", version, supported: SCHEMA_VERSION },
      },
    };
  }
  const bytes = base64urlDecode(match[2]!);
  if (!bytes) return damaged("the link is damaged (invalid base64url)");
  let json: string;
  try {
    // One spare byte tells a JSON of exactly MAX_JSON_BYTES from a larger one that was cut off.
    const out = inflateSync(bytes, { out: new Uint8Array(MAX_JSON_BYTES + 1) });
    if (out.length > MAX_JSON_BYTES) {
      return {
        ok: false,
        error: { code: "too-large", path: "", message: `the scenario is larger than ${MAX_JSON_BYTES} bytes`, detail: { code: "scenario-too-large", max: MAX_JSON_BYTES } },
      };
    }
    json = strFromU8(out);
  } catch {
    return damaged("the link is damaged or incomplete (it does not decompress)");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return damaged("the link is damaged or incomplete (not JSON)");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return malformed("the link does not hold a scenario", { code: "not-a-scenario" });
  const claimed = (parsed as { v?: unknown }).v;
  if (claimed !== version) {
    return malformed(`the link says version ${version} but holds version ${String(claimed)}`, { code: "version-mismatch", version, claimed: String(claimed) });
  }
  return validateScenario(parsed);
}
