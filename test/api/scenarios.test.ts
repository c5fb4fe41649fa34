// POST /api/scenarios and GET /api/scenarios/:id against the real Pages runtime (workerd) with
// D1 in a local SQLite file: round trip, idempotent ids, caching, methods, rate limit.
import { describe, expect, it, inject } from "vitest";
import { SCHEMA_VERSION, canonicalJson, defaultScenario, validateScenario, type Scenario } from "../../src/lib/scenario";
import { countRows, fakeIp, inOneCreationWindow, post, postJson, rateLimitClients, readRow } from "./api-helpers";

const base = inject("baseUrl");
const persistDir = inject("persistDir");

/** The canonical form, as a JSON value, of what a client sent. */
function canonicalOf(input: unknown): unknown {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(`test scenario is invalid: ${r.error.message}`);
  return JSON.parse(canonicalJson(r.scenario));
}

/** The same scenario written differently: keys in reverse order at every level. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)]));
  return value;
}

function withGrowth(s: Scenario, first: number): Scenario {
  const copy = structuredClone(s);
  copy.inputs.gdpRealGrowth.periods[0] = first;
  return copy;
}

describe("round trip", () => {
  it("stores a scenario (201) and reads the same canonical scenario back", async () => {
    const title = `回合测试 ${crypto.randomUUID().slice(0, 8)}`;
    const res = await postJson(base, { scenario: defaultScenario, title, note: "第一行\n第二行" });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const created = (await res.json()) as { id: string; url: string };
    expect(created.id).toMatch(/^[0-9A-Za-z]{10,12}$/);
    expect(created.url).toBe(`${base}/s/${created.id}`);
    expect(res.headers.get("location")).toBe(`/api/scenarios/${created.id}`);

    const got = await fetch(`${base}/api/scenarios/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(got.headers.get("etag")).toMatch(/^"[0-9a-f]{32}\.\d+"$/);
    const body = (await got.json()) as Record<string, unknown>;
    expect(body.id).toBe(created.id);
    expect(body.scenario).toEqual(canonicalOf(defaultScenario));
    expect(body.title).toBe(title);
    expect(body.note).toBe("第一行\n第二行");
    expect(body.schemaVersion).toBe(SCHEMA_VERSION);
    expect(Math.abs(Date.parse(String(body.createdAt)) - Date.now())).toBeLessThan(120_000);
  });

  it("answers 200 with the same id for the same canonical scenario and title, however it is written", async () => {
    const title = `幂等 ${crypto.randomUUID().slice(0, 8)}`;
    const scenario = withGrowth(defaultScenario, 5.5);
    const first = await postJson(base, { scenario, title });
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    const rows = countRows(persistDir, "scenarios");

    const again = await postJson(base, { scenario, title });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(id);

    // Keys reordered and 5.5 written as 5.50 in the raw text: still the same canonical scenario.
    const text = JSON.stringify({ title, scenario: reordered(scenario) }).replace('"periods":[5.5,', '"periods":[5.50,');
    expect(text).toContain("5.50");
    const rewritten = await post(base, text);
    expect(rewritten.status).toBe(200);
    expect(((await rewritten.json()) as { id: string }).id).toBe(id);
    expect(countRows(persistDir, "scenarios")).toBe(rows);
  });

  it("gives a different id when the title or the scenario differs", async () => {
    const title = `不同 ${crypto.randomUUID().slice(0, 8)}`;
    const a = (await (await postJson(base, { scenario: defaultScenario, title })).json()) as { id: string };
    const bRes = await postJson(base, { scenario: defaultScenario, title: title + "!" });
    const cRes = await postJson(base, { scenario: withGrowth(defaultScenario, 4.25), title });
    expect(bRes.status).toBe(201);
    expect(cRes.status).toBe(201);
    const b = (await bRes.json()) as { id: string };
    const c = (await cRes.json()) as { id: string };
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
  });

  it("keeps the schema version and creation time in the stored row", async () => {
    const res = await postJson(base, { scenario: withGrowth(defaultScenario, 6.75), title: "行内容" });
    const { id } = (await res.json()) as { id: string };
    const row = readRow(persistDir, id)!;
    expect(row.schema_version).toBe(SCHEMA_VERSION);
    expect(String(row.created_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(JSON.parse(String(row.scenario))).toEqual(canonicalOf(withGrowth(defaultScenario, 6.75)));
    expect(row.title).toBe("行内容");
  });
});

describe("caching and methods", () => {
  it("answers 304 to a matching If-None-Match, and HEAD without a body", async () => {
    const { id } = (await (await postJson(base, { scenario: defaultScenario, title: "缓存" })).json()) as { id: string };
    const first = await fetch(`${base}/api/scenarios/${id}`);
    const etag = first.headers.get("etag")!;
    const second = await fetch(`${base}/api/scenarios/${id}`, { headers: { "if-none-match": etag } });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe("");
    const other = await fetch(`${base}/api/scenarios/${id}`, { headers: { "if-none-match": '"something-else"' } });
    expect(other.status).toBe(200);
    const head = await fetch(`${base}/api/scenarios/${id}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(etag);
    expect(await head.text()).toBe("");
  });

  it("answers 404 in JSON for an unknown or impossible id", async () => {
    for (const id of ["0000000000", "zzzzzzzzzzzz", "short", "%3Cscript%3E", "a".repeat(40)]) {
      const res = await fetch(`${base}/api/scenarios/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: string }).error).toBe("not-found");
    }
  });

  it("answers 404 in JSON for an API path that does not exist", async () => {
    const res = await fetch(`${base}/api/no-such-thing`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe("not-found");
  });

  it("answers 405 with Allow for the wrong method", async () => {
    const cases: [string, string, string][] = [
      ["GET", "/api/scenarios", "POST"],
      ["PUT", "/api/scenarios", "POST"],
      ["DELETE", "/api/scenarios/0000000000", "GET, HEAD"],
      ["POST", "/api/scenarios/0000000000", "GET, HEAD"],
      ["POST", "/api/health", "GET, HEAD"],
      ["PUT", "/api/health", "GET, HEAD"],
      ["PATCH", "/api/health", "GET, HEAD"],
      ["DELETE", "/api/health", "GET, HEAD"],
      ["OPTIONS", "/api/health", "GET, HEAD"],
    ];
    for (const [method, path, allow] of cases) {
      const res = await fetch(base + path, { method, headers: { "content-type": "application/json" }, body: method === "GET" || method === "OPTIONS" ? undefined : "{}" });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow")).toBe(allow);
      expect(((await res.json()) as { error: string }).error).toBe("method-not-allowed");
    }
  });
});

describe("health", () => {
  it("answers GET and HEAD with 200 when D1 holds the API's tables", async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ ok: true, db: "ok" });
    const head = await fetch(`${base}/api/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});

describe("rate limit", () => {
  it("answers 429 after 60 creations from one client in a window, stores nothing more, and leaves other clients alone", async () => {
    await inOneCreationWindow(async () => {
      const ip = fakeIp();
      const tag = crypto.randomUUID().slice(0, 8);
      let firstId = "";
      for (let i = 0; i < 59; i++) {
        const res = await postJson(base, { scenario: defaultScenario, title: `限流 ${tag} ${i}` }, { ip });
        expect(res.status, `request ${i}`).toBe(201);
        if (i === 0) firstId = ((await res.json()) as { id: string }).id;
      }
      // Re-posting a share that exists answers its id and does not count: after five of them
      // the 60th new share is still allowed.
      for (let i = 0; i < 5; i++) {
        const again = await postJson(base, { scenario: defaultScenario, title: `限流 ${tag} 0` }, { ip });
        expect(again.status).toBe(200);
        expect(((await again.json()) as { id: string }).id).toBe(firstId);
      }
      expect((await postJson(base, { scenario: defaultScenario, title: `限流 ${tag} 59` }, { ip })).status).toBe(201);

      const rows = countRows(persistDir, "scenarios");
      const limited = await postJson(base, { scenario: defaultScenario, title: `限流 ${tag} 60` }, { ip });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await limited.json()) as { error: string }).error).toBe("rate-limited");
      expect(countRows(persistDir, "scenarios")).toBe(rows);

      // Over the limit, re-sharing an existing share still answers its id.
      const existing = await postJson(base, { scenario: defaultScenario, title: `限流 ${tag} 0` }, { ip });
      expect(existing.status).toBe(200);
      expect(((await existing.json()) as { id: string }).id).toBe(firstId);

      const someoneElse = await postJson(base, { scenario: defaultScenario, title: `限流 ${tag} 60` }, { ip: fakeIp() });
      expect(someoneElse.status).toBe(201);
  
    });
  });

  it("counts IPv6 clients by their /64: 60 addresses of one /64 share one limit", async () => {
    await inOneCreationWindow(async () => {
      const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
      const tag = crypto.randomUUID().slice(0, 8);
      for (let i = 0; i < 60; i++) {
        const res = await postJson(base, { scenario: defaultScenario, title: `v6 ${tag} ${i}` }, { ip: `${prefix}::${(i + 1).toString(16)}` });
        expect(res.status, `address ${i}`).toBe(201);
      }
      // Another address of the same /64, written out in full and in capitals.
      const full = `${prefix}:0:0:0:ABCD`.toUpperCase();
      expect((await postJson(base, { scenario: defaultScenario, title: `v6 ${tag} 60` }, { ip: full })).status).toBe(429);
      // The neighbouring /64 is another client.
      const neighbour = prefix.replace(/:([0-9a-f]+)$/, (_, g: string) => `:${((parseInt(g, 16) + 1) & 0xffff).toString(16)}`);
      expect((await postJson(base, { scenario: defaultScenario, title: `v6 ${tag} 60` }, { ip: `${neighbour}::1` })).status).toBe(201);
  
    });
  });

  it("stores a salted hash of the client address, never the address", async () => {
    const ip = "10.200.100.50";
    await postJson(base, { scenario: defaultScenario, title: "地址" }, { ip });
    const clients = rateLimitClients(persistDir).map((client) => ({ client }));
    expect(clients.length).toBeGreaterThan(0);
    for (const { client } of clients) expect(client).toMatch(/^[0-9a-f]{64}$/);
    expect(clients.some((c) => c.client.includes(ip))).toBe(false);
    // Not the bare hash of the address either (that could be reversed by trying all addresses).
    const { createHash } = await import("node:crypto");
    const bare = createHash("sha256").update(ip).digest("hex");
    expect(clients.some((c) => c.client === bare)).toBe(false);
  });
});
