// Starts `wrangler pages dev` on the built site with a throw-away D1 (a SQLite file in a temp
// folder), after applying the migrations to it. Tests read the address with inject("baseUrl").
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startServer } from "../../scripts/lib.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    persistDir: string;
  }
}

// A port from the OS unless TEST_PORT asks for one: never a fixed default (a busy machine may hold it).
const port = process.env.TEST_PORT ? Number(process.env.TEST_PORT) : undefined;

export default async function setup(project: TestProject) {
  if (!existsSync("dist/index.html")) throw new Error("dist/ is missing: run `npm run build` first (npm test does).");
  const server = await startServer(port, { logLevel: "warn" });
  project.provide("baseUrl", server.origin);
  project.provide("persistDir", server.persistDir);
  return () => server.stop();
}
