// The share dialog's pure helpers: title/note rules (checked against the API's own rules),
// share-intent URLs, the long-URL fallback, failure messages and QR path data.
import { describe, expect, it } from "vitest";
import {
  NOTE_MAX,
  TITLE_MAX,
  charCount,
  describeFailure,
  longScenarioUrl,
  posterFileName,
  qrPathData,
  shareMessage,
  shareTextMessage,
  shortUrlForLang,
  validateShareText,
  weiboIntentUrl,
  xIntentUrl,
  type ShareFailure,
} from "../../src/components/share/share-helpers";
import { qrMatrix } from "../../src/components/share/qr";
import { fill } from "../../src/components/share/share-strings";
import { userText } from "../../functions/_lib/text";
import { canonicalJson, decodeScenario, defaultScenario, encodeScenario } from "../../src/lib/scenario";
import { longLinkShare, withShareTitle } from "../../src/lib/share/long-link";

describe("title and note validation", () => {
  it("treats blank text as no value and normalises like the API (CRLF, NFC, trim)", () => {
    expect(validateShareText("", "title")).toEqual({ ok: true, value: null });
    expect(validateShareText("  \n ", "note")).toEqual({ ok: true, value: null });
    expect(validateShareText("  城区 ", "title")).toEqual({ ok: true, value: "城区" });
    expect(validateShareText("a\r\nb\rc", "note")).toEqual({ ok: true, value: "a\nb\nc" });
    // "e" + combining acute (2 code points) becomes "é" (1).
    expect(validateShareText("caf\u0065\u0301", "title")).toEqual({ ok: true, value: "caf\u00e9" });
  });

  it("counts characters as code points: 80 emoji fit a title although they are 160 UTF-16 units", () => {
    const emoji = "😀".repeat(80);
    expect(emoji.length).toBe(160);
    expect(charCount(emoji)).toBe(80);
    expect(validateShareText(emoji, "title").ok).toBe(true);
    expect(validateShareText(emoji + "😀", "title")).toEqual({ ok: false, problem: { kind: "too-long", length: 81, max: 80 } });
  });

  it("enforces 80 characters for a title and 280 for a note", () => {
    expect(TITLE_MAX).toBe(80);
    expect(NOTE_MAX).toBe(280);
    expect(validateShareText("城".repeat(80), "title").ok).toBe(true);
    expect(validateShareText("城".repeat(81), "title")).toEqual({ ok: false, problem: { kind: "too-long", length: 81, max: 80 } });
    expect(validateShareText("注".repeat(280), "note").ok).toBe(true);
    expect(validateShareText("注".repeat(281), "note")).toEqual({ ok: false, problem: { kind: "too-long", length: 281, max: 280 } });
  });

  it("refuses a line break in a title but keeps it in a note", () => {
    expect(validateShareText("两\n行", "title")).toEqual({ ok: false, problem: { kind: "line-break" } });
    expect(validateShareText("两\n行", "note")).toEqual({ ok: true, value: "两\n行" });
  });

  it("refuses control and direction-override characters, naming the code point", () => {
    expect(validateShareText("invoice\u202Egnp.exe", "title")).toEqual({ ok: false, problem: { kind: "forbidden", codePoint: "U+202E" } });
    expect(validateShareText("\u001b[31mred", "note")).toEqual({ ok: false, problem: { kind: "forbidden", codePoint: "U+001B" } });
    expect(validateShareText("a\u2067b", "note")).toEqual({ ok: false, problem: { kind: "forbidden", codePoint: "U+2067" } });
    expect(validateShareText("a\ud800b", "title")).toEqual({ ok: false, problem: { kind: "malformed" } });
  });

  it("keeps markup as plain text", () => {
    expect(validateShareText('<img src=x onerror="alert(1)">', "title")).toEqual({ ok: true, value: '<img src=x onerror="alert(1)">' });
  });

  // The dialog must never accept what the API refuses (the reader would only learn it after a
  // round trip) nor refuse what it accepts.
  const corpus = [
    "", " ", "城区", "  两端空格  ", "a\r\nb", "两\n行", "tab\there", "x\u0000y", "\u0007", "x\u009by", "\u007f",
    "\u202Aa", "\u202Ea", "\u2066a", "\u2069a", "\uFFF9a", "\uFFFBa", "a\ud800b", "\udc00", "😀".repeat(80), "😀".repeat(81),
    "城".repeat(80), "城".repeat(81), "注".repeat(280), "注".repeat(281), "e\u0301".repeat(80), "<b>&amp;</b>", "'; DROP TABLE x;--",
    "zero\u200Bwidth", "\u00a0nbsp\u00a0",
  ];
  for (const field of ["title", "note"] as const) {
    it(`agrees with the API's ${field} rules on ${corpus.length} tricky inputs`, () => {
      for (const text of corpus) {
        let api: { ok: true; value: string | null } | { ok: false };
        try {
          api = { ok: true, value: userText(text, field) };
        } catch {
          api = { ok: false };
        }
        const ui = validateShareText(text, field);
        expect({ text, ok: ui.ok }).toEqual({ text, ok: api.ok });
        if (ui.ok && api.ok) expect(ui.value).toBe(api.value);
      }
    });
  }

  it("explains each problem in Chinese and English with the numbers", () => {
    expect(shareTextMessage({ kind: "too-long", length: 95, max: 80 }, "title", "zh")).toBe("标题最多80个字，现在是95个字。");
    expect(shareTextMessage({ kind: "too-long", length: 300, max: 280 }, "note", "en")).toBe("The note may have at most 280 characters; it has 300.");
    expect(shareTextMessage({ kind: "line-break" }, "title", "zh")).toBe("标题不能换行。");
    expect(shareTextMessage({ kind: "forbidden", codePoint: "U+202E" }, "note", "zh")).toContain("U+202E");
    expect(shareTextMessage({ kind: "malformed" }, "title", "en")).toMatch(/^The title contains an invalid character/);
  });
});

