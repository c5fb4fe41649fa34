// The pure parts of the share Functions, without the runtime: id derivation, media types, the
// rules for titles and notes, HTML escaping.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isJsonMediaType } from "../../functions/_lib/body";
import { ApiError } from "../../functions/_lib/http";
import { ID_PATTERN, candidateIds, idDigits, sha256Hex } from "../../functions/_lib/ids";
import { clip, escapeHtml, userText } from "../../functions/_lib/text";

describe("share ids", () => {
  it("are the base62 digits of the hash's first 16 bytes, least significant first", () => {
    const hex = createHash("sha256").update("x").digest("hex");
    let n = BigInt("0x" + hex.slice(0, 32));
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let expected = "";
    for (let i = 0; i < 22; i++) {
      expected += alphabet[Number(n % 62n)];
      n /= 62n;
    }
    expect(idDigits(hex)).toBe(expected);
  });

  it("grow one digit at a time from 10 to 22, each a prefix of the next", () => {
    const ids = candidateIds(createHash("sha256").update("y").digest("hex"));
    expect(ids.map((id) => id.length)).toEqual(Array.from({ length: 13 }, (_, i) => 10 + i));
    for (let i = 1; i < ids.length; i++) expect(ids[i]!.startsWith(ids[i - 1]!)).toBe(true);
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
  });

  it("spread evenly over the alphabet in their first digit", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 6200; i++) {
      const first = idDigits(createHash("sha256").update(String(i)).digest("hex"))[0]!;
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    // 100 expected per digit; a most-significant-first encoding would leave most digits empty.
    for (const c of counts.values()) expect(c).toBeGreaterThan(50);
  });

  it("hash with WebCrypto to the same hex as Node", async () => {
    expect(await sha256Hex("城区")).toBe(createHash("sha256").update("城区").digest("hex"));
  });
});

describe("JSON media type", () => {
  it.each([
    ["application/json", true],
    ["application/json; charset=utf-8", true],
    ["Application/JSON; Charset=\"UTF-8\"", true],
    ["application/json;", true],
    ["application/json; charset=latin1", false],
    ["text/json", false],
    ["application/jsonx", false],
    ["application/x-www-form-urlencoded", false],
    ["", false],
  ])("%s → %s", (header, ok) => {
    expect(isJsonMediaType(header)).toBe(ok);
  });
  it("absent → false", () => expect(isJsonMediaType(null)).toBe(false));
});

describe("titles and notes", () => {
  const rejects = (value: unknown, field: "title" | "note") => {
    try {
      userText(value, field);
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).field).toBe(field);
      return;
    }
    throw new Error(`accepted ${JSON.stringify(value)}`);
  };

  it("normalise: NFC, trimmed, CRLF to LF, blank to null", () => {
    expect(userText("  e\u0301  ", "title")).toBe("é");
    expect(userText("a\r\nb\rc", "note")).toBe("a\nb\nc");
    expect(userText("   ", "title")).toBeNull();
    expect(userText(undefined, "title")).toBeNull();
    expect(userText(null, "note")).toBeNull();
  });

  it("keep markup, quotes and SQL as text", () => {
    for (const t of ["<script>", `"'`, "'; DROP TABLE x; --"]) expect(userText(t, "title")).toBe(t);
  });

  it("count characters, not UTF-16 units", () => {
    expect(userText("𠀋".repeat(80), "title")).toBe("𠀋".repeat(80));
    rejects("𠀋".repeat(81), "title");
    expect(userText("注".repeat(280), "note")).toHaveLength(280);
    rejects("注".repeat(281), "note");
  });

  it("refuse controls, bidi overrides and isolates, lone surrogates and non-strings", () => {
    for (const bad of ["a\u0000", "a\u0007", "a\nb", "a\tb", "\u0085x", "\u202Ex", "\u202Ax", "\u2066x", "x\u2069", "\ud800", 5, {}, []]) rejects(bad, "title");
    for (const bad of ["\u001b[0m", "\u202Ex", "a\u0000"]) rejects(bad, "note");
    expect(userText("第一行\n第二行", "note")).toBe("第一行\n第二行");
  });
});

describe("escaping", () => {
  it("escapes the five HTML-significant characters and nothing else", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a> 城区`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt; 城区");
  });
  it("clips by characters with an ellipsis", () => {
    expect(clip("一二三四五", 5)).toBe("一二三四五");
    expect(clip("一二三四五六", 5)).toBe("一二三四…");
  });
});
