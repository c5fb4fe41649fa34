// Shared by the benchmark scripts: a throw-away local Pages server and table printing.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const offlineEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  ASTRO_TELEMETRY_DISABLED: "1",
};

/** Starts `wrangler pages dev dist` with a fresh D1 and returns its origin and a stop function. */
export async function startServer(port) {
  const persistDir = mkdtempSync(join(tmpdir(), "chengqu-bench-"));
  execFileSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], { env: offlineEnv, stdio: "pipe" });
  const child = spawn("npx", ["wrangler", "pages", "dev", "dist", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistDir, "--log-level", "error"], {
    env: offlineEnv,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const origin = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(origin + "/")).ok) break;
    } catch {}
    if (Date.now() > until) throw new Error(`server on ${origin} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    origin,
    persistDir,
    stop() {
      try { process.kill(-child.pid, "SIGTERM"); } catch {}
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
