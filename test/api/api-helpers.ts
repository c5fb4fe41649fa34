// Helpers for the share-link API suites: requests with a chosen client address, a direct
// read-only look at the D1 SQLite file, and further `wrangler pages dev` servers (each with its
// own D1 folder) for restart, configuration and outage tests.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { CREATION_WINDOW_SECONDS } from "../../functions/_lib/ratelimit";
import { freePort, offlineEnv, waitForHttp } from "../helpers/server";

/**
 * A fresh client address per call. Locally, wrangler passes CF-Connecting-IP through (on
 * Cloudflare the edge sets it), so each test gets its own rate-limit bucket.
 */
export function fakeIp(): string {
  const b = () => Math.floor(Math.random() * 254) + 1;
  return `10.${b()}.${b()}.${b()}`;
}

/** The rate-limit window (aligned to the clock, as the Function counts it) holding this moment. */
function creationWindow(nowMs = Date.now()): number {
  return Math.floor(nowMs / 1000 / CREATION_WINDOW_SECONDS);
}

/**
 * Runs a rate-limit scenario inside one counting window. The limit counts per clock-aligned
 * window, so a run that happens to cross a boundary (every ten minutes) starts counting from
 * zero half-way and cannot see its 429: that run is repeated once, with fresh clients, in the
 * new window. A failure inside one window is a real failure and is thrown.
 */
export async function inOneCreationWindow(run: () => Promise<void>): Promise<void> {
  const started = creationWindow();
  try {
    await run();
  } catch (error) {
    if (creationWindow() === started) throw error;
    await run();
  }
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

/**
 * A read-only connection to the D1 file. Safe while a runtime writes it: miniflare keeps the
 * database in WAL mode, where a reader sees every committed transaction (WAL included, no
 * checkpoint needed) and never blocks the writer; a reader cannot checkpoint either. Refuses
 * to read a database in rollback-journal mode, where a reader's lock would make the runtime's
 * writes fail with SQLITE_BUSY.
 */
function readD1<T>(persistDir: string, read: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(d1File(persistDir), { readOnly: true, timeout: 5_000 });
  try {
    const mode = (db.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode;
    if (mode !== "wal") throw new Error(`the D1 file is in ${mode} mode: reading it could block the runtime`);
    return read(db);
  } finally {
    db.close();
  }
}

/** Rows in a D1 table, read straight from the local SQLite file. */
export function countRows(persistDir: string, table: "scenarios" | "creation_counts"): number {
  return readD1(persistDir, (db) => Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n));
}

/** The hashed client keys of the rate-limit table. */
export function rateLimitClients(persistDir: string): string[] {
  return readD1(persistDir, (db) => (db.prepare("SELECT client FROM creation_counts").all() as { client: string }[]).map((r) => r.client));
}

/** One row of the scenarios table, read straight from the SQLite file. */
export function readRow(persistDir: string, id: string): Record<string, unknown> | undefined {
  return readD1(persistDir, (db) => db.prepare("SELECT * FROM scenarios WHERE id = ?").get(id) as Record<string, unknown> | undefined);
}

/**
 * Writes a row as an earlier deploy could have left it (an older schema version), which the
 * current API would never write itself. Only into a folder no runtime is using: a second
 * writer on a live file makes the runtime's own writes fail (SQLITE_BUSY).
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
  /** What the server printed so far (its Functions' console.error lines included). */
  log(): string;
  /** Resolves once every process of the server (npx, wrangler, workerd) has exited. */
  stop(): Promise<void>;
}

export interface PagesServerOptions {
  /** Pass LOCAL_DEVELOPMENT=1, as `npm start` and the main test server do (default true). */
  local?: boolean;
  /** More `--binding KEY=VALUE` variables (a RATE_LIMIT_SALT, say). */
  bindings?: Record<string, string>;
}

/** True while any process of the group still exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `wrangler pages dev dist` on a port from the OS with the given persistence folder.
 * One runtime per folder at a time: two workerd processes on one SQLite file contend for its
 * locks (SQLITE_BUSY, answered 503), so callers give each server its own folder and restart
 * only after stop() has resolved.
 */
export async function startPagesServer(persistDir: string, opts: PagesServerOptions = {}): Promise<PagesServer> {
  const port = await freePort();
  const bindings = { ...(opts.local === false ? {} : { LOCAL_DEVELOPMENT: "1" }), ...opts.bindings };
  const child: ChildProcess = spawn(
    "npx",
    [
      "wrangler", "pages", "dev", "dist", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistDir, "--log-level", "error",
      ...Object.entries(bindings).flatMap(([k, v]) => ["--binding", `${k}=${v}`]),
    ],
    { env: offlineEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  // The Functions' console output arrives on wrangler's stdout or stderr, depending on the level.
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const died = exited.then(() => {
    throw new Error(`wrangler pages dev exited before it was ready:\n${output}`);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([waitForHttp(`${baseUrl}/`, 60_000), died]);
  } catch (e) {
    if (child.pid && groupAlive(child.pid)) process.kill(-child.pid, "SIGTERM");
    throw e;
  }
  died.catch(() => undefined);
  return {
    baseUrl,
    log: () => output,
    async stop() {
      const pgid = child.pid;
      if (!pgid) return;
      if (groupAlive(pgid)) process.kill(-pgid, "SIGTERM");
      await exited;
      // workerd may outlive wrangler for a moment while it closes the database: wait until no
      // process of the group is left, so that the next server on this folder is its only user.
      const until = Date.now() + 15_000;
      while (groupAlive(pgid)) {
        if (Date.now() > until) {
          process.kill(-pgid, "SIGKILL");
          await new Promise((r) => setTimeout(r, 500));
          if (groupAlive(pgid)) throw new Error(`server on ${baseUrl} did not stop`);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
