// `npm run bench`: every benchmark table, one after another. Each part is its own npm script
// so it can run alone; a part whose script does not exist is reported, not skipped silently.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts;
const parts = ["bench:engine", "bench:bundle", "bench:audit", "bench:hydrate", "bench:simulator", "bench:og", "bench:share", "bench:load"];
let failed = 0;
for (const part of parts) {
  if (!scripts[part]) {
    console.log(`\n(${part}: not defined)`);
    continue;
  }
  const r = spawnSync("npm", ["run", "--silent", part], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.log(`\n${part} exited with ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
