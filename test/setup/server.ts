// Starts `wrangler pages dev` on the built site with a throw-away D1 (a SQLite file in a temp
// folder), after applying the migrations to it. Tests read the address with inject("baseUrl").
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { offlineEnv, waitForHttp } from "../helpers/server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    persistDir: string;
  }
}

const port = Number(process.env.TEST_PORT ?? 8799);

export default async function setup(project: TestProject) {
  if (!existsSync("dist/index.html")) throw new Error("dist/ is missing: run `npm run build` first (npm test does).");
  const persistDir = mkdtempSync(join(tmpdir(), "chengqu-d1-"));
  const env = offlineEnv();
  execFileSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], { env, stdio: "pipe" });
  const child: ChildProcess = spawn(
    "npx",
    ["wrangler", "pages", "dev", "dist", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistDir, "--log-level", "warn"],
    { env, stdio: ["ignore", "inherit", "inherit"], detached: true },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/`, 60_000);
  project.provide("baseUrl", baseUrl);
  project.provide("persistDir", persistDir);
  return async () => {
    if (child.pid) {
      try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
    }
    rmSync(persistDir, { recursive: true, force: true });
  };
}
