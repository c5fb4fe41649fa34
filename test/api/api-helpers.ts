// Helpers for the share-link API suites: requests with a chosen client address, a direct
// read-only look at the D1 SQLite file, and a second `wrangler pages dev` for restart and
// outage tests.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { freePort, offlineEnv, waitForHttp } from "../helpers/server";

/**
 * A fresh client address per call. Locally, wrangler passes CF-Connecting-IP through (on
 * Cloudflare the edge sets it), so each test gets its own rate-limit bucket.
 */
export function fakeIp(): string {
  const b = () => Math.floor(Math.random() * 254) + 1;
  return `10.${b()}.${b()}.${b()}`;
}

export interface PostOptions {
  ip?: string;
  contentType?: string | null;
}

export function post(base: string, body: BodyInit | null, opts: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { "cf-connecting-ip": opts.ip ?? fakeIp() };
  const type = opts.contentType === undefined ? "application/json" : opts.contentType;
  if (type !== null) headers["content-type"] = type;
  return fetch(`${base}/api/scenarios`, { method: "POST", headers, body });
}

export function postJson(base: string, value: unknown, opts: PostOptions = {}): Promise<Response> {
  return post(base, JSON.stringify(value), opts);
}

function d1File(persistDir: string): string {
  const dir = join(persistDir, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (!file) throw new Error(`no D1 database file in ${dir}`);
  return join(dir, file);
}

/** Rows in a D1 table, read straight from the local SQLite file (read-only, WAL-safe). */
export function countRows(persistDir: string, table: "scenarios" | "creation_counts"): number {
  const db = new DatabaseSync(d1File(persistDir), { readOnly: true });
  try {
    return Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
  } finally {
    db.close();
  }
}

/** The hashed client keys of the rate-limit table. */
export function rateLimitClients(persistDir: string): string[] {
  const db = new DatabaseSync(d1File(persistDir), { readOnly: true });
  try {
    return (db.prepare("SELECT client FROM creation_counts").all() as { client: string }[]).map((r) => r.client);
  } finally {
    db.close();
  }
}

/** One row of the scenarios table, read straight from the SQLite file. */
export function readRow(persistDir: string, id: string): Record<string, unknown> | undefined {
  const db = new DatabaseSync(d1File(persistDir), { readOnly: true });
  try {
    return db.prepare("SELECT * FROM scenarios WHERE id = ?").get(id) as Record<string, unknown> | undefined;
  } finally {
    db.close();
  }
}

/**
 * Writes a row as an earlier deploy could have left it (an older schema version, a formula an
 * older compiler accepted), which the current API would never write itself.
 */
export function insertLegacyRow(persistDir: string, row: { id: string; schemaVersion: number; scenario: unknown; title?: string }): void {
  const db = new DatabaseSync(d1File(persistDir));
  try {
    db.prepare("INSERT INTO scenarios (id, content_key, schema_version, scenario, title, note, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)").run(
      row.id,
      Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0")).join(""),
      row.schemaVersion,
      JSON.stringify(row.scenario),
      row.title ?? null,
      "2025-06-01T08:00:00.000Z",
    );
  } finally {
    db.close();
  }
}

/** A fresh id that the API would never derive (it starts with a fixed marker). */
export function legacyId(): string {
  return ("Legacy" + crypto.randomUUID().replace(/-/g, "")).slice(0, 12);
}

export function applyMigrations(persistDir: string): void {
  execFileSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], { env: offlineEnv(), stdio: "pipe" });
}

export interface PagesServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts `wrangler pages dev dist` on a port from the OS with the given persistence folder. */
export async function startPagesServer(persistDir: string): Promise<PagesServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "npx",
    ["wrangler", "pages", "dev", "dist", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistDir, "--log-level", "error"],
    { env: offlineEnv(), stdio: ["ignore", "ignore", "inherit"], detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/`, 60_000);
  } catch (e) {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
    throw e;
  }
  return {
    baseUrl,
    async stop() {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          /* already gone */
        }
      }
      await exited;
      // workerd children leave with the process group; give the port a moment to be released.
      const until = Date.now() + 10_000;
      while (Date.now() < until) {
        try {
          await fetch(`${baseUrl}/`);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`server on ${baseUrl} still answers after stop`);
    },
  };
}
