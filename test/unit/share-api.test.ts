// The share dialog's API client, against a scripted fetch: answers, refusals, a dead network,
// a store that never answers (timeout) and a reader who closes the dialog (cancel).
import { describe, expect, it } from "vitest";
import { createShortLink } from "../../src/components/share/share-api";

const origin = "https://example.org";

function answer(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return async () =>
    new Response(typeof body === "string" ? body : JSON.stringify(body), {
      status,
      headers: { "content-type": typeof body === "string" ? "text/html" : "application/json", ...headers },
    });
}

/** A fetch that only ends when its signal aborts, like a request to a store that hangs. */
const hanging: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
  });

describe("createShortLink", () => {
  it("posts the scenario, title and note as JSON to /api/scenarios", async () => {
    let seen: { url: string; init: RequestInit } | null = null;
    const fetchSpy: typeof fetch = async (input, init) => {
      seen = { url: String(input), init: init! };
      return new Response(JSON.stringify({ id: "AbC123xYz0", url: `${origin}/s/AbC123xYz0` }), { status: 201 });
    };
    const r = await createShortLink({ scenario: { v: 1 }, title: "标题", note: "说明" }, { fetch: fetchSpy, origin });
    expect(r).toEqual({ ok: true, id: "AbC123xYz0", url: `${origin}/s/AbC123xYz0`, created: true });
    expect(seen!.url).toBe("/api/scenarios");
    expect(seen!.init.method).toBe("POST");
    expect(new Headers(seen!.init.headers).get("content-type")).toBe("application/json");
    expect(JSON.parse(String(seen!.init.body))).toEqual({ scenario: { v: 1 }, title: "标题", note: "说明" });
  });

  it("reports an existing share (200) as not newly created and resolves a relative url", async () => {
    const r = await createShortLink({ scenario: {} }, { fetch: answer(200, { id: "Zz9", url: "/s/Zz9x" }), origin });
    // "Zz9" is too short to be an id: a garbled answer is not trusted.
    expect(r).toEqual({ ok: false, failure: { kind: "bad-response" } });
    const ok = await createShortLink({ scenario: {} }, { fetch: answer(200, { id: "Zz9xYw8v7u", url: "/s/Zz9xYw8v7u" }), origin });
    expect(ok).toEqual({ ok: true, id: "Zz9xYw8v7u", url: `${origin}/s/Zz9xYw8v7u`, created: false });
  });

  it("refuses a success answer whose url is not http(s)", async () => {
    const r = await createShortLink({ scenario: {} }, { fetch: answer(201, { id: "AbC123xYz0", url: "javascript:alert(1)" }), origin });
    expect(r).toEqual({ ok: false, failure: { kind: "bad-response" } });
  });

  it("passes on the API's error code, message, field and Retry-After", async () => {
    const r = await createShortLink(
      { scenario: {} },
      { fetch: answer(429, { error: "rate-limited", message: "Too many" }, { "retry-after": "30" }), origin },
    );
    expect(r).toEqual({ ok: false, failure: { kind: "http", status: 429, error: "rate-limited", message: "Too many", retryAfterSeconds: 30 } });
    const bad = await createShortLink({ scenario: {} }, { fetch: answer(400, { error: "invalid", message: "m", field: "title" }), origin });
    expect(bad).toEqual({ ok: false, failure: { kind: "http", status: 400, error: "invalid", message: "m", field: "title" } });
  });

  it("reports a proxy's HTML error page by its status", async () => {
    const r = await createShortLink({ scenario: {} }, { fetch: answer(502, "<html>Bad gateway</html>"), origin });
    expect(r).toEqual({ ok: false, failure: { kind: "http", status: 502 } });
  });

  it("reports a network failure", async () => {
    const r = await createShortLink({ scenario: {} }, { fetch: async () => Promise.reject(new TypeError("Failed to fetch")), origin });
    expect(r).toEqual({ ok: false, failure: { kind: "network" } });
  });

  it("gives up after the timeout", async () => {
    const started = Date.now();
    const r = await createShortLink({ scenario: {} }, { fetch: hanging, origin, timeoutMs: 50 });
    expect(r).toEqual({ ok: false, failure: { kind: "timeout" } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports a cancel (dialog closed) as cancelled, not as an error", async () => {
    const controller = new AbortController();
    const pending = createShortLink({ scenario: {} }, { fetch: hanging, origin, signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual({ ok: false, cancelled: true });
  });
});
