// The pure parts of the share Functions, without the runtime: id derivation, media types, the
// rules for titles and notes, HTML escaping, the rate limit's client key and salt, and what the
// /api/ middleware maps.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isJsonMediaType } from "../../functions/_lib/body";
import { ApiError } from "../../functions/_lib/http";
import { ID_PATTERN, candidateIds, idDigits, sha256Hex } from "../../functions/_lib/ids";
import { checkScenarioTitle, clip, escapeHtml, userText } from "../../functions/_lib/text";
import { clientNetwork, rateLimitSalt } from "../../functions/_lib/ratelimit";
import { onRequest as apiMiddleware } from "../../functions/api/_middleware";

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

describe("invisible titles and notes", () => {
  const invisible = [
    "\u200B", // zero-width space
    "\u200B\u200C\u200D", // zero-width space, non-joiner, joiner
    " \u2060 ", // word joiner between spaces
    "\uFEFF\u200B", // BOM
    "\u3164", // Hangul filler
    "\uFFA0", // halfwidth Hangul filler
    "\u115F\u1160",
    "\u2800\u2800", // blank braille pattern
    "\u0301", // a combining mark on nothing
    "\uFE0F\u180B", // variation selectors
    "\u{E0041}\u{E0042}", // tag characters
    "\u00AD", // soft hyphen
    "\u034F", // combining grapheme joiner
  ];
  it.each(invisible.map((t) => [JSON.stringify(t), t]))("refuses %s as a title, a note and a scenario title", (_, text) => {
    for (const field of ["title", "note"] as const) {
      expect(() => userText(text, field), field).toThrow(ApiError);
      try {
        userText(text, field);
      } catch (e) {
        expect((e as ApiError).field).toBe(field);
        expect((e as ApiError).code).toBe("invalid");
      }
    }
    expect(() => checkScenarioTitle(text)).toThrow(ApiError);
  });
  it("accepts text with at least one visible character, invisible ones included", () => {
    expect(userText("a\u200B", "title")).toBe("a\u200B");
    expect(userText("👨\u200D👩\u200D👧", "title")).toBe("👨\u200D👩\u200D👧");
    expect(userText("\u3000城区\u3000", "title")).toBe("城区");
    expect(userText("。", "note")).toBe("。");
    expect(() => checkScenarioTitle("情景 A")).not.toThrow();
  });
  it("still treats white space alone (no-break and ideographic spaces too) as no title", () => {
    expect(userText("\u00A0\u3000 ", "title")).toBeNull();
  });
});

describe("rate limit client key", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002:FFFF:0:0:1", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:db8::", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["::ffff:198.51.100.9", "198.51.100.9"],
    ["::ffff:c633:6409", "198.51.100.9"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["not an address", "not an address"],
    ["1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8:9"],
  ])("%s → %s", (address, network) => {
    expect(clientNetwork(address)).toBe(network);
  });
  it("every address of one /64 is one client; the next /64 another", () => {
    const nets = new Set(Array.from({ length: 65 }, (_, i) => clientNetwork(`2a01:4f8:c0c:1234:${i.toString(16)}::${((i * 7919) & 0xffff).toString(16)}`)));
    expect([...nets]).toEqual(["2a01:4f8:c0c:1234::/64"]);
    expect(clientNetwork("2a01:4f8:c0c:1235::1")).not.toBe(clientNetwork("2a01:4f8:c0c:1234::1"));
  });
  it("uses the configured salt; the public development salt only where LOCAL_DEVELOPMENT is 1", () => {
    expect(rateLimitSalt({ RATE_LIMIT_SALT: "s3cret" })).toBe("s3cret");
    expect(rateLimitSalt({ RATE_LIMIT_SALT: "s3cret", LOCAL_DEVELOPMENT: "1" })).toBe("s3cret");
    expect(rateLimitSalt({})).toBeNull();
    expect(rateLimitSalt({ RATE_LIMIT_SALT: "" })).toBeNull();
    expect(rateLimitSalt({ LOCAL_DEVELOPMENT: "true" })).toBeNull();
    expect(rateLimitSalt({ LOCAL_DEVELOPMENT: "1" })).toMatch(/\S{16,}/);
  });
});

describe("/api/ middleware", () => {
  type Ctx = Parameters<typeof apiMiddleware>[0];
  const run = (res: Response | (() => never)) =>
    apiMiddleware({ next: async () => (typeof res === "function" ? res() : res) } as unknown as Ctx) as Promise<Response>;

  it("maps the static site's HTML answer for an unknown path to the JSON 404", async () => {
    for (const status of [404, 200, 405]) {
      const res = await run(new Response("<!doctype html>", { status, headers: { "content-type": "text/html" } }));
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: string }).error).toBe("not-found");
    }
  });
  it("passes a non-JSON server error through as what it is", async () => {
    const original = console.error;
    console.error = () => undefined;
    try {
      for (const status of [500, 502, 503]) {
        const res = await run(new Response("upstream failed", { status, headers: { "content-type": "text/plain" } }));
        expect(res.status).toBe(status);
        expect(await res.text()).toBe("upstream failed");
      }
    } finally {
      console.error = original;
    }
  });
  it("passes JSON answers and 304 unchanged, and maps a thrown error to the JSON 500", async () => {
    const ok = await run(new Response('{"a":1}', { status: 201, headers: { "content-type": "application/json" } }));
    expect(ok.status).toBe(201);
    expect(await ok.text()).toBe('{"a":1}');
    expect((await run(new Response(null, { status: 304 }))).status).toBe(304);
    const original = console.error;
    console.error = () => undefined;
    try {
      const thrown = await run(() => {
        throw new Error("bug");
      });
      expect(thrown.status).toBe(500);
      expect(((await thrown.json()) as { error: string }).error).toBe("internal");
    } finally {
      console.error = original;
    }
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
