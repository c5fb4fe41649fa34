// Durability and outages with a second, separately started `wrangler pages dev` (on a port from the OS):
// a share written through one server process survives that process's restart, and a D1 that
// fails (here: a real local database whose migrations were never applied, so every query
// errors inside D1) gives 503 store-unavailable, not a 500 or a stack trace.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, inject } from "vitest";
import { canonicalJson, defaultScenario, validateScenario } from "../../src/lib/scenario";
import { postJson, startPagesServer } from "./api-helpers";

const base = inject("baseUrl");
const persistDir = inject("persistDir");

function canonicalOf(input: unknown): unknown {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.error.message);
  return JSON.parse(canonicalJson(r.scenario));
}

describe("persistence", () => {
  it("keeps a stored scenario across a restart of the local server", async () => {
    const title = `重启 ${crypto.randomUUID().slice(0, 8)}`;
    let server = await startPagesServer(persistDir);
    let id: string;
    try {
      const res = await postJson(server.baseUrl, { scenario: defaultScenario, title });
      expect(res.status).toBe(201);
      id = ((await res.json()) as { id: string }).id;
    } finally {
      await server.stop();
    }

    server = await startPagesServer(persistDir);
    try {
      const got = await fetch(`${server.baseUrl}/api/scenarios/${id}`);
      expect(got.status).toBe(200);
      const body = (await got.json()) as { scenario: unknown; title: string };
      expect(body.scenario).toEqual(canonicalOf(defaultScenario));
      expect(body.title).toBe(title);
      // Posting it again after the restart finds the stored row: same id, 200.
      const again = await postJson(server.baseUrl, { scenario: defaultScenario, title });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { id: string }).id).toBe(id);
    } finally {
      await server.stop();
    }
    // And the main test server, another process on the same files, reads it too.
    expect((await fetch(`${base}/api/scenarios/${id}`)).status).toBe(200);
  });
});

describe("database unavailable", () => {
  it("answers 503 store-unavailable on every route that needs D1, and still 400 for bad input", async () => {
    const brokenDir = mkdtempSync(join(tmpdir(), "chengqu-d1-broken-"));
    const server = await startPagesServer(brokenDir);
    try {
      const post = await postJson(server.baseUrl, { scenario: defaultScenario, title: "无库" });
      expect(post.status).toBe(503);
      expect(post.headers.get("retry-after")).toBe("30");
      const text = await post.text();
      expect(JSON.parse(text)).toMatchObject({ error: "store-unavailable" });
      expect(text).not.toMatch(/no such table|D1_ERROR|SQLITE|\bat .+:\d+/i);

      const get = await fetch(`${server.baseUrl}/api/scenarios/0000000000`);
      expect(get.status).toBe(503);
      expect(((await get.json()) as { error: string }).error).toBe("store-unavailable");

      const page = await fetch(`${server.baseUrl}/s/0000000000`);
      expect(page.status).toBe(503);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await page.text()).toContain("暂时无法打开");

      expect((await fetch(`${server.baseUrl}/og/0000000000.png`)).status).toBe(503);

      // Validation does not need the database: bad input is still a 400.
      const bad = await postJson(server.baseUrl, { scenario: { v: 99 } });
      expect(bad.status).toBe(400);
    } finally {
      await server.stop();
      rmSync(brokenDir, { recursive: true, force: true });
    }
  });
});
