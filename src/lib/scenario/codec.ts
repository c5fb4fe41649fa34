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

// One base64url for the links and the OG font data; re-exported for the codec's callers.
import { base64urlDecode, base64urlEncode } from "../base64url";
export { base64urlDecode, base64urlEncode };

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
