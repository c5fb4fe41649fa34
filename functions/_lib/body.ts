// Reads a JSON request body defensively: media type and declared length are checked before a
// byte is read, the stream is read with a hard cap (a lying or absent Content-Length cannot
// push more than the cap into memory), and only then is the text decoded and parsed.
import { ApiError } from "./http";

export const MAX_BODY_BYTES = 16 * 1024;

/** True for `application/json`, with an optional `charset=utf-8` and nothing stranger. */
export function isJsonMediaType(header: string | null): boolean {
  if (header === null) return false;
  const [type, ...params] = header.split(";").map((p) => p.trim().toLowerCase());
  if (type !== "application/json") return false;
  for (const p of params) {
    if (p === "") continue;
    const [name, value = ""] = p.split("=").map((s) => s.trim());
    if (name === "charset" && value.replace(/^"|"$/g, "") !== "utf-8") return false;
  }
  return true;
}

async function readCapped(body: ReadableStream<Uint8Array> | null, cap: number): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      // Stop the upload instead of draining it: the client learns at once, we hold nothing more.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(cap);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function tooLarge(cap: number): ApiError {
  return new ApiError("too-large", `The request body must be at most ${cap} bytes (${cap / 1024} KB).`);
}

/** Returns the parsed JSON value of the request body or throws the matching ApiError. */
export async function readJsonBody(request: Request, cap = MAX_BODY_BYTES): Promise<unknown> {
  if (!isJsonMediaType(request.headers.get("content-type"))) {
    throw new ApiError("unsupported-media-type", "Send the body as JSON with Content-Type: application/json.", {
      headers: { "accept-post": "application/json" },
    });
  }
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > cap) throw tooLarge(cap);

  const bytes = await readCapped(request.body, cap);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError("malformed-json", "The request body is not valid UTF-8 text.");
  }
  if (text.trim() === "") throw new ApiError("empty-body", "The request body is empty; send { \"scenario\": … }.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // V8's SyntaxError quotes the input; the answer never echoes what the client sent.
    throw new ApiError("malformed-json", "The request body is not valid JSON.");
  }
}
