// Durability, configuration and outages with separately started `wrangler pages dev` servers,
// each on a port from the OS and a D1 folder of its own: never two runtimes on one SQLite file
// (they contend for its locks and answer 503), and a restart only once the previous runtime has
// fully exited. Rows an older deploy left behind are written into the file while no runtime runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SCHEMA_VERSION, canonicalJson, defaultScenario, validateScenario } from "../../src/lib/scenario";
import { applyMigrations, countRows, insertLegacyRow, legacyId, postJson, readRow, startPagesServer } from "./api-helpers";

function canonicalOf(input: unknown): unknown {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.error.message);
  return JSON.parse(canonicalJson(r.scenario));
}

const dirs: string[] = [];
function freshDir(migrated: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "chengqu-d1-own-"));
  dirs.push(dir);
  if (migrated) applyMigrations(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// Each test starts one to three servers; on a busy machine one start can take a minute.
const SLOW = { timeout: 300_000 };

// A production-like server: no LOCAL_DEVELOPMENT, the salt given as a secret would be.
const production = { local: false, bindings: { RATE_LIMIT_SALT: "test-salt-" + crypto.randomUUID() } };

describe("configuration", () => {
  it("refuses creations with a logged configuration error when RATE_LIMIT_SALT is unset outside local development", SLOW, async () => {
    const dir = freshDir(true);
    const server = await startPagesServer(dir, { local: false });
    try {
      const res = await postJson(server.baseUrl, { scenario: defaultScenario, title: "无盐" });
      expect(res.status).toBe(500);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe("internal");
      expect(body.message).not.toMatch(/RATE_LIMIT_SALT/);
      await expect.poll(() => server.log(), { timeout: 5_000 }).toMatch(/configuration error: RATE_LIMIT_SALT is not set/);
      // Reading, health and validation do not need the salt.
      expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
      expect((await postJson(server.baseUrl, { scenario: { v: 99 } })).status).toBe(400);
    } finally {
      await server.stop();
    }
    expect(countRows(dir, "scenarios")).toBe(0);
    expect(countRows(dir, "creation_counts")).toBe(0);
  });
});

describe("persistence", () => {
  it("keeps a stored scenario across a restart, and migrates on read a row an older deploy left", SLOW, async () => {
    const dir = freshDir(true);
    const title = `重启 ${crypto.randomUUID().slice(0, 8)}`;
    let server = await startPagesServer(dir, production);
    let id: string;
    try {
      const res = await postJson(server.baseUrl, { scenario: defaultScenario, title });
      expect(res.status).toBe(201);
      id = ((await res.json()) as { id: string }).id;
    } finally {
      await server.stop();
    }

    // The pre-release v0 shape, one number per input, as an older deploy would have stored it.
    const v0 = { version: 0, gdpGrowth: 6, deflator: 2, incomeGrowth: 7, cpi: 2, population: { natural: 1, migration: 3000 }, servicesTarget: 60, nationalGrowth: 5 };
    const legacy = legacyId();
    insertLegacyRow(dir, { id: legacy, schemaVersion: 0, scenario: v0, title: "旧版本" });

    server = await startPagesServer(dir, production);
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

      const old = await fetch(`${server.baseUrl}/api/scenarios/${legacy}`);
      expect(old.status).toBe(200);
      const migrated = (await old.json()) as { storedSchemaVersion: number; schemaVersion: number; scenario: Record<string, any>; title: string };
      expect(migrated.storedSchemaVersion).toBe(0);
      expect(migrated.schemaVersion).toBe(SCHEMA_VERSION);
      expect(migrated.scenario.v).toBe(SCHEMA_VERSION);
      expect(migrated.scenario.inputs.gdpRealGrowth.periods).toEqual([6, 6, 6]);
      expect(migrated.scenario.inputs.netMigration.periods).toEqual([3000, 3000, 3000]);
      expect(migrated.scenario.services.target).toBe(60);
      expect(validateScenario(migrated.scenario).ok).toBe(true);
      expect(migrated.title).toBe("旧版本");
      expect((await fetch(`${server.baseUrl}/s/${legacy}`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    // Read on migration, never rewritten.
    expect(JSON.parse(String(readRow(dir, legacy)!.scenario))).toEqual(v0);
    expect(countRows(dir, "scenarios")).toBe(2);
  });
});

describe("database unavailable", () => {
  it("answers 503 store-unavailable on every route that needs D1, health included, and still 400 for bad input", SLOW, async () => {
    // A real local D1 whose migrations were never applied: every query fails inside D1 itself.
    const server = await startPagesServer(freshDir(false));
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

      // D1 itself answers here, but without the tables every API call fails: not healthy.
      const health = await fetch(`${server.baseUrl}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ ok: false, db: "unavailable" });

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
    }
  });
});