describe("links", () => {
  it("builds the long URL that carries the scenario, and it decodes back to the same scenario", () => {
    const encoded = encodeScenario(defaultScenario);
    const zh = longScenarioUrl("https://example.org", encoded, "zh");
    expect(zh).toBe(`https://example.org/simulate/?s=${encoded}`);
    expect(longScenarioUrl("https://example.org", encoded, "en")).toBe(`https://example.org/simulate/?s=${encoded}&lang=en`);
    const back = decodeScenario(new URL(zh).searchParams.get("s")!);
    expect(back.ok).toBe(true);
    if (back.ok) expect(canonicalJson(back.scenario)).toBe(canonicalJson(defaultScenario));
  });

  it("carries the sharer's title in the scenario and the note beside it, and the /simulate/ Function reads both back", () => {
    const note = "增长慢一些 & 目标？ 50%";
    const url = new URL(longScenarioUrl("https://example.org", encodeScenario(withShareTitle(defaultScenario, "如果只有5%")), "zh", note));
    // Spaces as %20, not "+": some apps show a "+" literally.
    expect(url.search).not.toContain("+");
    const shared = longLinkShare(url.searchParams);
    expect(shared?.title).toBe("如果只有5%");
    expect(shared?.note).toBe(note);
    expect(canonicalJson(withShareTitle(shared!.scenario, null))).toBe(canonicalJson(defaultScenario));
    // Without words there is nothing to show: the plain page reads the link.
    expect(longLinkShare(new URL(longScenarioUrl("https://example.org", encodeScenario(defaultScenario), "zh")).searchParams)).toBeNull();
    expect(longLinkShare(new URLSearchParams({ s: "1.broken!", n: note }))).toBeNull();
  });

  it("adds lang=en to a short link only for English", () => {
    expect(shortUrlForLang("https://example.org/s/AbC123xYz0", "zh")).toBe("https://example.org/s/AbC123xYz0");
    expect(shortUrlForLang("https://example.org/s/AbC123xYz0", "en")).toBe("https://example.org/s/AbC123xYz0?lang=en");
  });

  it("builds Weibo and X intents with percent-encoded url and text (spaces as %20, not +)", () => {
    const url = "https://example.org/s/AbC123xYz0?lang=en";
    const text = "城区 & X";
    const encUrl = "https%3A%2F%2Fexample.org%2Fs%2FAbC123xYz0%3Flang%3Den";
    const encText = "%E5%9F%8E%E5%8C%BA%20%26%20X";
    expect(weiboIntentUrl(url, text)).toBe(`https://service.weibo.com/share/share.php?url=${encUrl}&title=${encText}`);
    expect(xIntentUrl(url, text)).toBe(`https://x.com/intent/post?url=${encUrl}&text=${encText}`);
    const parsed = new URL(xIntentUrl(url, text));
    expect(parsed.searchParams.get("url")).toBe(url);
    expect(parsed.searchParams.get("text")).toBe(text);
  });

  it("posts the sharer's title, or a neutral default", () => {
    expect(shareMessage("我的情景", "zh")).toBe("我的情景");
    expect(shareMessage(null, "zh")).toBe("晋城市城区“十四五”规划情景模拟");
    expect(shareMessage(null, "en")).toMatch(/Chengqu/);
  });

  it("names the poster file in ASCII", () => {
    expect(posterFileName("AbC123xYz0")).toBe("chengqu-scenario-AbC123xYz0.png");
    expect(posterFileName(null)).toBe("chengqu-scenario.png");
    expect(posterFileName("../城/x")).toBe("chengqu-scenario-x.png");
  });
});

