// Shared by the benchmark scripts and the site tests: a throw-away local Pages server, and
// table printing for the benchmarks.
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Environment that keeps wrangler and astro from calling home (no network here, none in CI).
 * @returns {NodeJS.ProcessEnv}
 */
export function offlineEnv() {
  return {
    ...process.env,
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_HIDE_BANNER: "true",
    ASTRO_TELEMETRY_DISABLED: "1",
    CI: process.env.CI ?? "true",
  };
}

/**
 * Resolves once `url` answers with anything but a server error.
 * @param {string} url
 * @param {number} timeoutMs
 * @returns {Promise<void>}
 */
export async function waitForHttp(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
      last = new Error(`status ${res.status}`);
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not answer within ${timeoutMs} ms: ${String(last)}`);
}

/**
 * A TCP port the OS has just handed out on 127.0.0.1. Servers of tests and benchmarks never
 * take a fixed port: another checkout's tests, or anything else on a busy machine, may hold it,
 * and a readiness probe would then be answered by the wrong server.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("the OS gave no port"))));
    });
  });
}

/**
 * Starts `wrangler pages dev dist` with a fresh D1 (a SQLite file in a temp folder, migrations
 * applied) and returns its origin, that folder and a stop function.
 * The port comes from the OS unless one is given (an explicit port is for a person debugging).
 * @param {number | undefined} [port]
 * @param {{ logLevel?: "error" | "warn" }} [options]
 * @returns {Promise<{ origin: string; persistDir: string; stop(): void }>}
 */
export async function startServer(port, { logLevel = "error" } = {}) {
  port = port || (await freePort());
  const persistDir = mkdtempSync(join(tmpdir(), "chengqu-d1-"));
  const env = offlineEnv();
  execFileSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], { env, stdio: "pipe" });
  const origin = `http://127.0.0.1:${port}`;
  // LOCAL_DEVELOPMENT=1: a local server may run without RATE_LIMIT_SALT (functions/_lib/ratelimit.ts).
  // Share links point at the configured site (SITE_URL): here, this server.
  const child = spawn("npx", ["wrangler", "pages", "dev", "dist", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistDir, "--log-level", logLevel, "--binding", "LOCAL_DEVELOPMENT=1", "--binding", `SITE_URL=${origin}`], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  // If wrangler dies (the port was taken in between, say), fail now instead of probing a
  // port that some other program may answer.
  const exited = new Promise((_, reject) =>
    child.once("exit", (code) => reject(new Error(`wrangler pages dev exited (code ${code}) before ${origin} was ready`))),
  );
  try {
    await Promise.race([waitForHttp(`${origin}/`, 60_000), exited]);
  } catch (e) {
    if (child.pid) {
      try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
    }
    throw e;
  }
  exited.catch(() => {});
  return {
    origin,
    persistDir,
    stop() {
      if (child.pid) {
        try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
      }
      rmSync(persistDir, { recursive: true, force: true });
    },
  };
}

/** Prints rows (objects with the same keys) as a Markdown table. */
export function printTable(title, rows) {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  const cell = (v) => String(v ?? "");
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k]).length)));
  const line = (vals) => "| " + vals.map((v, i) => v.padEnd(widths[i])).join(" | ") + " |";
  console.log(`\n### ${title}\n`);
  console.log(line(keys));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const r of rows) console.log(line(keys.map((k) => cell(r[k]))));
}

/**
 * Brings the simulator into the state a drag is measured in: on a phone, the slider `selector`
 * in the middle of the screen with the dock's chart drawn above it; on a desktop, every chart
 * created (they are made as they near the viewport) and drawn. Shared by the simulator's
 * benchmark and its profiling tools, so they measure the same thing.
 */
export async function readySimulatorCharts(page, phone, selector = "#in-gdpRealGrowth-0-range") {
  if (phone) {
    await page.locator(selector).evaluate((e) => e.scrollIntoView({ block: "center" }));
    await page.waitForFunction(() => !!document.querySelector(".dock canvas") && (globalThis.__simDraws ?? 0) > 0);
  } else {
    await page.evaluate(() => document.querySelector(".charts")?.scrollIntoView());
    await page.waitForFunction(() => document.querySelectorAll(".chart canvas").length === 4 && [...document.querySelectorAll(".chart")].every((f) => !f.querySelector(".chart-loading")));
  }
  // The scroll above brought the parts below the first screen to life (they hydrate when the
  // page is first scrolled): let them finish before anything is measured.
  await page.waitForSelector("html[data-simulator-parts=all]");
}