describe("failure messages", () => {
  const cases: { name: string; f: ShareFailure; message: string; field?: "title" | "note"; offerLongUrl: boolean; retryable: boolean }[] = [
    { name: "429", f: { kind: "http", status: 429, error: "rate-limited" }, message: "创建太频繁，请稍后再试", offerLongUrl: true, retryable: true },
    { name: "429 with Retry-After", f: { kind: "http", status: 429, retryAfterSeconds: 42.2 }, message: "创建太频繁，请稍后再试（约43秒后）", offerLongUrl: true, retryable: true },
    { name: "503", f: { kind: "http", status: 503, error: "store-unavailable" }, message: "分享服务暂时不可用", offerLongUrl: true, retryable: true },
    { name: "network", f: { kind: "network" }, message: "分享服务暂时不可用", offerLongUrl: true, retryable: true },
    { name: "timeout", f: { kind: "timeout" }, message: "分享服务暂时不可用（请求超时）", offerLongUrl: true, retryable: true },
    { name: "garbled 200", f: { kind: "bad-response" }, message: "分享服务暂时不可用", offerLongUrl: true, retryable: true },
    { name: "400 title", f: { kind: "http", status: 400, error: "invalid", field: "title" }, message: "分享服务不接受这个标题，请修改后重试。", field: "title", offerLongUrl: false, retryable: false },
    { name: "400 note", f: { kind: "http", status: 400, error: "invalid", field: "note" }, message: "分享服务不接受这个说明，请修改后重试。", field: "note", offerLongUrl: false, retryable: false },
    { name: "400 scenario", f: { kind: "http", status: 400, error: "invalid", field: "scenario.inputs.gdpRealGrowth.periods.0" }, message: "分享服务不接受这个情景 (scenario.inputs.gdpRealGrowth.periods.0)", offerLongUrl: true, retryable: false },
    { name: "413", f: { kind: "http", status: 413, error: "too-large" }, message: "情景太大，无法保存为短链接", offerLongUrl: true, retryable: false },
    { name: "500", f: { kind: "http", status: 500, error: "internal" }, message: "创建短链接失败（错误500）", offerLongUrl: true, retryable: true },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.message}`, () => {
      const v = describeFailure(c.f, "zh");
      expect(v.message).toBe(c.message);
      expect(v.field).toBe(c.field);
      expect(v.offerLongUrl).toBe(c.offerLongUrl);
      expect(v.retryable).toBe(c.retryable);
    });
  }
  it("has English messages too", () => {
    expect(describeFailure({ kind: "http", status: 429 }, "en").message).toBe("Too many links created. Please try again later");
    expect(describeFailure({ kind: "network" }, "en").message).toBe("The share service is temporarily unavailable");
  });
  it("ignores an absurd Retry-After rather than promising a wait of days", () => {
    expect(describeFailure({ kind: "http", status: 429, retryAfterSeconds: 86_400 }, "zh").message).toBe("创建太频繁，请稍后再试");
  });
});

describe("QR code", () => {
  it("draws one sub-path per run of dark modules, inside a 4-module quiet zone", () => {
    expect(qrPathData([[true, true, false], [false, true, true]])).toBe("M4 4h2v1h-2zM5 5h2v1h-2z");
    expect(qrPathData([[false, true, false, true]], 0)).toBe("M1 0h1v1h-1zM3 0h1v1h-1z");
    expect(qrPathData([[false]])).toBe("");
  });

  it("encodes a short link as a QR matrix with the three finder patterns", () => {
    const m = qrMatrix("https://example.org/s/AbC123xYz0")!;
    expect(m).not.toBeNull();
    const n = m.length;
    expect((n - 17) % 4).toBe(0);
    expect(m.every((row) => row.length === n)).toBe(true);
    // A finder pattern: 7×7 dark ring, light ring inside, dark 3×3 centre.
    const finderAt = (x0: number, y0: number) => {
      for (let y = 0; y < 7; y++)
        for (let x = 0; x < 7; x++) {
          const ring = x === 0 || y === 0 || x === 6 || y === 6;
          const centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
          if (m[y0 + y]![x0 + x] !== (ring || centre)) return false;
        }
      return true;
    };
    expect(finderAt(0, 0)).toBe(true);
    expect(finderAt(n - 7, 0)).toBe(true);
    expect(finderAt(0, n - 7)).toBe(true);
    expect(finderAt(n - 7, n - 7)).toBe(false);
  });

  it("still encodes a 2,500-character fallback URL and gives up (null) beyond QR capacity", () => {
    const long = "https://example.org/simulate/?s=1." + "A".repeat(2466);
    expect(long.length).toBe(2500);
    expect(qrMatrix(long)).not.toBeNull();
    expect(qrMatrix("https://example.org/?s=" + "x".repeat(3000))).toBeNull();
  });
});

describe("share strings", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(fill("{a}/{b}", { a: 1 })).toBe("1/{b}");
  });
});
